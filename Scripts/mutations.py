#!/usr/bin/env python3
"""Mutation checks: each of issue 10's guarded fixes, undone, must make its regression test fail.

Each mutation is (name, file, exact old text, new text, test filter), or (name, [(file, old, new),
...], test filter) for a fix made in more than one place. The package is copied, without .build and
.git, to a temporary folder with its own scratch path, so the tree this script belongs to is never
modified; the project's shared material (../shared), when there is any, is linked beside the copy
as it is beside the tree, so the tests that need it run there too. In that copy each mutation in
turn is applied, built, its filtered tests run (with a time limit), and the edit undone; then the
unmutated copy is built and every filter run again, which must pass. Per mutation the verdict is:

  fails   the test fails with the fix undone (what a regression test is for); the first issue the
          test recorded is shown
  passes  the test still passes: it does not guard the fix
  hangs   the test did not finish within the time limit (a fail of another kind)
  broken  the mutated package did not build, the old text was not found, or no test ran or the
          test was skipped (fix the mutation, or give the test what it needs)

Usage: Scripts/mutations.py [--only NAME ...] [--timeout SECONDS] [--keep] [--list]
Exits 0 when every mutation fails or hangs and the unmutated copy passes, else 1.
The copy's first build compiles the dependencies (minutes on two cores); run no other
`swift test` at the same time.
"""

