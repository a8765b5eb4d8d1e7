/// Every phrase of every rule (claims, their `unless` hedges, disclosure triggers and the
/// phrases that satisfy disclosures) compiled into one `CompactTrie`, walked once per sentence.
/// Lexicon terms compile into a second trie, walked once per block to find where each term
/// starts and ends, so `{lexicon}` steps and `context:` checks are table look-ups.
@_spi(Stages) public struct PhraseMatcher: Sendable {
    public enum Role: Sendable, Equatable {
        case claim
        case unless
        /// Element `element` of trigger entry `entry` of a disclosure rule.
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

    /// Reusable buffers for one block, so matching allocates nothing per sentence.
    public struct Scratch {
        /// Lexicon hits starting at token p are `hits[hitStart[p]..<hitStart[p + 1]]`.
        var hitStart: [Int32] = []
        var hitLexicon: [Int32] = []
        var hitEnd: [Int32] = []
        /// Whether a clause break (`ClauseBreaks`) stands before token p: a gap never reaches across one.
        var breakBefore: [Bool] = []
        var stack: [(node: Int32, position: Int32)] = []
        var walked = WalkedStates()
        /// Walk steps taken, over every sentence matched with this scratch (`PhraseWalkBound`).
        public internal(set) var statesWalked = 0
        /// Sentences whose matching stopped at `stateBudget`.
        public internal(set) var cutSentences = 0
        /// The walk steps one sentence may cost: `PhraseWalkBound.maximumStatesPerSentence`, lowered
        /// only by tests, which show the cut on a sentence small enough to build.
        var stateBudget = PhraseWalkBound.maximumStatesPerSentence
        /// The sentence's vocabulary terms, until ambiguity and exclusions are settled.
        var vocabularyHits: [Vocabulary.Hit] = []
        /// The hit arrays being rebuilt with the hits of including lexicons (`addIncluders`).
        var spareStart: [Int32] = []
        var spareLexicon: [Int32] = []
        var spareEnd: [Int32] = []

        public init() {}

        /// Room for a sentence of `tokens` tokens without growing.
        public mutating func reserve(_ tokens: Int) {
            hitStart.reserveCapacity(tokens + 1)
            hitLexicon.reserveCapacity(tokens)
            hitEnd.reserveCapacity(tokens)
            breakBefore.reserveCapacity(tokens)
            stack.reserveCapacity(64)
        }

        /// How many lexicon terms `prepare` found.
        public var hitCount: Int { hitLexicon.count }
    }

    public private(set) var entries: [Entry] = []
    /// The lexicons each entry's phrase names, in the phrase's order: the parts a finding's
    /// explanation names ("effect 'eases' + body 'joints'").
    private(set) var entryLexicons: [[Int32]] = []
    /// Lexicon names by index.
    public private(set) var lexiconNames: [String] = []
    private var trie: CompactTrie
    /// The root's lexicon edges by lexicon (`LexiconEdgeTable`).
    private var rootLexiconChildren = LexiconEdgeTable()
    private var lexicons: CompactTrie
    private var lexiconIndex: [String: Int] = [:]
    /// For each rule, the lexicon its matches need in the same sentence.
    private(set) var contextLexicon: [Int?] = []
    /// The generated vocabulary, when a phrase or `context:` names one of its lexicons; its hits are
    /// lexicons `vocabularyBase + class`, after the rule set's own.
    private let vocabulary: Vocabulary?
    private let vocabularyBase: Int32
    /// For each lexicon, the lexicons that include it: a lexicon term `{name}` makes every term of
    /// lexicon `name` a term of its own (the defaults' `health` includes the vocabulary's classes, so
    /// a `context: health` rule knows "the skin" and "knees" without a hand list of them).
    private var includers: [[Int32]] = []
    private var hasIncludes = false

