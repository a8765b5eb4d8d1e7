/// Turns a run's report into text. Reporters are pure: same report, same output.
public protocol Reporter {
    func render(_ report: LintReport) -> String
}

/// The output formats claimlint can write.
public enum ReportFormat: String, CaseIterable, Sendable {
    case text
    case json

    public func reporter(color: Bool = false, quiet: Bool = false) -> any Reporter {
        switch self {
        case .text: TextReporter(color: color, quiet: quiet)
        case .json: JSONReporter()
        }
    }
}
