import Testing

@_spi(Stages) @testable import ClaimLint

/// Issue 10 item 8: chained lexicon steps over overlapping terms must not multiply the walk.
@Suite("Phrase walk bound")
struct PhraseWalkBoundTests {
    /// A rule set whose one phrase is `steps` references to a lexicon with terms of one and two words.
    private static func rules(steps: Int) -> String {
        let phrase = Array(repeating: "{pain}", count: steps).joined(separator: " ")
        return """
            version: 1
            lexicons:
              pain: [pain, "pain pain"]
            rules:
              - id: chained
                kind: claim
                category: efficacy
                severity: warning
                message: Chained.
                fix: Remove it.
                source: https://example.org/chained
                phrases: ["\(phrase)"]
                citation: none
            """
    }

    @Test("a phrase whose worst case exceeds the bound is rejected when the rules load, naming the rule's place")
    func rejectsExplosivePhrase() throws {
        let error = try #require(throws: RulesError.self) {
            try RulesLoader.load(yaml: Self.rules(steps: 24), file: "bomb.yml")
        }
        #expect(error.file == "bomb.yml")
        #expect(error.line == 5)
        #expect(error.message.contains("can branch 16777216 ways"))
    }

    @Test("paths that meet are walked once: the work on a long sentence grows with its length, not with the paths")
    func mergesEqualStates() throws {
        let matcher = try PhraseMatcher(
            ruleSet: try RulesLoader.load(yaml: Self.rules(steps: 12), file: "chain.yml", compilePhrases: false))
        let bytes = Array(Array(repeating: "pain", count: 200).joined(separator: " ").utf8)
        var tokens: [Token] = []
        Tokenizer.tokenize(bytes, into: &tokens)
        var scratch = PhraseMatcher.Scratch()
        var found: [PhraseMatcher.Match] = []
        matcher.prepare(tokens, text: bytes, &scratch)
        matcher.matches(in: tokens, range: 0..<tokens.count, scratch: &scratch, into: &found)
        // Without merging, each start walks up to 2^12 paths (about 800,000 steps in all); merged,
        // a start reaches each of the phrase's 12 nodes at no more than 24 tokens.
        #expect(scratch.statesWalked < 200 * 12 * 24)
        #expect(scratch.cutSentences == 0)
        // Every match is found once: one per start and length (12 to 24 words, where they fit).
        #expect(Set(found.map { [$0.start, $0.end] }).count == found.count)
        #expect(found.contains { $0.start == 0 && $0.end == 12 } && found.contains { $0.start == 0 && $0.end == 24 })
    }

    @Test("a sentence that needs more steps than its budget is cut and counted; with the default budget it matches")
    func stopsAtSentenceBudget() throws {
        // The chain of twelve, then a word: only the last twelve "pain" before "cured" match it,
        // and the 200 before "stop" cost thousands of steps first.
        let yaml = Self.rules(steps: 12).replacingOccurrences(of: "{pain}\"]", with: "{pain} cured\"]")
        let ruleSet = try RulesLoader.load(yaml: yaml, file: "budget.yml", compilePhrases: false)
        let matcher = try PhraseMatcher(ruleSet: ruleSet)
        let words = Array(repeating: "pain", count: 200) + ["stop"] + Array(repeating: "pain", count: 12) + ["cured"]
        let bytes = Array(words.joined(separator: " ").utf8)
        var tokens: [Token] = []
        Tokenizer.tokenize(bytes, into: &tokens)
        try #require(tokens.count == 214)
        func walk(budget: Int?) -> (scratch: PhraseMatcher.Scratch, found: [PhraseMatcher.Match]) {
            var scratch = PhraseMatcher.Scratch()
            if let budget { scratch.stateBudget = budget }
            var found: [PhraseMatcher.Match] = []
            matcher.prepare(tokens, text: bytes, &scratch)
            matcher.matches(in: tokens, range: 0..<tokens.count, scratch: &scratch, into: &found)
            return (scratch, found)
        }
        let cut = walk(budget: 1_000)
        #expect(cut.scratch.cutSentences == 1)
        #expect(cut.scratch.statesWalked == 1_000)
        #expect(cut.found.isEmpty)
        let whole = walk(budget: nil)
        #expect(whole.scratch.cutSentences == 0)
        #expect(whole.scratch.statesWalked > 1_000)
        #expect(whole.found == [PhraseMatcher.Match(entry: 0, start: 201, end: 214)])
    }

    @Test("the worst case of a phrase is the product of its steps' alternatives")
    func alternatives() {
        #expect(PhraseWalkBound.alternatives(of: [.gap, .gap, .gap], termLengths: []) == 125)
        #expect(PhraseWalkBound.alternatives(of: [.lexicon(0), .word(1), .lexicon(1)], termLengths: [3, 4]) == 12)
        #expect(
            PhraseWalkBound.alternatives(of: Array(repeating: .lexicon(0), count: 200), termLengths: [9]) == Int.max)
    }
}