    public init(ruleSet: RuleSet) throws {
        var lexiconBuilder = WordTrie()
        // Fetched once: each fetch is a thread-dictionary look-up, and there are thousands of phrases.
        let stems = StemCache.current
        lexiconNames = ruleSet.lexicons.keys.sorted()
        var termLengths: [Int] = []
        var includes: [(includer: Int, name: String)] = []
        for (index, name) in lexiconNames.enumerated() {
            lexiconIndex[name] = index
            var lengths: Set<Int> = []
            for term in ruleSet.lexicons[name] ?? [] {
                if let included = Self.includedLexicon(term) {
                    includes.append((index, included))
                    continue
                }
                let steps = Self.words(of: term, stems: stems)
                if !steps.isEmpty { lexiconBuilder.insert(steps, output: Int32(index)) }
                lengths.insert(steps.count)
            }
            termLengths.append(lengths.count)
        }
        lexicons = lexiconBuilder.compacted()
        // The vocabulary's lexicons, unless the rule set defines a lexicon of the same name itself.
        let vocabularyBase = lexiconIndex.count
        self.vocabularyBase = Int32(vocabularyBase)
        for (offset, name) in Vocabulary.lexiconNames.enumerated() where lexiconIndex[name] == nil {
            lexiconIndex[name] = vocabularyBase + offset
        }
        lexiconNames += Vocabulary.lexiconNames
        termLengths += Vocabulary.lexiconNames.map { _ in Vocabulary.maximumTermWords }
        includers = Self.includers(includes, lexiconIndex: lexiconIndex, count: lexiconNames.count)
        hasIncludes = includers.contains { !$0.isEmpty }
        // `PhraseWalkBound` counts a lexicon's term lengths: one that includes others, directly or
        // through another, may have as many more as they have of their own.
        let ownLengths = termLengths
        for (included, including) in includers.enumerated() {
            for includer in including { termLengths[Int(includer)] += ownLengths[included] }
        }
        var builder = WordTrie()
        var entries: [Entry] = []
        var entryLexicons: [[Int32]] = []
        var contexts: [Int?] = []
        let lexiconIndex = self.lexiconIndex
        for (ruleIndex, rule) in ruleSet.rules.enumerated() {
            contexts.append(rule.context.flatMap { lexiconIndex[$0] })
            var phrases: [(String, Role)] = rule.phrases.map { ($0, .claim) } + rule.unless.map { ($0, .unless) }
            for (entryIndex, entry) in rule.triggers.enumerated() {
                for (elementIndex, phrase) in entry.enumerated() {
                    phrases.append((phrase, .trigger(entry: entryIndex, element: elementIndex)))
                }
            }
            phrases += rule.satisfiedBy.map { ($0, .satisfies) }
            for (phrase, role) in phrases {
                let steps = try Self.compile(phrase, rule: rule, lexicons: lexiconIndex, stems: stems)
                let alternatives = PhraseWalkBound.alternatives(of: steps, termLengths: termLengths)
                guard alternatives <= PhraseWalkBound.maximumAlternatives else {
                    throw rule.location.error(
                        "rule '\(rule.id)': phrase '\(phrase)' can branch \(alternatives == Int.max ? "without bound" : "\(alternatives) ways") (its gaps and its lexicons' terms of different lengths); at most \(PhraseWalkBound.maximumAlternatives) are allowed"
                    )
                }
                builder.insert(steps, output: Int32(entries.count))
                entries.append(Entry(rule: ruleIndex, role: role, phrase: phrase))
                entryLexicons.append(
                    steps.compactMap { if case .lexicon(let index) = $0 { Int32(index) } else { nil } })
            }
        }
        self.entries = entries
        self.entryLexicons = entryLexicons
        contextLexicon = contexts
        trie = builder.compacted()
        rootLexiconChildren = LexiconEdgeTable(trie, node: 0)
        let vocabularyLexicons = Set(
            Vocabulary.lexiconNames.compactMap { name in lexiconIndex[name].flatMap { $0 >= vocabularyBase ? $0 : nil }
            })
        let includesVocabulary = includes.contains { lexiconIndex[$0.name].map(vocabularyLexicons.contains) ?? false }
        let usesVocabulary =
            !vocabularyLexicons.isEmpty
            && (includesVocabulary || contexts.contains { $0.map(vocabularyLexicons.contains) ?? false }
                || trie.usesLexicon(vocabularyLexicons))
        // Built (once per process) only for rules that use it.
        vocabulary = usesVocabulary ? Vocabulary.shared : nil
    }

    /// "{vocab-body}" → "vocab-body": a lexicon term that includes another lexicon.
    static func includedLexicon(_ term: String) -> String? {
        guard term.count > 2, term.first == "{", term.last == "}" else { return nil }
        let name = term.dropFirst().dropLast()
        return name.contains(where: { $0 == "{" || $0 == "}" || $0 == " " }) ? nil : String(name)
    }

    /// Who includes each lexicon, directly or through another (a cycle includes its members in each other).
    private static func includers(
        _ includes: [(includer: Int, name: String)], lexiconIndex: [String: Int], count: Int
    ) -> [[Int32]] {
        var direct = [[Int]](repeating: [], count: count)
        for (includer, name) in includes { if let included = lexiconIndex[name] { direct[included].append(includer) } }
        return (0..<count).map { lexicon in
            var found: [Int32] = []
            var queue = direct[lexicon]
            while let next = queue.popLast() {
                guard next != lexicon, !found.contains(Int32(next)) else { continue }
                found.append(Int32(next))
                queue += direct[next]
            }
            return found.sorted()
        }
    }

