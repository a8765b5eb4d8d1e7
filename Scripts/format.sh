#!/usr/bin/env bash
# Formats the Swift sources with the toolchain's `swift format` and the checked-in .swift-format
# (120 columns). `Scripts/format.sh --lint` only checks, as .ci/run does, and fails on any finding.
# The generated files (*+Generated.swift) are left as their generators write them: the sync checks
# compare them byte for byte with what Scripts/embed-rules.sh produces.
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(git ls-files -- '*.swift' | grep -v -- '+Generated\.swift$')
if [ "${1:-}" = "--lint" ]; then
  swift format lint --strict --parallel "${files[@]}"
else
  swift format format --in-place --parallel "${files[@]}"
fi
