#!/usr/bin/env bash
# action.yml, step 5: `claimlint check` with the action's inputs (INPUT_* variables), from the
# repository root so that annotation and SARIF paths resolve. Exits with claimlint's exit code.
set -euo pipefail
cd "${GITHUB_WORKSPACE:-.}"
arguments=(check)
read -r -d '' -a paths <<<"${INPUT_PATHS:-.}" || true
arguments+=("${paths[@]}")
arguments+=(--format "${INPUT_FORMAT:-github}" --fail-on "${INPUT_FAIL_ON:-error}")
[ -n "${INPUT_RULES:-}" ] && arguments+=(--rules "$INPUT_RULES")
[ "${INPUT_NO_CONFIG:-false}" = "true" ] && arguments+=(--no-config)
[ -n "${INPUT_SARIF:-}" ] && arguments+=(--report "sarif=$INPUT_SARIF")
if [ -n "${INPUT_ARGS:-}" ]; then
  read -r -d '' -a extra <<<"$INPUT_ARGS" || true
  arguments+=("${extra[@]}")
fi
echo "claimlint ${arguments[*]}" >&2
set +e
"$CLAIMLINT" "${arguments[@]}"
status=$?
set -e
echo "exit-code=$status" >> "$GITHUB_OUTPUT"
if [ -n "${INPUT_SARIF:-}" ] && [ -f "$INPUT_SARIF" ]; then
  echo "sarif=$INPUT_SARIF" >> "$GITHUB_OUTPUT"
fi
exit "$status"
