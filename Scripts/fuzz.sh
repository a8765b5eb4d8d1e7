#!/usr/bin/env bash
# Builds one libFuzzer target and runs it for SECONDS (docs/fuzzing.md).
#
#   Scripts/fuzz.sh pipeline 600      # Fuzz/Pipeline: bytes -> validation, parse, match, every reporter
#   Scripts/fuzz.sh rules 600         # Fuzz/RulesLoader: rules files and .claimlint.yml
#   Scripts/fuzz.sh pipeline 60 -jobs=2 -workers=2    # anything after SECONDS goes to libFuzzer
#
# The targets are built by SwiftPM with `--sanitize=fuzzer --sanitize=address` in their own
# scratch path (.build-fuzz); Package.swift declares them only when CLAIMLINT_FUZZ is set, so a
# plain `swift build` or `swift test` never builds them. Seeds are generated afresh on every run
# from Samples/, the judgment fixtures, the rule examples and Rules/defaults/, plus a few
# hostile shapes (deep nesting, emphasis and bracket storms). Everything the fuzzer writes goes
# under $CLAIMLINT_FUZZ_WORK (default /tmp/claimlint-fuzz/TARGET): the growing corpus, the crash
# artifacts and the log. The corpus is kept between runs; delete the folder to start over.
# Exit status: 0 when the run ends clean, libFuzzer's non-zero status when it finds a crash.
set -euo pipefail
cd "$(dirname "$0")/.."

usage() { echo "usage: Scripts/fuzz.sh pipeline|rules SECONDS [libFuzzer flags...]" >&2; exit 64; }
[ $# -ge 2 ] || usage
target=$1
seconds=$2
shift 2
case "$target" in
  pipeline) product=FuzzPipeline max_len=65536 ;;
  # Every file of Rules/defaults/ must fit whole (together they were about 78 KB).
  rules) product=FuzzRulesLoader max_len=131072 ;;
  *) usage ;;
esac
[[ "$seconds" =~ ^[0-9]+$ ]] || usage

Scripts/bootstrap.sh >/dev/null

scratch=${CLAIMLINT_FUZZ_SCRATCH:-.build-fuzz}
echo "--- building $product (release, -sanitize=fuzzer,address) in $scratch" >&2
# swiftc keeps only the last -sanitize= flag it is given, and SwiftPM writes its two --sanitize
# flags in no fixed order, so the Swift code would get either coverage or ASan, never both. The
# trailing -Xswiftc flag (compile and link) asks for both; the C code (CYaml) gets both from clang.
CLAIMLINT_FUZZ=1 swift build -c release --sanitize=fuzzer --sanitize=address -Xswiftc -sanitize=fuzzer,address \
  --scratch-path "$scratch" --product "$product" >&2
binary="$scratch/release/$product"

work=${CLAIMLINT_FUZZ_WORK:-/tmp/claimlint-fuzz/$target}
seeds=$work/seeds
corpus=$work/corpus
artifacts=$work/artifacts
rm -rf "$seeds"
mkdir -p "$seeds" "$corpus" "$artifacts"

# One seed file per example sentence of Rules/defaults/ (block lists of double-quoted strings),
# without the {{…}} marks that say where a finding lands.
rule_examples() {
  awk -v out="$1" '
    /^ +(trigger|pass):/ { inside = 1; next }
    inside && /^ +- "/ {
      line = $0
      sub(/^ +- "/, "", line); sub(/"$/, "", line); gsub(/\\"/, "\"", line); gsub(/\{\{|\}\}/, "", line)
      n++; printf "%s\n", line > (out "/example-" n ".md"); close(out "/example-" n ".md"); next
    }
    !/^ +- / { inside = 0 }
  ' Rules/defaults/*.yml
}

# Writes COUNT copies of TEXT to stdout.
repeat() { local i; for ((i = 0; i < $2; i++)); do printf '%s' "$1"; done; }

