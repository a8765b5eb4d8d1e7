#!/usr/bin/env bash
# action.yml, step 2: the build cache's key, from Package.swift, every source file and the
# toolchain (Package.resolved is not committed, so the dependencies' versions follow Package.swift).
# Computed here because the workflow's hashFiles() only sees files in the user's workspace, not
# the action's own checkout.
set -euo pipefail
cd "$GITHUB_ACTION_PATH"
digest=$( { swift --version 2>&1; uname -sm; cat Package.swift; find Sources -type f | LC_ALL=C sort | xargs cat; } | sha256sum | cut -c1-32)
echo "key=claimlint-build-$(uname -s)-$(uname -m)-$digest" >> "$GITHUB_OUTPUT"
