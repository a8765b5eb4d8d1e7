#!/usr/bin/env bash
# What a new user sees: clones this repository (its committed HEAD) with `git clone --no-local`
# into an empty temporary folder, with nothing beside it (no ../shared), and runs the README's two
# quick-start commands there, checking that each exits as the README says:
#   Scripts/bootstrap.sh && swift run -c release claimlint check Samples   -> 1 (findings)
#   Scripts/bootstrap.sh && swift test                                     -> 0, and the tests that
#     need material outside the repository are reported as skipped, each naming what it needs.
# Run by .ci/run. Takes a few minutes (a release and a debug build from nothing).
# Usage: Scripts/clean-clone-check.sh [WORK-FOLDER]   (default: a new mktemp -d, removed at the end)
set -euo pipefail
repository=$(cd "$(dirname "$0")/.." && pwd)
readme="$repository/README.md"

if [ -n "${1:-}" ]; then
  work=$1; mkdir -p "$work"; keep=1
else
  work=$(mktemp -d "${TMPDIR:-/tmp}/claimlint-clean-clone.XXXXXX"); keep=0
  # mktemp -d makes the folder 0700; a clone a user makes is readable by others, and the tests
  # that run the binary as an unprivileged user (runuser, when run as root) need to reach it.
  chmod 755 "$work"
fi
[ -z "$(ls -A "$work")" ] || { echo "clean-clone: $work is not empty" >&2; exit 1; }
[ "$keep" -eq 1 ] || trap 'rm -rf "$work"' EXIT

# The two commands, read from the README's quick start so that the check follows the README.
quick_start=$(awk '/^## Quick start/{on=1} on && /^```sh/{block=1; next} block && /^```/{exit} block' "$readme")
run_command=$(grep -m1 'claimlint check Samples' <<<"$quick_start" | sed 's/[[:space:]]*#.*//')
test_command=$(grep -m1 'swift test' <<<"$quick_start" | sed 's/[[:space:]]*#.*//')
[ -n "$run_command" ] && [ -n "$test_command" ] || { echo "clean-clone: README.md's quick start has no check or test command" >&2; exit 1; }

echo "--- git clone --no-local into $work/claimlint (nothing beside it)"
git clone -q --no-local "$repository" "$work/claimlint"
cd "$work/claimlint"
[ ! -e ../shared ] || { echo "clean-clone: $work/shared exists" >&2; exit 1; }
# The user's environment, not CI's: no mandatory test material.
unset CLAIMLINT_REQUIRE_TEST_MATERIAL

echo "--- $run_command   (README: exit 1, findings on the sample pages)"
set +e
bash -c "$run_command" > "$work/check.txt" 2> "$work/check.err"
status=$?
set -e
tail -n 1 "$work/check.txt"
if [ "$status" -ne 1 ]; then
  echo "clean-clone: expected exit 1, got $status"; tail -n 20 "$work/check.err"; exit 1
fi
grep -q -E '^[0-9]+ files linted: ' "$work/check.txt" || { echo "clean-clone: no summary line"; exit 1; }

echo "--- $test_command   (README: exit 0; tests that need ../shared skip, naming it)"
set +e
bash -c "$test_command" > "$work/test.log" 2>&1
status=$?
set -e
grep -E "Test run with" "$work/test.log" | tail -n 1
if [ "$status" -ne 0 ]; then
  echo "clean-clone: swift test exited $status"; grep -E "✘|error:" "$work/test.log" | head -n 40; exit 1
fi
skips=$(grep -E 'skipped: "needs ' "$work/test.log" || true)
echo "$skips" | sed 's/^/  /'
for needed in ../shared/seeds/ketamine-anxiousness.md ../shared/schemas/sarif-schema-2.1.0.json ../shared/bench/make-corpus.py; do
  grep -q -F "needs $needed" <<<"$skips" || { echo "clean-clone: no test reported skipping for want of $needed"; exit 1; }
done
echo "--- clean clone ok"
