#!/usr/bin/env bash
# `make install PREFIX=$(mktemp -d)`, then checks what a user gets: a binary that lints the sample
# pages (exit 1, findings) with no Swift runtime needed on Linux, a man page, and bash, zsh and
# fish completions that load. Run by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."
prefix=$(mktemp -d "${TMPDIR:-/tmp}/claimlint-prefix.XXXXXX")
trap 'rm -rf "$prefix"' EXIT

echo "--- make install PREFIX=$prefix"
make install PREFIX="$prefix" >/dev/null

fail() { echo "install-check: $*" >&2; exit 1; }
binary="$prefix/bin/claimlint"
[ -x "$binary" ] || fail "no executable $binary"

set +e
"$binary" check Samples > "$prefix/samples.txt"
status=$?
set -e
[ "$status" -eq 1 ] || fail "$binary check Samples exited $status, expected 1 (findings)"
tail -n 1 "$prefix/samples.txt"
"$binary" --version | grep -q '^claimlint ' || fail "--version"
if [ "$(uname -s)" = "Linux" ]; then
  if ldd "$binary" | grep -q 'libswiftCore\|libFoundation'; then fail "the binary links the Swift runtime dynamically"; fi
  ldd "$binary" | grep -q 'libcmark' || fail "the binary does not link libcmark"
  if ldd "$binary" | grep -q 'not found'; then fail "the binary needs a library that is not installed"; fi
fi

page="$prefix/share/man/man1/claimlint.1"
[ -s "$page" ] || fail "no man page at $page"
grep -q 'claimlint' "$page" && grep -q -- 'fail-on' "$page" || fail "the man page does not describe claimlint check"
if command -v mandoc >/dev/null; then mandoc -T lint -W warning "$page" || true; fi
if command -v man >/dev/null; then MANPAGER=cat man -l "$page" >/dev/null 2>&1 || fail "man cannot render $page"; fi

bash_completion="$prefix/share/bash-completion/completions/claimlint"
[ -s "$bash_completion" ] || fail "no bash completion"
bash -c "source '$bash_completion' && complete -p claimlint" >/dev/null || fail "the bash completion does not register claimlint"
[ -s "$prefix/share/zsh/site-functions/_claimlint" ] || fail "no zsh completion"
grep -q '#compdef claimlint' "$prefix/share/zsh/site-functions/_claimlint" || fail "the zsh completion has no #compdef"
[ -s "$prefix/share/fish/vendor_completions.d/claimlint.fish" ] || fail "no fish completion"
grep -q -E "complete -c '?claimlint'? " "$prefix/share/fish/vendor_completions.d/claimlint.fish" || fail "the fish completion completes nothing"

make uninstall PREFIX="$prefix" >/dev/null
[ ! -e "$binary" ] && [ ! -e "$page" ] || fail "make uninstall left files behind"
echo "--- install ok: binary, man page, bash/zsh/fish completions; uninstall removes them"
