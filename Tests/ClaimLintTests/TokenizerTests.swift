import Testing

@_spi(Stages) @testable import ClaimLint

/// `Tokenizer`, `WordKey`, `SnowballStemmer` and `StemCache`: words, numbers, symbols and citation markers, and word keys.
@Suite("Tokenizer and word keys")
struct TokenizerAndStemmerTests {
    /// Tokens written as "kind:text", sliced from the input bytes with each token's range.
    private static func tokens(_ text: String) -> [String] {
        let bytes = Array(text.utf8)
        var tokens: [Token] = []
        Tokenizer.tokenize(bytes, into: &tokens)
        return tokens.map { token in
            let kind: String
            switch token.kind {
            case .word: kind = "word"
            case .number: kind = "number"
            case .symbol: kind = "symbol"
            case .marker: kind = "marker"
            }
            return kind + ":" + String(decoding: bytes[token.start..<token.end], as: UTF8.self)
        }
    }

    private static func rawTokens(_ text: String) -> [Token] {
        var tokens: [Token] = []
        Tokenizer.tokenize(Array(text.utf8), into: &tokens)
        return tokens
    }

    @Test(
        "tokens of a text",
        arguments: [
            ("", []),
            ("  \t\n ", []),
            ("Ketamine helps", ["word:Ketamine", "word:helps"]),
            ("FDA-approved", ["word:FDA", "word:approved"]),
            ("FDA–approved", ["word:FDA", "word:approved"]),
            ("5mg", ["number:5", "word:mg"]),
            ("3x faster", ["number:3", "word:x", "word:faster"]),
            ("1,000 people", ["number:1,000", "word:people"]),
            ("2.5 mg", ["number:2.5", "word:mg"]),
            ("1.5.2", ["number:1.5.2"]),
            ("2014.", ["number:2014"]),
            ("1, 2", ["number:1", "number:2"]),
            ("don’t", ["word:don’t"]),
            ("don't", ["word:don't"]),
            ("patient's chart", ["word:patient's", "word:chart"]),
            ("patients’ charts", ["word:patients", "word:charts"]),
            ("’tis", ["word:tis"]),
            ("café naïve", ["word:café", "word:naïve"]),
            ("🌿 cure", ["word:cure"]),
            ("⅔ of people", ["number:⅔", "word:of", "word:people"]),
            ("½", ["number:½"]),
            ("70%", ["number:70", "symbol:%"]),
            ("$350", ["symbol:$", "number:350"]),
            ("€350", ["symbol:€", "number:350"]),
            ("2/3", ["number:2", "symbol:/", "number:3"]),
            ("A & B", ["word:A", "symbol:&", "word:B"]),
            ("covid19", ["word:covid19"]),
        ] as [(String, [String])]
    )
    func tokenKinds(text: String, expected: [String]) {
        #expect(Self.tokens(text) == expected)
    }

    @Test(
        "citation markers",
        arguments: [
            ("¹", ["marker:¹"]),
            ("relief¹²", ["word:relief", "marker:¹²"]),
            ("relief⁴", ["word:relief", "marker:⁴"]),
            ("[3]", ["marker:[3]"]),
            ("[2, 5]", ["marker:[2, 5]"]),
            ("[1-4]", ["marker:[1-4]"]),
            ("[^note]", ["marker:[^note]"]),
            ("[^1]", ["marker:[^1]"]),
            ("a[3]b", ["word:a", "marker:[3]", "word:b"]),
            ("overdoses.1", ["word:overdoses", "marker:1"]),
            ("overdoses.12 Next", ["word:overdoses", "marker:12", "word:Next"]),
            ("relief,3 and", ["word:relief", "marker:3", "word:and"]),
            ("remission.(3)", ["word:remission", "marker:(3)"]),
            // Not markers.
            ("version 2.0", ["word:version", "number:2.0"]),
            ("end.12345", ["word:end", "number:12345"]),
            ("x.1a", ["word:x", "number:1", "word:a"]),
            ("(3)", ["number:3"]),
            ("[a]", ["word:a"]),
            ("[^]", []),
            ("[]", []),
            ("2.5", ["number:2.5"]),
        ] as [(String, [String])]
    )
    func markers(text: String, expected: [String]) {
        #expect(Self.tokens(text) == expected)
    }

