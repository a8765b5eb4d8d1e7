import Yams

/// Reads rules files (format version 1, see docs/rules-format.md) into a `RuleSet`, and merges
/// project configuration on top. Every error names the file, line and column.
public enum RulesLoader {
    public static let formatVersion = 1

    /// Where the default rules files live in the source tree; errors from them name this folder.
    public static let defaultRulesFolder = "Rules/defaults"

    /// The rules shipped in the binary: the files of Rules/defaults/, read in a fixed order
    /// (the shared lexicons first, then one file per category) and merged into one set. They are
    /// read once per process, from their compiled form when it matches the files (`CompiledRules`).
    public static func defaultRules() throws -> RuleSet {
        try embeddedDefaults.get()
    }

    private static let embeddedDefaults = Result { () throws -> RuleSet in
        let files = DefaultRules.files
        if CompiledDefaults.digest == CompiledRules.digest(of: files),
            let set = try? CompiledRules.decode(CompiledDefaults.text, origins: files.map(\.yaml))
        {
            return set
        }
        return try yamlDefaultRules()
    }

    /// The default rules read from their YAML, as `defaultRules` does when their compiled form is
    /// out of date; CompiledDefaultsTests compares the two, and writes the compiled form.
    static func yamlDefaultRules() throws -> RuleSet {
        let files = DefaultRules.files.map { (yaml: $0.yaml, file: "\(defaultRulesFolder)/\($0.name)") }
        // The embedded rules' phrases are compiled by every test run (RuleCatalogTests); compiling
        // them again here only to throw the result away would double claimlint's start-up.
        return try load(files: files, compilePhrases: false)
    }

    /// What a `--rules` file builds on (its `extends` key).
    public enum Extends: String, Sendable, CaseIterable {
        /// The embedded rules, lexicons and sources (the default): the file adds rules and
        /// lexicon terms, and a rule with a default rule's id replaces that rule.
        case defaults
        /// Only the embedded lexicons: the file's rules are the only rules, in the shared vocabulary.
        case lexicons
        /// Nothing: the file is the whole rule set.
        case none
    }

    /// Reads a rules file as it stands, alone: its `extends` key is checked but not applied
    /// (`loadExtendingDefaults` applies it, as `--rules` does). `compilePhrases` also compiles every
    /// phrase now, so a bad phrase is reported with the rules file rather than when linting starts.
    public static func load(yaml: String, file: String, compilePhrases: Bool = true) throws -> RuleSet {
        try load(files: [(yaml, file)], compilePhrases: compilePhrases)
    }

    /// Reads a user's rules file (`--rules`) on top of what its `extends` key names: by default the
    /// embedded rules and lexicons, so moving vocabulary into the defaults never empties a user's
    /// rules. Lexicons of the same name gain the file's terms; a rule with an inherited id replaces it.
    public static func loadExtendingDefaults(yaml: String, file: String) throws -> RuleSet {
        var own = RuleSet()
        let extends = try read(yaml: yaml, file: file, into: &own)
        var set = RuleSet()
        switch extends {
        case .none:
            set = own
        case .lexicons, .defaults:
            let defaults = try defaultRules()
            set.origins = defaults.origins
            set.lexicons = defaults.lexicons
            if extends == .defaults {
                set.rules = defaults.rules
                set.untrustedSources = defaults.untrustedSources
            }
            set.origins += own.origins
            set.untrustedSources += own.untrustedSources
            set.maxFindingsPerFile = own.maxFindingsPerFile
            set.lexiconLocations = defaults.lexiconLocations
            for (name, terms) in own.lexicons {
                let inherited = set.lexicons[name] ?? []
                set.lexicons[name] = inherited + terms.filter { !inherited.contains($0) }
                set.lexiconLocations[name] = own.lexiconLocations[name]
            }
            for rule in own.rules {
                if let index = set.rules.firstIndex(where: { $0.id == rule.id }) {
                    set.rules[index] = rule
                } else {
                    set.rules.append(rule)
                }
            }
        }
        try validate(set)
        return set
    }

    /// Reads several rules files as one set: each is a complete rules file (`version: 1`), and
    /// the lexicons of any of them are visible to the rules of all. Rules keep the files' order.
    /// A lexicon or rule id defined twice, in one file or across files, is an error.
    public static func load(files: [(yaml: String, file: String)], compilePhrases: Bool = true) throws -> RuleSet {
        var set = RuleSet()
        for (yaml, file) in files {
            try read(yaml: yaml, file: file, into: &set)
        }
        try validate(set, compilePhrases: compilePhrases)
        return set
    }

