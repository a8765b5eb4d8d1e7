import ArgumentParser
import ClaimLint

/// `claimlint rules`: every rule in force, one line each.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules", abstract: "List the rules in force with id, kind, category, severity and source.")

    @OptionGroup(title: "Rules")
    var ruleOptions: RuleOptions

    func run() throws {
        let set = try ruleOptions.rulesInForce()
        // The rules in force first; those the project files turned off after them, in a section of
        // their own (one table, so the columns line up), and a changed severity says what it was:
        // the list is what `check` applies here and why.
        let active = set.rules.map {
            [$0.id, $0.kind.rawValue, $0.category, Self.severity($0, set), $0.sourceTitle ?? $0.source]
        }
        let disabled = set.disabledRules.map {
            [$0.id, $0.kind.rawValue, $0.category, "disabled", $0.sourceTitle ?? $0.source]
        }
        let headers = ["ID", "KIND", "CATEGORY", "SEVERITY", "SOURCE"]
        let widths = (0..<4).map { column in ([headers] + active + disabled).map { $0[column].count }.max() ?? 0 }
        func line(_ row: [String]) -> String {
            (0..<4).map { row[$0].padding(toLength: widths[$0] + 2, withPad: " ", startingAt: 0) }.joined() + row[4]
                + "\n"
        }
        var table = line(headers) + active.map(line).joined()
        if !disabled.isEmpty {
            table += "\nDisabled by the project configuration (not applied):\n" + disabled.map(line).joined()
        }
        Terminal.write(table)
        var summary = "\n\(set.rules.count) rules in force"
        if !set.disabledRules.isEmpty { summary += ", \(set.disabledRules.count) disabled" }
        summary += ". `claimlint explain ID` shows one in full"
        let changed = (set.rules + set.disabledRules).compactMap { rule in
            set.adjustments[rule.id].map { (rule, $0) }
        }
        if !changed.isEmpty {
            summary += "; changed by the project configuration:\n"
            for (rule, adjustment) in changed { summary += "  \(rule.id): \(Self.describe(adjustment, rule, set))\n" }
        } else {
            summary += ".\n"
        }
        Terminal.write(summary)
    }

    /// `warning`, or `error (was warning)` where a project file changed it.
    static func severity(_ rule: Rule, _ set: RuleSet) -> String {
        guard let original = set.adjustments[rule.id]?.originalSeverity, original != rule.severity else {
            return rule.severity.rawValue
        }
        return "\(rule.severity.rawValue) (was \(original.rawValue))"
    }

    /// `disabled at FILE:LINE:COLUMN`, `severity error at FILE:LINE:COLUMN`, or both.
    static func describe(_ adjustment: RuleAdjustment, _ rule: Rule, _ set: RuleSet) -> String {
        var parts: [String] = []
        if let at = adjustment.switchedAt {
            let off = set.disabledRuleIDs.contains(rule.id)
            parts.append("\(off ? "disabled" : "enabled") at \(place(at))")
        }
        if let at = adjustment.severityAt { parts.append("severity \(rule.severity.rawValue) at \(place(at))") }
        return parts.joined(separator: "; ")
    }

    static func place(_ location: RuleLocation) -> String {
        [location.file, location.line.map(String.init), location.column.map(String.init)].compactMap { $0 }
            .joined(separator: ":")
    }
}

/// `claimlint explain RULE-ID`: a rule's rationale, source, what satisfies it and its examples.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain one rule: why it exists, its legal or guidance source, what satisfies it, examples.")

    @Argument(help: "The rule id, as printed in brackets after each finding.")
    var ruleID: String

    @OptionGroup(title: "Rules")
    var ruleOptions: RuleOptions

    func run() throws {
        let set = try ruleOptions.rulesInForce()
        guard let rule = set.rule(withID: ruleID) ?? set.disabledRules.first(where: { $0.id == ruleID }) else {
            throw ValidationError("no rule has the id '\(ruleID)'; `claimlint rules` lists them")
        }
        var text = RuleExplanation.render(rule, maxFindingsPerFile: set.maxFindingsPerFile)
        // What the project configuration did to it, first: a disabled rule is not applied here at all.
        if let adjustment = set.adjustments[rule.id] {
            let note = RulesCommand.describe(adjustment, rule, set)
            let off = set.disabledRuleIDs.contains(rule.id)
            let headline = off ? "Disabled here by the project configuration (\(note))." : "Changed here: \(note)."
            let original =
                adjustment.originalSeverity.map { $0 != rule.severity ? " Its own severity is \($0.rawValue)." : "" }
                ?? ""
            if let heading = text.range(of: "\n\n") {
                text.insert(contentsOf: "\n" + headline + original, at: heading.lowerBound)
            }
        }
        Terminal.write(text)
    }
}