    @Test(
        "a number sign and its number are words: \"No.1\", \"No. 1\", \"Nr.1\", \"#1\" read \"number one\"",
        arguments: [
            // (text, tokens, what the sign reads: "number one", "number" and a label, or no sign at all)
            ("No.1 clinic", ["word:No.", "word:1", "word:clinic"], .numberOne),
            ("No. 1 clinic", ["word:No.", "word:1", "word:clinic"], .numberOne),
            ("the Nr.1 spa", ["word:the", "word:Nr.", "word:1", "word:spa"], .numberOne),
            ("Nr. 1 spa", ["word:Nr.", "word:1", "word:spa"], .numberOne),
            ("our #1 service", ["word:our", "word:#", "word:1", "word:service"], .numberOne),
            ("the No 1 clinic", ["word:the", "word:No", "word:1", "word:clinic"], .numberOne),
            ("ranked #1-rated", ["word:ranked", "word:#", "word:1", "word:rated"], .numberOne),
            // A number sign before another number is a label, still not a number.
            ("room #12 upstairs", ["word:room", "word:#", "word:12", "word:upstairs"], .label),
            ("No. 5 perfume", ["word:No.", "word:5", "word:perfume"], .label),
            // Not number signs: "no" as a word, a lone "#", "No." that ends a sentence.
            ("no 2 patients", ["word:no", "number:2", "word:patients"], .none),
            ("No. It works", ["word:No", "word:It", "word:works"], .none),
            ("# heading", ["symbol:#", "word:heading"], .none),
            ("none.1 of", ["word:none", "marker:1", "word:of"], .none),
        ] as [(String, [String], NumberSign)]
    )
    func numberSign(text: String, expected: [String], reads: NumberSign) throws {
        #expect(Self.tokens(text) == expected)
        let tokens = Self.rawTokens(text)
        let signs = tokens.indices.filter { tokens[$0].key == WordKey.of("number") }
        guard reads != .none else {
            #expect(signs.isEmpty)
            return
        }
        let sign = try #require(signs.first, "no number sign in '\(text)'")
        #expect(signs.count == 1)
        #expect(tokens[sign + 1].kind == .word)
        #expect((tokens[sign + 1].key == WordKey.of("one")) == (reads == .numberOne))
    }

    enum NumberSign { case numberOne, label, none }

    @Test("a number sign is not a sentence break: \"Nr. 1\" and \"No. 1\" stay in their sentence")
    func numberSignSentences() {
        for text in ["We are the Nr. 1 clinic in town. Book now.", "We are the No. 1 clinic in town. Book now."] {
            let sentences = SentenceSplitter.split(Array(text.utf8))
            #expect(sentences.count == 2, "\(text)")
        }
    }

    @Test("numbers share one key family; markers share WordKey.marker")
    func numberAndMarkerKeys() throws {
        let tokens = Self.rawTokens("overdoses.1 [3] ¹ [^n]")
        try #require(tokens.count == 5)
        for marker in tokens.dropFirst() {
            #expect(marker.kind == .marker)
            #expect(marker.key == WordKey.marker)
        }
        // Different numbers are different keys, the same digits the same key.
        let numbers = Self.rawTokens("40 40 41 1,000 1000")
        #expect(numbers.allSatisfy { $0.kind == .number })
        #expect(numbers[0].key == numbers[1].key)
        #expect(numbers[0].key != numbers[2].key)
        #expect(numbers[3].key == numbers[4].key)
    }

    @Test("token ranges are byte ranges into the text, after multi-byte characters too")
    func byteRanges() throws {
        let text = "é’🌿 cures ⅔"
        let tokens = Self.rawTokens(text)
        try #require(tokens.count == 3)
        // "é" is a one-letter word; ’ (not followed by a letter) and 🌿 are not part of any token.
        #expect(tokens[0].start == 0)
        #expect(tokens[0].end == 2)
        #expect(tokens[1].start == "é’🌿 ".utf8.count)
        #expect(tokens[1].end == "é’🌿 cures".utf8.count)
        #expect(tokens[2].start == "é’🌿 cures ".utf8.count)
        #expect(tokens[2].end == text.utf8.count)
    }

