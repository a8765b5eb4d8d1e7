#!/usr/bin/env bash
# Installs what building and testing claimlint needs, checking each need on its own and installing
# only what is missing (so it is quick, and silent, to run before every build):
#   pkg-config, libcmark (the CommonMark parser claimlint links against) and libstemmer (the
#     Snowball stemmers; it ships no pkg-config file, so its header is the check): apt on
#     Debian/Ubuntu, Homebrew on macOS;
#   Python's jsonschema, for the `python3` on the PATH (the SARIF tests validate against the
#     official schema): `python3 -m pip`, since that python3 may not be the system's, and then a
#     system package (python3-jsonschema) would be invisible to it.
# Usage: Scripts/bootstrap.sh [--force]   (--force reinstalls everything, as CI does on a fresh machine)
set -euo pipefail
force=0
[ "${1:-}" = "--force" ] && force=1

say() { echo "bootstrap: $*" >&2; }
missing_packages=()

# need NAME CHECK-COMMAND PACKAGE: PACKAGE is installed when CHECK-COMMAND fails (or with --force).
need() {
  local name=$1 check=$2 package=$3
  if [ "$force" -eq 0 ] && eval "$check" >/dev/null 2>&1; then
    :
  else
    say "$name: $([ "$force" -eq 1 ] && echo "installing" || echo "missing, installing") $package"
    missing_packages+=("$package")
  fi
}

if [ "$(uname -s)" = "Darwin" ]; then
  need pkg-config "command -v pkg-config" pkg-config
  need libcmark "pkg-config --exists libcmark" cmark
  need libstemmer "[ -e \"\$(brew --prefix 2>/dev/null)/include/libstemmer.h\" ]" snowball
  if [ "${#missing_packages[@]}" -gt 0 ]; then
    command -v brew >/dev/null || { say "install Homebrew (https://brew.sh), then: brew install ${missing_packages[*]}"; exit 1; }
    brew install "${missing_packages[@]}"
  fi
else
  need pkg-config "command -v pkg-config" pkg-config
  need libcmark "pkg-config --exists libcmark" libcmark-dev
  need libstemmer "[ -e /usr/include/libstemmer.h ] || [ -e /usr/local/include/libstemmer.h ]" libstemmer-dev
  if [ "${#missing_packages[@]}" -gt 0 ]; then
    SUDO=""
    if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq "${missing_packages[@]}" >/dev/null
  fi
fi

if ! command -v python3 >/dev/null; then
  say "python3: missing; the tests that use Python (SARIF schema, JUnit XML, the corpus generator) will skip"
elif [ "$force" -eq 0 ] && python3 -c "import jsonschema" 2>/dev/null; then
  :
else
  say "python3 jsonschema: installing with $(command -v python3) -m pip"
  if ! python3 -m pip install -q jsonschema; then
    say "could not install jsonschema for $(command -v python3); the SARIF schema tests will skip"
  fi
fi

command -v swift >/dev/null || say "swift: missing; install a Swift 6 toolchain from https://www.swift.org/install"
exit 0
