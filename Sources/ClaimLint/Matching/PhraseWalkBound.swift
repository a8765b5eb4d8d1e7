/// The phrase language's bound on branching. Gaps and length are bounded when a phrase is
/// compiled, but a `{lexicon}` step whose terms overlap ("pain", "pain relief", "pain relief
/// fast") can end at several places, and a chain of them (`{l} {l} {l} …`) multiplies the paths
/// a walk may take: 24 such steps over a long sentence grew memory past 6 GB. Three guards:
///
/// - A phrase whose worst case (the product of each step's alternatives: a gap's five lengths,
///   a lexicon's distinct term lengths) exceeds `maximumAlternatives` is rejected when the rules
///   load, naming the rule.
/// - While walking, paths that meet (same trie node at the same token) are walked once
///   (`WalkedStates`): two paths can first meet only through a lexicon or gap step, since every
///   trie node has one parent, so only those steps are checked.
/// - A sentence costs at most `maximumStatesPerSentence` steps of the walk; past that the
///   sentence's matching stops and `Scratch.cutSentences` counts it.
enum PhraseWalkBound {
    /// The worst case allowed for one phrase, in paths from one start token. The default rules
    /// stay below 1,000; three gaps alone are 125.
    static let maximumAlternatives = 20_000
    /// The walk steps one sentence may cost (a 1,000-token sentence against the default rules takes
    /// well under 100,000).
    static let maximumStatesPerSentence = 4_000_000

    /// The paths a phrase may take from one start token, at most (saturating at `Int.max`).
    /// `termLengths[l]` is how many different lengths, in words, lexicon `l`'s terms have.
    static func alternatives(of steps: [WordTrie.Step], termLengths: [Int]) -> Int {
        var product = 1
        for step in steps {
            let factor: Int
            switch step {
            case .gap: factor = WordTrie.maximumGap + 1
            case .lexicon(let index): factor = max(index < termLengths.count ? termLengths[index] : 1, 1)
            case .word, .number: factor = 1
            }
            let (result, overflow) = product.multipliedReportingOverflow(by: factor)
            product = overflow ? Int.max : result
        }
        return product
    }
}

/// The (trie node, token) states a walk from one start token has reached through a lexicon or
/// gap step, so a state reached again is not walked again.
struct WalkedStates {
    private var seen: Set<Int64> = []

    /// Forgets the states, for the next start token (cheaply: most starts record none).
    mutating func reset() {
        guard !seen.isEmpty else { return }
        if seen.count > 4096 { seen = [] } else { seen.removeAll(keepingCapacity: true) }
    }

    /// True the first time this state is seen since the last reset.
    mutating func firstVisit(node: Int32, position: Int32) -> Bool {
        seen.insert(Int64(node) << 32 | Int64(UInt32(bitPattern: position))).inserted
    }
}
