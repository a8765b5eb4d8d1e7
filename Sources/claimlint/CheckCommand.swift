import ArgumentParser
import ClaimLint

/// `claimlint check [PATH…]`: lint files and folders and report.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Lint Markdown files and folders (recursing into *.md and *.markdown); '-' reads standard input."
    )

    enum FailOn: String, ExpressibleByArgument, CaseIterable {
        case error, warning, info, never
    }

    @Argument(help: "Files or folders to lint, or - for standard input. Defaults to the current folder.")
    var paths: [String] = []

    @Option(help: "Output format: \(ReportFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: ReportFormat = .text

    @Option(help: "A rules file to use instead of the embedded defaults.")
    var rules: String?

    @Flag(help: "Ignore .claimlint.yml project files.")
    var noConfig = false

    @Option(help: "Skip paths matching this glob (repeatable).")
    var exclude: [String] = []

    @Option(help: "Exit 1 when a finding is at or above this severity: error, warning, info, or never.")
    var failOn: FailOn = .error

    @Flag(help: "Print findings only: no source excerpts, fixes or summary.")
    var quiet = false

    @Flag(inversion: .prefixedNo, help: "Colour the text output (default: only on a terminal).")
    var color: Bool?

    func run() throws {
        var run = LintRun(paths: paths, rulesFile: rules)
        run.useProjectConfiguration = !noConfig
        run.exclude = exclude
        run.readStandardInput = { Terminal.readStandardInput() }
        let report: LintReport
        do {
            report = try run.run()
        } catch let error as RulesError {
            Terminal.writeError("claimlint: \(error)\n")
            throw ExitStatus.couldNotRun
        }
        for problem in report.errors {
            Terminal.writeError("claimlint: error: \(problem)\n")
        }
        for file in report.files {
            if let error = file.error { Terminal.writeError("claimlint: error: \(file.path): \(error)\n") }
            if let note = file.note, !quiet { Terminal.writeError("claimlint: note: \(file.path): \(note)\n") }
        }
        let useColor = format == .text && (color ?? Terminal.standardOutputWantsColor)
        Terminal.write(format.reporter(color: useColor, quiet: quiet).render(report))
        if report.hasInputErrors { throw ExitStatus.couldNotRun }
        if let threshold = Severity(rawValue: failOn.rawValue), report.allFindings.contains(where: { $0.severity >= threshold }) {
            throw ExitStatus.findings
        }
    }
}

extension ReportFormat: ExpressibleByArgument {}
