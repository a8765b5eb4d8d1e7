#!/usr/bin/env bash
# Scores claimlint's judgment on a labelled corpus with the shared scorer:
#   Scripts/score-dev.sh [CORPUS] [--verbose]
# CORPUS defaults to ../shared/corpus/dev (a folder with docs/, labels.jsonl, disclaimers.jsonl).
set -euo pipefail
cd "$(dirname "$0")/.."
corpus="${1:-../shared/corpus/dev}"
shift || true
scorer="$(dirname "$corpus")/../eval/score.py"
[ -f "$scorer" ] || scorer="../shared/eval/score.py"
Scripts/bootstrap.sh
swift build -c release --product claimlint >/dev/null
bin="$(swift build -c release --show-bin-path)/claimlint"
report="$(mktemp)"
trap 'rm -f "$report"' EXIT
"$bin" check --fail-on never --format json "$corpus/docs" > "$report"
python3 "$scorer" "$corpus" "$report" "$@"