    @Test("tokenize replaces what the token array held")
    func reusesArray() {
        var tokens: [Token] = []
        Tokenizer.tokenize(Array("one two three".utf8), into: &tokens)
        #expect(tokens.count == 3)
        Tokenizer.tokenize(Array("four".utf8), into: &tokens)
        #expect(tokens.count == 1)
    }

    @Test("a very long word is keyed by its first bytes and still spans the whole run")
    func longWord() throws {
        let long = String(repeating: "a", count: 500)
        let tokens = Self.rawTokens(long + " b")
        try #require(tokens.count == 2)
        #expect(tokens[0].start == 0)
        #expect(tokens[0].end == 500)
        #expect(tokens[0].kind == .word)
    }

    // MARK: Word keys

    @Test(
        "words that must share a key",
        arguments: [
            ["cure", "cures", "cured", "curing", "Cure", "CURES"],
            ["study", "studies", "Studies"],
            ["treat", "treats", "treated", "treating"],
            ["prove", "proves", "proved"],
            ["heal", "heals", "healed", "healing"],
            ["approve", "approved", "approves", "approving"],
            ["patient", "patient's", "patient’s", "patients"],
            ["don't", "don’t", "DON'T"],
            ["remission", "remissions"],
            ["alcoholic", "alcoholics"],
        ]
    )
    func sharedKeys(words: [String]) {
        let keys = words.map(WordKey.of)
        #expect(Set(keys).count == 1, "keys differ: \(zip(words, keys).map { "\($0)=\($1)" })")
        #expect(keys[0] != 0)
    }

    @Test(
        "words that must not share a key",
        arguments: [
            ("secure", "cure"),
            ("pedicure", "cure"),
            ("procure", "cure"),
            ("cure", "care"),
            ("study", "sturdy"),
            ("treat", "threat"),
            ("prove", "proven"),
            ("approve", "disapprove"),
            ("safe", "safety"),
            ("alcoholism", "alcohol"), ("alcoholic", "alcohol"), ("depressed", "depression"),
            ("process", "proces"),
            ("virus", "viru"),
            ("diagnosis", "diagnose"),
        ] as [(String, String)]
    )
    func distinctKeys(first: String, second: String) {
        #expect(WordKey.of(first) != WordKey.of(second))
    }

    /// `hash(padded:)` reads the bytes past a word up to the next multiple of eight and masks them
    /// off; with 0xFF there (the worst garbage) it must still give `hash(_:)`'s value, at every
    /// length around the eight-byte steps, and two words differing only past their end agree.
    @Test("hash(padded:) equals hash(_:) for words of 0 to 40 bytes", arguments: 0...40)
    func paddedHashMatchesPlainHash(length: Int) {
        let word = (0..<length).map { UInt8(ascii: "a") + UInt8(($0 * 7) % 26) }
        let padded = word + [UInt8](repeating: 0xFF, count: 8)
        let plain = word.withUnsafeBufferPointer { WordKey.hash($0) }
        let fast = padded.withUnsafeBufferPointer {
            WordKey.hash(padded: UnsafeBufferPointer(rebasing: $0[0..<length]))
        }
        #expect(fast == plain)
        let zeroPadded = word + [UInt8](repeating: 0, count: 8)
        let fastOverZeros = zeroPadded.withUnsafeBufferPointer {
            WordKey.hash(padded: UnsafeBufferPointer(rebasing: $0[0..<length]))
        }
        #expect(fastOverZeros == plain)
        if length > 0 {
            let shorter = Array(word.dropLast()).withUnsafeBufferPointer { WordKey.hash($0) }
            #expect(shorter != plain)
        }
    }

    @Test("a phrase word and a text word meet at the same key")
    func keyMatchesTokenizer() throws {
        let tokens = Self.rawTokens("Ketamine CURED it")
        try #require(tokens.count == 3)
        #expect(tokens[1].key == WordKey.of("cure"))
        #expect(tokens[0].key == WordKey.of("ketamine"))
        #expect(WordKey.of("") == 0)
        #expect(WordKey.of("   ") == 0)
    }

