#!/usr/bin/env bash
# Regenerates Sources/ClaimLint/Checks/ClaimScorer+Generated.swift from Rules/claim-scorer.tsv (the
# trained claim scorer's weights, written by Scripts/train-scorer.py), so the weights live inside the
# binary as one raw string literal and need no resource at run time. Scripts/train-scorer.py runs
# it after training; ClaimScorerTests and .ci/run fail when the two drift apart.
set -euo pipefail
cd "$(dirname "$0")/.."
source Scripts/lib/embed-tsv.sh
embed_tsv Rules/claim-scorer.tsv Sources/ClaimLint/Checks/ClaimScorer+Generated.swift \
  Scripts/embed-scorer.sh ClaimScorerTests ClaimScorerData \
  "Rules/claim-scorer.tsv: a # header with the provenance, then lines of feature and weight."