    static let maximumGaps = 3
    static let maximumSteps = 24

    /// Parses the phrase syntax: words, `{lexicon}`, `#` (any number) and `...` (a gap).
    private static func compile(
        _ phrase: String, rule: Rule, lexicons: [String: Int], stems: StemCache
    ) throws -> [WordTrie.Step] {
        var steps: [WordTrie.Step] = []
        // Over the phrase's bytes rather than `String.split` and `hasPrefix`: thousands of phrases
        // are compiled at every start, and the String calls were a sixth of start-up. A part is
        // tokenized as a copy of its own bytes, as `words(of:)` on that part alone would see it.
        let bytes = Array(phrase.utf8)
        var tokens: [Token] = []
        var position = 0
        while position < bytes.count {
            while position < bytes.count, Self.isPartSeparator(bytes[position]) { position += 1 }
            guard position < bytes.count else { break }
            let start = position
            while position < bytes.count, !Self.isPartSeparator(bytes[position]) { position += 1 }
            let part = bytes[start..<position]
            if part.first == UInt8(ascii: "{"), part.last == UInt8(ascii: "}"), part.count > 2 {
                let name = String(decoding: part.dropFirst().dropLast(), as: UTF8.self)
                guard let index = lexicons[name] else {
                    throw rule.location.error("rule '\(rule.id)': phrase '\(phrase)' uses unknown lexicon '\(name)'")
                }
                steps.append(.lexicon(index))
            } else if part.elementsEqual("...".utf8) || part.elementsEqual("…".utf8) {
                guard let last = steps.last, last != .gap else {
                    throw rule.location.error(
                        "rule '\(rule.id)': phrase '\(phrase)' cannot start with '...' or repeat it")
                }
                steps.append(.gap)
            } else if part.first == UInt8(ascii: "#") {
                // "#" is any number; "#%" or "#x" is any number followed by the rest.
                steps.append(.number)
                Self.appendWords(of: Array(part.dropFirst()), stems: stems, tokens: &tokens, to: &steps)
            } else {
                Self.appendWords(of: Array(part), stems: stems, tokens: &tokens, to: &steps)
            }
        }
        // The phrase language's answer to catastrophic regular expressions: each gap multiplies the
        // paths a walk may take by five, so gaps and length are bounded and matching stays linear.
        let gaps = steps.count { $0 == .gap }
        guard gaps <= Self.maximumGaps else {
            throw rule.location.error(
                "rule '\(rule.id)': phrase '\(phrase)' has \(gaps) gaps; at most \(Self.maximumGaps) gaps ('...') are allowed"
            )
        }
        guard steps.count <= Self.maximumSteps else {
            throw rule.location.error(
                "rule '\(rule.id)': phrase '\(phrase)' has \(steps.count) words; at most \(Self.maximumSteps) are allowed"
            )
        }
        guard let last = steps.last else {
            throw rule.location.error("rule '\(rule.id)': phrase '\(phrase)' has no words")
        }
        guard last != .gap else {
            throw rule.location.error("rule '\(rule.id)': phrase '\(phrase)' cannot end with '...'")
        }
        return steps
    }

    /// The separators of a phrase's parts: space, tab and line feed.
    @inline(__always)
    private static func isPartSeparator(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n")
    }

    private static func appendWords(
        of part: [UInt8], stems: StemCache, tokens: inout [Token], to steps: inout [WordTrie.Step]
    ) {
        Tokenizer.tokenize(part, range: 0..<part.count, stems: stems, into: &tokens)
        for token in tokens where token.kind != .marker { steps.append(.word(token.key)) }
    }

    private static func words(of text: String, stems: StemCache) -> [WordTrie.Step] {
        var tokens: [Token] = []
        let bytes = Array(text.utf8)
        Tokenizer.tokenize(bytes, range: 0..<bytes.count, stems: stems, into: &tokens)
        return tokens.filter { $0.kind != .marker }.map { .word($0.key) }
    }