    @Test(
        "the stemmer (Snowball English): what each word is reduced to",
        arguments: [
            ("cure", "cure"), ("cures", "cure"), ("cured", "cure"), ("curing", "cure"),
            ("studies", "studi"), ("study", "studi"),
            ("treated", "treat"), ("treats", "treat"), ("treatment", "treatment"),
            ("proves", "prove"), ("proven", "proven"),
            ("less", "less"), ("virus", "virus"), ("diagnosis", "diagnosi"),
            ("is", "is"), ("has", "has"), ("was", "was"), ("ties", "tie"),
            ("ring", "ring"), ("bring", "bring"), ("red", "red"), ("bed", "bed"),
            ("disorders", "disord"), ("running", "run"), ("guaranteed", "guarante"), ("guarantee", "guarante"),
            ("inflammation", "inflamm"), ("inflammatory", "inflammatori"),
        ] as [(String, String)]
    )
    func stems(word: String, stem: String) {
        let stemmer = SnowballStemmer()
        let result = Array(word.utf8).withUnsafeBufferPointer { String(decoding: stemmer.stem($0), as: UTF8.self) }
        #expect(result == stem)
        let stemKey = Array(stem.utf8).withUnsafeBufferPointer { WordKey.hash($0) }
        #expect(WordKey.of(word) == stemKey, "a word's key is its stem's hash")
    }

    @Test("the stem cache gives every thread the same keys, and a word the same key cached or not")
    func stemCacheAcrossThreads() async {
        let words = ["cures", "studies", "disorders", "running", "inflammation", "kétamine", "don't"]
        let expected = words.map(WordKey.of)
        // Twice on this thread: the second read comes from the cache.
        #expect(words.map(WordKey.of) == expected)
        await withTaskGroup(of: [UInt64].self) { group in
            for _ in 0..<8 { group.addTask { words.map(WordKey.of) } }
            for await keys in group { #expect(keys == expected) }
        }
    }

    // MARK: Character classes

    @Test(
        "character classes",
        arguments: [
            ("a", CharacterClass.letter), ("Z", .letter), ("é", .letter), ("ß", .letter), ("ж", .letter),
            ("7", .digit),
            (" ", .space), ("\t", .space), ("\n", .space), ("\u{A0}", .space), ("\u{2009}", .space),
            ("\u{FEFF}", .space),
            ("'", .apostrophe), ("’", .apostrophe),
            ("¹", .superscriptDigit), ("²", .superscriptDigit), ("⁹", .superscriptDigit), ("⁰", .superscriptDigit),
            ("½", .fraction), ("⅔", .fraction), ("¾", .fraction),
            ("%", .symbol), ("$", .symbol), ("€", .symbol), ("£", .symbol), ("/", .symbol), ("#", .symbol),
            ("&", .symbol),
            (".", .punctuation), ("-", .punctuation), ("—", .punctuation), ("“", .punctuation), ("🌿", .punctuation),
            ("™", .punctuation),
        ] as [(String, CharacterClass)]
    )
    func characterClasses(character: String, expected: CharacterClass) throws {
        let scalar = try #require(character.unicodeScalars.first)
        #expect(CharacterClass.of(scalar.value) == expected)
    }

    @Test("scalar decoding is safe on truncated and invalid UTF-8")
    func scalarDecoding() {
        let bytes: [UInt8] = [0x61, 0xC3, 0xA9, 0xF0, 0x9F, 0x8C, 0xBF, 0xE2, 0x80]
        #expect(bytes.scalar(at: 0).value == 0x61)
        #expect(bytes.scalar(at: 0).length == 1)
        #expect(bytes.scalar(at: 1).value == 0xE9)
        #expect(bytes.scalar(at: 1).length == 2)
        #expect(bytes.scalar(at: 3).value == 0x1F33F)
        #expect(bytes.scalar(at: 3).length == 4)
        // Truncated 3-byte sequence at the end.
        #expect(bytes.scalar(at: 7).value == 0xFFFD)
        // A lone continuation byte.
        #expect(bytes.scalar(at: 2).value == 0xFFFD)
        #expect(bytes.scalar(at: 2).length == 1)
        var tokens: [Token] = []
        Tokenizer.tokenize([0xFF, 0x61, 0xE2], into: &tokens)
        #expect(tokens.contains { $0.kind == .word })
    }
}