    /// Adds one rules file's lexicons, sources and rules to `set`, without cross-rule checks, and
    /// returns what the file says it extends.
    @discardableResult
    static func read(yaml: String, file: String, into set: inout RuleSet) throws -> Extends {
        let reader = YAMLReader(file: file)
        guard let root = try reader.root(of: yaml) else {
            throw RulesError(file: file, message: "the rules file is empty")
        }
        let entries = try reader.entries(
            root, allowed: ["version", "extends", "lexicons", "sources", "rules", maxFindingsKey],
            what: "the rules file")
        set.origins.append(yaml)
        try checkVersion(entries, root: root, reader: reader)
        var extends = Extends.defaults
        for (key, _, value) in entries {
            switch key {
            case "extends": extends = try reader.oneOf(value, "extends", as: Extends.self)
            case "lexicons":
                for (name, terms, keyNode) in try namedLexicons(value, reader: reader) {
                    guard set.lexicons[name] == nil else {
                        throw reader.error(keyNode, "lexicon '\(name)' is already defined by another rules file")
                    }
                    set.lexicons[name] = terms
                    set.lexiconLocations[name] = reader.location(keyNode)
                }
            case "sources": try readSources(value, into: &set, reader: reader)
            case maxFindingsKey: set.maxFindingsPerFile = try maxFindings(value, reader: reader)
            default: break
            }
        }
        if let rulesNode = entries.first(where: { $0.key == "rules" })?.value {
            set.rules += try rules(rulesNode, reader: reader)
        }
        return extends
    }

    /// The key, in rules files and `.claimlint.yml`, of the most findings reported for one page.
    static let maxFindingsKey = "max-findings-per-file"
    /// Its largest value: past it, the cap would no longer keep a run's memory in bounds.
    public static let largestMaxFindings = 1_000_000

    static func maxFindings(_ node: Node, reader: YAMLReader) throws -> Int {
        let value = try reader.int(node, maxFindingsKey)
        guard (1...largestMaxFindings).contains(value) else {
            throw reader.error(node, "\(maxFindingsKey) must be between 1 and \(largestMaxFindings), not \(value)")
        }
        return value
    }

    static func checkVersion(_ entries: [(key: String, keyNode: Node, value: Node)], root: Node, reader: YAMLReader)
        throws
    {
        guard let versionNode = entries.first(where: { $0.key == "version" })?.value else {
            throw reader.error(root, "missing 'version: \(formatVersion)'")
        }
        let version = try reader.int(versionNode, "version")
        guard version == formatVersion else {
            throw reader.error(
                versionNode, "unsupported version \(version); this claimlint reads version \(formatVersion)")
        }
    }

    /// A `lexicons` mapping's terms and where each lexicon is written.
    static func lexicons(_ node: Node, reader: YAMLReader) throws -> (
        terms: [String: [String]], locations: [String: RuleLocation]
    ) {
        var result: (terms: [String: [String]], locations: [String: RuleLocation]) = ([:], [:])
        for (name, terms, keyNode) in try namedLexicons(node, reader: reader) {
            result.terms[name] = terms
            result.locations[name] = reader.location(keyNode)
        }
        return result
    }

    /// A `lexicons` mapping in file order, with each name's node for errors.
    static func namedLexicons(_ node: Node, reader: YAMLReader) throws -> [(name: String, terms: [String], node: Node)]
    {
        guard let mapping = node.mapping else { throw reader.error(node, "lexicons must map names to lists of terms") }
        var seen: Set<String> = []
        var result: [(String, [String], Node)] = []
        for (keyNode, value) in mapping {
            let name = try reader.nonEmptyString(keyNode, "a lexicon name")
            guard isIdentifier(name) else {
                throw reader.error(keyNode, "lexicon name '\(name)' must be kebab-case (a-z, 0-9, -)")
            }
            guard seen.insert(name).inserted else { throw reader.error(keyNode, "duplicate lexicon '\(name)'") }
            result.append((name, try reader.strings(value, "lexicon '\(name)'"), keyNode))
        }
        return result
    }

