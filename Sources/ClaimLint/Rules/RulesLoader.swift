import Yams

/// Reads rules files (format version 1, see docs/rules-format.md) into a `RuleSet`, and merges
/// project configuration on top. Every error names the file, line and column.
public enum RulesLoader {
    public static let formatVersion = 1

    /// Where the default rules files live in the source tree; errors from them name this folder.
    public static let defaultRulesFolder = "Rules/defaults"

    /// The rules shipped in the binary: the files of Rules/defaults/, read in a fixed order
    /// (the shared lexicons first, then one file per category) and merged into one set.
    public static func defaultRules() throws -> RuleSet {
        let files = DefaultRules.files.map { (yaml: $0.yaml, file: "\(defaultRulesFolder)/\($0.name)") }
        // The embedded rules' phrases are compiled by every test run (RuleCatalogTests); compiling
        // them again here only to throw the result away would double claimlint's start-up.
        return try load(files: files, compilePhrases: false)
    }

    /// Reads a rules file. `compilePhrases` also compiles every phrase now, so a bad phrase is
    /// reported with the rules file rather than when linting starts.
    public static func load(yaml: String, file: String, compilePhrases: Bool = true) throws -> RuleSet {
        try load(files: [(yaml, file)], compilePhrases: compilePhrases)
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

    /// Adds one rules file's lexicons, sources and rules to `set`, without cross-rule checks.
    static func read(yaml: String, file: String, into set: inout RuleSet) throws {
        let reader = YAMLReader(file: file)
        guard let root = try reader.root(of: yaml) else { throw RulesError(file: file, message: "the rules file is empty") }
        let entries = try reader.entries(root, allowed: ["version", "lexicons", "sources", "rules"], what: "the rules file")
        set.origins.append(yaml)
        try checkVersion(entries, root: root, reader: reader)
        for (key, _, value) in entries {
            switch key {
            case "lexicons":
                for (name, terms, keyNode) in try namedLexicons(value, reader: reader) {
                    guard set.lexicons[name] == nil else { throw reader.error(keyNode, "lexicon '\(name)' is already defined by another rules file") }
                    set.lexicons[name] = terms
                }
            case "sources": try readSources(value, into: &set, reader: reader)
            default: break
            }
        }
        if let rulesNode = entries.first(where: { $0.key == "rules" })?.value {
            set.rules += try rules(rulesNode, reader: reader)
        }
    }

    static func checkVersion(_ entries: [(key: String, keyNode: Node, value: Node)], root: Node, reader: YAMLReader) throws {
        guard let versionNode = entries.first(where: { $0.key == "version" })?.value else {
            throw reader.error(root, "missing 'version: \(formatVersion)'")
        }
        let version = try reader.int(versionNode, "version")
        guard version == formatVersion else {
            throw reader.error(versionNode, "unsupported version \(version); this claimlint reads version \(formatVersion)")
        }
    }

    static func lexicons(_ node: Node, reader: YAMLReader) throws -> [String: [String]] {
        var result: [String: [String]] = [:]
        for (name, terms, _) in try namedLexicons(node, reader: reader) { result[name] = terms }
        return result
    }

    /// A `lexicons` mapping in file order, with each name's node for errors.
    static func namedLexicons(_ node: Node, reader: YAMLReader) throws -> [(name: String, terms: [String], node: Node)] {
        guard let mapping = node.mapping else { throw reader.error(node, "lexicons must map names to lists of terms") }
        var seen: Set<String> = []
        var result: [(String, [String], Node)] = []
        for (keyNode, value) in mapping {
            let name = try reader.nonEmptyString(keyNode, "a lexicon name")
            guard isIdentifier(name) else { throw reader.error(keyNode, "lexicon name '\(name)' must be kebab-case (a-z, 0-9, -)") }
            guard seen.insert(name).inserted else { throw reader.error(keyNode, "duplicate lexicon '\(name)'") }
            result.append((name, try reader.strings(value, "lexicon '\(name)'"), keyNode))
        }
        return result
    }

    static func readSources(_ node: Node, into set: inout RuleSet, reader: YAMLReader) throws {
        for (key, _, value) in try reader.entries(node, allowed: ["trusted", "untrusted"], what: "sources") {
            let hosts = try reader.strings(value, "sources.\(key)").map { $0.lowercased() }
            if key == "trusted" { set.trustedSources += hosts } else { set.untrustedSources += hosts }
        }
    }

    static func rules(_ node: Node, reader: YAMLReader) throws -> [Rule] {
        guard let sequence = node.sequence else { throw reader.error(node, "rules must be a list") }
        return try sequence.map { try rule($0, reader: reader) }
    }

    static let ruleKeys: Set<String> = [
        "id", "kind", "category", "severity", "message", "fix", "source", "source-title", "rationale",
        "phrases", "context", "unless", "negatable", "quoted", "in-questions", "citation", "precedence", "triggers", "satisfied-by", "examples",
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
            kind: try reader.oneOf(try required("kind"), "kind", as: Rule.Kind.self),
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
            case "precedence": rule.precedence = try reader.int(value, key)
            case "citation": rule.citation = try reader.oneOf(value, key, as: Rule.CitationScope.self)
            case "triggers": rule.triggers = try triggers(value, reader: reader)
            case "satisfied-by": rule.satisfiedBy = try reader.strings(value, key)
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
            "phrases": [.claim], "context": [.claim], "unless": [.claim], "negatable": [.claim], "quoted": [.claim], "in-questions": [.claim], "precedence": [.claim],
            "citation": [.claim, .statistic], "triggers": [.disclaimer], "satisfied-by": [.disclaimer],
        ]
        for key in keys.sorted() {
            if let kinds = onlyFor[key], !kinds.contains(rule.kind) {
                throw reader.error(node, "rule '\(rule.id)': '\(key)' does not apply to a rule of kind \(rule.kind.rawValue)")
            }
        }
        switch rule.kind {
        case .claim where rule.phrases.isEmpty:
            throw reader.error(node, "rule '\(rule.id)': a claim rule needs 'phrases'")
        case .disclaimer where rule.triggers.isEmpty || rule.satisfiedBy.isEmpty:
            throw reader.error(node, "rule '\(rule.id)': a disclaimer rule needs 'triggers' and 'satisfied-by'")
        default:
            break
        }
    }

