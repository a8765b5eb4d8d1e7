#!/usr/bin/env bash
# The language server's latency and memory, measured from the client side (Scripts/lsp-bench.py):
# median and 99th percentile from didChange to publishDiagnostics (debounceMs 0) on a 20 KB and a
# 200 KB page, against spawning `claimlint check --stdin-filename P -` per change, and resident
# memory after 1,000 and 10,000 edits. A benchmark, not a test: run it on an idle machine.
#
# Usage: Scripts/lsp-bench.sh [CLAIMLINT_BINARY]   (default: the release binary, built as bench.sh builds it)
# Environment: LSP_BENCH_EDITS (400), LSP_BENCH_SPAWNS (60), LSP_BENCH_MEMORY_EDITS (10000).
set -euo pipefail
cd "$(dirname "$0")/.."
binary="${1:-}"
if [ -z "$binary" ]; then
  swift build -c release --static-swift-stdlib --product claimlint >/dev/null
  binary="$(swift build -c release --show-bin-path)/claimlint"
fi
echo "binary: $binary ($(git rev-parse --short HEAD 2>/dev/null || echo unknown))"
python3 Scripts/lsp-bench.py "$binary" Samples/ketamine-clinic.md
