#!/usr/bin/env bash
# Installs what claimlint needs to build on a fresh Debian machine: libcmark-dev (and pkg-config).
# Does nothing when they are already there.
set -euo pipefail
if pkg-config --exists libcmark 2>/dev/null; then
  exit 0
fi
echo "claimlint: installing libcmark-dev (the CommonMark parser claimlint links against)" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq libcmark-dev pkg-config >/dev/null
