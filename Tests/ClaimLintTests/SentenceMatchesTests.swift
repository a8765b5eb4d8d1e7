import Testing

@testable import ClaimLint

/// The approved-claims library's run-wide answers by sentence: computed once per sentence,
/// wherever the sentence's bytes come from, and never shared by two sentences.
struct SentenceMatchesTests {
    @Test func computedOncePerSentence() {
        let matches = SentenceMatches()
        var computed: [String] = []
        func ask(_ sentence: QuotedText) -> SentenceMatch {
            matches.match(sentence) { text in
                computed.append(text)
                return text.hasPrefix("Our drip") ? .exact(computed.count) : .none
            }
        }
        let page = Array("Our drip cures fatigue. Our drip eases fatigue.".utf8)
        let first = QuotedText(prose: page, range: 0..<22)
        guard case .exact(1) = ask(first) else {
            Issue.record("the first answer is computed")
            return
        }
        // The same bytes again, from the same page, another page, or a string: the stored answer.
        guard case .exact(1) = ask(QuotedText(prose: page, range: 0..<22)),
            case .exact(1) = ask(QuotedText(prose: Array("Our drip cures fatigue".utf8), range: 0..<22)),
            case .exact(1) = ask(QuotedText("Our drip cures fatigue"))
        else {
            Issue.record("the same bytes get the stored answer")
            return
        }
        // Another sentence of the same length is computed on its own.
        guard case .exact(2) = ask(QuotedText(prose: page, range: 24..<46)) else {
            Issue.record("another sentence is computed")
            return
        }
        #expect(computed == ["Our drip cures fatigue", "Our drip eases fatigue"])
    }

    /// Every length from 0 to 40 and every single-byte change hashes differently here (a weak mix
    /// would lose tail bytes or word boundaries); equal bytes always hash alike.
    @Test func hashSeesEveryByte() {
        for length in 0...40 {
            let base = [UInt8](repeating: UInt8(ascii: "a"), count: length)
            let hash = base.withUnsafeBufferPointer(SentenceMatches.hash)
            #expect(Array(base).withUnsafeBufferPointer(SentenceMatches.hash) == hash)
            for offset in 0..<length {
                var changed = base
                changed[offset] = UInt8(ascii: "b")
                #expect(changed.withUnsafeBufferPointer(SentenceMatches.hash) != hash, "\(offset) of \(length)")
            }
            let longer = base + [UInt8(ascii: "a")]
            #expect(longer.withUnsafeBufferPointer(SentenceMatches.hash) != hash)
        }
    }
}
