import Testing

@testable import ClaimLint

/// `QuotedText` compares findings' sentences without making strings where it can.
struct QuotedTextTests {
    static let page = Array(
        "Our drip cures fatigue. Our drip eases fatigue! Caf\u{E9} is open. Cafe\u{301} is open.".utf8)

    static func quote(_ text: String) -> QuotedText {
        let bytes = Array(text.utf8)
        return QuotedText(prose: bytes, range: 0..<bytes.count)
    }

    @Test func sameBytes() {
        let first = QuotedText(prose: Self.page, range: 0..<22)
        // The same range of the same array, and the same bytes elsewhere (another block's array).
        #expect(first.quotesSameBytes(as: QuotedText(prose: Self.page, range: 0..<22)))
        #expect(first.quotesSameBytes(as: Self.quote("Our drip cures fatigue")))
        #expect(first.quotesSameBytes(as: QuotedText("Our drip cures fatigue")))
        // Other bytes of the same length, and another length.
        #expect(!first.quotesSameBytes(as: QuotedText(prose: Self.page, range: 24..<46)))
        #expect(!first.quotesSameBytes(as: QuotedText(prose: Self.page, range: 24..<47)))
    }

    /// "Café" composed and decomposed are equal strings, so `==` says equal; their bytes differ.
    @Test func canonicalEquivalence() {
        let composed = Self.quote("Caf\u{E9} is open")
        let decomposed = Self.quote("Cafe\u{301} is open")
        #expect(composed == decomposed)
        #expect(!composed.quotesSameBytes(as: decomposed))
    }
}
