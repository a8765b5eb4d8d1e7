/// The lexicons of the rules language's own grammar: `negation` (what clears a match),
/// `population` (the people a statistic counts), `reference-heading` (what opens a reference
/// list), `question-word` (a heading that opens with one announces its section: a lead-in) and
/// `definition` (words that define a term: what follows them in the sentence is no claim).
/// Their words are data, in the embedded Rules/defaults/lexicons.yml; like the medical vocabulary
/// they are there in every rule set, and a rules file that defines a lexicon of the same name
/// uses its own instead.
enum GrammarLexicons {
    static let names = ["negation", "population", "reference-heading", "question-word", "definition"]

    /// The terms of grammar lexicon `name` for `ruleSet`: its own, or the embedded defaults'.
    static func terms(_ name: String, in ruleSet: RuleSet) -> [String] {
        ruleSet.lexicons[name] ?? embedded[name] ?? []
    }

    /// Read once per process from the embedded defaults (which load without YAML).
    private static let embedded: [String: [String]] = {
        guard let defaults = try? RulesLoader.defaultRules() else { return [:] }
        return defaults.lexicons.filter { names.contains($0.key) }
    }()
}
