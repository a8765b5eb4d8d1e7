/// Every phrase of every rule (claims, their `unless` hedges, disclosure triggers and the
/// phrases that satisfy disclosures) compiled into one `WordTrie`, walked once per sentence.
public struct PhraseMatcher: Sendable {
    public enum Role: Sendable, Equatable {
        case claim
        case unless
        /// Element `element` of trigger entry `entry` of a disclaimer rule.
        case trigger(entry: Int, element: Int)
        case satisfies
    }

    public struct Entry: Sendable {
        public var rule: Int
        public var role: Role
        public var phrase: String
    }

    /// One phrase found in a sentence: token indices `start..<end`.
    public struct Match: Sendable, Equatable {
        public var entry: Int
        public var start: Int
        public var end: Int
    }

    public private(set) var entries: [Entry] = []
    private var trie = WordTrie()
    private var lexiconTries: [WordTrie] = []
    private var lexiconIndex: [String: Int] = [:]
    /// For each rule, the lexicon its matches need in the same sentence.
    private(set) var contextLexicon: [Int?] = []

    public init(ruleSet: RuleSet) throws {
        for name in ruleSet.lexicons.keys.sorted() {
            lexiconIndex[name] = lexiconTries.count
            var lexicon = WordTrie()
            for term in ruleSet.lexicons[name] ?? [] {
                let steps = Self.words(of: term)
                guard !steps.isEmpty else { continue }
                lexicon.insert(steps, output: 0)
            }
            lexiconTries.append(lexicon)
        }
        for (ruleIndex, rule) in ruleSet.rules.enumerated() {
            contextLexicon.append(rule.context.flatMap { lexiconIndex[$0] })
            for phrase in rule.phrases { try add(phrase, rule: ruleIndex, role: .claim, of: rule) }
            for phrase in rule.unless { try add(phrase, rule: ruleIndex, role: .unless, of: rule) }
            for (entryIndex, entry) in rule.triggers.enumerated() {
                for (elementIndex, phrase) in entry.enumerated() {
                    try add(phrase, rule: ruleIndex, role: .trigger(entry: entryIndex, element: elementIndex), of: rule)
                }
            }
            for phrase in rule.satisfiedBy { try add(phrase, rule: ruleIndex, role: .satisfies, of: rule) }
        }
    }

    private mutating func add(_ phrase: String, rule: Int, role: Role, of definition: Rule) throws {
        let steps = try compile(phrase, rule: definition)
        trie.insert(steps, output: Int32(entries.count))
        entries.append(Entry(rule: rule, role: role, phrase: phrase))
    }

    /// Parses the phrase syntax: words, `{lexicon}`, `#` (any number) and `...` (a gap).
    private func compile(_ phrase: String, rule: Rule) throws -> [WordTrie.Step] {
        var steps: [WordTrie.Step] = []
        for part in phrase.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }) {
            if part.hasPrefix("{"), part.hasSuffix("}"), part.count > 2 {
                let name = String(part.dropFirst().dropLast())
                guard let index = lexiconIndex[name] else {
                    throw rule.location.error("rule '\(rule.id)': phrase '\(phrase)' uses unknown lexicon '\(name)'")
                }
                steps.append(.lexicon(index))
            } else if part == "..." || part == "…" {
                guard let last = steps.last, last != .gap else {
                    throw rule.location.error("rule '\(rule.id)': phrase '\(phrase)' cannot start with '...' or repeat it")
                }
                steps.append(.gap)
            } else if part.hasPrefix("#") {
                // "#" is any number; "#%" or "#x" is any number followed by the rest.
                steps.append(.number)
                steps += Self.words(of: String(part.dropFirst()))
            } else {
                steps += Self.words(of: String(part))
            }
        }
        guard let last = steps.last else { throw rule.location.error("rule '\(rule.id)': phrase '\(phrase)' has no words") }
        guard last != .gap else { throw rule.location.error("rule '\(rule.id)': phrase '\(phrase)' cannot end with '...'") }
        return steps
    }

    private static func words(of text: String) -> [WordTrie.Step] {
        var tokens: [Token] = []
        Tokenizer.tokenize(Array(text.utf8), into: &tokens)
        return tokens.filter { $0.kind != .marker }.map { .word($0.key) }
    }

    /// Appends every phrase match among `tokens[range]`.
    public func matches(in tokens: [Token], range: Range<Int>, into result: inout [Match]) {
        let limit = range.upperBound
        for start in range where trie.mayStart(with: tokens[start]) {
            trie.walk(tokens, from: start, limit: limit, lexiconEnds: { lexiconEnds($0, tokens, $1, limit) }) { output, end in
                if end > start { result.append(Match(entry: Int(output), start: start, end: end)) }
            }
        }
    }

    private func lexiconEnds(_ lexicon: Int, _ tokens: [Token], _ position: Int, _ limit: Int) -> [Int] {
        var ends: [Int] = []
        lexiconTries[lexicon].walk(tokens, from: position, limit: limit, lexiconEnds: { _, _ in [] }) { _, end in
            if end > position { ends.append(end) }
        }
        return ends
    }

    /// Does a term of the lexicon occur among `tokens[range]`?
    public func contains(lexicon: Int, in tokens: [Token], range: Range<Int>) -> Bool {
        for position in range where !lexiconEnds(lexicon, tokens, position, range.upperBound).isEmpty { return true }
        return false
    }
}
