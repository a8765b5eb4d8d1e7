#!/usr/bin/env bash
# Regenerates Sources/ClaimLint/Rules/Vocabulary+Generated.swift from Rules/vocabulary.tsv (made by
# Scripts/generate-vocabulary.py), so the medical vocabulary lives inside the binary as one raw
# string literal: 1.5 MB of text compiles in about a second, where an array literal of as many
# strings would take minutes, and reading it at run time needs no parser. Scripts/embed-rules.sh
# runs it; VocabularyTests and .ci/run fail when the two drift apart.
set -euo pipefail
cd "$(dirname "$0")/.."
source Scripts/lib/embed-tsv.sh
embed_tsv Rules/vocabulary.tsv Sources/ClaimLint/Rules/Vocabulary+Generated.swift \
  Scripts/embed-vocabulary.sh VocabularyTests VocabularyData \
  "Rules/vocabulary.tsv: lines of class, term, flag and sources, after a # header."
