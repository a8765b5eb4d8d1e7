#!/usr/bin/env bash
# A real editor as the client of `claimlint lsp`: Debian's Neovim (0.7.2 on bookworm), headless,
# opens Samples/ketamine-clinic.md (a copy), and prints what it holds (Scripts/nvim-lsp-check.lua).
# This script asserts on it: Neovim's diagnostics are exactly `claimlint check --format json`'s
# findings at the same places (Neovim converts the server's UTF-16 ranges to byte columns, so the
# emoji, ⅔ and accented lines check the conversion end to end); hover and a suppression code action
# work; an edit removes its finding; the server exits 0 after Neovim's shutdown and exit.
#
# Usage: Scripts/nvim-lsp-check.sh [CLAIMLINT_BINARY]   (default: builds and uses the release binary)
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v nvim >/dev/null 2>&1; then
  echo "nvim-lsp-check: installing neovim (the editor this check drives)" >&2
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq neovim >/dev/null
fi
echo "nvim-lsp-check: $(nvim --version | head -n 1 | tr -d "\r")"

binary="${1:-}"
if [ -z "$binary" ]; then
  swift build -c release --product claimlint >/dev/null
  binary="$(swift build -c release --show-bin-path)/claimlint"
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp Samples/ketamine-clinic.md "$work/page.md"

CLAIMLINT_BIN="$binary" CLAIMLINT_PAGE="$work/page.md" HOME="$work" XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" XDG_STATE_HOME="$work/state" \
  timeout 180 nvim --headless --clean -n -c "luafile Scripts/nvim-lsp-check.lua" > "$work/nvim.out" 2> "$work/nvim.err" || true
"$binary" check --no-config --format json "$work/page.md" > "$work/check.json" || true

python3 - "$work/nvim.out" "$work/check.json" "$work/page.md" <<'PY'
import json, sys

out_path, check_path, page_path = sys.argv[1:4]
events = {}
for line in open(out_path, encoding="utf-8"):
    line = line.strip()
    if line.startswith("{"):
        event = json.loads(line)
        events[event["kind"]] = event["value"]
if "failure" in events:
    sys.exit("nvim-lsp-check: Neovim reported: " + events["failure"])
for kind in ["diagnostics", "hover", "codeActions", "afterEdit", "exit"]:
    if kind not in events:
        sys.exit(f"nvim-lsp-check: Neovim printed no {kind}; its output was:\n" + open(out_path, encoding="utf-8").read())

lines = open(page_path, encoding="utf-8").read().split("\n")
def byte_column(line, column):
    """The CLI's 1-based scalar column as Neovim's 0-based byte column."""
    return len(lines[line - 1][: column - 1].encode("utf-8"))

findings = json.load(open(check_path))["files"][0]["findings"]
expected = sorted(
    (f["range"]["start"]["line"] - 1, byte_column(f["range"]["start"]["line"], f["range"]["start"]["column"]),
     f["range"]["end"]["line"] - 1, byte_column(f["range"]["end"]["line"], f["range"]["end"]["column"]), f["rule"])
    for f in findings)
got = sorted((d["lnum"], d["col"], d["end_lnum"], d["end_col"], d["code"]) for d in events["diagnostics"])
if got != expected:
    sys.exit("nvim-lsp-check: Neovim's diagnostics differ from `claimlint check`:\n"
             f"  neovim: {got}\n  check:  {expected}")
if not all(d["source"] == "claimlint" for d in events["diagnostics"]):
    sys.exit("nvim-lsp-check: a diagnostic's source is not claimlint")
guarantee = [d for d in events["diagnostics"] if d["code"] == "guarantee"]
# "🌿 **Guaranteed": the emoji is 4 bytes and 2 UTF-16 units; Neovim shows byte column 7.
if [(d["lnum"], d["col"], d["end_col"]) for d in guarantee] != [(44, 7, 17)]:
    sys.exit(f"nvim-lsp-check: the guarantee after the emoji is misplaced: {guarantee}")

hover = events["hover"]
value = hover["contents"]["value"] if isinstance(hover, dict) else ""
if "`guarantee`" not in value or "*Fix:*" not in value:
    sys.exit(f"nvim-lsp-check: unexpected hover: {hover}")
titles = [action["title"] for action in events["codeActions"] or []]
if "Suppress guarantee on this line (with a reason)" not in titles:
    sys.exit(f"nvim-lsp-check: no suppression code action: {titles}")

after = sorted((d["lnum"], d["col"], d["end_lnum"], d["end_col"], d["code"]) for d in events["afterEdit"])
if [d for d in after if d[4] == "guarantee"] or len(after) != len(expected) - 1:
    sys.exit(f"nvim-lsp-check: after the edit expected {len(expected) - 1} diagnostics without the guarantee, got {after}")
if events["exit"] != 0:
    sys.exit(f"nvim-lsp-check: the server exited with {events['exit']} after shutdown and exit")
print(f"nvim-lsp-check: ok: Neovim shows {len(got)} diagnostics exactly where `claimlint check` puts them; "
      f"hover, code actions, an edit and shutdown/exit (status 0) work")
PY
