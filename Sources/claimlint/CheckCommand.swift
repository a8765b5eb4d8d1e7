import ArgumentParser
import ClaimLint
import Foundation

/// `claimlint check [PATH…]`: lint files and folders and report.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Lint Markdown files and folders (recursing into *.md and *.markdown); '-' reads standard input."
    )

    @Argument(help: "Files or folders to lint, or - for standard input. Defaults to the current folder.")
    var paths: [String] = []

    @Option(
        help: ArgumentHelp(
            "Also lint the paths listed in this file, one per line ('-' reads the list from standard input); for long lists such as `git ls-files '*.md'`.",
            valueName: "file"
        ))
    var filesFrom: String?

    @OptionGroup
    var reportOptions: ReportOptions<CheckCommand>

    @OptionGroup(title: "Rules")
    var ruleOptions: RuleOptions

    @Option(
        help: ArgumentHelp(
            "Lint only slice I of N of the files, for a CI matrix; merge the JSON reports with `claimlint merge`.",
            valueName: "I/N"))
    var shard: Shard?

    @Option(
        help: ArgumentHelp(
            "Refuse input files larger than this (bytes, or with K, M or G; default 64M, at most 1G).",
            valueName: "size"
        ))
    var maxFileSize: String?

    @Option(
        help: ArgumentHelp(
            "The real path of the page read from standard input ('-'): findings name it, and its .claimlint.yml is found from its folder (for editors).",
            valueName: "path"
        ))
    var stdinFilename: String?

    @Option(help: "Skip paths matching this glob (repeatable).")
    var exclude: [String] = []

    @Option(
        help: ArgumentHelp(
            "An approved-claims library (YAML) to use instead of the project file's `approved-claims:`.",
            valueName: "file"))
    var approved: String?

    @Option(
        help: ArgumentHelp(
            "Report and fail only on findings this baseline file does not record (docs/adoption.md); wins over baseline: in .claimlint.yml.",
            valueName: "file"
        ))
    var baseline: String?

    @Flag(
        help:
            "With a baseline (--baseline, or baseline: in .claimlint.yml), also fail when it records findings that no longer occur."
    )
    var baselineStrict = false

    @Option(
        help: ArgumentHelp(
            "Record today's findings in this baseline file (sorted JSON, written atomically) and exit 0.",
            valueName: "file"))
    var writeBaseline: String?

    func validate() throws {
        if let maxFileSize {
            guard let bytes = InputFile.parseSize(maxFileSize), bytes <= InputFile.largestSizeLimit else {
                throw ValidationError(
                    "--max-file-size must be a size from 1 byte to 1G (for example 64M), not '\(maxFileSize)'")
            }
        }
        if filesFrom == "-", paths.contains("-") {
            throw ValidationError(
                "standard input cannot be both the list of paths (--files-from -) and a page to lint (-)")
        }
        if baseline != nil, writeBaseline != nil {
            throw ValidationError(
                "--baseline and --write-baseline do not go together: --write-baseline alone records today's findings afresh"
            )
        }
        if baselineStrict, writeBaseline != nil {
            throw ValidationError("--baseline-strict goes with a baseline to judge by, not with --write-baseline")
        }
        if stdinFilename != nil, !paths.contains("-") {
            throw ValidationError("--stdin-filename names the page read from standard input: add '-' to the paths")
        }
    }

    /// The paths named on the command line, then those listed by `--files-from`; with neither, the
    /// current folder. Thousands of paths belong in a list: argument parsing grows with the square
    /// of their number. An empty list lints nothing (a CI step whose diff has no Markdown passes).
    private func allPaths() throws -> [String] {
        guard let filesFrom else { return paths.isEmpty ? ["."] : paths }
        let list: String
        if filesFrom == "-" {
            list = String(decoding: Terminal.readStandardInput(), as: UTF8.self)
        } else {
            guard let data = FileManager.default.contents(atPath: filesFrom) else {
                Diagnostics.error("cannot read this list of paths", path: filesFrom)
                throw ExitStatus.couldNotRun
            }
            list = String(decoding: data, as: UTF8.self)
        }
        // A blank line, or one of only spaces (an editor's or a script's leftover), is not a path.
        let listed = list.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
            .filter { !$0.allSatisfy(\.isWhitespace) }
            .map(String.init)
        return paths + listed

    }

    func run() throws {
        InterruptCleanup.install()
        var run = LintRun(paths: try allPaths(), ruleSource: ruleOptions.source)
        run.shard = shard
        run.exclude = exclude
        if let maxFileSize, let bytes = InputFile.parseSize(maxFileSize) { run.maxFileSize = bytes }
        run.readStandardInput = { Terminal.readStandardInput() }
        run.acceptance = try acceptance(inputs: run.paths)
        let quiet = reportOptions.quiet
        run.notice = { notice in
            switch notice {
            case .note(let text): if !quiet { Diagnostics.note(text) }
            case .warning(let text): Diagnostics.warning(text)
            }
        }
        // Read while the run prepares (rules, configuration, the file walk); a mistake in it stops
        // the run before any file, as a rules file's does.
        if let approved { run.acceptance.approvedLoading = ApprovedClaims.Loading(file: approved) }
        run.standardInputPath = stdinFilename
        run.outputs = reportOptions.reports.map(\.path)
        run.computeDigests = reportOptions.needDigests
        let targets = reportOptions.targets()
        let outcome: LintRun.Outcome
        do {
            let shard = self.shard
            outcome = try run.stream(
                { file in
                    if let error = file.error { Diagnostics.error(error, path: file.path) }
                    if let note = file.note, !quiet { Diagnostics.note(note, path: file.path) }
                    targets.file(file)
                },
                prepared: { prepared in
                    let start = RunStart(
                        rulesDigest: prepared.rulesDigest, rules: prepared.rules, shard: shard,
                        usesBaseline: prepared.usesBaseline)
                    targets.begin(start, quiet: quiet)
                })
        } catch let error as RulesError {
            Diagnostics.error(error)
            throw ExitStatus.couldNotRun
        } catch let clash as LintRun.OutputIsInput {
            Diagnostics.error(clash.message, path: clash.output)
            throw ExitStatus.couldNotRun
        }
        for problem in outcome.errors {
            Diagnostics.error(problem)
        }
        if !quiet {
            for note in outcome.notes { Diagnostics.note(note) }
        }
        let totals = targets.end(errors: outcome.errors, baselineStale: outcome.baseline?.stale)
        try Terminal.checkStandardOutput()
        if totals.notLinted > 0 || !targets.allWritten { throw ExitStatus.couldNotRun }
        try finishBaseline(run.acceptance, used: outcome.baseline)
        let status = reportOptions.failOn.exitStatus(totals, reportsWritten: targets.allWritten)
        if status != ExitStatus.clean { throw status }
    }
}

