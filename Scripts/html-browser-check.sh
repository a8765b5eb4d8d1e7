#!/usr/bin/env bash
# Renders the HTML report of Samples/ plus a hostile page in a real browser (Debian's headless
# Chromium) and checks that the page's <script>, onerror and javascript: payloads arrive as text:
# no script or img element, no on* attribute, no link that is not http(s) or in-page. Then takes
# a PNG screenshot for a person to look at.
#
# Usage: Scripts/html-browser-check.sh [OUTPUT-FOLDER]   (default /tmp/claimlint-html-check)
# CLAIMLINT=path/to/claimlint uses that binary instead of building one with `swift build`.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-/tmp/claimlint-html-check}"

if ! command -v chromium >/dev/null 2>&1; then
  echo "claimlint: installing chromium (Debian's package) for the browser check" >&2
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq chromium >/dev/null
fi

bin="${CLAIMLINT:-}"
if [ -z "$bin" ]; then
  swift build -q
  bin="$(swift build --show-bin-path)/claimlint"
fi

rm -rf "$out"
mkdir -p "$out/pages"
# The payloads are in prose (backslash-escaped), so they reach the report's sentences; the file
# name carries one too. Raw HTML and the link's URL are never read by claimlint, but sit here in
# case that ever changes. Keep in step with ReporterTests.injectionPage.
cat > "$out/pages/\"><img src=x onerror=alert(1)>.md" <<'PAGE'
# Ketamine \<script>alert(1)\</script> clinic

Our IV ketamine is FDA-approved for depression \<script>alert(1)\</script> today.

Studies show "\>\<img src=x onerror=alert(1)> that ketamine cures anxiety.

Clinically proven \[x](javascript:alert(1)) relief, and [a real link](javascript:alert(1)) too.

<script>alert(1)</script>
PAGE

status=0
"$bin" check Samples "$out/pages" --no-config --format html > "$out/report.html" || status=$?
[ "$status" -eq 1 ] || { echo "expected exit 1 (findings) from claimlint, got $status"; exit 1; }

url="file://$(cd "$out" && pwd)/report.html"
# A payload that runs (alert) opens a modal dialog that headless Chromium waits on forever, so a
# time-out is a failure too, and the likeliest reason for one.
chrome=(timeout 60 chromium --headless --no-sandbox --disable-gpu --hide-scrollbars)
"${chrome[@]}" --dump-dom "$url" > "$out/dom.html" 2> "$out/chromium.log" ||
  { echo "HTML browser check failed: Chromium did not finish rendering (a script dialog?); see $out/chromium.log"; exit 1; }
"${chrome[@]}" --window-size=1280,2400 --screenshot="$out/report.png" "$url" >> "$out/chromium.log" 2>&1 ||
  { echo "HTML browser check failed: Chromium could not take the screenshot; see $out/chromium.log"; exit 1; }

python3 - "$out/dom.html" "$out/report.png" <<'PY'
import sys
from html.parser import HTMLParser

class Walker(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text, self.problems = [], []
    def handle_starttag(self, tag, attrs):
        if tag in ("script", "img", "iframe", "object", "embed"):
            self.problems.append(f"<{tag}> element in the DOM")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"{name} attribute on <{tag}>")
            if name == "href" and not (value or "").startswith(("#", "https://", "http://")):
                self.problems.append(f"link to {value!r}")
    def handle_data(self, data):
        self.text.append(data)

dom, png = sys.argv[1], sys.argv[2]
walker = Walker()
walker.feed(open(dom, encoding="utf-8").read())
text = "".join(walker.text)
for expected in ('<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', '[x](javascript:alert(1))',
                 'Samples/stem-cell-center.md', 'claimlint evidence report', 'Run record'):
    if expected not in text:
        walker.problems.append(f"DOM text lacks {expected!r}")
with open(png, "rb") as f:
    if f.read(8) != b"\x89PNG\r\n\x1a\n":
        walker.problems.append("the screenshot is not a PNG")
if walker.problems:
    print("HTML browser check failed:\n  " + "\n  ".join(walker.problems))
    sys.exit(1)
print(f"HTML browser check passed: payloads render as text, no script, no handlers; screenshot {png}")
PY