import argparse
import glob
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# Each mutation is (name, file, exact old text, new text, test filter), or, for a fix made in more
# than one place, (name, [(file, exact old text, new text), ...], test filter). They are grouped
# by the item of docs/hardening.md whose fix they undo.
MUTATIONS = [
    # 1: a report never overwrites what the run reads, and a Markdown report is never linted.
    (
        "report-over-input",
        "Sources/ClaimLint/Linting/LintRun.swift",
        "                throw OutputIsInput(output: clash.0, input: path, what: what)\n",
        "                _ = clash\n",
        "HardeningCLITests/reportOverInput",
    ),
    (
        "report-over-rules-file",
        "Sources/ClaimLint/Linting/LintRun.swift",
        '        if let rulesFile = ruleSource.rulesFile { read.append((rulesFile, "the rules file")) }\n',
        "",
        "HardeningCLITests/reportOverInput",
    ),
    (
        "report-over-configuration",
        "Sources/ClaimLint/Linting/LintRun.swift",
        '        read += configurations.sorted().map { ($0, "a configuration file") }\n',
        "",
        "HardeningCLITests/reportOverInput",
    ),
    (
        "markdown-report-relinted",
        "Sources/ClaimLint/Linting/InputValidator.swift",
        "            return .claimLintReport\n",
        "",
        "HardeningCLITests/reportNotRelinted",
    ),
    # 2: a device or pipe is written into, never renamed over.
    (
        "rename-over-devices",
        "Sources/claimlint/ReportFile.swift",
        "        return type != S_IFREG && type != S_IFDIR\n",
        "        return false\n",
        # Only the FIFO test: the /dev/stdout one would replace the device node on this machine.
        "HardeningCLITests/reportIntoNamedPipe",
    ),
    # 3: the temporary report file is made with mkstemp, its name cut to fit 255 bytes.
    (
        "predictable-temporary",
        "Sources/claimlint/ReportFile.swift",
        "        var template = Array(Self.temporaryTemplate(for: path).utf8CString)\n"
        "        descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }\n",
        # The name and the open from before the fix: .NAME.PID.tmp, a symlink there followed.
        "        let folder = (path as NSString).deletingLastPathComponent\n"
        "        let name = (path as NSString).lastPathComponent\n"
        '        let predictable = (folder.isEmpty ? "" : folder + "/") + ".\\(name).\\(getpid()).tmp"\n'
        "        let template = Array(predictable.utf8CString)\n"
        "        descriptor = open(predictable, O_WRONLY | O_CREAT | O_TRUNC, 0o666)\n",
        # The planted link and the file it points to are both in the test's temporary folder.
        "HardeningCLITests/plantedSymlink",
    ),
    (
        "temporary-name-uncut",
        "Sources/claimlint/ReportFile.swift",
        "        while name.utf8.count > 255 - 8 { name.removeLast() }\n",
        "",
        "HardeningCLITests/longReportName",
    ),
    # 4: a failed write on standard output is an error. Not run with fullStandardOutput, which
    # writes into /dev/full; unwritableStandardOutput's standard output is a file in its folder.
    (
        "standard-output-failure-ignored",
        "Sources/claimlint/Terminal.swift",
        "        guard let failure = standardOutputFailure else { return }\n",
        "        guard let failure = standardOutputFailure, false else { return }\n",
        "HardeningCLITests/unwritableStandardOutput",
    ),
    # 5: SIGPIPE ignored, EPIPE stops standard output quietly, SIGHUP cleans up.
    (
        "sigpipe-kills",
        "Sources/claimlint/InterruptCleanup.swift",
        "        signal(SIGPIPE, SIG_IGN)\n",
        "",
        "HardeningCLITests/closedPipe",
    ),
    (
        "epipe-is-a-failure",
        "Sources/claimlint/Terminal.swift",
        "                if written < 0, errno == EPIPE {\n",
        "                if written < 0, errno == EPIPE, false {\n",
        "HardeningCLITests/closedPipe",
    ),
    (
        "sighup-leaves-temporaries",
        "Sources/claimlint/InterruptCleanup.swift",
        "        signal(SIGHUP, removePendingReportsAndExit)\n",
        "",
        # Signals only the claimlint processes it starts, which write into its temporary folder.
        "ShardAndInterruptTests/interruptLeavesNoPartialReport",
    ),
    # 6: a FIFO named *.md is refused without blocking.
    (
        "fifo-opened-blocking",
        "Sources/ClaimLint/Linting/InputFile.swift",
        "open($0, O_RDONLY | O_NONBLOCK | O_CLOEXEC)",
        "open($0, O_RDONLY | O_CLOEXEC)",
        "HardeningCLITests/fifo",
    ),
    (
        "fifo-read-as-file",
        "Sources/ClaimLint/Linting/InputFile.swift",
        "        guard status.st_mode & S_IFMT == S_IFREG else {\n",
        "        guard true else {\n",
        "HardeningCLITests/fifo",
    ),
    # 7: anchors, aliases and complex keys are refused before Yams sees the text.
    (
        "no-alias-guard",
        "Sources/ClaimLint/Rules/YAMLReader.swift",
        "        try YAMLAliasGuard.check(yaml, file: file)\n",
        "",
        "YAMLAliasGuardTests/aliasBomb",
    ),
    (
        "anchors-allowed",
        "Sources/ClaimLint/Rules/YAMLAliasGuard.swift",
        '                    case UInt8(ascii: "&"):\n',
        '                    case UInt8(ascii: "&") where false:\n',
        "YAMLAliasGuardTests/refuses",
    ),
    (
        "aliases-allowed",
        "Sources/ClaimLint/Rules/YAMLAliasGuard.swift",
        '                    case UInt8(ascii: "*"):\n',
        '                    case UInt8(ascii: "*") where false:\n',
        "YAMLAliasGuardTests/refuses",
    ),
    (
        "complex-keys-allowed",
        "Sources/ClaimLint/Rules/YAMLAliasGuard.swift",
        '                    case UInt8(ascii: "?") where isBlank(index + 1):\n',
        '                    case UInt8(ascii: "?") where isBlank(index + 1) && false:\n',
        "YAMLAliasGuardTests/refuses",
    ),
    # 8: phrase branching is bounded.
    (
        "no-phrase-bound",
        "Sources/ClaimLint/Matching/PhraseMatcher.swift",
        "guard alternatives <= PhraseWalkBound.maximumAlternatives else {",
        "guard alternatives <= Int.max else {",
        "PhraseWalkBoundTests/rejectsExplosivePhrase",
    ),
    (
        "no-state-merging",
        "Sources/ClaimLint/Matching/PhraseWalkBound.swift",
        "            if slots[index].state == state { return false }\n",
        "            if slots[index].state == state { return true }\n",
        "PhraseWalkBoundTests/mergesEqualStates",
    ),
    (
        "no-sentence-budget",
        "Sources/ClaimLint/Matching/PhraseMatcher.swift",
        "                if budget < 0 {\n"
        "                    budget = 0\n"
        "                    scratch.cutSentences += 1\n"
        "                    scratch.stack.removeAllKeepingCapacity()\n"
        "                    return\n"
        "                }\n",
        "",
        "PhraseWalkBoundTests/stopsAtSentenceBudget",
    ),
    # 9: findings are capped per page, with one finding for the rest; parsing a page is bounded.
    (
        "no-finding-cap",
        "Sources/ClaimLint/Checks/FindingBudget.swift",
        "        self.cap = max(cap, 1)\n",
        "        self.cap = 1 << 40\n",
        "FindingLimitTests/capKeepsTheFirstAndCountsTheRest",
    ),
    (
        "no-limit-finding",
        "Sources/ClaimLint/Linting/Linter.swift",
        "            if let limit = page.limitFinding(\n",
        "            if false, let limit = page.limitFinding(\n",
        "FindingLimitTests/capKeepsTheFirstAndCountsTheRest",
    ),
    (
        "no-tree-bound",
        "Sources/CCmarkBounded/cmark-bounded.c",
        "  if (parse != NULL && *parse->live > parse->limit) longjmp(parse->escape, 1);\n",
        "  if (0 && parse != NULL && *parse->live > parse->limit) longjmp(parse->escape, 1);\n",
        # Its page needs a few MiB of tree; the bound it sets is 4 MiB.
        "ParseLimitTests/treeOverLimit",
    ),
    (
        "no-prose-bound",
        "Sources/ClaimLint/Markdown/ProseFlattener.swift",
        "    var isFull: Bool { heldBytes > heldLimit }\n",
        "    var isFull: Bool { false }\n",
        "ParseLimitTests/proseOverLimit",
    ),
    # 10: a size limit, refused before reading; reads loop, up to the limit.
    (
        "no-size-check",
        "Sources/ClaimLint/Linting/InputFile.swift",
        "        guard size <= sizeLimit else { return .failure(Failure.tooLarge(size: size, limit: sizeLimit)) }\n",
        "",
        "HardeningCLITests/sizeLimit",
    ),
    (
        "size-limit-over-1g",
        "Sources/claimlint/CheckCommand.swift",
        "            guard let bytes = InputFile.parseSize(maxFileSize), bytes <= InputFile.largestSizeLimit else {\n",
        "            guard let bytes = InputFile.parseSize(maxFileSize), bytes > 0 else {\n",
        "HardeningCLITests/sizeLimit",
    ),
    (
        "one-read",
        "Sources/ClaimLint/Linting/InputFile.swift",
        "            case .success(let read):\n"
        "                count += read\n",
        # Before the fix the size fstat gave was read with one read call.
        "            case .success(let read):\n"
        "                return count + read\n",
        "GrowingFileTests/shortReadsAreRepeated",
    ),
    (
        "growth-past-the-limit",
        "Sources/ClaimLint/Linting/InputFile.swift",
        "            guard bytes.count + count <= sizeLimit else { return .failure(Failure.grew(past: sizeLimit)) }\n",
        # Not removed outright: the test's file never ends, and would be read until memory ran out.
        "            guard bytes.count + count <= 4 * sizeLimit else { return .failure(Failure.grew(past: sizeLimit)) }\n",
        "GrowingFileTests/endlessFileIsRefusedAtTheLimit",
    ),
    # 11: names that are not UTF-8: listed, opened, escaped, and kept as bytes in the reports.
    (
        "listing-drops-raw-names",
        "Sources/ClaimLint/Linting/FileName.swift",
        '            if name != ".", name != ".." { names.append(name) }\n',
        # What Foundation's listing did.
        '            if name != ".", name != "..", !hasRawBytes(name) { names.append(name) }\n',
        "NonUTF8FileNameTests/lintedAndEscaped",
    ),
    (
        "names-opened-as-utf8",
        "Sources/ClaimLint/Linting/FileName.swift",
        "        guard hasRawBytes(path) else { return try path.withCString(body) }\n",
        "        return try path.withCString(body)\n",
        "NonUTF8FileNameTests/lintedAndEscaped",
    ),
    (
        "names-shown-raw",
        "Sources/ClaimLint/Linting/FileName.swift",
        "        guard hasRawBytes(path) else { return path }\n",
        "        return path\n",
        "NonUTF8FileNameTests/lintedAndEscaped",
    ),
    (
        "json-without-path-bytes",
        "Sources/ClaimLint/Reporters/JSONReporter.swift",
        '            if let bytes = FileName.base64Bytes(of: file.path) { json.field("pathBytes") { json.string(bytes) } }\n',
        "",
        "NonUTF8FileNameTests/reportsKeepTheBytes",
    ),
    (
        "merge-ignores-path-bytes",
        "Sources/ClaimLint/Reporters/JSONReportReader.swift",
        "                path: file.pathBytes.flatMap(FileName.string(base64:)) ?? file.path,\n",
        "                path: file.path,\n",
        "NonUTF8FileNameTests/reportsKeepTheBytes",
    ),
    (
        "baseline-without-path-bytes",
        "Sources/ClaimLint/Acceptance/Baseline.swift",
        '                + (FileName.base64Bytes(of: key.path).map { ", \\"pathBytes\\": \\(Self.quoted($0))" } ?? "")\n',
        "",
        "NonUTF8FileNameTests/reportsKeepTheBytes",
    ),
    (
        "sarif-encodes-scalars",
        "Sources/ClaimLint/Reporters/ReportPath.swift",
        "        for byte in FileName.bytes(of: path) {\n",
        "        for byte in Array(path.utf8) {\n",
        "NonUTF8FileNameTests/reportsKeepTheBytes",
    ),
    # 12: merge takes every shard once.
    (
        "merge-takes-a-shard-twice",
        "Sources/ClaimLint/Reporters/JSONReportReader.swift",
        '                throw ReadError(path: path, reason: "shard \\(shard) is named twice (also \\(other))")\n',
        "                _ = other\n",
        "HardeningCLITests/mergeRefusesDuplicates",
    ),
    (
        "merge-takes-unsharded-reports",
        "Sources/ClaimLint/Reporters/JSONReportReader.swift",
        "                if reports.count > 1 {\n",
        "                if false {\n",
        "HardeningCLITests/mergeRefusesDuplicates",
    ),
    (
        "merge-without-a-shard",
        [
            (
                "Sources/ClaimLint/Reporters/JSONReportReader.swift",
                "        if counts.count > 1 || (counts.first.map { $0 != ordered.count } ?? false) {\n",
                "        if counts.count > 1 {\n",
            ),
            (
                "Sources/ClaimLint/Reporters/JSONReportReader.swift",
                "first(where: { shardReport[$0] == nil }), shardReport.count < count {\n",
                "first(where: { shardReport[$0] == nil }), shardReport.count < count, false {\n",
            ),
        ],
        "ShardAndInterruptTests/mergeRefusesMismatches",
    ),
    # 13: positions.
    (
        "escape-shifts-the-line",
        "Sources/ClaimLint/Markdown/InlinePositions.swift",
        "            ?? escapedShifts(literal, line: line, column: column).first\n",
        "",
        "HardeningCLITests/positions",
    ),
    (
        "entity-cuts-the-range",
        "Sources/ClaimLint/Markdown/ProseDocument.swift",
        "            if end == segment.proseStart + segment.proseLength { return segment.sourceStart + segment.sourceLength }\n",
        "",
        "HardeningCLITests/positions",
    ),
    (
        "second-bom-uncounted",
        "Sources/ClaimLint/Markdown/FrontMatter.swift",
        "        bomLength = hasBOM ? (isBOM(at: 3) ? 6 : 3) : 0\n",
        "        bomLength = hasBOM ? 3 : 0\n",
        "HardeningCLITests/positions",
    ),
    (
        "lone-cr-no-line-end",
        "Sources/ClaimLint/Linting/InputValidator.swift",
        '                || (bytes[index] == UInt8(ascii: "\\r")\n'
        '                    && (index + 1 >= bytes.count || bytes[index + 1] != UInt8(ascii: "\\n")))\n',
        "",
        "HardeningCLITests/loneCRLine",
    ),
    # 14: configuration within the repository; exclusions that say so.
    (
        "search-past-repository",
        "Sources/ClaimLint/Rules/ConfigurationSearch.swift",
        '            if FileName.exists(url.appendingPathComponent(".git").path) { return found }\n',
        "",
        # It then reads .claimlint.yml files up to /, and only reads them.
        "HardeningCLITests/configurationStopsAtRepositoryRoot",
    ),
    (
        "root-key-unread",
        "Sources/ClaimLint/Rules/ProjectConfiguration.swift",
        '                configuration.isRoot = try reader.bool(value, "root")\n',
        '                _ = try reader.bool(value, "root")\n',
        "HardeningCLITests/rootKey",
    ),
    (
        "root-does-not-stop",
        "Sources/ClaimLint/Rules/ConfigurationStack.swift",
        "            if configuration.isRoot { break }\n",
        "",
        "ConfigurationStackTests/enableAndRoot",
    ),
    (
        "foreign-configuration-silent",
        "Sources/ClaimLint/Rules/ConfigurationSearch.swift",
        "        guard status.st_uid != geteuid(), status.st_mode & S_IWOTH != 0 else { return nil }\n",
        "        guard false else { return nil }\n",
        # Runs only as root; gives a file in its temporary folder to nobody.
        "HardeningCLITests/foreignConfiguration",
    ),
    (
        "exclude-everything-unexplained",
        "Sources/ClaimLint/Linting/FileCollector.swift",
        "                if let summary = excluded.summary {\n",
        "                if let summary = excluded.summary, false {\n",
        "HardeningCLITests/excludeEverything",
    ),
    (
        "configuration-excludes-everything-silently",
        "Sources/ClaimLint/Linting/LintRun.swift",
        "        where lintedFrom[argument] == nil {\n",
        "        where lintedFrom[argument] == nil && false {\n",
        "HardeningCLITests/configurationExcludesEverything",
    ),
    (
        "named-file-excluded-silently",
        [
            (
                "Sources/ClaimLint/Linting/LintRun.swift",
                '                    plan.notes.append("\\(named ?? path): not linted: it matches \\(source)")\n',
                "",
            ),
            (
                "Sources/ClaimLint/Linting/FileCollector.swift",
                "                    result.notes.append(\"\\(path): not linted: it matches --exclude '\\(pattern)'\")\n",
                "                    _ = pattern\n",
            ),
        ],
        "HardeningCLITests/namedFileExcluded",
    ),
    # 15: control characters escaped in text output and on standard error.
    (
        "raw-path-in-text",
        "Sources/ClaimLint/Reporters/TextReporter.swift",
        "        let path = ControlCharacters.escaped(file.path)\n",
        "        let path = file.path\n",
        "HardeningCLITests/terminalEscapes",
    ),
    (
        "raw-excerpt-in-text",
        "Sources/ClaimLint/Reporters/TextReporter.swift",
        "                text = ControlCharacters.pictured(line.replacingTabs)\n",
        "                text = line.replacingTabs\n",
        "HardeningCLITests/terminalEscapes",
    ),
    (
        "raw-path-on-standard-error",
        "Sources/claimlint/Diagnostics.swift",
        "            location = ControlCharacters.escaped(path)\n",
        "            location = path\n",
        "HardeningCLITests/terminalEscapes",
    ),
    (
        "raw-message-on-standard-error",
        "Sources/claimlint/Diagnostics.swift",
        "        let message = ControlCharacters.escaped(message)\n",
        "        let message = message\n",
        "HardeningCLITests/terminalEscapes",
    ),
    # 16: the Markdown report neutralises mentions and shows control characters; GitHub encodes them.
    (
        "mentions-ping",
        "Sources/ClaimLint/Reporters/MarkdownReporter.swift",
        '            case "@": out += "@\\u{200D}"\n',
        '            case "@": out += "@"\n',
        "HardeningCLITests/botOutput",
    ),
    (
        "raw-controls-in-markdown",
        "Sources/ClaimLint/Reporters/MarkdownReporter.swift",
        "            case _ where ControlCharacters.isControl(scalar): out += ControlCharacters.pictured(String(scalar))\n",
        "",
        "HardeningCLITests/botOutput",
    ),
    (
        "raw-controls-in-github",
        "Sources/ClaimLint/Reporters/GitHubReporter.swift",
        '                    byte == UInt8(ascii: "%") || (byte < 0x20 && byte != UInt8(ascii: "\\t")) || byte == 0x7F || isC1\n',
        # What the runner's own escaping covers: %, CR and LF.
        '                    byte == UInt8(ascii: "%") || byte == 0x0D || byte == 0x0A\n',
        "HardeningCLITests/botOutput",
    ),
    # 17: a removed file says so; a NUL in YAML is one located error.
    (
        "removed-file-as-other-error",
        "Sources/ClaimLint/Linting/InputFile.swift",
        'case ENOENT: reason = "no longer exists: it was removed after the run found it"',
        'case ENOENT: reason = "cannot read this file (permission denied or not a regular file)"',
        "HardeningCLITests/removedFile",
    ),
    (
        "nul-in-yaml-unlocated",
        "Sources/ClaimLint/Rules/YAMLReader.swift",
        "            case .reader(let problem, let offset, let value, _):\n",
        "            case .reader(let problem, let offset, let value, _) where false:\n",
        "HardeningCLITests/nulInYAML",
    ),
]