extension CheckCommand {
    /// The baseline to judge by, or the recorder for `--write-baseline`. A baseline file that is
    /// wrong, or a baseline path that is one of the inputs, stops the run (exit 2).
    private func acceptance(inputs: [String]) throws -> Acceptance {
        if let writeBaseline {
            let target = URL(fileURLWithPath: writeBaseline).standardizedFileURL.path
            for input in inputs where input != "-" {
                let path = URL(fileURLWithPath: input).standardizedFileURL.path
                let isMarkdown = target.hasSuffix(".md") || target.hasSuffix(".markdown")
                if path == target || isMarkdown && target.hasPrefix(path.hasSuffix("/") ? path : path + "/") {
                    Diagnostics.error(
                        "is an input of this run; write the baseline somewhere else (it would replace a page)",
                        path: writeBaseline)
                    throw ExitStatus.couldNotRun
                }
            }
            return Acceptance(recorder: BaselineRecorder(file: writeBaseline))
        }
        guard let baseline else { return Acceptance() }
        do {
            return Acceptance(baseline: try Baseline.load(file: baseline))
        } catch let error as RulesError {
            Diagnostics.error(error)
            throw ExitStatus.couldNotRun
        }
    }

    /// After the report: `--write-baseline` writes the file and exits 0; `--baseline-strict` fails
    /// when the baseline (`--baseline` or the configuration's `baseline:`) records findings that no
    /// longer occur, or when there was no baseline to judge by.
    private func finishBaseline(_ acceptance: Acceptance, used: BaselineSummary?) throws {
        if let recorder = acceptance.recorder, let writeBaseline {
            let recorded = recorder.recorded
            do {
                try ReportFile.write(recorded.render(), to: writeBaseline)
            } catch {
                Diagnostics.error("cannot write the baseline: \(error.reason)", path: error.path)
                throw ExitStatus.couldNotRun
            }
            let findings = recorded.counts.values.reduce(0, +)
            if !reportOptions.quiet {
                Diagnostics.note(
                    "recorded \(findings) \(findings == 1 ? "finding" : "findings") (\(recorded.counts.count) entries)",
                    path: writeBaseline)
            }
            throw ExitStatus.clean
        }
        guard baselineStrict else { return }
        guard let used else {
            Diagnostics.error(
                "--baseline-strict needs a baseline: --baseline FILE, or baseline: in .claimlint.yml")
            throw ExitStatus.couldNotRun
        }
        if used.stale > 0 {
            Diagnostics.error(
                "records \(used.stale) \(used.stale == 1 ? "finding" : "findings") that no longer occur (--baseline-strict); run --write-baseline to drop them",
                path: used.file)
            throw ExitStatus.findings
        }
    }
}

extension CheckCommand: ReportDefaults {
    static let format = ReportFormat.text
    static let judged = "a finding"
}

extension ReportFormat: ExpressibleByArgument {}

extension Shard: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
}
