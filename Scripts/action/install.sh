#!/usr/bin/env bash
# action.yml, step 1: what building claimlint needs (libcmark, libstemmer, pkg-config), and a Swift 6 toolchain check.
set -euo pipefail
command -v swift >/dev/null || {
  echo "::error title=claimlint::no Swift toolchain on this runner; add swift-actions/setup-swift before claimlint, or use ubuntu-24.04 or macos-15"
  exit 1
}
"$GITHUB_ACTION_PATH/Scripts/bootstrap.sh"
