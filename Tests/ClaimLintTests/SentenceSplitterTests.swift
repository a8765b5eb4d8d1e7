import Testing

@_spi(Stages) @testable import ClaimLint

/// `SentenceSplitter`: where sentences of a block of prose begin and end.
@Suite("SentenceSplitter")
struct SentenceSplitterTableTests {
    /// The sentences as strings, sliced from the input bytes with the returned ranges.
    private static func sentences(_ text: String, isTableRow: Bool = false) -> [String] {
        let bytes = Array(text.utf8)
        return SentenceSplitter.split(bytes, isTableRow: isTableRow).map { String(decoding: bytes[$0], as: UTF8.self) }
    }

    @Test(
        "abbreviations do not end a sentence",
        arguments: [
            ("See Dr. Smith today. He helps.", ["See Dr. Smith today.", "He helps."]),
            ("Use it daily, e.g. Mornings. Then rest.", ["Use it daily, e.g. Mornings.", "Then rest."]),
            ("Use it daily, e.g. in the morning. Then rest.", ["Use it daily, e.g. in the morning.", "Then rest."]),
            ("One dose, i.e. The first one. Next.", ["One dose, i.e. The first one.", "Next."]),
            ("Made in the U.S. and sold here. Next.", ["Made in the U.S. and sold here.", "Next."]),
            ("Approved in the U.S. Food supply. Next.", ["Approved in the U.S. Food supply.", "Next."]),
            ("Smith et al. Found it works. Then more.", ["Smith et al. Found it works.", "Then more."]),
            ("Ketamine vs. Placebo in a trial. Next.", ["Ketamine vs. Placebo in a trial.", "Next."]),
            ("Ask Mrs. Jones. Now.", ["Ask Mrs. Jones.", "Now."]),
            ("Ask Mr. Lee and Prof. Kim. Done.", ["Ask Mr. Lee and Prof. Kim.", "Done."]),
            ("Call ext. 5 today. Done.", ["Call ext. 5 today.", "Done."]),
            ("Opens at 9 a.m. Monday. Done.", ["Opens at 9 a.m. Monday.", "Done."]),
            ("Lee, M.D. Treats pain. Done.", ["Lee, M.D. Treats pain.", "Done."]),
        ] as [(String, [String])]
    )
    func abbreviations(text: String, expected: [String]) {
        #expect(Self.sentences(text) == expected)
    }

    @Test(
        "decimals, initials, versions and numbers",
        arguments: [
            ("Take 2.5 mg daily. Then stop.", ["Take 2.5 mg daily.", "Then stop."]),
            ("Version 2.0 is out. Next.", ["Version 2.0 is out.", "Next."]),
            ("It costs $1,299.99 today. Next.", ["It costs $1,299.99 today.", "Next."]),
            ("Ask J. Smith today. Then go.", ["Ask J. Smith today.", "Then go."]),
            ("By J. R. R. Tolkien. Next.", ["By J. R. R. Tolkien.", "Next."]),
            ("It works. 70% agree.", ["It works.", "70% agree."]),
            ("It ends in 2019. 2020 was better.", ["It ends in 2019.", "2020 was better."]),
        ] as [(String, [String])]
    )
    func numbersAndInitials(text: String, expected: [String]) {
        #expect(Self.sentences(text) == expected)
    }

    @Test(
        "ellipses",
        arguments: [
            ("Wait... then it works.", ["Wait... then it works."]),
            ("Wait... Then it works.", ["Wait...", "Then it works."]),
            ("It works… Then it stops.", ["It works…", "Then it stops."]),
            ("It works… then it stops.", ["It works… then it stops."]),
            ("It works…then", ["It works…then"]),
        ] as [(String, [String])]
    )
    func ellipses(text: String, expected: [String]) {
        #expect(Self.sentences(text) == expected)
    }

    @Test(
        "closing quotes and brackets stay with their sentence",
        arguments: [
            ("He said \"it works.\" Then left.", ["He said \"it works.\"", "Then left."]),
            ("He said “it works.” Then left.", ["He said “it works.”", "Then left."]),
            ("He said 'it works.' Then left.", ["He said 'it works.'", "Then left."]),
            ("She wrote «c’est fini.» Then left.", ["She wrote «c’est fini.»", "Then left."]),
            ("It works (mostly.) Then stops.", ["It works (mostly.)", "Then stops."]),
            ("It works. (Really.) Next.", ["It works.", "(Really.)", "Next."]),
            ("It works. “Really,” she said.", ["It works.", "“Really,” she said."]),
        ] as [(String, [String])]
    )
    func quotes(text: String, expected: [String]) {
        #expect(Self.sentences(text) == expected)
    }

