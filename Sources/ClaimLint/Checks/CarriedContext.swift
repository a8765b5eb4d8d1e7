/// The lexicons a sentence's context may come from besides its own words: the headings above its
/// block, and the earlier sentences of its paragraph, list (with the lead-in before it) or table.
/// A claim rule with `carry-context: true` finds its `context:` lexicon here too, so "It relieves
/// anxiety within days." under "## Ketamine for depression" is a claim about ketamine, while a
/// paragraph that merely follows one about ketamine is not.
///
/// Held in `SentenceContext`: `enter` at each block (a heading replaces the headings of its level
/// and below; a paragraph starts afresh unless it continues a list or table), `note` with each
/// sentence's lexicon hits once the checks have read it. A few bit operations per sentence and
/// per hit the matcher found anyway, whatever the length of the page.
struct CarriedContext {
    static let headingLevels = 6
    /// 64 lexicons a word.
    private let words: Int
    /// Lexicons each heading level's current heading named, level 1 first (`headingLevels` runs of `words`).
    private var byLevel: [UInt64]
    /// Lexicons of the headings above the block being read (and of the heading being read).
    private var headings: [UInt64]
    /// Lexicons of the earlier sentences of the block, list or table.
    private var earlier: [UInt64]
    /// The level of the heading being read; 0 in other blocks.
    private var level = 0
    private var continuation = Continuation.none

    /// What the block before may hand on to the next.
    private enum Continuation {
        case none
        /// A list item, or a lead-in paragraph ending in a colon: the next list item continues it.
        case list
        case table
    }

    init(lexicons: Int) {
        words = max(1, (lexicons + 63) / 64)
        byLevel = [UInt64](repeating: 0, count: words * Self.headingLevels)
        headings = [UInt64](repeating: 0, count: words)
        earlier = [UInt64](repeating: 0, count: words)
    }

    /// The next block's sentences follow.
    mutating func enter(_ block: ProseBlock) {
        var continues = false
        switch block.kind {
        case .heading(let headingLevel):
            level = min(max(headingLevel, 1), Self.headingLevels)
            for index in (level - 1) * words..<byLevel.count { byLevel[index] = 0 }
            for word in 0..<words {
                var union: UInt64 = 0
                for above in 0..<level - 1 { union |= byLevel[above * words + word] }
                headings[word] = union
            }
        case .tableRow:
            level = 0
            continues = continuation == .table
        case .paragraph:
            level = 0
            continues = block.inListItem && continuation == .list
        }
        if !continues {
            for word in 0..<words { earlier[word] = 0 }
        }
        if block.kind == .tableRow {
            continuation = .table
        } else if !block.isHeading, block.inListItem || block.endingColon != nil {
            continuation = .list
        } else {
            continuation = .none
        }
    }

    /// Does a term of the lexicon occur in a heading above or an earlier sentence of the block?
    @inline(__always)
    func contains(_ lexicon: Int) -> Bool {
        guard lexicon >= 0, lexicon < words * 64 else { return false }
        let word = lexicon >> 6
        let bit: UInt64 = 1 << UInt64(lexicon & 63)
        return (headings[word] | earlier[word]) & bit != 0
    }

    /// The sentence's lexicon terms, for the sentences after it (and, in a heading, the blocks under it).
    mutating func note(_ hits: PhraseMatcher.Scratch) {
        for lexicon in hits.hitLexicon where lexicon >= 0 && Int(lexicon) < words * 64 {
            let word = Int(lexicon) >> 6
            let bit: UInt64 = 1 << UInt64(lexicon & 63)
            if level > 0 {
                byLevel[(level - 1) * words + word] |= bit
                headings[word] |= bit
            } else {
                earlier[word] |= bit
            }
        }
    }
}