    static func readSources(_ node: Node, into set: inout RuleSet, reader: YAMLReader) throws {
        guard let mapping = node.mapping else { throw reader.error(node, "sources must be a mapping") }
        for (keyNode, _) in mapping where keyNode.scalar?.string == "trusted" {
            // It was accepted and never used: claimlint does not rank sources, so say so rather than ignore it.
            throw reader.error(
                keyNode,
                "'sources.trusted' is no longer part of the format: claimlint does not rank sources (any link that is not untrusted counts as a citation); remove it"
            )
        }
        for (key, _, value) in try reader.entries(node, allowed: ["untrusted"], what: "sources") {
            set.untrustedSources += try reader.strings(value, "sources.\(key)").map { $0.lowercased() }
        }
    }

    static func rules(_ node: Node, reader: YAMLReader) throws -> [Rule] {
        guard let sequence = node.sequence else { throw reader.error(node, "rules must be a list") }
        return try sequence.map { try rule($0, reader: reader) }
    }

    static let ruleKeys: Set<String> = [
        "id", "kind", "category", "severity", "message", "fix", "source", "source-title", "rationale",
        "phrases", "context", "unless", "negatable", "quoted", "in-questions", "in-lead-ins", "carry-context",
        "citation", "precedence", "suggest",
        "scorer", "triggers", "satisfied-by", "in-condition-lists", "text", "placement", "examples",
    ]

    static func rule(_ node: Node, reader: YAMLReader) throws -> Rule {
        let entries = try reader.entries(node, allowed: ruleKeys, what: "a rule")
        func required(_ key: String) throws -> Node {
            guard let value = entries.first(where: { $0.key == key })?.value else {
                let id = entries.first(where: { $0.key == "id" })?.value.scalar?.string
                throw reader.error(node, "rule \(id.map { "'\($0)' " } ?? "")is missing '\(key)'")
            }
            return value
        }
        let idNode = try required("id")
        let id = try reader.nonEmptyString(idNode, "id")
        guard isIdentifier(id) else { throw reader.error(idNode, "rule id '\(id)' must be kebab-case (a-z, 0-9, -)") }
        var rule = Rule(
            id: id,
            kind: try reader.kind(try required("kind")),
            category: try reader.nonEmptyString(try required("category"), "category"),
            severity: try reader.oneOf(try required("severity"), "severity", as: Severity.self),
            message: try reader.nonEmptyString(try required("message"), "message"),
            fix: try reader.nonEmptyString(try required("fix"), "fix"),
            source: try reader.nonEmptyString(try required("source"), "source")
        )
        rule.location = reader.location(node)
        for (key, keyNode, value) in entries {
            switch key {
            case "source-title": rule.sourceTitle = try reader.nonEmptyString(value, key)
            case "rationale": rule.rationale = try reader.nonEmptyString(value, key)
            case "phrases": rule.phrases = try reader.strings(value, key)
            case "context": rule.context = try reader.nonEmptyString(value, key)
            case "unless": rule.unless = try reader.strings(value, key)
            case "negatable": rule.negatable = try reader.bool(value, key)
            case "quoted": rule.quoted = try reader.bool(value, key)
            case "in-questions": rule.inQuestions = try reader.bool(value, key)
            case "in-lead-ins": rule.inLeadIns = try reader.bool(value, key)
            case "carry-context": rule.carryContext = try reader.bool(value, key)
            case "precedence": rule.precedence = try reader.int(value, key)
            case "scorer": rule.scorer = try reader.bool(value, key)
            case "citation": rule.citation = try reader.oneOf(value, key, as: Rule.CitationScope.self)
            case "suggest": rule.suggest = try suggestion(value, rule: id, reader: reader)
            case "triggers": (rule.triggers, rule.triggerGroups) = try triggers(value, reader: reader)
            case "satisfied-by": rule.satisfiedBy = try reader.strings(value, key)
            case "in-condition-lists": rule.inConditionLists = try reader.bool(value, key)
            case "text": rule.text = try disclosureTexts(value, reader: reader)
            case "placement": rule.placement = try reader.oneOf(value, key, as: Rule.Placement.self)
            case "examples": rule.examples = try examples(value, reader: reader)
            default: _ = keyNode
            }
        }
        try checkShape(rule, node: node, entries: entries.map(\.key), reader: reader)
        return rule
    }

