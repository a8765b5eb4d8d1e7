#!/usr/bin/env python3
"""Latency and memory of `claimlint lsp`, measured from the client side (run by Scripts/lsp-bench.sh).

For a 20 KB and a 200 KB page: the time from writing a `didChange` (one character typed or
deleted, incremental sync) to reading the `publishDiagnostics` for that version, with
`debounceMs: 0`; and, for comparison, the time to spawn `claimlint check --stdin-filename P -`
per change, as servers that shell out to the linter do. Then resident memory after 1,000 and
10,000 edits of one document.
"""
import json, os, statistics, subprocess, sys, tempfile, time

binary = sys.argv[1]
sample = open(sys.argv[2], encoding="utf-8").read()
edits_small = int(os.environ.get("LSP_BENCH_EDITS", "400"))
spawns = int(os.environ.get("LSP_BENCH_SPAWNS", "60"))


def page(kilobytes):
    copies = kilobytes * 1024 // len(sample.encode()) + 1
    return (sample + "\n") * copies


class Server:
    def __init__(self):
        self.process = subprocess.Popen([binary, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, bufsize=0)
        self.out = self.process.stdout
        self.next_id = 1

    def send(self, message):
        body = json.dumps(message).encode()
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def read(self):
        header = b""
        while not header.endswith(b"\r\n\r\n"):
            chunk = self.out.read(1)
            if not chunk:
                raise EOFError("the server closed its output")
            header += chunk
        length = int(header.split(b"Content-Length:")[1].split(b"\r\n")[0])
        body = b""
        while len(body) < length:
            body += self.out.read(length - len(body))
        return body

    def initialize(self):
        self.send({"jsonrpc": "2.0", "id": 0, "method": "initialize", "params": {
            "processId": None, "rootUri": None, "capabilities": {}, "initializationOptions": {"debounceMs": 0}}})
        self.read()
        self.send({"jsonrpc": "2.0", "method": "initialized", "params": {}})

    def wait_for_version(self, uri, version):
        # Only the marker is looked for, so the client's own JSON parsing stays out of the figure.
        marker = b'"uri":%s,"version":%d,' % (json.dumps(uri).encode(), version)
        while True:
            body = self.read()
            if b"publishDiagnostics" in body and marker in body:
                return body

    def rss_kib(self):
        for line in open(f"/proc/{self.process.pid}/status"):
            if line.startswith("VmRSS:"):
                return int(line.split()[1])

    def cpu_ms(self):
        """User plus system CPU time the server has used, in ms: a figure that a busy machine
        inflates far less than wall-clock latency (the wait for a core is not in it)."""
        fields = open(f"/proc/{self.process.pid}/stat").read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")

    def stop(self):
        self.send({"jsonrpc": "2.0", "id": 99, "method": "shutdown"})
        self.send({"jsonrpc": "2.0", "method": "exit"})
        return self.process.wait(timeout=30)


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def edit(uri, version, insert):
    """Types or deletes one character at the start of line 9 (a paragraph with statistics)."""
    start = {"line": 8, "character": 0}
    change = {"range": {"start": start, "end": start}, "text": "x"} if insert else \
        {"range": {"start": start, "end": {"line": 8, "character": 1}}, "text": ""}
    return {"jsonrpc": "2.0", "method": "textDocument/didChange",
            "params": {"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]}}


def lsp_latency(text, count):
    server = Server()
    server.initialize()
    uri = "file:///tmp/claimlint-bench/page.md"
    server.send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": uri, "languageId": "markdown", "version": 1, "text": text}}})
    server.wait_for_version(uri, 1)
    times = []
    diagnostics = 0
    cpu_before = server.cpu_ms()
    for version in range(2, count + 2):
        message = edit(uri, version, insert=version % 2 == 0)
        started = time.perf_counter()
        server.send(message)
        body = server.wait_for_version(uri, version)
        times.append((time.perf_counter() - started) * 1000)
        diagnostics = body.count(b'"source":"claimlint"')
    cpu = (server.cpu_ms() - cpu_before) / count
    status = server.stop()
    return times, diagnostics, status, cpu


def spawn_latency(text, count):
    folder = tempfile.mkdtemp(prefix="claimlint-bench-")
    path = os.path.join(folder, "page.md")
    data = text.encode()
    times = []
    for _ in range(count):
        started = time.perf_counter()
        subprocess.run([binary, "check", "--format", "json", "--stdin-filename", path, "-"], input=data,
                       stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        times.append((time.perf_counter() - started) * 1000)
    return times


def memory(text, first, total):
    server = Server()
    server.initialize()
    uri = "file:///tmp/claimlint-bench/memory.md"
    server.send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": uri, "languageId": "markdown", "version": 1, "text": text}}})
    server.wait_for_version(uri, 1)
    after = {}
    for version in range(2, total + 2):
        server.send(edit(uri, version, insert=version % 2 == 0))
        server.wait_for_version(uri, version)
        if version - 1 in (first, total):
            after[version - 1] = server.rss_kib()
    server.stop()
    return after


def summary(times):
    return f"median {statistics.median(times):7.2f} ms   p99 {percentile(times, 0.99):7.2f} ms   (n={len(times)})"


print(f"claimlint lsp latency, didChange → publishDiagnostics, debounceMs 0, measured by the client ({os.cpu_count()} cores, load {os.getloadavg()[0]:.2f})")
results = {}
for kilobytes, edits in [(20, edits_small), (200, max(edits_small // 4, 50))]:
    text = page(kilobytes)
    times, count, status, cpu = lsp_latency(text, edits)
    spawned = spawn_latency(text, spawns if kilobytes == 20 else max(spawns // 2, 20))
    results[kilobytes] = (times, spawned)
    size = len(text.encode()) / 1024
    print(f"  {size:6.1f} KB page ({count} diagnostics)  lsp:   {summary(times)}   server CPU {cpu:.2f} ms/change   exit {status}")
    print(f"  {size:6.1f} KB page                   spawn: {summary(spawned)}")
    print(f"  {size:6.1f} KB page                   spawn / lsp median: {statistics.median(spawned) / statistics.median(times):.1f}×")

memory_edits = int(os.environ.get("LSP_BENCH_MEMORY_EDITS", "10000"))
rss = memory(page(20), memory_edits // 10, memory_edits)
first, last = rss[memory_edits // 10], rss[memory_edits]
print(f"  memory, one 20 KB document: RSS {first / 1024:.1f} MiB after {memory_edits // 10:,} edits, "
      f"{last / 1024:.1f} MiB after {memory_edits:,} edits (growth {(last - first) / 1024:+.2f} MiB; goal within 5 MiB)")
print(f"  load average at the end: {os.getloadavg()[0]:.2f}")
