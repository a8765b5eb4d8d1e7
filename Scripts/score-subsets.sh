#!/usr/bin/env bash
# Scores claimlint on slices of a labelled corpus, so that pages used for tuning and pages kept
# as a holdout are reported apart (the scorer itself reads whole corpora):
#   Scripts/score-subsets.sh [CORPUS] [--verbose-set NAME]
# Slices by page number: original (00-30), tuning (41-324), holdout (400-524), new (41-524), all.
# The holdout slice is only scored, never printed line by line unless asked for by name.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus="${1:-../shared/corpus/dev}"
verbose_set="${3:-}"
[ "${2:-}" = "--verbose-set" ] || verbose_set=""
scorer="../shared/eval/score.py"
swift build -c release --product claimlint >/dev/null
bin="$(swift build -c release --show-bin-path)/claimlint"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for set in original tuning holdout new all; do
  mkdir -p "$work/$set/docs"
  python3 - "$corpus" "$work/$set" "$set" <<'PY'
import json, os, sys
corpus, out, name = sys.argv[1:4]
def number(doc):
    return int(doc.split("-", 1)[0])
keep = {
    "original": lambda n: n <= 30,
    "tuning": lambda n: 41 <= n <= 324,
    "holdout": lambda n: n >= 400,
    "new": lambda n: n >= 41,
    "all": lambda n: True,
}[name]
docs = [d for d in os.listdir(os.path.join(corpus, "docs")) if d.endswith(".md") and keep(number(d))]
for d in docs:
    os.symlink(os.path.abspath(os.path.join(corpus, "docs", d)), os.path.join(out, "docs", d))
for f in ("labels.jsonl", "disclaimers.jsonl"):
    with open(os.path.join(corpus, f)) as src, open(os.path.join(out, f), "w") as dst:
        for line in src:
            if line.strip() and json.loads(line)["doc"] in docs:
                dst.write(line)
PY
  "$bin" check --no-config --fail-on never --format json "$work/$set/docs" > "$work/$set.json" || true
  flags=()
  [ "$set" = "$verbose_set" ] && flags=(--verbose)
  printf '%-9s ' "$set"
  python3 "$scorer" "$work/$set" "$work/$set.json" "${flags[@]}" | { if [ -n "${flags[*]}" ]; then cat; else tail -n 2 | tr '\n' ' '; echo; fi; }
done