    /// Finds, for a block's tokens, where every lexicon term starts and ends, and, in the text the
    /// tokens were cut from, where clause punctuation separates them. The text is required: without
    /// it no clause would break, and a phrase gap would join words across a comma, so a caller
    /// (a test) that left it out would match differently from `check`.
    public func prepare(_ tokens: [Token], text: [UInt8], _ scratch: inout Scratch) {
        ClauseBreaks.mark(tokens, in: text, into: &scratch.breakBefore)
        scratch.hitStart.removeAllKeepingCapacity()
        scratch.hitLexicon.removeAllKeepingCapacity()
        scratch.hitEnd.removeAllKeepingCapacity()
        scratch.vocabularyHits.removeAllKeepingCapacity()
        for start in tokens.indices {
            scratch.hitStart.append(Int32(scratch.hitLexicon.count))
            if let vocabulary {
                vocabulary.walk(
                    tokens, from: start, base: vocabularyBase, hitLexicon: &scratch.hitLexicon, hitEnd: &scratch.hitEnd,
                    found: &scratch.vocabularyHits)
            }
            guard lexicons.mayStart(tokens[start].key) else { continue }
            var node: Int32 = 0
            var position = start
            while position < tokens.count {
                node = lexicons.wordChild(node, tokens[position].key)
                if node < 0 { break }
                position += 1
                let nodeIndex = Int(node)
                for output in lexicons.nodes[nodeIndex].outputs {
                    scratch.hitLexicon.append(lexicons.outputList[output])
                    scratch.hitEnd.append(Int32(position))
                }
            }
        }
        scratch.hitStart.append(Int32(scratch.hitLexicon.count))
        Vocabulary.settle(scratch.vocabularyHits, hitLexicon: &scratch.hitLexicon)
        if hasIncludes { addIncluders(&scratch) }
    }

    /// Gives every hit of an included lexicon a twin in each lexicon that includes it, beside it
    /// (same start and end), once. After `settle`, so what the vocabulary dropped has no twin.
    private func addIncluders(_ scratch: inout Scratch) {
        guard scratch.hitLexicon.contains(where: { $0 >= 0 && !includers[Int($0)].isEmpty }) else { return }
        scratch.spareStart.removeAllKeepingCapacity()
        scratch.spareLexicon.removeAllKeepingCapacity()
        scratch.spareEnd.removeAllKeepingCapacity()
        for position in 0..<scratch.hitStart.count - 1 {
            let first = scratch.spareLexicon.count
            scratch.spareStart.append(Int32(first))
            for hit in Int(scratch.hitStart[position])..<Int(scratch.hitStart[position + 1]) {
                let lexicon = scratch.hitLexicon[hit]
                let end = scratch.hitEnd[hit]
                scratch.spareLexicon.append(lexicon)
                scratch.spareEnd.append(end)
                guard lexicon >= 0 else { continue }
                for includer in includers[Int(lexicon)] where !Self.has(includer, end, in: scratch, from: first) {
                    scratch.spareLexicon.append(includer)
                    scratch.spareEnd.append(end)
                }
            }
        }
        scratch.spareStart.append(Int32(scratch.spareLexicon.count))
        swap(&scratch.hitStart, &scratch.spareStart)
        swap(&scratch.hitLexicon, &scratch.spareLexicon)
        swap(&scratch.hitEnd, &scratch.spareEnd)
    }

    private static func has(_ lexicon: Int32, _ end: Int32, in scratch: Scratch, from first: Int) -> Bool {
        for index in first..<scratch.spareLexicon.count
        where scratch.spareLexicon[index] == lexicon && scratch.spareEnd[index] == end {
            return true
        }
        return false
    }