def log(message):
    print(message, flush=True)


def default_signals():
    """In the child, before exec: the default action for the signals the tests send or meet. An
    ignored signal stays ignored across exec, down to the claimlint the tests start unless a process
    in between resets it: were this script run under nohup, a mutation that removes claimlint's
    SIGHUP handler could pass unseen."""
    for number in (signal.SIGHUP, signal.SIGINT, signal.SIGTERM, signal.SIGQUIT, signal.SIGPIPE):
        signal.signal(number, signal.SIG_DFL)


def run(command, cwd, timeout, log_path):
    """Runs `command` in its own process group; returns its status, or None when it timed out."""
    environment = dict(os.environ)
    environment.pop("CLAIMLINT_TEST_BINARY", None)
    with open(log_path, "w") as out:
        process = subprocess.Popen(
            command,
            cwd=cwd,
            stdout=out,
            stderr=subprocess.STDOUT,
            env=environment,
            start_new_session=True,
            preexec_fn=default_signals,
        )
        try:
            return process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            kill_session(process.pid)
            process.wait()
            return None


def kill_session(session):
    """Kills every process of the session `run` started: swift test gives the test runner a process
    group of its own, and the tests' children have theirs, so killing the group is not enough."""
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        # After the command's name: state, parent, process group, session.
        if int(fields[3]) == session:
            try:
                os.kill(int(entry), signal.SIGKILL)
            except ProcessLookupError:
                pass


