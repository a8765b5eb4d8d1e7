import Foundation

@testable import ClaimLint

/// Fixed findings for the reporter goldens, built in code so that the goldens change only when a
/// reporter does: paths, versions and digests are placeholders, and the rules are not the defaults
/// (which other work edits). It holds every case a reporter must handle: all three severities, a
/// multi-line range, the same claim twice on a page, a rule the rule set lacks, an absolute path
/// inside the working directory and one outside it, a name with `,` `:` `%` and `<`, page text with
/// HTML, Markdown and newlines in it, a file that could not be linted, an empty file and a bad path.
enum ReporterFixture {
    static let workingDirectory = "/placeholder/work"

    static let rules: RuleSet = {
        var set = RuleSet()
        var regulatory = Rule(
            id: "regulatory-status", kind: .claim, category: "regulatory", severity: .error,
            message: "A claim of FDA approval needs the approval it refers to.",
            fix: "Link the FDA label or 510(k) record, or remove the claim.",
            source: "https://www.fda.gov/example-guidance"
        )
        regulatory.sourceTitle = "21 CFR 807.97"
        regulatory.rationale = "Calling a use \"FDA-approved\" when it is not misleads patients <strongly>."
        var superlative = Rule(
            id: "superlative", kind: .claim, category: "superlative", severity: .info,
            message: "A superlative needs facts that verify it.", fix: "Replace it with a verifiable fact.",
            source: "https://www.ftc.gov/example-superlatives"
        )
        superlative.citation = .sentence
        var disease = Rule(
            id: "disease-claim", kind: .claim, category: "disease", severity: .error,
            message: "A disease claim | needs strong evidence.", fix: "Remove the claim.\nOr cite a trial.",
            source: "javascript:alert(1)"
        )
        disease.citation = .none
        set.rules = [
            regulatory,
            Rule(
                id: "uncited-statistic", kind: .statistic, category: "statistic", severity: .warning,
                message: "A number presented as fact has no citation.", fix: "Cite a source in the same paragraph.",
                source: "https://www.ftc.gov/example-statistics"
            ),
            Rule(
                id: "crisis-line", kind: .disclosure, category: "crisis-line", severity: .warning,
                message: "A page about depression needs the 988 crisis line.", fix: "Add: call or text 988.",
                source: "https://988lifeline.org"
            ),
            superlative,
            disease,
        ]
        return set
    }()

    static func finding(
        _ ruleID: String, _ kind: Rule.Kind, _ category: String, _ severity: Severity,
        from start: (Int, Int), to end: (Int, Int), text: String, sentence: String, message: String? = nil,
        paragraph: String? = nil
    ) -> Finding {
        let rule = rules.rule(withID: ruleID)
        return Finding(
            ruleID: ruleID, kind: kind, category: category, severity: severity,
            message: message ?? rule?.message ?? "A citation marker points to no reference entry.",
            fix: rule?.fix ?? "Add the reference entry or remove the marker.",
            range: SourceRange(
                start: SourcePosition(line: start.0, column: start.1), end: SourcePosition(line: end.0, column: end.1)),
            byteRange: 0..<1, matchedText: text, sentence: sentence,
            excerpt: Finding.Excerpt(text: sentence),
            paragraph: paragraph.map { Self.paragraph($0, marking: text) }
        )
    }

    /// A block's prose with the UTF-8 range of `words` in it.
    static func paragraph(_ text: String, marking words: String) -> Finding.Paragraph {
        let found = text.range(of: words)!
        let start = text.utf8.distance(from: text.startIndex, to: found.lowerBound)
        return Finding.Paragraph(text: text, match: start..<(start + words.utf8.count))
    }

    /// Two findings' paragraph: shown once above both, with both marked.
    static let infusions =
        "Our IV ketamine infusions are FDA-approved for depression. Within a day, 70% of\npatients | feel better. Call us."

    static let report = LintReport(
        files: [
            FileReport(
                path: "pages/ketamine-clinic.md",
                findings: [
                    finding(
                        "crisis-line", .disclosure, "crisis-line", .warning, from: (1, 3), to: (1, 13),
                        text: "depression", sentence: "Ketamine for depression"),
                    finding(
                        "regulatory-status", .claim, "regulatory", .error, from: (3, 31), to: (3, 43),
                        text: "FDA-approved", sentence: "Our IV ketamine infusions are FDA-approved for depression.",
                        paragraph: infusions),
                    finding(
                        "uncited-statistic", .statistic, "statistic", .warning, from: (5, 60), to: (6, 9),
                        text: "70% of\npatients", sentence: "Within a day, 70% of patients | feel better.",
                        paragraph: infusions),
                    finding(
                        "superlative", .claim, "superlative", .info, from: (8, 5), to: (8, 9), text: "best",
                        sentence: "The best care in town."),
                    finding(
                        "regulatory-status", .claim, "regulatory", .error, from: (10, 1), to: (10, 13),
                        text: "FDA-Approved", sentence: "FDA-Approved, as we said."),
                ],
                sha256: "<sha256-of-ketamine-clinic.md>"
            ),
            FileReport(
                path: "/placeholder/work/pages/odd name, 100%: <b>.md",
                findings: [
                    finding(
                        "disease-claim", .claim, "disease", .error, from: (2, 70), to: (2, 75), text: "cures",
                        sentence:
                            "Try <script>alert(1)</script> and \"><img src=x onerror=alert(1)> or [x](javascript:alert(1)): it cures anxiety.",
                        paragraph:
                            "Try <script>alert(1)</script> and \"><img src=x onerror=alert(1)> or [x](javascript:alert(1)): it cures anxiety. <b>Café</b> & more."
                    ),
                    finding(
                        "unresolved-citation", .citation, "citation", .warning, from: (4, 12), to: (4, 15), text: "[4]",
                        sentence: "Relief for all [4]."),
                ],
                sha256: "<sha256-of-odd-name.md>"
            ),
            FileReport(path: "../outside/clean.md", sha256: "<sha256-of-clean.md>"),
            FileReport(
                path: "drafts/broken.md",
                error: "is not valid UTF-8 (bad byte 0xC0 at line 3, byte column 7); save it as UTF-8",
                sha256: "<sha256-of-broken.md>"),
            FileReport(path: "drafts/empty.md", note: "empty file, nothing to lint", sha256: "<sha256-of-empty.md>"),
        ],
        errors: ["missing.md: no such file or folder"],
        toolVersion: "<version>",
        rulesDigest: "<rules-digest>"
    )
}