    static func triggers(_ node: Node, reader: YAMLReader) throws -> [[String]] {
        guard let sequence = node.sequence else { throw reader.error(node, "triggers must be a list") }
        return try sequence.map { entry in
            if entry.sequence != nil {
                let phrases = try reader.strings(entry, "a trigger")
                guard !phrases.isEmpty else { throw reader.error(entry, "a trigger list must not be empty") }
                return phrases
            }
            return [try reader.nonEmptyString(entry, "a trigger")]
        }
    }

    static func examples(_ node: Node, reader: YAMLReader) throws -> Rule.Examples {
        var examples = Rule.Examples()
        for (key, _, value) in try reader.entries(node, allowed: ["trigger", "pass"], what: "examples") {
            let texts = try reader.strings(value, "examples.\(key)")
            if key == "trigger" { examples.trigger = texts } else { examples.pass = texts }
        }
        return examples
    }

    /// Checks that hold across rules: unique ids, known lexicons, phrases that compile.
    static func validate(_ set: RuleSet, compilePhrases: Bool = true) throws {
        var seen: Set<String> = []
        for rule in set.rules {
            guard seen.insert(rule.id).inserted else { throw rule.location.error("duplicate rule id '\(rule.id)'") }
            if let context = rule.context, set.lexicons[context] == nil, !Vocabulary.lexiconNames.contains(context) {
                throw rule.location.error("rule '\(rule.id)': context '\(context)' is not a lexicon")
            }
        }
        if compilePhrases { _ = try PhraseMatcher(ruleSet: set) }
    }

    static func isIdentifier(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z")) || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || $0 == UInt8(ascii: "-") }
            && !text.hasPrefix("-") && !text.hasSuffix("-")
    }
}
