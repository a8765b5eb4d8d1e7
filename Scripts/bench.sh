#!/usr/bin/env bash
# claimlint's performance benchmark (issue 5). Run it on an otherwise idle machine:
#   Scripts/bench.sh [PATH/TO/make-corpus.py] [PAIRS]
# It builds release, generates the 50 MB benchmark corpus (seed 1), compiles the bare libcmark
# floor with -O2, times claimlint (full default rules, text report to /dev/null) against the
# floor alternately (pairbench.py: A B A B ...), and then measures start-up, files per second,
# linearity (a 1 MB vs a 5 MB paragraph), peak memory (/usr/bin/time -v) on the pathological
# files and the issue's inputs, and every report format's wall time and peak memory on the 20 MB
# and 50 MB corpora beside the floor.
set -euo pipefail
cd "$(dirname "$0")/.."
source Scripts/lib/bench-setup.sh "$@"
cc -O2 -o "$work/cmark-floor" "$bench_dir/cmark-floor.c" -lcmark

bench_corpus 50
find "$work/corpus50" -name '*.md' | sort > "$work/list50"
files=$(wc -l < "$work/list50")
bytes=$(cat "$work/list50" | xargs cat | wc -c)
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/ {print $2}') GiB"
echo "corpus: $files files, $bytes bytes (make-corpus.py --mb 50 --seed 1)"
echo

echo "== claimlint (A) vs the bare libcmark parse-and-walk floor (B), alternating"
python3 "$bench_dir/pairbench.py" -n "$pairs" \
  "$bin check --no-config --fail-on never $work/corpus50 > /dev/null" \
  "$work/cmark-floor - < $work/list50 > /dev/null" | tee "$work/pair.txt"
wall_a=$(awk '/^A:/ {getline; print $2}' "$work/pair.txt")
wall_b=$(awk '/^B:/ {getline; print $2}' "$work/pair.txt")
python3 - "$bytes" "$files" "$wall_a" "$wall_b" <<'PY'
import sys
size, files, a, b = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
print(f"claimlint: {size / a / 1e6:.1f} MB/s, {files / a:.0f} files/s; floor: {size / b / 1e6:.1f} MB/s; ratio {a / b:.2f}x (median walls)")
PY
echo