    @Test(
        "citation markers stay with the sentence they cite",
        arguments: [
            ("It prevents overdoses.1 Next one.", ["It prevents overdoses.1", "Next one."]),
            ("It prevents overdoses.12 Next one.", ["It prevents overdoses.12", "Next one."]),
            ("It gives relief.[2] Next one.", ["It gives relief.[2]", "Next one."]),
            ("It gives relief.[2, 5] Next one.", ["It gives relief.[2, 5]", "Next one."]),
            ("It gives relief.[1-4] Next one.", ["It gives relief.[1-4]", "Next one."]),
            ("It gives relief.¹ Next one.", ["It gives relief.¹", "Next one."]),
            ("It gives relief.¹² Next one.", ["It gives relief.¹²", "Next one."]),
            ("It leads to remission.(3) Next one.", ["It leads to remission.(3)", "Next one."]),
            ("It gives relief.[^4] Next one.", ["It gives relief.[^4]", "Next one."]),
            ("It gives relief.[^note] Next one.", ["It gives relief.[^note]", "Next one."]),
            ("He said \"it works.\"[3] Then left.", ["He said \"it works.\"[3]", "Then left."]),
            ("It works!² Really.", ["It works!²", "Really."]),
        ] as [(String, [String])]
    )
    func citationMarkers(text: String, expected: [String]) {
        #expect(Self.sentences(text) == expected)
    }

    @Test(
        "question and exclamation marks",
        arguments: [
            ("Does it work? Yes! It does.", ["Does it work?", "Yes!", "It does."]),
            ("Really?! Yes.", ["Really?!", "Yes."]),
            ("Why wait?? Call now!!! Today.", ["Why wait??", "Call now!!!", "Today."]),
            ("Is it ok?yes it is", ["Is it ok?yes it is"]),
            ("Is it ok? yes it is", ["Is it ok? yes it is"]),
        ] as [(String, [String])]
    )
    func questionsAndExclamations(text: String, expected: [String]) {
        #expect(Self.sentences(text) == expected)
    }

    @Test(
        "whitespace, line breaks and what may start a sentence",
        arguments: [
            ("", []),
            ("   ", []),
            ("No terminator", ["No terminator"]),
            ("  Padded.  ", ["Padded."]),
            ("It works.", ["It works."]),
            ("It works.\nNext line.", ["It works.", "Next line."]),
            ("It works.\tNext.", ["It works.", "Next."]),
            ("It works.  Ünder way.", ["It works.", "Ünder way."]),
            ("It works. Évidemment.", ["It works.", "Évidemment."]),
            ("It works. éclair", ["It works. éclair"]),
            ("It works. [See below.]", ["It works.", "[See below.]"]),
            ("It works. *Really* works.", ["It works.", "*Really* works."]),
            ("It works. ⅔ agree.", ["It works.", "⅔ agree."]),
            ("a.b.c is a host. Next.", ["a.b.c is a host.", "Next."]),
            ("Ends with space. ", ["Ends with space."]),
        ] as [(String, [String])]
    )
    func whitespaceAndStarts(text: String, expected: [String]) {
        #expect(Self.sentences(text) == expected)
    }

    @Test(
        "table rows split at |, and at sentence ends inside a cell",
        arguments: [
            ("| a | b |", ["a", "b"]),
            ("| Ketamine | cures depression |", ["Ketamine", "cures depression"]),
            ("| It works. Then | b. c |", ["It works.", "Then", "b. c"]),
            ("a | b", ["a", "b"]),
            ("| a || b |", ["a", "b"]),
            ("| 70% of patients | 1 in 5 |", ["70% of patients", "1 in 5"]),
        ] as [(String, [String])]
    )
    func tableRows(text: String, expected: [String]) {
        #expect(Self.sentences(text, isTableRow: true) == expected)
    }

    @Test("outside a table row, | is ordinary text")
    func pipeOutsideTable() {
        #expect(Self.sentences("| a | b |") == ["| a | b |"])
        #expect(Self.sentences("a | b. C | d") == ["a | b.", "C | d"])
    }

    @Test("ranges are ordered, do not overlap, and hold no leading or trailing space")
    func rangeInvariants() {
        let text = "  Dr. Lee said \"it works.\"[2] Then? Yes!  Wait... really… Done.  "
        let bytes = Array(text.utf8)
        let ranges = SentenceSplitter.split(bytes)
        #expect(ranges.count == 5)
        var previousEnd = 0
        for range in ranges {
            #expect(range.lowerBound >= previousEnd)
            #expect(!range.isEmpty)
            #expect(bytes[range.lowerBound] != UInt8(ascii: " "))
            #expect(bytes[range.upperBound - 1] != UInt8(ascii: " "))
            previousEnd = range.upperBound
        }
        #expect(
            ranges.map { String(decoding: bytes[$0], as: UTF8.self) } == [
                "Dr. Lee said \"it works.\"[2]", "Then?", "Yes!", "Wait... really…", "Done.",
            ])
    }

    @Test("a very long block without terminators is one sentence, quickly")
    func longBlock() {
        let text = String(repeating: "word ", count: 200_000) + "end"
        let ranges = SentenceSplitter.split(Array(text.utf8))
        #expect(ranges.count == 1)
        #expect(ranges.first?.lowerBound == 0)
        #expect(ranges.first?.upperBound == text.utf8.count)
    }
}