pipeline_seeds() {
  cp Samples/*.md "$seeds/"
  for file in Tests/ClaimLintTests/Fixtures/judgment/docs/*.md; do cp "$file" "$seeds/judgment-$(basename "$file")"; done
  rule_examples "$seeds"
  local text="Our ketamine infusions are FDA-approved and cure depression in 70% of patients [1]."
  { repeat '> ' 2000; echo "$text"; } > "$seeds/deep-quotes.md"
  { repeat '- ' 2000; echo "$text"; } > "$seeds/deep-list-line.md"
  for ((i = 0; i < 120; i++)); do repeat '  ' "$i"; echo "- $text"; done > "$seeds/deep-list-indent.md"
  { repeat '1. > ' 800; echo "$text"; } > "$seeds/deep-mixed.md"
  { repeat '[' 3000; echo -n "$text"; repeat '](http://x.example)' 3000; echo; } > "$seeds/deep-links.md"
  { repeat '![' 2000; echo -n "$text"; repeat ']' 2000; echo; } > "$seeds/deep-images.md"
  { repeat '*_' 3000; echo -n "$text"; repeat '_*' 3000; echo; } > "$seeds/emphasis-storm.md"
  { repeat '**cures** *' 3000; echo; } > "$seeds/emphasis-unclosed.md"
  { repeat '<sup>1</sup>' 2000; echo " $text"; echo; echo "1. Smith 2020. doi:10.1/x"; } > "$seeds/superscripts.md"
  { echo "| claim | result |"; echo "| --- | --- |"; for ((i = 0; i < 600; i++)); do echo "| FDA-approved | 9 out of 10 [$i] |"; done; } > "$seeds/table.md"
  { for ((i = 0; i < 1500; i++)); do echo "[$i]: https://doi.org/10.1/$i"; done; echo "$text"; } > "$seeds/reference-definitions.md"
  { repeat "$text " 700; echo; } > "$seeds/long-line.md"
  { printf '\xEF\xBB\xBF'; cat Samples/ketamine-clinic.md; } > "$seeds/bom.md"
  sed 's/$/\r/' Samples/med-spa.md > "$seeds/crlf.md"
  tr '\n' '\r' < Samples/iv-drip-lounge.md > "$seeds/cr.md"
  { printf -- '---\ntitle: "FDA-approved"\ntags: [cure]\n---\n'; cat Samples/stem-cell-center.md; } > "$seeds/front-matter.md"
  { printf 'Clinically proven &amp; safe&#8217;s \\*cure\\* <!-- claimlint-disable --> `cures` &#x26; &bogus;\n'; } > "$seeds/entities-escapes.md"
  printf 'cures depression \xC0\x80 fast\n' > "$seeds/invalid-utf8.md"
  printf 'cures\0depression\n' > "$seeds/nul.md"
  printf '' > "$seeds/empty.md"
}

rules_seeds() {
  for file in Rules/defaults/*.yml; do cp "$file" "$seeds/default-$(basename "$file")"; done
  # Each default rule in a file of its own, with the lexicons it may name as its context.
  local header
  header=$(printf 'version: 1\nlexicons:\n')
  while read -r name; do header+=$(printf '\n  %s: [ketamine, depression, "stem cell", pain]' "$name"); done \
    < <(awk '/^lexicons:/ { on = 1; next } /^[a-z]/ { on = 0 } on && /^  [a-z0-9-]+:/ { sub(/^  /, ""); sub(/:.*/, ""); print }' Rules/defaults/lexicons.yml)
  awk -v out="$seeds" -v header="$header" '
    FNR == 1 { on = 0; if (file) close(file); file = "" }
    /^rules:/ { on = 1; next }
    on && /^  - id:/ { if (file) close(file); n++; file = out "/rule-" n ".yml"; print header "\nrules:" > file }
    on && file { print > file }
  ' Rules/defaults/*.yml
  cat > "$seeds/config-full.yml" <<'YAML'
version: 1
disable: [superlative]
severity:
  uncited-statistic: error
sources:
  untrusted: [our-clinic.example]
  trusted: [nice.org.uk]
