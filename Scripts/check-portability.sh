#!/usr/bin/env bash
# Fails when a Swift file names the Glibc module outside a `#if canImport(Glibc)` branch: an
# unguarded `import Glibc` or `Glibc.write(…)` does not build on macOS, where the C library is
# Darwin. Every Swift file in the repository is read (Sources, Tests, Fuzz, Bench, Package.swift).
# Usage: Scripts/check-portability.sh [FILE ...]   (default: every tracked *.swift file)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$#" -eq 0 ]; then
  mapfile -t files < <(git ls-files '*.swift' 2>/dev/null || find . -name '*.swift' -not -path './.build*')
  set -- "${files[@]}"
fi
# A stack of the branches we are in: 1 when the innermost live branch is canImport(Glibc).
awk '
  function inGlibc(   i) { for (i = depth; i >= 1; i--) if (branch[i]) return 1; return 0 }
  FNR == 1 { depth = 0 }
  /^[[:space:]]*#if[[:space:](]/     { depth++; branch[depth] = ($0 ~ /canImport\(Glibc\)/ && $0 !~ /!canImport\(Glibc\)/); next }
  /^[[:space:]]*#elseif[[:space:](]/ { branch[depth] = ($0 ~ /canImport\(Glibc\)/ && $0 !~ /!canImport\(Glibc\)/); next }
  /^[[:space:]]*#else/               { branch[depth] = 0; next }
  /^[[:space:]]*#endif/              { depth--; next }
  {
    code = $0; sub(/\/\/.*/, "", code)
    if ((code ~ /(^|[^A-Za-z0-9_])import[[:space:]]+Glibc([^A-Za-z0-9_]|$)/ || code ~ /(^|[^A-Za-z0-9_.])Glibc\./) && !inGlibc()) {
      printf "%s:%d: Glibc named outside a #if canImport(Glibc) branch: %s\n", FILENAME, FNR, $0; bad = 1
    }
  }
  END { exit bad }
' "$@"
