#!/usr/bin/env bash
# The approved-claims library's cost (issue 12): the 20 MB benchmark corpus linted with a
# 5,000-entry library against the same run without one, alternately (pairbench.py), text report
# to /dev/null. The goal is at most 1.1x. Run it on an otherwise idle machine:
#   Scripts/bench-approved.sh [PATH/TO/make-corpus.py] [PAIRS] [ENTRIES]
#
# The library is built from the corpus's own claim sentences, so that the index has real work:
# a fifth of the entries are sentences of the corpus word for word (their findings become
# approved), two fifths are one or two word edits away (near variants), and two fifths keep half
# their words and take the rest from the corpus's vocabulary (they share rare words with pages,
# so they are candidates that must be compared and rejected). Corpus and library stay under /tmp.
set -euo pipefail
cd "$(dirname "$0")/.."
source Scripts/lib/bench-setup.sh "$@"
entries="${3:-5000}"
bench_corpus 20
"$bin" check --no-config --fail-on never --format json "$work/corpus20" > "$work/corpus20.json"
python3 - "$work/corpus20.json" "$work/approved.yml" "$entries" <<'PY'
import json, random, re, sys
report = json.load(open(sys.argv[1]))
sentences = sorted({f["sentence"] for file in report["files"] for f in file["findings"] if f["kind"] in ("claim", "statistic")})
words = lambda s: re.findall(r"[a-z0-9]+", s.lower())
sentences = [s for s in sentences if 5 <= len(words(s)) <= 60]
vocabulary = sorted({w for s in sentences for w in words(s)})
rng = random.Random(1)
count = int(sys.argv[3])
out = ["version: 1", "claims:"]
seen = set()
for n in range(count):
    base = words(rng.choice(sentences))
    kind = n % 5
    if kind == 0:
        text = base
    elif kind in (1, 2):
        text = list(base)
        for _ in range(rng.randint(1, 2)):
            text[rng.randrange(len(text))] = rng.choice(vocabulary)
    else:
        text = [w if rng.random() < 0.5 else rng.choice(vocabulary) for w in base]
    key = " ".join(text)
    if key in seen:
        text = text + [f"v{n}"]
        key = " ".join(text)
    seen.add(key)
    out += [f"  - id: entry-{n}", f"    text: {json.dumps(key)}", "    reference: \"Bench reference\"",
            "    approved-by: bench", "    approved-on: 2025-01-01"]
open(sys.argv[2], "w").write("\n".join(out) + "\n")
print(f"library: {count} entries from {len(sentences)} distinct claim sentences, {len(vocabulary)} words")
PY
echo "corpus: $(find "$work/corpus20" -name '*.md' | wc -l) files (make-corpus.py --mb 20 --seed 1); $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"
"$bin" check --no-config --fail-on never --approved "$work/approved.yml" "$work/corpus20" | tail -1
echo "== with the library (A) vs without (B), alternating"
python3 "$bench_dir/pairbench.py" -n "$pairs" \
  "$bin check --no-config --fail-on never --approved $work/approved.yml $work/corpus20 > /dev/null" \
  "$bin check --no-config --fail-on never $work/corpus20 > /dev/null"
