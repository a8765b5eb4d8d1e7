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
        let rows = set.rules.map {
            [$0.id, $0.kind.rawValue, $0.category, $0.severity.rawValue, $0.sourceTitle ?? $0.source]
        }
        let headers = ["ID", "KIND", "CATEGORY", "SEVERITY", "SOURCE"]
        let widths = (0..<4).map { column in ([headers] + rows).map { $0[column].count }.max() ?? 0 }
        func line(_ row: [String]) -> String {
            (0..<4).map { row[$0].padding(toLength: widths[$0] + 2, withPad: " ", startingAt: 0) }.joined() + row[4]
                + "\n"
        }
        Terminal.write(line(headers) + rows.map(line).joined())
        Terminal.write("\n\(set.rules.count) rules. `claimlint explain ID` shows one in full.\n")
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
        guard let rule = set.rule(withID: ruleID) else {
            throw ValidationError("no rule has the id '\(ruleID)'; `claimlint rules` lists them")
        }
        Terminal.write(RuleExplanation.render(rule))
    }
}