    /// Appends every phrase match among `tokens[range]`. `prepare` must have run on these tokens.
    public func matches(in tokens: [Token], range: Range<Int>, scratch: inout Scratch, into result: inout [Match]) {
        let limit = range.upperBound
        let rootNumber = trie.nodes[0].numberChild
        let rootLexicons = trie.nodes[0].lexiconEdges
        // The walk's stack and visited states are used where they lie in the scratch: a copy in a
        // local would share their buffers, so the first push or visit of every sentence would copy
        // them whole (the states' table is 4 KB).
        let allowed = scratch.stateBudget
        var budget = allowed
        defer { scratch.statesWalked += allowed - budget }
        scratch.stack.removeAllKeepingCapacity()
        for start in range {
            scratch.walked.reset()
            let token = tokens[start]
            // The root's steps are taken here, so a token that starts no phrase (most) costs a bit test.
            if trie.mayStart(token.key) {
                let child = trie.wordChild(0, token.key)
                if child >= 0 { scratch.stack.append((child, Int32(start + 1))) }
            }
            if rootNumber >= 0, token.kind == .number { scratch.stack.append((rootNumber, Int32(start + 1))) }
            if !rootLexicons.isEmpty {
                for hit in scratch.hitStart[start]..<scratch.hitStart[start + 1]
                where Int(scratch.hitEnd[Int(hit)]) <= limit {
                    let child = rootLexiconChildren.child(scratch.hitLexicon[Int(hit)])
                    if child >= 0 { scratch.stack.append((child, scratch.hitEnd[Int(hit)])) }
                }
            }
            while let (node, at) = scratch.stack.popLast() {
                budget -= 1
                if budget < 0 {
                    budget = 0
                    scratch.cutSentences += 1
                    scratch.stack.removeAllKeepingCapacity()
                    return
                }
                let record = trie.nodes[Int(node)]
                let position = Int(at)
                for output in record.outputs {
                    result.append(Match(entry: Int(trie.outputList[output]), start: start, end: position))
                }
                guard position < limit else { continue }
                let child = trie.wordChild(node, tokens[position].key)
                if child >= 0 { scratch.stack.append((child, at + 1)) }
                if record.numberChild >= 0, tokens[position].kind == .number {
                    scratch.stack.append((record.numberChild, at + 1))
                }
                let edges = record.lexiconEdges
                if !edges.isEmpty {
                    for hit in scratch.hitStart[position]..<scratch.hitStart[position + 1]
                    where Int(scratch.hitEnd[Int(hit)]) <= limit {
                        for edge in edges
                        where trie.lexiconEdgeLexicon[edge] == scratch.hitLexicon[Int(hit)]
                            && scratch.walked.firstVisit(
                                node: trie.lexiconEdgeChild[edge], position: scratch.hitEnd[Int(hit)])
                        {
                            scratch.stack.append((trie.lexiconEdgeChild[edge], scratch.hitEnd[Int(hit)]))
                        }
                    }
                }
                let gap = record.gapChild
                if gap >= 0 {
                    // A gap always has a step after it (a phrase cannot end in "..."), so it never matches empty text at the end.
                    // Nor does it reach across a comma, semicolon, bracket or dash: the words
                    // after one belong to another clause ("before the laser improved, laser hair …").
                    for skip in 0...WordTrie.maximumGap {
                        guard position + skip < limit, !scratch.breakBefore[position + skip] else { break }
                        if scratch.walked.firstVisit(node: gap, position: at + Int32(skip)) {
                            scratch.stack.append((gap, at + Int32(skip)))
                        }
                    }
                }
            }
        }
    }

    /// The lexicon terms that filled a match's `{lexicon}` slots, in the phrase's order, as token
    /// ranges with their lexicon's index. `prepare` must have run on these tokens.
    public func parts(of match: Match, scratch: Scratch) -> [(lexicon: Int, tokens: Range<Int>)] {
        var parts: [(lexicon: Int, tokens: Range<Int>)] = []
        var position = match.start
        for lexicon in entryLexicons[match.entry] {
            search: while position < match.end {
                for hit in scratch.hitStart[position]..<scratch.hitStart[position + 1]
                where scratch.hitLexicon[Int(hit)] == lexicon && Int(scratch.hitEnd[Int(hit)]) <= match.end {
                    parts.append((Int(lexicon), position..<Int(scratch.hitEnd[Int(hit)])))
                    position = Int(scratch.hitEnd[Int(hit)])
                    break search
                }
                position += 1
            }
        }
        return parts
    }

    /// The index lexicon `name`'s hits carry (the rule set's own lexicon, else the vocabulary's).
    func lexicon(named name: String) -> Int? { lexiconIndex[name] }

    /// The token ranges of every term of the lexicon among the prepared tokens, appended to `ranges`.
    func ranges(of lexicon: Int, scratch: Scratch, into ranges: inout [Range<Int>]) {
        guard scratch.hitStart.count > 1 else { return }
        for position in 0..<(scratch.hitStart.count - 1) {
            for hit in scratch.hitStart[position]..<scratch.hitStart[position + 1]
            where Int(scratch.hitLexicon[Int(hit)]) == lexicon {
                ranges.append(position..<Int(scratch.hitEnd[Int(hit)]))
            }
        }
    }

    /// Does a term of the lexicon occur among `tokens[range]`? `prepare` must have run on these tokens.
    public func contains(lexicon: Int, range: Range<Int>, scratch: Scratch) -> Bool {
        for position in range {
            for hit in scratch.hitStart[position]..<scratch.hitStart[position + 1]
            where Int(scratch.hitLexicon[Int(hit)]) == lexicon && Int(scratch.hitEnd[Int(hit)]) <= range.upperBound {
                return true
            }
        }
        return false
    }
}
