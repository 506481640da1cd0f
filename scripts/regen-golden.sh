#!/usr/bin/env bash
# Rewrites tests/golden/hellos/<id>.hex from the current profiles: the exact
# ClientHello of each, with fixed randomness and SNI example.com, and beside it
# <id>.txt, the same hello one field per line (tests/golden/hello_fields.py) so
# that a change reads as a diff of suites and extensions. Run after a
# deliberate profile change, and review the diff: every changed byte is a
# changed fact about a client.
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${1:-build/release/tlsdoctor}"
dir=tests/golden/hellos
rm -f "$dir"/*.hex "$dir"/*.txt
for id in $("$bin" profiles --json | python3 -c 'import json,sys; print("\n".join(p["id"] for p in json.load(sys.stdin)["profiles"]))'); do
  "$bin" profiles --hello-hex "$id" > "$dir/$id.hex"
  python3 tests/golden/hello_fields.py "$dir/$id.hex" > "$dir/$id.txt"
done
ls "$dir"/*.hex | wc -l | xargs echo "golden hellos:"
