#!/usr/bin/env bash
# Sets up, builds and runs every test: unit tests and fuzz-seed replays under
# ASan+UBSan, a short libFuzzer smoke per parser, the data checks, and the
# Python-driven suites against real servers (the lab), the quirky peer and
# real clients. Prints the number of skipped tests ("skipped: N") and then one
# closing line: "N passed, N failed". With CI=true a test that cannot run (a real
# client, the Go toolchain, a lab server missing) fails instead of skipping.
set -euo pipefail
cd "$(dirname "$0")/.."
FUZZ_SECONDS="${FUZZ_SECONDS:-8}"

scripts/setup.sh --with-tests
# The extra real clients of tests/interop (Go releases, Node majors from npm), cached
# and idempotent; a missing one is reported by the interop tests (a failure in CI).
scripts/install-interop-clients.sh >&2

echo "== build (asan-ubsan)" >&2
cmake --preset asan-ubsan >/dev/null
cmake --build --preset asan-ubsan

passed=0 failed=0
record() {  # record NAME STATUS
  if [[ $2 -eq 0 ]]; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAILED: $1" >&2; fi
}

echo "== unit tests and fuzz-seed replays (ctest)" >&2
set +e
ctest --preset asan-ubsan -j2 --timeout 120 2>&1 | tee build/ctest.log
set -e
ctest_pass=$(grep -oE '[0-9]+ tests failed out of [0-9]+' build/ctest.log | awk '{print $6-$1}' || true)
ctest_fail=$(grep -oE '[0-9]+ tests failed out of' build/ctest.log | awk '{print $1}' || true)
ctest_skip=$(grep -cE '\((Skipped|Disabled)\)$' build/ctest.log || true)  # "did not run" list
passed=$((passed + ${ctest_pass:-0} - ${ctest_skip:-0})); failed=$((failed + ${ctest_fail:-1}))

echo "== data checks" >&2
set +e; python3 scripts/catalog/check.py; record data-check $?; set -e

echo "== fuzz smoke (libFuzzer, ${FUZZ_SECONDS}s per target)" >&2
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz
for bin in build/fuzz/fuzz/fuzz_*; do
  name=$(basename "$bin"); name=${name#fuzz_}
  work=$(mktemp -d)
  set +e
  "$bin" -max_total_time="$FUZZ_SECONDS" -timeout=10 -rss_limit_mb=1024 -print_final_stats=0 \
    "$work" "fuzz/corpus/$name" >"build/fuzz-$name.log" 2>&1
  status=$?
  set -e
  [[ $status -ne 0 ]] && tail -30 "build/fuzz-$name.log" >&2
  record "fuzz-$name" "$status"
  rm -rf "$work"
done

echo "== lab, quirky peer and end-to-end tests (pytest)" >&2
# The interpreter that has pytest and jsonschema (the schema tests): Debian's
# python3-pytest and python3-jsonschema from setup.sh, when python3 on PATH is
# another Python (pyenv) without them.
py=python3
for candidate in python3 /usr/bin/python3; do
  if $candidate -c 'import pytest, jsonschema' 2>/dev/null; then py=$candidate; break; fi
done
# The Go toolchain of the machine image, for the interop clients and the Go snippets.
if ! command -v go >/dev/null && [[ -x /usr/local/go/bin/go ]]; then PATH="$PATH:/usr/local/go/bin"; fi
set +e
TLSDOCTOR_BIN="$PWD/build/asan-ubsan/tlsdoctor" $py -m pytest -q -p no:cacheprovider 2>&1 | tee build/pytest.log
set -e
py_pass=$(grep -oE '[0-9]+ passed' build/pytest.log | tail -1 | awk '{print $1}' || true)
py_fail=$(grep -oE '[0-9]+ (failed|errors?)' build/pytest.log | awk '{s+=$1} END {print s+0}' || true)
[[ -z "$py_pass" && "$py_fail" -eq 0 ]] && py_fail=1  # pytest itself broke
py_skip=$(grep -E '[0-9]+ (passed|failed|skipped|errors?)' build/pytest.log | tail -1 \
          | grep -oE '[0-9]+ skipped' | awk '{print $1}' || true)
passed=$((passed + ${py_pass:-0})); failed=$((failed + py_fail))

echo "skipped: $(( ${ctest_skip:-0} + ${py_skip:-0} )) (ctest ${ctest_skip:-0}, pytest ${py_skip:-0})"
echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