    /// Keys that only make sense for some kinds, and the keys each kind needs.
    static func checkShape(_ rule: Rule, node: Node, entries: [String], reader: YAMLReader) throws {
        let keys = Set(entries)
        let onlyFor: [String: Set<Rule.Kind>] = [
            "phrases": [.claim], "context": [.claim], "unless": [.claim], "negatable": [.claim], "quoted": [.claim],
            "in-questions": [.claim], "in-lead-ins": [.claim], "carry-context": [.claim],
            "citation": [.claim, .statistic], "precedence": [.claim], "suggest": [.claim],
            "scorer": [.claim],
            "triggers": [.disclosure], "satisfied-by": [.disclosure], "text": [.disclosure], "placement": [.disclosure],
            "in-condition-lists": [.disclosure],
        ]
        for key in keys.sorted() {
            if let kinds = onlyFor[key], !kinds.contains(rule.kind) {
                throw reader.error(
                    node, "rule '\(rule.id)': '\(key)' does not apply to a rule of kind \(rule.kind.rawValue)")
            }
        }
        switch rule.kind {
        case .claim where rule.phrases.isEmpty && !rule.scorer:
            throw reader.error(node, "rule '\(rule.id)': a claim rule needs 'phrases' (or 'scorer: true')")
        case .disclosure where rule.triggers.isEmpty || rule.satisfiedBy.isEmpty:
            throw reader.error(node, "rule '\(rule.id)': a disclosure rule needs 'triggers' and 'satisfied-by'")
        default:
            break
        }
        // A text per group must name the rule's trigger groups (or be the `default`).
        let textNode = node.mapping?.first { $0.key.scalar?.string == "text" }?.value
        let groups = Set(rule.triggerGroups)
        for name in rule.text.keys.sorted() where name != Rule.anyTrigger && !groups.contains(name) {
            throw reader.error(
                textNode, "rule '\(rule.id)': text names '\(name)', which is not a group of its triggers")
        }
        if groups.contains(Rule.defaultTextKey),
            let triggersNode = node.mapping?.first(where: { $0.key.scalar?.string == "triggers" })?.value
        {
            throw reader.error(
                triggersNode,
                "rule '\(rule.id)': '\(Rule.defaultTextKey)' names the text used when no group's text applies; it cannot be a trigger group"
            )
        }
    }

    /// `triggers`: a list of entries, or a mapping from group names to lists of entries (so that
    /// `text` can suggest a disclosure that fits what fired). Each entry is a phrase, or a list of
    /// phrases that must all occur on the page. Returns the entries and, when grouped, each one's group.
    static func triggers(_ node: Node, reader: YAMLReader) throws -> (entries: [[String]], groups: [String]) {
        if let mapping = node.mapping {
            var entries: [[String]] = []
            var groups: [String] = []
            var seen: Set<String> = []
            for (keyNode, list) in mapping {
                let name = try reader.nonEmptyString(keyNode, "a trigger group name")
                guard isIdentifier(name) else {
                    throw reader.error(keyNode, "trigger group name '\(name)' must be kebab-case (a-z, 0-9, -)")
                }
                guard seen.insert(name).inserted else {
                    throw reader.error(keyNode, "duplicate trigger group '\(name)'")
                }
                let groupEntries = try triggerList(list, reader: reader)
                guard !groupEntries.isEmpty else { throw reader.error(list, "trigger group '\(name)' has no triggers") }
                entries += groupEntries
                groups += Array(repeating: name, count: groupEntries.count)
            }
            return (entries, groups)
        }
        return (try triggerList(node, reader: reader), [])
    }

    static func triggerList(_ node: Node, reader: YAMLReader) throws -> [[String]] {
        guard let sequence = node.sequence else {
            throw reader.error(node, "triggers must be a list, or a mapping from group names to lists")
        }
        return try sequence.map { entry in
            if entry.sequence != nil {
                let phrases = try reader.strings(entry, "a trigger")
                guard !phrases.isEmpty else { throw reader.error(entry, "a trigger list must not be empty") }
                return phrases
            }
            return [try reader.nonEmptyString(entry, "a trigger")]
        }
    }