lexicons:
  treatment: [cryotherapy, "red light therapy"]
rules:
  - id: house-style-miracle
    kind: claim
    category: efficacy
    severity: error
    message: Our style guide bans "miracle".
    fix: Describe what the treatment does.
    source: https://www.ftc.gov/business-guidance/resources/health-products-compliance-guidance
    phrases: [miracle, "works ... wonders", "# times better", "{treatment} cures"]
    context: treatment
    unless: [maybe]
    negatable: false
    quoted: false
    citation: none
    examples:
      trigger: ["A miracle for your skin."]
      pass: ["A facial for your skin."]
  - id: house-disclosure
    kind: disclaimer
    category: disclosure
    severity: info
    message: Say it.
    fix: Say it.
    source: internal
    triggers: [[ketamine, depression], "stem cell"]
    satisfied-by: ["off label"]
exclude: ["drafts/**", "*.draft.md"]
YAML
  printf 'version: 1\ndisable: [testimonial, results-vary]\nseverity: {efficacy: info}\n' > "$seeds/config-small.yml"
  printf 'version: 1\n' > "$seeds/config-empty.yml"
  printf 'version: 1\nrules:\n  - id: stat\n    kind: statistic\n    category: statistics\n    severity: warning\n    message: m\n    fix: f\n    source: s\n  - id: cite\n    kind: citation\n    category: citations\n    severity: info\n    message: m\n    fix: f\n    source: s\n' > "$seeds/builtin-kinds.yml"
  printf 'version: 1\nlexicons: &l {a: [x]}\nrules: &r []\nsources: {trusted: &t [a.example], untrusted: *t}\n' > "$seeds/anchors.yml"
  { printf 'version: 1\nlexicons:\n  a: &a [x, x, x, x, x, x, x, x]\n  b: &b [*a, *a, *a, *a, *a, *a, *a, *a]\n  c: &c [*b, *b, *b, *b, *b, *b, *b, *b]\n  d: [*c, *c, *c, *c, *c, *c, *c, *c]\n'; } > "$seeds/alias-expansion.yml"
  { printf 'version: 1\nlexicons: '; repeat '[' 1000; repeat ']' 1000; echo; } > "$seeds/deep-flow.yml"
  { printf 'version: 1\nrules: '; repeat '{a: ' 500; printf 'b'; repeat '}' 500; echo; } > "$seeds/deep-mapping.yml"
  { printf 'version: 1\nrules:\n'; for ((i = 0; i < 200; i++)); do repeat ' ' "$i"; echo "- "; done; } > "$seeds/deep-block.yml"
  printf 'version: 1\r\nrules:\r\n  - id: a\r\n    kind: claim\r\n' > "$seeds/crlf.yml"
  printf '\xEF\xBB\xBFversion: 1\nversion: 1\n' > "$seeds/bom-duplicate.yml"
  printf '%%YAML 1.1\n---\nversion: !!int "1"\n...\n---\nversion: 2\n' > "$seeds/directives.yml"
}

"${target}_seeds"
echo "--- $(ls "$seeds" | wc -l) seeds in $seeds; corpus $corpus; artifacts $artifacts" >&2

dict=Fuzz/$target.dict
dict_flag=()
[ -f "$dict" ] && dict_flag=("-dict=$dict")
log=$work/fuzz-$(date +%Y%m%d-%H%M%S).log
echo "--- running $binary for ${seconds}s (log: $log)" >&2
set +e
# Swift's own crash backtracer would run inside ASan on a fatalError; leave crashes to libFuzzer.
SWIFT_BACKTRACE=enable=no "$binary" "$corpus" "$seeds" \
  -max_total_time="$seconds" -max_len="$max_len" -timeout=5 -rss_limit_mb=2048 \
  -artifact_prefix="$artifacts/" -print_final_stats=1 "${dict_flag[@]}" "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
echo "--- $product finished with status $status after asking for ${seconds}s; log: $log" >&2
exit "$status"
