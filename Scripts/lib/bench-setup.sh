# Shared by Scripts/bench.sh and Scripts/bench-approved.sh: source it from the package root with
# the script's arguments, `source Scripts/lib/bench-setup.sh "$@"`. It reads the two arguments
# they share, [PATH/TO/make-corpus.py] [PAIRS], into `generator` (default ../shared's) and `pairs`
# (default 7), sets `bench_dir` (the generator's folder, where pairbench.py is) and `work`
# (CLAIMLINT_BENCH_DIR, default /tmp/claimlint-bench), builds release as Linux binaries ship
# (as SwiftLint's: the Swift runtime and Foundation linked in, for faster start-up and less
# memory) and sets `bin` to it. `bench_corpus MB` makes the corpus `make-corpus.py --mb MB --seed 1`
# in "$work/corpusMB" unless it is there.
generator="${1:-../shared/bench/make-corpus.py}"
pairs="${2:-7}"
bench_dir="$(dirname "$generator")"
work="${CLAIMLINT_BENCH_DIR:-/tmp/claimlint-bench}"
mkdir -p "$work"

Scripts/bootstrap.sh
swift build -c release --static-swift-stdlib --product claimlint >/dev/null
bin="$(swift build -c release --show-bin-path)/claimlint"

bench_corpus() {
  local mb=$1
  if [ ! -f "$work/corpus$mb/MANIFEST.tsv" ]; then
    rm -rf "$work/corpus$mb"
    python3 "$generator" "$work/corpus$mb" --mb "$mb" --seed 1 >/dev/null
  fi
}
