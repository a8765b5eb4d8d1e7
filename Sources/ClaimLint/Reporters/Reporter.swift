/// A report format, written as the run goes: `begin` once, `file` for each file in report order,
/// `end` once. `check` calls these as files finish linting and `merge` as it reads shards, so both
/// write every format the same way. A format that needs the whole run before it can write its
/// start (SARIF's rules and invocation, HTML's summary) spools per-file parts to a temporary file
/// (`ReportSpool`) rather than keeping the run in memory. A reporter writes one report at a time;
/// `begin` starts a new one. Same calls, same bytes.
public protocol Reporter: AnyObject {
    func begin(_ run: RunStart, to out: ReportOutput) throws
    func file(_ file: FileReport, to out: ReportOutput) throws
    func end(_ run: RunEnd, to out: ReportOutput) throws
}

/// What a run knows before its first file.
public struct RunStart: Sendable {
    public var toolVersion: String
    /// SHA-256 of the effective rules, so a reviewer can say which rules judged which page.
    public var rulesDigest: String
    /// The rules in force, for formats that describe rules (SARIF, HTML); a finding whose rule is
    /// missing from it is described from the finding alone.
    public var rules: RuleSet
    /// Set when the run lints one slice of the files (`--shard`).
    public var shard: Shard?
    /// True when a baseline judges the run: SARIF then gives every result a `baselineState`.
    public var usesBaseline: Bool
    /// When the run was made (ISO 8601, UTC), for the HTML run record; JSON and SARIF stay free of
    /// dates so that the same pages give the same bytes. The CLI honours `SOURCE_DATE_EPOCH`.
    public var date: String?
    /// The commit checked out when the run was made in a git work tree, for the HTML run record.
    public var commit: String?

    public init(
        toolVersion: String = ClaimLintVersion.current, rulesDigest: String, rules: RuleSet = RuleSet(),
        shard: Shard? = nil,
        usesBaseline: Bool = false, date: String? = nil, commit: String? = nil
    ) {
        self.date = date
        self.commit = commit
        self.toolVersion = toolVersion
        self.rulesDigest = rulesDigest
        self.rules = rules
        self.shard = shard
        self.usesBaseline = usesBaseline
    }
}

/// What a run knows after its last file.
public struct RunEnd: Sendable {
    /// Problems that belong to no single input (a path that does not exist, a folder without Markdown).
    public var errors: [String]
    /// The counts over every file, with `pathErrors` (and `baselineStale`, with a baseline) set.
    public var totals: RunTotals

    public init(errors: [String], totals: RunTotals) {
        self.errors = errors
        self.totals = totals
    }
}

extension Reporter {
    /// The whole report of a run held in memory (tests, editors, the fuzz harness), made by the
    /// same `begin`/`file`/`end` calls a streamed run makes.
    public func render(_ report: LintReport, rules: RuleSet = RuleSet(), date: String? = nil, commit: String? = nil)
        throws -> String
    {
        let (out, text) = ReportOutput.inMemory()
        let start = RunStart(
            toolVersion: report.toolVersion, rulesDigest: report.rulesDigest, rules: rules, shard: report.shard,
            usesBaseline: report.baseline != nil, date: date, commit: commit
        )
        try begin(start, to: out)
        for file in report.files { try self.file(file, to: out) }
        try end(RunEnd(errors: report.errors, totals: report.totals), to: out)
        try out.finish()
        return text()
    }
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

    /// A new reporter for this format.
    ///
    /// - parameter workingDirectory: absolute path that SARIF and GitHub paths are made relative to.
    public func reporter(color: Bool = false, quiet: Bool = false, workingDirectory: String = "") -> any Reporter {
        switch self {
        case .text: TextReporter(color: color, quiet: quiet)
        case .json: JSONReporter()
        case .sarif: SARIFReporter(workingDirectory: workingDirectory)
        case .github: GitHubReporter(workingDirectory: workingDirectory)
        case .junit: JUnitReporter()
        case .html: HTMLReporter()
        case .markdown: MarkdownReporter()
        }
    }

    /// Whether the format shows each input's SHA-256 (all but text), so a run for text alone skips computing them.
    public var showsDigests: Bool { self != .text }
}
