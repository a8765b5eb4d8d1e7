/// The rules a report describes: every rule in force, in rules-file order, then any rule a finding
/// names that the rule set lacks (a report rendered without its rules, or a rule a project file
/// added), described from the first finding that names it, so that no finding is ever left
/// without a rule. It grows as findings stream past; its size is the number of rules, not findings.
struct RuleCatalog {
    private(set) var rules: [Rule] = []
    private var indexByID: [String: Int] = [:]

    init(ruleSet: RuleSet) {
        for rule in ruleSet.rules { add(rule) }
    }

    /// The position of the finding's rule in `rules` (SARIF's ruleIndex), adding it when missing.
    mutating func index(of finding: Finding) -> Int {
        if let index = indexByID[finding.ruleID] { return index }
        add(
            Rule(
                id: finding.ruleID, kind: finding.kind, category: finding.category, severity: finding.severity,
                message: finding.message, fix: finding.fix, source: ""
            ))
        return rules.count - 1
    }

    private mutating func add(_ rule: Rule) {
        guard indexByID[rule.id] == nil else { return }
        indexByID[rule.id] = rules.count
        rules.append(rule)
    }

    func rule(_ id: String) -> Rule? { indexByID[id].map { rules[$0] } }
}

extension Rule {
    /// The rule's source when it is an http(s) link. Reports link only to these: a rules file is
    /// input too, and a `javascript:` or `file:` source must never become a live link.
    var webSource: String? {
        let lowered = source.lowercased()
        return lowered.hasPrefix("https://") || lowered.hasPrefix("http://") ? source : nil
    }
}
