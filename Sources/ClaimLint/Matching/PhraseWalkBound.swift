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
///
/// An open-addressing set whose slots carry the generation that wrote them: `reset`, once per
/// start token, bumps the generation instead of clearing anything, and a look-up is a multiply and
/// a probe or two, where a `Set` would hash each state with SipHash.
struct WalkedStates {
    private struct Slot {
        var state: Int64 = 0
        var generation: UInt32 = 0
    }

    private static let initialCapacity = 256
    private var slots = [Slot](repeating: Slot(), count: initialCapacity)
    private var generation: UInt32 = 1
    private var count = 0

    /// Forgets the states, for the next start token (cheaply: most starts record none).
    mutating func reset() {
        guard count > 0 else { return }
        count = 0
        if slots.count > 16 * Self.initialCapacity {
            // A pathological sentence grew the table: give the memory back.
            slots = [Slot](repeating: Slot(), count: Self.initialCapacity)
            generation = 1
            return
        }
        generation &+= 1
        if generation == 0 {
            for index in slots.indices { slots[index].generation = 0 }
            generation = 1
        }
    }

    /// True the first time this state is seen since the last reset.
    mutating func firstVisit(node: Int32, position: Int32) -> Bool {
        let state = Int64(node) << 32 | Int64(UInt32(bitPattern: position))
        if 2 * (count + 1) > slots.count { grow() }
        let mask = slots.count - 1
        var index = Self.home(of: state, mask: mask)
        while slots[index].generation == generation {
            if slots[index].state == state { return false }
            index = (index + 1) & mask
        }
        slots[index] = Slot(state: state, generation: generation)
        count += 1
        return true
    }

    @inline(__always)
    private static func home(of state: Int64, mask: Int) -> Int {
        let hash = UInt64(bitPattern: state) &* 0x9E37_79B9_7F4A_7C15
        return Int(truncatingIfNeeded: hash >> 32) & mask
    }

    private mutating func grow() {
        let old = slots
        slots = [Slot](repeating: Slot(), count: old.count * 2)
        let mask = slots.count - 1
        for slot in old where slot.generation == generation {
            var index = Self.home(of: slot.state, mask: mask)
            while slots[index].generation == generation { index = (index + 1) & mask }
            slots[index] = slot
        }
    }
}