echo "== start-up on an empty file (median of 30 runs)"
: > "$work/empty.md"
python3 - "$bin" "$work/empty.md" <<'PY'
import statistics, subprocess, sys, time
times = []
for _ in range(30):
    t0 = time.perf_counter()
    subprocess.run([sys.argv[1], "check", "--no-config", sys.argv[2]], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    times.append(time.perf_counter() - t0)
print(f"start-up: median {statistics.median(times) * 1000:.1f} ms (min {min(times) * 1000:.1f} ms)")
PY
echo

echo "== linearity: one paragraph of 1 MB vs 5 MB"
python3 - "$work" <<'PY'
import sys
# Like a clinic page: one claim or statistic in every few ordinary sentences.
sentences = (
    "Our clinic sits on the second floor of the Harbor Building, next to the pharmacy. "
    "Parking is free for patients and the waiting room has coffee and tea. "
    "Our ketamine infusions are fast-acting and clinically proven for depression. "
    "Appointments run from nine to five on weekdays and until noon on Saturday. "
    "More than 40 million adults live with an anxiety disorder. "
    "Please bring a list of your medications and your insurance card. "
)
for mb in (1, 5):
    text = (sentences * (mb * 1_000_000 // len(sentences) + 1))[: mb * 1_000_000]
    lines = [text[i:i + 80] for i in range(0, len(text), 80)]
    open(f"{sys.argv[1]}/paragraph-{mb}mb.md", "w").write("\n".join(lines) + "\n")
PY
for mb in 1 5; do
  /usr/bin/time -f "paragraph ${mb} MB: %e s wall, %M KB peak RSS" "$bin" check --no-config --quiet --fail-on never "$work/paragraph-${mb}mb.md" > /dev/null
done
echo

echo "== peak memory does not grow with the number of files"
head -n 100 "$work/list50" | grep -v '/large/' > "$work/list100"
/usr/bin/time -f "100 ordinary pages: %M KB peak RSS" "$bin" check --no-config --quiet --fail-on never $(cat "$work/list100") > /dev/null
grep -v '/large/' "$work/list50" > "$work/list-ordinary"
/usr/bin/time -f "$(wc -l < "$work/list-ordinary") ordinary pages: %M KB peak RSS" "$bin" check --no-config --quiet --fail-on never $(cat "$work/list-ordinary") > /dev/null
/usr/bin/time -f "whole corpus incl. 1-5 MB outliers: %M KB peak RSS" "$bin" check --no-config --fail-on never "$work/corpus50" > /dev/null
echo

# Each file alone, in the text format and in the formats that hold more of the run (json, sarif,
# html): wall time, peak RSS (goal: at most 512 MiB each) and exit status, one line per file.
each_format() {
  local file="$1" line="$(basename "$1"):"
  for format in text json sarif html; do
    /usr/bin/time -f "%e %M %x" -o "$work/each.time" \
      "$bin" check --no-config --quiet --fail-on never --format "$format" "$file" > "$work/each.out" 2> "$work/each.err" || true
    read -r wall peak status < <(tail -n 1 "$work/each.time" | sed 's/^Command exited with non-zero status [0-9]*//')
    line="$line $format $wall s $((peak / 1024)) MiB exit $status, $(wc -c < "$work/each.out") B;"
  done
  echo "$line"
  grep -m1 'error' "$work/each.err" | sed 's/^/    /' || true
}

echo "== pathological inputs (make-corpus.py --pathological): each file alone"
if [ ! -d "$work/pathological/pathological" ]; then
  rm -rf "$work/pathological"
  python3 "$generator" "$work/pathological" --mb 0.01 --seed 1 --pathological >/dev/null
fi
for file in "$work"/pathological/pathological/*; do each_format "$file"; done
echo

echo "== the issue's inputs (Scripts/make-stress-inputs.py): each file alone, findings capped per page"
if [ ! -f "$work/stress/brackets-3mb.md" ]; then
  python3 Scripts/make-stress-inputs.py "$work/stress" >/dev/null
fi
for file in "$work"/stress/*.md; do each_format "$file"; done
echo

# Every report format against the text report and the libcmark floor (issue 10): wall time
# (median of FORMAT_RUNS runs, default 5) and peak RSS, on the 20 MB and the 50 MB corpus; then
# each format's peak over the 50 MB corpus's ordinary pages against its first 100 (flat memory).
echo "== every format: wall time and peak memory on the 20 MB and 50 MB corpora, beside the floor"
bench_corpus 20
find "$work/corpus20" -name '*.md' | sort > "$work/list20"
python3 - "$bin" "$work" "${FORMAT_RUNS:-5}" <<'PY'
import re, statistics, subprocess, sys
binary, work, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
formats = ["text", "json", "sarif", "github", "junit", "html", "markdown"]

def measure(command):
    """Median wall time (s) and the largest peak RSS (MiB) over `runs` runs of a shell command."""
    walls, peaks = [], []
    for _ in range(runs):
        done = subprocess.run(["/usr/bin/time", "-f", "%e %M", "sh", "-c", command],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        wall, peak = done.stderr.strip().splitlines()[-1].split()
        walls.append(float(wall))
        peaks.append(int(peak) / 1024)
    return statistics.median(walls), max(peaks)

rows = {}
for corpus in ("20", "50"):
    floor = measure(f"{work}/cmark-floor - < {work}/list{corpus} > /dev/null 2>&1")
    rows[("floor", corpus)] = floor
    for name in formats:
        rows[(name, corpus)] = measure(
            f"{binary} check --no-config --fail-on never --format {name} {work}/corpus{corpus} > /dev/null")
print("| format | 20 MB wall | ÷ text | ÷ floor | 20 MB peak | 50 MB wall | ÷ text | ÷ floor | 50 MB peak |")
print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
for name in ["floor"] + formats:
    cells = []
    for corpus in ("20", "50"):
        wall, peak = rows[(name, corpus)]
        text, floor = rows[("text", corpus)][0], rows[("floor", corpus)][0]
        cells += [f"{wall:.2f} s", f"{wall / text:.2f}×", f"{wall / floor:.2f}×", f"{peak:.0f} MiB"]
    label = "libcmark floor (cmark-floor.c, -O2)" if name == "floor" else name
    print(f"| {label} | " + " | ".join(cells) + " |")
print()
# Flat memory: the median peak of `runs` runs each (one run's peak RSS moves by up to 1 MiB with
# how the two workers' pages overlap), and the difference; "grows" past that jitter.
def median_peak(command):
    peaks = []
    for _ in range(runs):
        done = subprocess.run(["/usr/bin/time", "-f", "%M", "sh", "-c", command],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        peaks.append(int(done.stderr.strip().splitlines()[-1]) / 1024)
    return statistics.median(peaks)

# The control: the same paths holding one line each. What a run must keep per file whatever the
# pages say (the list of paths, the plan, the file walk) shows there; what grows beyond it grows
# with the pages' findings.
import os
control = f"{work}/one-line"
for list_name in ("list100", "list-ordinary"):
    with open(f"{work}/{list_name}") as paths, open(f"{work}/{list_name}-one-line", "w") as out:
        for path in paths:
            mirror = control + path.strip()
            os.makedirs(os.path.dirname(mirror), exist_ok=True)
            if not os.path.exists(mirror):
                with open(mirror, "w") as page:
                    page.write("Hello.\n")
            out.write(mirror + "\n")
print("| format | peak, first 100 ordinary pages | peak, all ordinary pages of the 50 MB corpus | difference | the same paths, one line each: difference | grows beyond the per-file list? |")
print("| --- | ---: | ---: | ---: | ---: | --- |")
for name in formats:
    def peak(list_name):
        return median_peak(f"{binary} check --no-config --fail-on never --format {name} --files-from {work}/{list_name} > /dev/null")
    few, many = peak("list100"), peak("list-ordinary")
    list_cost = peak("list-ordinary-one-line") - peak("list100-one-line")
    grows = many - few > list_cost + 1
    print(f"| {name} | {few:.1f} MiB | {many:.1f} MiB | {many - few:+.1f} MiB | {list_cost:+.1f} MiB | {'YES' if grows else 'no'} |")
PY
echo

# Where the time goes, stage by stage, on one thread (Bench/Stages): the README's breakdown.
echo "== stages, one thread, the ordinary pages in memory (StageBench, best of 3)"
CLAIMLINT_BENCH=1 swift build -c release --scratch-path .build-bench --product StageBench >/dev/null
.build-bench/release/StageBench "$work/list-ordinary" 3
