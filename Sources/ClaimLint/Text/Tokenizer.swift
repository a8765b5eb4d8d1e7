/// Splits a block of prose into tokens in one pass over its bytes. Words are keyed by their
/// normalized Snowball stem (see `StemCache`), so matching never builds or compares strings.
@_spi(Stages) public enum Tokenizer {
    /// The longest normalized word that is keyed in full; longer runs are keyed by their first bytes.
    static let maximumWordLength = 48

    public static func tokenize(_ text: [UInt8], into tokens: inout [Token]) {
        tokenize(text, range: 0..<text.count, stems: .current, into: &tokens)
    }

    /// Tokens of `text[range]` (a sentence), with offsets into the whole `text`. `stems` is the
    /// calling thread's `StemCache.current`, fetched once by a caller that tokenizes many sentences.
    public static func tokenize(_ text: [UInt8], range: Range<Int>, stems: StemCache, into tokens: inout [Token]) {
        tokens.removeAllKeepingCapacity()
        // A word is at most `maximumWordLength` bytes and the scratch has room to the next multiple
        // of eight past it, all initialized, so its key can be hashed eight bytes at a time to the
        // end (`StemCache.key(ofPadded:)`).
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: maximumWordLength + 8) { scratch in
            scratch.initialize(repeating: 0)
            tokenize(text, range: range, scratch: scratch, stems: stems, into: &tokens)
        }
    }

    private static func tokenize(
        _ text: [UInt8], range: Range<Int>, scratch: UnsafeMutableBufferPointer<UInt8>, stems: StemCache,
        into tokens: inout [Token]
    ) {
        let count = range.upperBound
        var index = range.lowerBound
        while index < count {
            // ASCII spaces and letters, most of prose, without decoding a scalar.
            let byte = text[index]
            if byte == UInt8(ascii: " ") {
                index += 1
                continue
            }
            if (byte | 0x20) >= UInt8(ascii: "a"), (byte | 0x20) <= UInt8(ascii: "z") {
                index = word(text, from: index, limit: count, scratch: scratch, stems: stems, into: &tokens)
                continue
            }
            let (scalar, length) = text.scalar(at: index)
            switch CharacterClass.of(scalar) {
            case .letter:
                index = word(text, from: index, limit: count, scratch: scratch, stems: stems, into: &tokens)
            case .digit:
                index = number(text, from: index, limit: count, into: &tokens)
            case .superscriptDigit:
                var end = index + length
                while end < count, CharacterClass.of(text.scalar(at: end).value) == .superscriptDigit {
                    end += text.scalar(at: end).length
                }
                tokens.append(Token(start: index, end: end, kind: .marker, key: WordKey.marker))
                index = end
            case .fraction:
                tokens.append(
                    Token(start: index, end: index + length, kind: .number, key: WordKey.number &+ UInt64(scalar)))
                index += length
            case .symbol:
                if scalar == 0x23, index + 1 < count, isDigit(text[index + 1]) {
                    index = numberSign(text, from: index, signEnd: index + 1, limit: count, stems: stems, into: &tokens)
                    continue
                }
                tokens.append(
                    Token(start: index, end: index + length, kind: .symbol, key: UInt64(scalar) &* 0x1000_0000_01B3))
                index += length
            case .space, .apostrophe:
                index += length
            case .punctuation:
                if let end = bracketMarkerEnd(text, from: index) {
                    tokens.append(Token(start: index, end: end, kind: .marker, key: WordKey.marker))
                    index = end
                } else {
                    index += length
                }
            }
        }
    }

    /// A word: letters and digits, with apostrophes between letters ("don’t").
    private static func word(
        _ text: [UInt8], from start: Int, limit count: Int, scratch: UnsafeMutableBufferPointer<UInt8>,
        stems: StemCache, into tokens: inout [Token]
    ) -> Int {
        var index = start
        var length = 0
        while index < count {
            let byte = text[index]
            if byte < 0x80 {
                // ASCII, the common case, without decoding or classifying a scalar.
                let lower = byte | 0x20
                if lower >= UInt8(ascii: "a"), lower <= UInt8(ascii: "z") {
                    if length < maximumWordLength {
                        scratch[length] = lower
                        length += 1
                    }
                    index += 1
                    continue
                }
                if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                    if length < maximumWordLength {
                        scratch[length] = byte
                        length += 1
                    }
                    index += 1
                    continue
                }
                if byte != UInt8(ascii: "'") { break }
            }
            let (scalar, size) = text.scalar(at: index)
            let kind = CharacterClass.of(scalar)
            if kind == .letter || kind == .digit {
                if length + size <= maximumWordLength {
                    if scalar < 0x80 {
                        scratch[length] = UInt8(scalar) | (kind == .letter ? 0x20 : 0)
                        length += 1
                    } else {
                        for offset in 0..<size { scratch[length + offset] = text[index + offset] }
                        length += size
                    }
                }
                index += size
            } else if kind == .apostrophe, index + size < count,
                CharacterClass.of(text.scalar(at: index + size).value) == .letter
            {
                if length < maximumWordLength {
                    scratch[length] = UInt8(ascii: "'")
                    length += 1
                }
                index += size
            } else {
                break
            }
        }
        // A possessive is the word itself: "patient's" → "patient".
        if length > 2, scratch[length - 2] == UInt8(ascii: "'"), scratch[length - 1] == UInt8(ascii: "s") {
            length -= 2
        }
        if let signEnd = numberSignEnd(
            text, word: start, wordEnd: index, scratch: scratch, length: length, limit: count)
        {
            return numberSign(text, from: start, signEnd: signEnd, limit: count, stems: stems, into: &tokens)
        }
        let key = stems.key(ofPadded: UnsafeBufferPointer(rebasing: scratch[0..<length]))
        tokens.append(Token(start: start, end: index, kind: .word, key: key))
        return index
    }

    @inline(__always)
    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    /// Where a number sign written as a word ends: "No." or "Nr." before a number ("No.1", "Nr. 1"),
    /// or "No" with a capital before one ("the No 1 clinic"). Nil for any other word, and for
    /// "no" as a word ("no 2 patients are alike", "No. It works.").
    private static func numberSignEnd(
        _ text: [UInt8], word start: Int, wordEnd: Int, scratch: UnsafeMutableBufferPointer<UInt8>, length: Int,
        limit count: Int
    ) -> Int? {
        guard length == 2, wordEnd - start == 2, scratch[0] == UInt8(ascii: "n"),
            scratch[1] == UInt8(ascii: "o") || scratch[1] == UInt8(ascii: "r"), wordEnd < count
        else { return nil }
        var index = wordEnd
        let period = text[index] == UInt8(ascii: ".")
        if period { index += 1 }
        if index < count, text[index] == UInt8(ascii: " ") { index += 1 }
        guard index < count, isDigit(text[index]) else { return nil }
        // Without a period, only a capital "No" followed by a space: "no 2" is a negation of a count.
        guard period || (text[start] == UInt8(ascii: "N") && index > wordEnd) else { return nil }
        return period ? wordEnd + 1 : wordEnd
    }

    /// A number sign and the number after it ("#1", "No.1", "No. 1", "Nr.1") read as words: "number
    /// one" for 1, the claim of a rank (a superlative), and "number" and the digits as a word for
    /// other numbers, a label (a ticket, a product). Neither is a statistic, nor a citation marker,
    /// nor a negation ("No."), nor a sentence break.
    private static func numberSign(
        _ text: [UInt8], from start: Int, signEnd: Int, limit count: Int, stems: StemCache, into tokens: inout [Token]
    ) -> Int {
        tokens.append(Token(start: start, end: signEnd, kind: .word, key: Self.key("number", stems)))
        var digitsStart = signEnd
        while digitsStart < count, text[digitsStart] == UInt8(ascii: " ") { digitsStart += 1 }
        var end = digitsStart
        while end < count, isDigit(text[end]) { end += 1 }
        let isOne = end == digitsStart + 1 && text[digitsStart] == UInt8(ascii: "1")
        let key =
            isOne
            ? Self.key("one", stems)
            : text.withUnsafeBufferPointer { stems.key(of: UnsafeBufferPointer(rebasing: $0[digitsStart..<end])) }
        tokens.append(Token(start: digitsStart, end: end, kind: .word, key: key))
        return end
    }

    /// The key of a word spelled in the code (rare: only after a number sign).
    private static func key(_ word: StaticString, _ stems: StemCache) -> UInt64 {
        word.withUTF8Buffer { stems.key(of: $0) }
    }

    /// A number: digits with inner `,` or `.` between digits ("1,000", "2.5"). Letters glued
    /// after it ("5mg", "3x") become a word of their own. A short number glued after sentence
    /// punctuation ("overdoses.1") is a citation marker.
    private static func number(_ text: [UInt8], from start: Int, limit count: Int, into tokens: inout [Token]) -> Int {
        var index = start
        var key: UInt64 = 0xCBF2_9CE4_8422_2325
        while index < count {
            let byte = text[index]
            if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                key = (key ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
                index += 1
            } else if byte == UInt8(ascii: ",") || byte == UInt8(ascii: "."), index + 1 < count,
                text[index + 1] >= UInt8(ascii: "0"), text[index + 1] <= UInt8(ascii: "9")
            {
                index += 1
            } else {
                break
            }
        }
        if isGluedMarker(text, start: start, end: index) {
            tokens.append(Token(start: start, end: index, kind: .marker, key: WordKey.marker))
        } else {
            tokens.append(Token(start: start, end: index, kind: .number, key: key))
        }
        return index
    }

    static func isGluedMarker(_ text: [UInt8], start: Int, end: Int) -> Bool {
        guard start >= 2, end - start <= 3 else { return false }
        let punctuation = text[start - 1]
        guard
            punctuation == UInt8(ascii: ".") || punctuation == UInt8(ascii: ",") || punctuation == UInt8(ascii: ";")
                || punctuation == UInt8(ascii: ":") || punctuation == UInt8(ascii: "!")
                || punctuation == UInt8(ascii: "?")
                || punctuation == UInt8(ascii: ")") || punctuation == UInt8(ascii: "\"")
        else { return false }
        // What precedes the punctuation must end a word, not a number ("2.5" is a decimal, not a marker).
        let before = text[start - 2]
        let isLetter = (before | 0x20) >= UInt8(ascii: "a") && (before | 0x20) <= UInt8(ascii: "z") || before >= 0x80
        guard isLetter || before == UInt8(ascii: ")") || before == UInt8(ascii: "\"") || before == UInt8(ascii: "%")
        else { return false }
        if end < text.count {
            let next = CharacterClass.of(text.scalar(at: end).value)
            if next == .letter || next == .digit { return false }
        }
        return true
    }

    /// The end of a bracketed citation marker at `start`: `[3]`, `[2, 5]`, `[1-4]`, `[^note]`,
    /// or `(3)` glued after sentence punctuation.
    static func bracketMarkerEnd(_ text: [UInt8], from start: Int) -> Int? {
        let open = text[start]
        if open == UInt8(ascii: "[") {
            var index = start + 1
            guard index < text.count else { return nil }
            if text[index] == UInt8(ascii: "^") {
                index += 1
                let labelStart = index
                while index < text.count, index - labelStart < 40, text[index] != UInt8(ascii: "]"),
                    text[index] != UInt8(ascii: " ")
                { index += 1 }
                return index < text.count && text[index] == UInt8(ascii: "]") && index > labelStart ? index + 1 : nil
            }
            return digitListEnd(text, from: index, close: UInt8(ascii: "]"))
        }
        if open == UInt8(ascii: "("), start >= 1 {
            // "(3)" glued after punctuation ("remission.(3)"), or after a finished sentence and a space ("cells. (2)").
            var before = start - 1
            if SentenceSplitter.isSpace(text[before]) {
                while before > 0, SentenceSplitter.isSpace(text[before]) { before -= 1 }
                if SentenceSplitter.terminator(text, at: before) == 0 {
                    // "levels (2)." or "levels (1,2)": after a word, a number list in parentheses that
                    // closes the sentence or clause is a reference marker, as reviewers read it. In the
                    // middle of a clause ("low B12 (1) levels") it is one too, unless another numbered
                    // item follows in the sentence: "(1) a plan, (2) a diet" is an enumeration.
                    guard let end = digitListEnd(text, from: start + 1, close: UInt8(ascii: ")")) else { return nil }
                    let isWordBefore =
                        text[before] >= 0x80
                        || (text[before] | 0x20) >= UInt8(ascii: "a") && (text[before] | 0x20) <= UInt8(ascii: "z")
                    let closesClause =
                        end == text.count
                        || [
                            UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "!"),
                            UInt8(ascii: "?"), UInt8(ascii: ":"),
                        ].contains(text[end])
                    if closesClause { return isWordBefore ? end : nil }
                    // Mid-clause, only right after a word ("B12 (1) levels"): not "· (503) 555-0142", a
                    // phone number, nor the first item of an enumeration.
                    let isWordEnd =
                        (text[before] | 0x20) >= UInt8(ascii: "a") && (text[before] | 0x20) <= UInt8(ascii: "z")
                        || isDigit(text[before])
                    var after = end
                    while after < text.count, SentenceSplitter.isSpace(text[after]) { after += 1 }
                    let digitFollows = after < text.count && isDigit(text[after])
                    return isWordEnd && !digitFollows && !enumerates(text, around: start, end: end) ? end : nil
                }
            }
            let punctuation = text[before]
            guard
                punctuation == UInt8(ascii: ".") || punctuation == UInt8(ascii: ",") || punctuation == UInt8(ascii: ";")
                    || punctuation == UInt8(ascii: "!") || punctuation == UInt8(ascii: "?")
            else { return nil }
            return digitListEnd(text, from: start + 1, close: UInt8(ascii: ")"))
        }
        return nil
    }

    /// Does another parenthesised number, "(2)", stand in the same sentence before `start` or
    /// after `end`? Then the one at `start` is an item of an enumeration ("(1) a plan and (2) a
    /// diet"), not a citation.
    private static func enumerates(_ text: [UInt8], around start: Int, end: Int) -> Bool {
        func endsSentence(_ index: Int) -> Bool {
            let byte = text[index]
            if byte == UInt8(ascii: "!") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "\n") { return true }
            // A full stop ends the sentence unless a digit follows it ("2.5").
            return byte == UInt8(ascii: ".") && (index + 1 >= text.count || !isDigit(text[index + 1]))
        }
        func opensNumber(_ index: Int) -> Bool {
            text[index] == UInt8(ascii: "(") && digitListEnd(text, from: index + 1, close: UInt8(ascii: ")")) != nil
        }
        var index = end
        while index < text.count, !endsSentence(index) {
            if opensNumber(index) { return true }
            index += 1
        }
        index = start - 1
        while index >= 0, !endsSentence(index) {
            if opensNumber(index) { return true }
            index -= 1
        }
        return false
    }

    private static func digitListEnd(_ text: [UInt8], from start: Int, close: UInt8) -> Int? {
        var index = start
        var digits = 0
        var run = 0
        while index < text.count, index - start < 24 {
            let byte = text[index]
            if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                digits += 1
                run += 1
                // Reference numbers are short; four digits in a row are a year, as in "(2019)".
                if run > 3 { return nil }
            } else if byte == close {
                return digits > 0 ? index + 1 : nil
            } else if byte != UInt8(ascii: ","), byte != UInt8(ascii: "-"), byte != UInt8(ascii: " ") {
                return nil
            } else {
                run = 0
            }
            index += 1
        }
        return nil
    }
}
