/// Splits a block of prose into sentences. A sentence ends at `.`, `!`, `?` or `…` followed by
/// space and a capital, digit, quote or bracket, except after an abbreviation ("Dr.", "e.g.",
/// "U.S.", "et al.", "vs."), an initial ("J. Smith"), or inside a decimal ("2.5"). Closing quotes
/// and brackets and citation markers that trail the punctuation ("overdoses.1", "relief.[2]",
/// "relief.¹", "remission.(3)") stay with the sentence they cite. In a table row, `|` also ends one.
@_spi(Stages) public enum SentenceSplitter {
    public static func split(_ text: [UInt8], isTableRow: Bool = false) -> [Range<Int>] {
        var sentences: [Range<Int>] = []
        split(text, isTableRow: isTableRow, into: &sentences)
        return sentences
    }

    /// As above, into a buffer the caller reuses from block to block.
    public static func split(_ text: [UInt8], isTableRow: Bool = false, into sentences: inout [Range<Int>]) {
        sentences.removeAllKeepingCapacity()
        let count = text.count
        var start = 0
        var index = 0
        func emit(_ end: Int) {
            var lower = start
            var upper = end
            while lower < upper, isSpace(text[lower]) || (isTableRow && text[lower] == UInt8(ascii: "|")) { lower += 1 }
            while upper > lower, isSpace(text[upper - 1]) { upper -= 1 }
            if lower < upper { sentences.append(lower..<upper) }
            start = end
        }
        while index < count {
            // Eight bytes at a time through text with nothing that could end a sentence: most of it.
            if index + 8 <= count {
                let word = text.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: index, as: UInt64.self) }
                if !hasByte(word, UInt8(ascii: ".")), !hasByte(word, UInt8(ascii: "!")),
                    !hasByte(word, UInt8(ascii: "?")),
                    !hasByte(word, 0xE2), !isTableRow || !hasByte(word, UInt8(ascii: "|"))
                {
                    index += 8
                    continue
                }
            }
            let byte = text[index]
            if isTableRow, byte == UInt8(ascii: "|") {
                emit(index)
                index += 1
                start = index
                continue
            }
            let terminatorLength = terminator(text, at: index)
            guard terminatorLength > 0 else {
                index += 1
                continue
            }
            let punctuationStart = index
            var end = index
            // A run of terminators: "?!", "...", "…".
            while end < count {
                let length = terminator(text, at: end)
                if length == 0 { break }
                end += length
            }
            let isPeriod = text[punctuationStart] == UInt8(ascii: ".") && end == punctuationStart + 1
            if isPeriod, isDecimalPoint(text, at: punctuationStart) {
                index = end
                continue
            }
            end = skipClosers(text, from: end)
            end = skipMarkers(text, from: end)
            end = skipClosers(text, from: end)
            // A marker set off by a space ("cells. (2)") still cites the sentence before it.
            var afterSpace = end
            while afterSpace < count, isSpace(text[afterSpace]) { afterSpace += 1 }
            while afterSpace > end, afterSpace < count,
                text[afterSpace] == UInt8(ascii: "(") || text[afterSpace] == UInt8(ascii: "["),
                let markerEnd = Tokenizer.bracketMarkerEnd(text, from: afterSpace)
            {
                end = markerEnd
                afterSpace = end
                while afterSpace < count, isSpace(text[afterSpace]) { afterSpace += 1 }
            }
            if end >= count {
                index = end
                break
            }
            guard isSpace(text[end]) else {
                index = max(end, index + 1)
                continue
            }
            var next = end
            while next < count, isSpace(text[next]) { next += 1 }
            if next >= count {
                index = next
                break
            }
            if startsSentence(text, at: next),
                !(isPeriod
                    && (isAbbreviation(text, before: punctuationStart, next: next)
                        || isInitial(text, before: punctuationStart)))
            {
                emit(end)
            }
            index = next
        }
        emit(count)
    }

    /// Does any of the eight bytes in `word` equal `byte`? (The classic zero-byte test on `word ^ byte…`.)
    @inline(__always)
    private static func hasByte(_ word: UInt64, _ byte: UInt8) -> Bool {
        let difference = word ^ (0x0101_0101_0101_0101 &* UInt64(byte))
        return (difference &- 0x0101_0101_0101_0101) & ~difference & 0x8080_8080_8080_8080 != 0
    }

    /// Length of the sentence terminator at `index`: `.`, `!`, `?` (1 byte) or `…` (3 bytes), else 0.
    @inline(__always)
    static func terminator(_ text: [UInt8], at index: Int) -> Int {
        let byte = text[index]
        if byte == UInt8(ascii: ".") || byte == UInt8(ascii: "!") || byte == UInt8(ascii: "?") { return 1 }
        if byte == 0xE2, index + 2 < text.count, text[index + 1] == 0x80, text[index + 2] == 0xA6 { return 3 }
        return 0
    }

    @inline(__always)
    static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n")
            || byte == UInt8(ascii: "\r")
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private static func isDecimalPoint(_ text: [UInt8], at index: Int) -> Bool {
        index > 0 && index + 1 < text.count && isDigit(text[index - 1]) && isDigit(text[index + 1])
    }

    /// Closing quotes and brackets: " ' ) ] ” ’ ».
    private static func skipClosers(_ text: [UInt8], from start: Int) -> Int {
        var index = start
        while index < text.count {
            let byte = text[index]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") || byte == UInt8(ascii: ")")
                || byte == UInt8(ascii: "]")
            {
                index += 1
            } else if byte == 0xE2, index + 2 < text.count, text[index + 1] == 0x80,
                text[index + 2] == 0x9D || text[index + 2] == 0x99
            {
                index += 3
            } else if byte == 0xC2, index + 1 < text.count, text[index + 1] == 0xBB {
                index += 2
            } else {
                break
            }
        }
        return index
    }

    /// Citation markers right after the punctuation: digits, [n], [^n], (n), superscripts.
    private static func skipMarkers(_ text: [UInt8], from start: Int) -> Int {
        var index = start
        while index < text.count {
            let (scalar, length) = text.scalar(at: index)
            if CharacterClass.of(scalar) == .superscriptDigit {
                index += length
            } else if let end = Tokenizer.bracketMarkerEnd(text, from: index) {
                index = end
            } else if isDigit(text[index]) {
                var end = index
                while end < text.count, isDigit(text[end]) { end += 1 }
                guard Tokenizer.isGluedMarker(text, start: index, end: end) else { return index }
                index = end
            } else {
                break
            }
        }
        return index
    }

    /// What may open a sentence: a capital letter, a digit, an opening quote or bracket, or
    /// any non-ASCII letter (we cannot tell its case cheaply, and splitting is the safer error).
    private static func startsSentence(_ text: [UInt8], at index: Int) -> Bool {
        let byte = text[index]
        if byte >= UInt8(ascii: "A"), byte <= UInt8(ascii: "Z") { return true }
        if isDigit(byte) { return true }
        if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "(") || byte == UInt8(ascii: "[")
            || byte == UInt8(ascii: "'") || byte == UInt8(ascii: "*")
        {
            return true
        }
        if byte >= 0x80 {
            let scalar = text.scalar(at: index).value
            // “ ‘ ¿ ¡ and capital Latin-1/Latin Extended letters.
            if scalar == 0x201C || scalar == 0x2018 || scalar == 0xBF || scalar == 0xA1 { return true }
            if (0xC0...0xDE).contains(scalar) && scalar != 0xD7 { return true }
            return CharacterClass.of(scalar) == .superscriptDigit || CharacterClass.of(scalar) == .fraction
        }
        return false
    }

    /// Abbreviations after which a period does not end a sentence.
    private static let abbreviations: Set<String> = [
        "dr", "mr", "mrs", "ms", "prof", "sr", "jr", "st", "vs", "al", "et.al", "inc", "ltd", "co", "corp", "dept",
        "fig", "no", "nos", "approx", "est", "mt", "ave", "e.g", "i.e", "u.s", "u.k", "u.s.a", "ph.d", "m.d", "d.o",
        "n.p", "r.n", "a.m", "p.m", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
        "dec", "vol", "pp", "ed", "eds", "cf", "viz", "ca", "rev", "gen", "sgt", "capt", "lt", "col", "gov", "sen",
        "rep", "mg", "ml", "oz", "lb", "lbs", "hr", "hrs", "min", "mins", "sec", "tel", "ext", "ft",
    ]

    private static func isAbbreviation(_ text: [UInt8], before period: Int, next: Int) -> Bool {
        var start = period
        while start > 0 {
            let byte = text[start - 1]
            let isLetter = (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
            if isLetter || byte == UInt8(ascii: ".") { start -= 1 } else { break }
        }
        guard start < period, period - start <= 8 else { return false }
        let word = PackedWord(lowercasing: text[start..<period])
        // "No. 5" and "Nr. 5" are number signs; "No. It works." ends a sentence.
        if word == PackedWord.no || word == PackedWord.nos || word == PackedWord.nr { return isDigit(text[next]) }
        return packedAbbreviations.contains(word)
    }

    /// `abbreviations` as `PackedWord`s: every one is at most eight ASCII bytes.
    private static let packedAbbreviations = Set(abbreviations.map { PackedWord(lowercasing: Array($0.utf8)[...]) })

    /// A word of at most eight ASCII letters and periods, lowercased, in one integer: looking up the
    /// word before each period was a lowercased `String` and its hash, most of splitting's cost.
    /// No byte is zero, so words of different lengths pack differently.
    private struct PackedWord: Hashable {
        private var bits: UInt64 = 0

        init(lowercasing bytes: ArraySlice<UInt8>) {
            precondition(bytes.count <= 8)
            for (offset, byte) in bytes.enumerated() {
                let isLetter = (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
                bits |= UInt64(isLetter ? byte | 0x20 : byte) << (8 * UInt64(offset))
            }
        }

        static let no = PackedWord(lowercasing: Array("no".utf8)[...])
        static let nos = PackedWord(lowercasing: Array("nos".utf8)[...])
        static let nr = PackedWord(lowercasing: Array("nr".utf8)[...])
    }

    /// A single capital letter before the period: an initial, as in "J. Smith".
    private static func isInitial(_ text: [UInt8], before period: Int) -> Bool {
        guard period >= 1 else { return false }
        let letter = text[period - 1]
        guard letter >= UInt8(ascii: "A"), letter <= UInt8(ascii: "Z") else { return false }
        return period == 1
            || !((text[period - 2] | 0x20) >= UInt8(ascii: "a") && (text[period - 2] | 0x20) <= UInt8(ascii: "z"))
    }
}
