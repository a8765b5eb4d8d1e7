import Testing

@_spi(Stages) @testable import ClaimLint

/// `SuperscriptMarkers`: a superscript of digits is a citation marker, written `[n]`.
@Suite("Superscript citation markers")
struct SuperscriptMarkersTests {
    private static func parse(_ markdown: String) -> ProseDocument {
        MarkdownParser.parse(SourceText(markdown)).readingSuperscriptMarkers()
    }

    @Test(
        "<sup> digits become a bracketed marker",
        arguments: [
            ("Claim<sup>2</sup> here.", "Claim[2] here."),
            ("Claim<SUP>12</SUP> here.", "Claim[12] here."),
            ("Claim<sup>1,2</sup> here.", "Claim[1,2] here."),
            ("One<sup>1</sup> and two<sup>2</sup>.", "One[1] and two[2]."),
            // Not digits: left as text.
            ("E = mc<sup>two</sup>.", "E = mctwo."),
        ] as [(String, String)]
    )
    func superscripts(markdown: String, expected: String) {
        #expect(Self.parse(markdown).blocks.map(\.string) == [expected])
    }

    @Test("the [2] written for <sup>2</sup> maps onto the digits, not into </sup>")
    func superscriptMapsBack() throws {
        let document = Self.parse("Claim<sup>2</sup> cures")
        let block = try #require(document.blocks.first)
        let start = try #require(
            block.string.utf8.firstIndex(of: UInt8(ascii: "[")).map {
                block.string.utf8.distance(from: block.string.utf8.startIndex, to: $0)
            })
        let sourceStart = block.sourceOffset(ofProse: start)
        let sourceEnd = block.sourceEnd(ofProse: start + 3)
        #expect(
            document.source.range(fromOffset: sourceStart, to: sourceEnd).start == SourcePosition(line: 1, column: 11))
        #expect(document.source.text(fromOffset: sourceStart, to: sourceEnd) == "2")
        // The words after the marker still map onto themselves.
        let cures = block.string.utf8.count - 5
        #expect(
            document.source.text(
                fromOffset: block.sourceOffset(ofProse: cures), to: block.sourceEnd(ofProse: cures + 5)) == "cures")
    }

    @Test("links after and around a marker keep their prose ranges")
    func linksMove() throws {
        let block = try #require(
            Self.parse("Claim<sup>2</sup> see [our study](https://x.org) and [<sup>3</sup>](https://y.org).").blocks
                .first)
        #expect(block.string == "Claim[2] see our study and [3].")
        try #require(block.links.count == 2)
        #expect(
            String(decoding: block.text[block.links[0].proseStart..<block.links[0].proseEnd], as: UTF8.self)
                == "our study")
        #expect(
            String(decoding: block.text[block.links[1].proseStart..<block.links[1].proseEnd], as: UTF8.self) == "[3]")
    }
}
