#!/usr/bin/env bash
# Rewrites tests/golden/json/<command>.json: each command's --json output on the lab's
# story2 scenario, volatile fields normalised (tests/schema/golden.py). Run after a
# deliberate change of a JSON document, then review the diff: every changed line is a
# changed published format (and docs/json.md, docs/schema/ may need the same change).
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${1:-build/release/tlsdoctor}"
py=python3
for candidate in python3 /usr/bin/python3; do
  if $candidate -c 'import pytest, jsonschema' 2>/dev/null; then py=$candidate; break; fi
done
[[ $bin == /* ]] || bin="$PWD/$bin"
TLSDOCTOR_REGEN_GOLDEN=1 TLSDOCTOR_BIN="$bin" \
  $py -m pytest -q -p no:cacheprovider tests/schema/test_golden_json.py
git status --short tests/golden/json
