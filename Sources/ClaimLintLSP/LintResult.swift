import ClaimLint

/// A rule held by reference, so that a page's findings point at their rule instead of each
/// carrying a copy of it (a rule has some twenty strings and lists to retain and release).
final class SharedRule: Sendable {
    let rule: Rule

    init(_ rule: Rule) {
        self.rule = rule
    }
}

/// A rule set's rules by id, made once per linter rather than on every lint.
final class RulesByID: Sendable {
    let rules: [String: SharedRule]

    init(_ ruleSet: RuleSet) {
        var rules: [String: SharedRule] = [:]
        for rule in ruleSet.rules { rules[rule.id] = SharedRule(rule) }
        self.rules = rules
    }
}

/// One finding with where it sits in the protocol's terms and the rule that made it.
struct PlacedFinding: Sendable {
    var finding: Finding
    var range: LSPRange
    var sharedRule: SharedRule?
    var rule: Rule? { sharedRule?.rule }
    /// For a missing disclosure, each place on the page that made it necessary.
    var triggers: [(range: LSPRange, text: String)] = []
}

/// The findings of one lint of one version of a document, with the text they were found in, so
/// that hover and code actions describe exactly what the diagnostics showed.
struct LintResult: Sendable {
    var document: TextDocument
    var findings: [PlacedFinding]
    /// Changes whenever the rules in force may have changed (a configuration was re-read).
    var rulesEpoch: Int

    var resultID: String { "\(document.version).\(rulesEpoch)" }

    init(document: TextDocument, report: FileReport, rules: RulesByID, encoding: PositionEncoding, rulesEpoch: Int) {
        self.document = document
        self.rulesEpoch = rulesEpoch
        // Findings a directive, the baseline or an approved claim accepted are not problems to show.
        findings = report.findings.filter(\.counts).map { finding in
            let triggers =
                finding.kind == .disclosure
                ? finding.because.filter { $0.role == "trigger" }.map {
                    (document.range(of: $0.range, in: encoding), $0.text)
                } : []
            return PlacedFinding(
                finding: finding, range: document.range(ofBytes: finding.byteRange, in: encoding),
                sharedRule: rules.rules[finding.ruleID], triggers: triggers)
        }
    }

    init(empty document: TextDocument, rulesEpoch: Int) {
        self.document = document
        self.findings = []
        self.rulesEpoch = rulesEpoch
    }

    func findings(at position: LSPPosition) -> [PlacedFinding] {
        findings.filter { $0.range.contains(position) }
    }

    func findings(overlapping range: LSPRange) -> [PlacedFinding] {
        findings.filter { $0.range.overlaps(range) }
    }
}
