import ArgumentParser
import ClaimLint

/// What differs between the commands that write reports: the format standard output gets by
/// default (`check` prints text for a person, `merge` JSON for the next CI step) and what
/// `--fail-on` judges.
protocol ReportDefaults {
    static var format: ReportFormat { get }
    /// The findings `--fail-on` looks at, in its help: "a finding", "a merged finding".
    static var judged: String { get }
}

/// The options of every command that writes reports (check, merge): one definition, so the
/// formats, report files, exit threshold and colour are spelled, documented and applied the
/// same way by both.
struct ReportOptions<Defaults: ReportDefaults>: ParsableArguments {
    @Option(help: "Output format: \(ReportFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: ReportFormat = Defaults.format

    @Option(
        name: .customLong("report"),
        help: ArgumentHelp(
            "Also write a report to a file, e.g. sarif=out.sarif (repeatable; formats as for --format).",
            valueName: "format=path"
        ))
    var reports: [ReportRequest] = []

    @Option(help: "Exit 1 when \(Defaults.judged) is at or above this severity: error, warning, info, or never.")
    var failOn: FailOn = .error

    @Flag(help: "Print findings only: no source excerpts, fixes or summary.")
    var quiet = false

    @Flag(inversion: .prefixedNo, help: "Colour the text output (default: only on a terminal).")
    var color: Bool?

    /// Standard output's report and every `--report` file, ready for `begin`.
    func targets() -> ReportTargets {
        // Colour only ever goes to the text report on standard output.
        let color = format == .text && (self.color ?? Terminal.standardOutputWantsColor)
        return ReportTargets(format: format, color: color, quiet: quiet, requests: reports)
    }

    /// Whether any report shows the inputs' SHA-256.
    var needDigests: Bool { ReportTargets.needDigests(format: format, requests: reports) }

    /// Whether any report describes the rules (SARIF, HTML).
    var needRules: Bool { ReportTargets.needRules(format: format, requests: reports) }
}
