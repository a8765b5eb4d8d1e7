/// The library's entry point: lints Markdown bytes with a rule set. Never prints, never exits.
public struct Linter: Sendable {
    public let ruleSet: RuleSet
    let checker: DocumentChecker
    let suppressor: Suppressor
    /// The approved-claims library of the configuration this linter was made for, if it names one.
    public var approvedClaims: ApprovedClaims?
    /// The baseline of the configuration this linter was made for (`baseline:`), if it names one.
    public var baseline: Baseline?
    /// How much memory parsing a page may take; a page over it is an error, not findings.
    @_spi(Stages) public var parseLimit = ParseLimit.standard
    /// The approved-claims library's own rules as this rule set has them.
    let approvalRules: ApprovedClaims.ApprovalRules

    public init(ruleSet: RuleSet) throws {
        self.ruleSet = ruleSet
        // The claim scorer's weights count as part of the rules: other weights, other findings.
        rulesDigest = SHA256.hex(Array((ruleSet.origins + [ClaimScorerData.tsv]).joined(separator: "\n---\n").utf8))
        self.checker = try DocumentChecker(ruleSet: ruleSet)
        self.suppressor = Suppressor(ruleSet: ruleSet)
        approvalRules = ApprovedClaims.ApprovalRules(ruleSet)
    }

    /// The linter a stack of project configurations calls for (with the overrides that match a
    /// path): `base` with their changes, and the approved-claims library the nearest of them
    /// names, read by `library`, and the baseline it names, read by `baseline` (so a caller can
    /// read each file once for all its linters; nil where the caller judges by another baseline,
    /// or records a new one). Throws a `RulesError` for a configuration, library or baseline that
    /// is wrong (naming that file).
    public init(
        stack: ConfigurationStack, overrides: [ConfigurationStack.OverrideID], base: RuleSet,
        library: (String) throws -> ApprovedClaims = { try ApprovedClaims.load(file: $0) },
        baseline: (String) throws -> Baseline? = { try Baseline.load(file: $0) }
    ) throws {
        try self.init(ruleSet: try stack.applied(to: base, overrides: overrides))
        if let file = stack.approvedClaims { approvedClaims = try library(file) }
        if let file = stack.baseline { self.baseline = try baseline(file) }
    }

    /// Lints one file's bytes. Bytes that are not UTF-8 text give a report with an error, not findings.
    /// `digest: false` skips the SHA-256 of the input, for output that does not show it (text).
    public func lint(bytes: [UInt8], path: String, digest computeDigest: Bool = true) -> FileReport {
        var report = lintBytes(bytes, path: path, digest: computeDigest)
        report.rulesDigest = rulesDigest
        return report
    }

    private func lintBytes(_ bytes: [UInt8], path: String, digest computeDigest: Bool) -> FileReport {
        let digest = computeDigest ? SHA256.hex(bytes) : ""
        switch InputValidator.verdict(for: bytes) {
        case .empty:
            return FileReport(path: path, note: "empty file, nothing to lint", sha256: digest)
        case .rejected(let reason):
            return FileReport(path: path, error: reason, sha256: digest)
        case .claimLintReport:
            return FileReport(path: path, note: "a claimlint Markdown report, not linted", sha256: digest)
        case .text:
            let document: ProseDocument
            switch MarkdownParser.parse(SourceText(bytes: bytes), limit: parseLimit) {
            case .success(let prose): document = prose.readingSuperscriptMarkers()
            case .failure(let exceeded): return FileReport(path: path, error: exceeded.reason, sha256: digest)
            }
            let page = checker.checkPage(document)
            let room = max(ruleSet.maxFindingsPerFile - page.findings.count, 0)
            var applied = suppressor.apply(page.findings, document: document, room: room)
            // Past `max-findings-per-file`, one finding says how many more there were.
            if let limit = page.limitFinding(
                in: document, extra: applied.unreported, extraAt: applied.firstUnreported)
            {
                applied.findings.append(limit)
                applied.findings.sort(by: Finding.inReportOrder)
            }
            return FileReport(path: path, findings: applied.findings, sha256: digest)
        }
    }

    /// Lints Markdown text (for tests, examples and editors).
    public func lint(_ text: String, path: String = "<text>") -> [Finding] {
        lint(bytes: Array(text.utf8), path: path).findings
    }

    /// SHA-256 over the YAML the rules came from, in order (with which overrides applied): every
    /// file this linter judges records it.
    public let rulesDigest: String
}
