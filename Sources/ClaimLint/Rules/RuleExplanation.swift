/// The long-form description of a rule that `claimlint explain` prints for reviewers.
public enum RuleExplanation {
    /// `maxFindingsPerFile` is the rule set's cap, which the `limit` rule's explanation names.
    public static func render(_ rule: Rule, maxFindingsPerFile: Int = RuleSet.defaultMaxFindingsPerFile) -> String {
        var out = "\(rule.id)  (\(rule.kind.rawValue), \(rule.category), \(rule.severity.rawValue))\n\n"
        out += rule.message + "\n"
        if let rationale = rule.rationale { out += "\nWhy: " + rationale + "\n" }
        out += "\nSource: " + (rule.sourceTitle.map { "\($0), " } ?? "") + rule.source + "\n"
        out += "\nFix: " + rule.fix + "\n"
        switch rule.kind {
        case .claim:
            out += "\nTriggered by: " + rule.phrases.map { "\"\($0)\"" }.joined(separator: ", ") + "\n"
            if let context = rule.context {
                out += "Only where a term of the '\(context)' lexicon is in the same sentence.\n"
            }
            if !rule.unless.isEmpty {
                out += "Cleared by: " + rule.unless.map { "\"\($0)\"" }.joined(separator: ", ") + "\n"
            }
            out += satisfaction(rule.citation)
            if rule.precedence != 0 {
                out += "Precedence: \(rule.precedence) (where its words overlap another rule's of the same severity).\n"
            }
            if let suggest = rule.suggest {
                out +=
                    "Suggested rewording: \"\(suggest)\""
                    + (suggest.contains("{match}") ? " ({match} is the matched words)" : "") + "\n"
            }
        case .statistic:
            out +=
                "\nTriggered by: percentages, counts of people, \"1 in 5\", \"9 out of 10\", \"3 times more likely\", \"half of\", fractions.\n"
            out += satisfaction(rule.citation)
        case .citation:
            out +=
                "\nTriggered by: a marker ([3], [^note], ¹, \"relief.2\") with no matching reference-list entry or footnote definition.\n"
        case .suppression:
            out += "\nTriggered by: a `<!-- claimlint-disable… -->` directive on the page (docs/adoption.md).\n"
        case .approval:
            out +=
                "\nTriggered by: a sentence with a claim that is near an entry of the approved-claims library, or uses an expired entry or one outside its paths (docs/adoption.md).\n"
        case .limit:
            out +=
                "\nTriggered by: a page with more findings than `max-findings-per-file` (here \(maxFindingsPerFile)); the findings past it are counted, not reported.\n"
        case .disclosure:
            out +=
                "\nRequired when the page mentions: "
                + rule.triggers.map { $0.map { "\"\($0)\"" }.joined(separator: " + ") }.joined(separator: "; ") + "\n"
            out += "Satisfied by: " + rule.satisfiedBy.map { "\"\($0)\"" }.joined(separator: ", ") + "\n"
            out += disclosureTexts(rule)
        }
        if !rule.examples.trigger.isEmpty {
            out +=
                "\nExamples that trigger it:\n"
                + rule.examples.trigger.map { "  ✗ " + $0.indentingContinuationLines }.joined(separator: "\n") + "\n"
        }
        if !rule.examples.pass.isEmpty {
            out +=
                "\nExamples that pass:\n"
                + rule.examples.pass.map { "  ✓ " + $0.indentingContinuationLines }.joined(separator: "\n") + "\n"
        }
        return out
    }

    /// The suggested disclosure, once or for each trigger group with the triggers that call for it.
    private static func disclosureTexts(_ rule: Rule) -> String {
        var out = ""
        let placement = rule.placement.map { " (placement: \($0.rawValue))" } ?? ""
        if let text = rule.text[Rule.anyTrigger] {
            let when = rule.triggerGroups.isEmpty ? "" : ", when no group below applies"
            out += "Suggested disclosure\(when)\(placement): \"\(text)\"\n"
        }
        var groups: [String] = []
        for group in rule.triggerGroups where !groups.contains(group) { groups.append(group) }
        let grouped = groups.compactMap { group in rule.text[group].map { (group, $0) } }
        if !grouped.isEmpty {
            out += "Suggested disclosure, by what triggered it\(placement):\n"
            for (group, text) in grouped {
                let triggers = rule.triggers.indices.filter { rule.triggerGroups[$0] == group }
                    .map { rule.triggers[$0].map { "\"\($0)\"" }.joined(separator: " + ") }
                out += "  \(group) (\(triggers.joined(separator: "; "))):\n    \"\(text)\"\n"
            }
        }
        return out
    }

    private static func satisfaction(_ scope: Rule.CitationScope) -> String {
        switch scope {
        case .paragraph:
            "Satisfied by: a citation (external link, footnote, [n] with its reference entry, author-year, DOI or PMID) in the same paragraph, list item, heading or table row.\n"
        case .sentence: "Satisfied by: a citation in the same sentence.\n"
        case .none: "Nothing satisfies it: a citation does not make this wording acceptable.\n"
        }
    }
}

extension String {
    /// Multi-line examples (whole pages) indented under their bullet.
    fileprivate var indentingContinuationLines: String {
        split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\n    ")
    }
}
