import ClaimLint

private typealias CitationScope = Rule.CitationScope

/// What hovering over a finding shows, in Markdown: the rule's message, why the words count, the
/// rule's rationale, the fix, and a link to its legal source. Several findings on the same words
/// are shown one after another.
enum HoverText {
    static func markdown(_ findings: [PlacedFinding]) -> String {
        findings.map(section).joined(separator: "\n\n---\n\n")
    }

    private static func section(_ placed: PlacedFinding) -> String {
        let finding = placed.finding
        var lines = ["**\(finding.severity.rawValue)** `\(finding.ruleID)`: \(escape(finding.message))"]
        lines.append("*Why it was flagged:* \(whyFlagged(placed))")
        if let rationale = placed.rule?.rationale { lines.append("*Rationale:* \(escape(rationale))") }
        lines.append("*Fix:* \(escape(finding.fix))")
        if let rule = placed.rule {
            let title = escape(rule.sourceTitle ?? rule.source)
            lines.append("*Source:* " + (DiagnosticBuilder.isLink(rule.source) ? "[\(title)](\(rule.source))" : title))
        }
        return lines.joined(separator: "\n\n")
    }

    /// The words that matched and what kind of rule they met.
    private static func whyFlagged(_ placed: PlacedFinding) -> String {
        let finding = placed.finding
        var words = "“\(escape(finding.matchedText))”"
        // The claim grammar's account of the words, where it says more than the words themselves.
        if finding.kind != .disclosure, !finding.explainsItself { words += " (\(escape(finding.explanation)))" }
        switch finding.kind {
        case .claim where placed.rule?.citation == CitationScope.none:
            return "\(words) is \(finding.category) wording that no citation makes acceptable."
        case .claim: return "\(words) is \(finding.category) wording with no citation that covers it."
        case .statistic: return "\(words) is a statistic with no citation that covers it."
        case .citation: return "\(words) is a citation marker that points to no reference on the page."
        case .disclosure:
            let triggers = finding.because.filter { $0.role == "trigger" }.map { "“\(escape($0.text))”" }
            let mentions = triggers.count > 1 ? triggers.joined(separator: ", ") : words
            return "the page mentions \(mentions), which makes the disclosure necessary, and it does not carry it."
        case .suppression: return "this `claimlint-disable` directive needs attention."
        case .approval: return "\(words) is close to, but not, the wording of an approved claim."
        case .limit: return "the page has more findings than `max-findings-per-file`; the rest are not shown."
        }
    }

    /// Markdown's inline specials, so a message with `*` or `_` reads as written.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for character in text {
            if "\\`*_[]<>#|".contains(character) { out.append("\\") }
            out.append(character)
        }
        return out
    }
}
