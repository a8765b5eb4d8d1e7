#!/usr/bin/env bash
# action.yml, step 4: a release build of claimlint from the action's checkout (a no-op when the
# cache restored it), linked as `make install` links it.
set -euo pipefail
cd "$GITHUB_ACTION_PATH"
flags=(-c release --product claimlint)
[ "$(uname -s)" = "Linux" ] && flags+=(--static-swift-stdlib)
swift build "${flags[@]}" >&2
echo "binary=$(swift build "${flags[@]}" --show-bin-path)/claimlint" >> "$GITHUB_OUTPUT"