def tests_ran(log_path):
    """How many tests swift-testing says it ran (0 when none, or no summary line)."""
    text = open(log_path, errors="replace").read()
    counts = [int(n) for n in re.findall(r"Test run with (\d+) tests?", text)]
    return max(counts) if counts else 0


def tests_skipped(log_path):
    """How many tests swift-testing skipped (a condition trait not met): a skipped test proves nothing."""
    text = open(log_path, errors="replace").read()
    return len(re.findall(r'Test (?:"[^"\n]*"|\S+) skipped', text))


def first_issue(log_path):
    """The first issue a test recorded (a failed expectation, a thrown error), for the verdict."""
    for line in open(log_path, errors="replace"):
        if re.search(r"recorded an issue|Expectation failed|Caught error|Requirement failed", line):
            line = line.strip()
            return line if len(line) <= 400 else line[:400] + " …"
    return None


def edits_of(mutation):
    """A mutation's edits as (file, old, new) triples, and its test filter."""
    if len(mutation) == 5:
        _, path, old, new, test_filter = mutation
        return [(path, old, new)], test_filter
    _, edits, test_filter = mutation
    return list(edits), test_filter


def copy_package(destination):
    ignore = shutil.ignore_patterns(".build", ".build-*", ".build_*", ".git", ".swiftpm", "fuzz-out", "__pycache__")
    shutil.copytree(ROOT, destination, ignore=ignore, symlinks=True)
    # Tests find the shared material beside the package (TestSupport.shared); it is only read.
    shared = os.path.realpath(os.path.join(ROOT, os.pardir, "shared"))
    if os.path.isdir(shared):
        os.symlink(shared, os.path.join(os.path.dirname(destination), "shared"))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", nargs="*", help="run only these mutations")
    parser.add_argument("--timeout", type=int, default=300, help="seconds for one filtered test run (300)")
    parser.add_argument("--build-timeout", type=int, default=3600, help="seconds for one build (3600)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary copy and its build")
    parser.add_argument("--list", action="store_true", help="list the mutations and exit")
    options = parser.parse_args()

    chosen = [m for m in MUTATIONS if not options.only or m[0] in options.only]
    if options.list or not chosen:
        for mutation in MUTATIONS:
            edits, test = edits_of(mutation)
            log(f"{mutation[0]}: {', '.join(sorted(set(e[0] for e in edits)))} -> {test}")
        return 0 if options.list else 64

    work = tempfile.mkdtemp(prefix="claimlint-mutations-")
    package = os.path.join(work, "package")
    scratch = os.path.join(work, "build")
    log(f"copying {ROOT} to {package} (scratch path {scratch})")
    copy_package(package)
    build = ["swift", "build", "--build-tests", "--scratch-path", scratch]

    def test(filters, log_path):
        command = ["swift", "test", "--skip-build", "--scratch-path", scratch]
        for test_filter in filters:
            command += ["--filter", test_filter]
        return run(command, package, options.timeout, log_path)

    results = []
    started = time.time()
    try:
        for mutation in chosen:
            name = mutation[0]
            edits, test_filter = edits_of(mutation)
            step_log = os.path.join(work, name + ".log")
            originals = {}
            mutated = {}
            problem = None
            for path, old, new in edits:
                target = os.path.join(package, path)
                if target not in originals:
                    originals[target] = open(target).read()
                    mutated[target] = originals[target]
                if mutated[target].count(old) != 1:
                    problem = f"old text found {mutated[target].count(old)} times in {path}"
                    break
                mutated[target] = mutated[target].replace(old, new)
            if problem:
                results.append((name, test_filter, "broken", problem))
                log(f"{name}: broken ({problem})")
                continue
            for target, text in mutated.items():
                with open(target, "w") as out:
                    out.write(text)
            try:
                t0 = time.time()
                status = run(build, package, options.build_timeout, step_log)
                if status != 0:
                    results.append((name, test_filter, "broken", f"the mutated package did not build ({step_log})"))
                    log(f"{name}: broken (build failed, {step_log})")
                    continue
                status = test([test_filter], step_log)
                seconds = time.time() - t0
                skipped = tests_skipped(step_log)
                if status is None:
                    verdict = "hangs"
                elif tests_ran(step_log) == 0 or skipped:
                    verdict = "broken"
                elif status == 0:
                    verdict = "passes"
                else:
                    verdict = "fails"
                if verdict == "broken":
                    detail = f"{skipped} test(s) skipped" if skipped else "no test ran"
                else:
                    detail = f"{tests_ran(step_log)} test(s), {seconds:.0f} s"
                issue = first_issue(step_log) if verdict == "fails" else None
                results.append((name, test_filter, verdict, detail))
                log(f"{name}: {verdict} ({test_filter}: {detail})" + (f"\n    {issue}" if issue else ""))
            finally:
                for target, text in originals.items():
                    with open(target, "w") as out:
                        out.write(text)

        control_log = os.path.join(work, "unmutated.log")
        filters = sorted(set(edits_of(m)[1] for m in chosen))
        status = run(build, package, options.build_timeout, control_log)
        if status == 0:
            status = test(filters, control_log)
        ran = tests_ran(control_log)
        skipped = tests_skipped(control_log)
        control_ok = status == 0 and ran == len(filters) and skipped == 0
        log(
            f"unmutated: {'passes' if control_ok else 'FAILS'} ({ran} test(s) of {len(filters)}, {skipped} skipped,"
            f" {control_log})"
        )
    finally:
        if options.keep:
            log(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
            # SwiftPM's lock files for the scratch path, named after it, beside it in the temporary folder.
            for lock in glob.glob(os.path.join(os.path.dirname(work), scratch.replace("/", "_") + "*.lock")):
                os.remove(lock)

    log("")
    log("| mutation | test | result |")
    log("| --- | --- | --- |")
    for name, test_filter, verdict, detail in results:
        log(f"| `{name}` | `{test_filter}` | {verdict} ({detail}) |")
    log(f"| none | all of the above | {'pass' if control_ok else 'FAIL'} |")
    log(f"({time.time() - started:.0f} s)")
    good = all(r[2] in ("fails", "hangs") for r in results) and control_ok
    return 0 if good else 1


if __name__ == "__main__":
    sys.exit(main())
