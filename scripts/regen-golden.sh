#!/usr/bin/env bash
# Rewrites tests/golden/hellos/<id>.hex from the current profiles: the exact
# ClientHello of each, with fixed randomness and SNI example.com. Run after a
# deliberate profile change, and review the diff: every changed byte is a
# changed fact about a client.
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${1:-build/release/tlsdoctor}"
dir=tests/golden/hellos
rm -f "$dir"/*.hex
for id in $("$bin" profiles --json | python3 -c 'import json,sys; print("\n".join(p["id"] for p in json.load(sys.stdin)["profiles"]))'); do
  "$bin" profiles --hello-hex "$id" > "$dir/$id.hex"
done
ls "$dir" | wc -l | xargs echo "golden hellos:"