    /// `text`: one disclosure for every trigger, or a mapping from trigger group names to texts,
    /// with an optional `default` for the groups that have none.
    static func disclosureTexts(_ node: Node, reader: YAMLReader) throws -> [String: String] {
        guard let mapping = node.mapping else { return [Rule.anyTrigger: try reader.nonEmptyString(node, "text")] }
        var texts: [String: String] = [:]
        for (keyNode, value) in mapping {
            let name = try reader.nonEmptyString(keyNode, "a trigger group name")
            guard isIdentifier(name) else {
                throw reader.error(keyNode, "text: '\(name)' is not a trigger group name (kebab-case)")
            }
            let key = name == Rule.defaultTextKey ? Rule.anyTrigger : name
            guard texts[key] == nil else { throw reader.error(keyNode, "duplicate text for '\(name)'") }
            texts[key] = try reader.nonEmptyString(value, "text '\(name)'")
        }
        return texts
    }

    /// `suggest`: a rewording in which `{match}` is the only placeholder.
    static func suggestion(_ node: Node, rule: String, reader: YAMLReader) throws -> String {
        let text = try reader.nonEmptyString(node, "suggest")
        let rest = text.replacing("{match}", with: "")
        guard !rest.contains("{"), !rest.contains("}") else {
            throw reader.error(node, "rule '\(rule)': suggest may use only the placeholder {match} (the matched words)")
        }
        return text
    }

    static func examples(_ node: Node, reader: YAMLReader) throws -> Rule.Examples {
        var examples = Rule.Examples()
        for (key, _, value) in try reader.entries(node, allowed: ["trigger", "pass"], what: "examples") {
            guard let sequence = value.sequence else {
                throw reader.error(value, "examples.\(key) must be a list of strings")
            }
            for item in sequence {
                let text = try reader.nonEmptyString(item, "each entry of examples.\(key)")
                let stripped: (text: String, marks: [Range<Int>])
                do {
                    stripped = try ExampleMarks.strip(text)
                } catch {
                    throw reader.error(item, "examples.\(key): \(error.message)")
                }
                if key == "trigger" {
                    examples.trigger.append(stripped.text)
                    examples.triggerMarks.append(stripped.marks)
                } else {
                    guard stripped.marks.isEmpty else {
                        throw reader.error(
                            item,
                            "examples.pass: a passing example marks nothing ('{{…}}' marks where a trigger example's finding lands)"
                        )
                    }
                    examples.pass.append(text)
                }
            }
        }
        return examples
    }

    /// Checks that hold across rules: unique ids, known lexicons, one rule for each built-in
    /// detector, phrases that compile.
    static func validate(_ set: RuleSet, compilePhrases: Bool = true) throws {
        var seen: Set<String> = []
        var detectorRule: [Rule.Kind: Rule] = [:]
        // A term "{name}" includes lexicon `name`, which any file of the set may define.
        for (name, terms) in set.lexicons.sorted(by: { $0.key < $1.key }) {
            for included in terms.compactMap(PhraseMatcher.includedLexicon)
            where set.lexicons[included] == nil && !Vocabulary.lexiconNames.contains(included) {
                let location = set.lexiconLocations[name] ?? RuleLocation(file: "<rules>", line: nil, column: nil)
                throw location.error("lexicon '\(name)': '{\(included)}' names no lexicon")
            }
        }
        for rule in set.rules {
            guard seen.insert(rule.id).inserted else { throw rule.location.error("duplicate rule id '\(rule.id)'") }
            if let context = rule.context, set.lexicons[context] == nil, !Vocabulary.lexiconNames.contains(context) {
                throw rule.location.error("rule '\(rule.id)': context '\(context)' is not a lexicon")
            }
            // The statistics detector and the citation-marker check each find every instance once;
            // a second rule of their kind would report the same numbers or markers again.
            if rule.kind == .statistic || rule.kind == .citation {
                if let first = detectorRule[rule.kind] {
                    let place = [
                        first.location.file, first.location.line.map(String.init),
                        first.location.column.map(String.init),
                    ].compactMap { $0 }.joined(separator: ":")
                    throw rule.location.error(
                        "rule '\(rule.id)': a rule set has one \(rule.kind.rawValue) rule, and '\(first.id)' (\(place)) is one already; "
                            + "change that rule instead (a rule with its id replaces it in a --rules file), or disable it in .claimlint.yml"
                    )
                }
                detectorRule[rule.kind] = rule
            }
        }
        if compilePhrases { _ = try PhraseMatcher(ruleSet: set) }
    }

    static func isIdentifier(_ text: String) -> Bool {
        !text.isEmpty
            && text.utf8.allSatisfy {
                ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z"))
                    || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || $0 == UInt8(ascii: "-")
            }
            && !text.hasPrefix("-") && !text.hasSuffix("-")
    }
}
