/// Whether a disclosure trigger's words, where they stand in a sentence, say what the page
/// promotes. A trigger names a treatment ("ketamine", "stem cell") or what it is sold for (a
/// condition, "ageing"). A treatment counts wherever it is named; a condition only when the
/// sentence is about the page's treatment, not background:
///
/// - not negated ("TMS is not used for bipolar disorder");
/// - in an entry of several elements (a treatment and a condition), not in a sentence about
///   conventional care as background: "standard antidepressants may fail in bipolar depression"
///   on a TMS page says nothing about TMS for bipolar disorder. Such a sentence names a term of
///   the `conventional` lexicon and none of the entry's other elements; words of the
///   `generic-treatment` lexicon ("medication", "drug") name no particular care. (An ingredient
///   of the page's own treatment, "vitamins" on an IV page, is no other treatment.)
/// - for a rule with `in-condition-lists: false`, not one item of a list of three or more
///   conditions ("helps ADHD, anxiety and PTSD"): the page names it as an example, it is not
///   about it (a heading's list is its section's subject and still counts).
struct TriggerScope: Sendable {
    private let treatment: Int?
    private let conventional: Int?
    private let genericTreatment: Int?
    private let conditionLexicons: [Int]
    private let negation: Negation
    private let conjunctions: KeySet
    /// Items a list needs before its members stop counting.
    static let listLength = 3

    /// Reusable buffers for one sentence's ranges.
    struct Scratch {
        var treatments: [Range<Int>] = []
        var conventional: [Range<Int>] = []
        var generic: [Range<Int>] = []
        var conditions: [Range<Int>] = []
        /// The sentence these ranges were collected for (`nil` before the first).
        var collected: Range<Int>?
        var block = -1
    }

    init(matcher: PhraseMatcher, negation: Negation) {
        treatment = matcher.lexicon(named: "treatment")
        conventional = matcher.lexicon(named: "conventional")
        genericTreatment = matcher.lexicon(named: "generic-treatment")
        conditionLexicons = ["condition", "vocab-condition"].compactMap(matcher.lexicon(named:))
        self.negation = negation
        conjunctions = KeySet(words: ["and", "or"])
    }

    /// Does trigger `match` count, where `partners` are the sentence's matches of the other
    /// elements of its entry and `elements` is how many elements the entry has?
    func counts(
        _ match: PhraseMatcher.Match, elements: Int, partners: [Range<Int>], inLists: Bool,
        sentence: SentenceContext, matcher: PhraseMatcher, scratch: inout Scratch
    ) -> Bool {
        collect(sentence, matcher: matcher, scratch: &scratch)
        let range = match.start..<match.end
        if scratch.treatments.contains(where: { $0.overlaps(range) }) { return true }
        if negation.negates(start: match.start, tokens: sentence.tokens, text: sentence.block.text, sentenceStart: 0) {
            return false
        }
        if elements > 1 {
            let other = scratch.conventional.contains { treatment in
                !treatment.overlaps(range) && !partners.contains(where: { $0.overlaps(treatment) })
                    && !scratch.generic.contains(treatment)
            }
            if other { return false }
        }
        if !inLists, !sentence.block.isHeading,
            listItems(around: range, sentence: sentence, scratch: scratch) >= Self.listLength
        {
            return false
        }
        return true
    }

    /// The sentence's treatment, conventional, generic-treatment and condition terms, once per sentence.
    private func collect(_ sentence: SentenceContext, matcher: PhraseMatcher, scratch: inout Scratch) {
        guard scratch.collected != sentence.range || scratch.block != sentence.blockIndex else { return }
        scratch.collected = sentence.range
        scratch.block = sentence.blockIndex
        scratch.treatments.removeAll(keepingCapacity: true)
        scratch.conventional.removeAll(keepingCapacity: true)
        scratch.generic.removeAll(keepingCapacity: true)
        scratch.conditions.removeAll(keepingCapacity: true)
        if let treatment { matcher.ranges(of: treatment, scratch: sentence.lexiconHits, into: &scratch.treatments) }
        if let conventional {
            matcher.ranges(of: conventional, scratch: sentence.lexiconHits, into: &scratch.conventional)
        }
        if let genericTreatment {
            matcher.ranges(of: genericTreatment, scratch: sentence.lexiconHits, into: &scratch.generic)
        }
        for lexicon in conditionLexicons {
            matcher.ranges(of: lexicon, scratch: sentence.lexiconHits, into: &scratch.conditions)
        }
    }

    /// How many conditions stand in a list with the words at `range`: neighbours joined by a
    /// comma, slash, ampersand, "and" or "or", with at most one word ("severe") before the next
    /// item; a full stop, colon, semicolon, bracket or dash ends the list.
    private func listItems(around range: Range<Int>, sentence: SentenceContext, scratch: Scratch) -> Int {
        // The condition terms in order, the longest at each start, none overlapping `range`.
        var items = scratch.conditions.filter { !$0.overlaps(range) } + [range]
        items.sort { $0.lowerBound != $1.lowerBound ? $0.lowerBound < $1.lowerBound : $0.count > $1.count }
        var kept: [Range<Int>] = []
        for item in items where kept.last.map({ item.lowerBound >= $0.upperBound }) ?? true { kept.append(item) }
        guard let index = kept.firstIndex(of: range) else { return 1 }
        var count = 1
        var left = index
        while left > 0, joined(kept[left - 1], kept[left], sentence: sentence) {
            count += 1
            left -= 1
        }
        var right = index
        while right + 1 < kept.count, joined(kept[right], kept[right + 1], sentence: sentence) {
            count += 1
            right += 1
        }
        return count
    }

    /// Are two conditions consecutive items of one list?
    private func joined(_ first: Range<Int>, _ second: Range<Int>, sentence: SentenceContext) -> Bool {
        let tokens = sentence.tokens
        let text = sentence.block.text
        var separated = false
        var modifiers = 0
        for position in first.upperBound..<second.lowerBound + 1 {
            let gap = text[tokens[position - 1].end..<tokens[position].start]
            for byte in gap {
                switch byte {
                case UInt8(ascii: "."), UInt8(ascii: ";"), UInt8(ascii: ":"), UInt8(ascii: "("), UInt8(ascii: ")"),
                    UInt8(ascii: "["), UInt8(ascii: "]"), 0xE2:
                    return false
                case UInt8(ascii: ","), UInt8(ascii: "/"), UInt8(ascii: "&"):
                    if modifiers > 0 { return false }
                    separated = true
                default:
                    continue
                }
            }
            guard position < second.lowerBound else { break }
            if conjunctions.contains(tokens[position].key), modifiers == 0 {
                separated = true
            } else if separated {
                modifiers += 1
                if modifiers > 1 { return false }
            } else {
                return false
            }
        }
        return separated
    }
}
