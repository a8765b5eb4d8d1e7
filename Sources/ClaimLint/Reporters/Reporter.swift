/// Turns a run's report into text. Reporters are pure: same report, same output.
public protocol Reporter {
    func render(_ report: LintReport) -> String
}

/// The output formats claimlint can write.
public enum ReportFormat: String, CaseIterable, Sendable {
    case text
    case json
    case sarif
    case github
    case junit
    case html
    case markdown

    /// The reporter for this format.
    ///
    /// - parameter rules: the rules in force, for formats that describe rules (SARIF, HTML); a
    ///   finding whose rule is missing from it is described from the finding alone.
    /// - parameter workingDirectory: absolute path that SARIF and GitHub paths are made relative to.
    public func reporter(color: Bool = false, quiet: Bool = false, rules: RuleSet = RuleSet(), workingDirectory: String = "") -> any Reporter {
        switch self {
        case .text: TextReporter(color: color, quiet: quiet)
        case .json: JSONReporter()
        case .sarif: SARIFReporter(rules: rules, workingDirectory: workingDirectory)
        case .github: GitHubReporter(workingDirectory: workingDirectory)
        case .junit: JUnitReporter()
        case .html: HTMLReporter(rules: rules)
        case .markdown: MarkdownReporter()
        }
    }
}
