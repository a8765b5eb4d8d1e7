#!/usr/bin/env bash
# Runs named regression tests against another claimlint binary (a build without the fix, say), to
# show that they fail there. The tests run from this tree as usual (swift test --filter), but every
# test that runs the CLI through TestSupport.binary runs OTHER-BINARY instead
# (CLAIMLINT_TEST_BINARY). Tests that call the library directly see this tree's code whatever the
# binary: for those, Scripts/mutations.py is the proof.
#
# Usage: Scripts/regressions-against.sh OTHER-BINARY SUITE/TEST...
#   e.g. Scripts/regressions-against.sh /tmp/old/.build/debug/claimlint HardeningCLITests/reportIntoNamedPipe
# Each test runs on its own; the script prints, per test, "fails against OTHER-BINARY" (what a
# regression test should do) or "passes against OTHER-BINARY", and exits 0 only when every named
# test failed there (1 otherwise, 64 on a usage error). Run no other `swift test` at the same time.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$#" -lt 2 ]; then
  sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 64
fi
other=$1
shift
[ -x "$other" ] && [ -f "$other" ] || { echo "regressions-against: $other: not an executable file" >&2; exit 64; }
other=$(cd "$(dirname "$other")" && pwd)/$(basename "$other")

swift build --build-tests >/dev/null
log=$(mktemp)
trap 'rm -f "$log"' EXIT
passed=0
for test in "$@"; do
  set +e
  CLAIMLINT_TEST_BINARY="$other" swift test --skip-build --filter "$test" >"$log" 2>&1
  status=$?
  set -e
  # A filter that names no test runs none, and that "passes": say so instead.
  if ! grep -q -E "Test run with [1-9][0-9]* tests?" "$log"; then
    echo "$test: no such test (swift test --filter ran none)"
    passed=1
  elif [ "$status" -eq 0 ]; then
    echo "$test: passes against $other (it does not tell that build from this one)"
    passed=1
  else
    echo "$test: fails against $other"
    grep -E "recorded an issue|Expectation failed" "$log" | head -n 3 | sed 's/^/    /'
  fi
done
exit "$passed"
