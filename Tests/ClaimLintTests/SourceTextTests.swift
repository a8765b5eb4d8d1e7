import Testing

@_spi(Stages) @testable import ClaimLint

/// `SourceText`: byte offsets → 1-based line, 1-based column counted in Unicode scalars, end exclusive.
@Suite("SourceText positions")
struct SourceTextPositionTests {
    /// The byte offset of the first occurrence of `needle` in `text`.
    private static func byteOffset(of needle: String, in text: String) throws -> Int {
        let bytes = Array(text.utf8)
        let pattern = Array(needle.utf8)
        guard !pattern.isEmpty, bytes.count >= pattern.count else { throw Missing(needle: needle) }
        for start in 0...(bytes.count - pattern.count) where Array(bytes[start..<(start + pattern.count)]) == pattern {
            return start
        }
        throw Missing(needle: needle)
    }

    private struct Missing: Error { var needle: String }

    // MARK: Line and column of a word

    @Test(
        "position of a word: 1-based line, column in Unicode scalars",
        arguments: [
            // (text, needle, line, column)
            ("abc", "a", 1, 1),
            ("abc", "c", 1, 3),
            ("a\nbc", "c", 2, 2),
            ("a\n\nb", "b", 3, 1),
            // ’ is 3 bytes, one scalar.
            ("’x", "x", 1, 2),
            ("don’t cure", "cure", 1, 7),
            // é is 2 bytes, ⅔ 3 bytes, 🌿 4 bytes: each is one column.
            ("é’⅔🌿 cure", "cure", 1, 6),
            ("Café cures", "cures", 1, 6),
            ("🌿🌿🌿 cure", "cure", 1, 5),
            ("first\nsecond é ⅔ cure", "cure", 2, 12),
            // CRLF: "\r\n" is one line ending.
            ("line1\r\nline2 é x", "x", 2, 9),
            ("a\r\nb\r\nc", "c", 3, 1),
            // Lone CR is a line ending too (CommonMark).
            ("a\rb\rc", "c", 3, 1),
            ("a\rbé x", "x", 2, 4),
            // "\r\n" then "\r": two line endings, an empty line between.
            ("a\r\n\rb", "b", 3, 1),
            // "\n\r" is two line endings as well.
            ("a\n\rb", "b", 3, 1),
        ] as [(String, String, Int, Int)]
    )
    func positionOfWord(text: String, needle: String, line: Int, column: Int) throws {
        let source = SourceText(text)
        let offset = try Self.byteOffset(of: needle, in: text)
        #expect(source.position(ofOffset: offset) == SourcePosition(line: line, column: column))
    }

    // MARK: Offsets at and past the end

    @Test(
        "offsets at the end of the file, and clamping",
        arguments: [
            // (text, offset, line, column)
            ("", 0, 1, 1),
            ("abc", 3, 1, 4),
            ("abc\n", 4, 2, 1),
            ("abc\n", 3, 1, 4),
            ("ab\r\n", 4, 2, 1),
            // Between the \r and the \n of a CRLF: still on line 1, after the \r.
            ("ab\r\n", 3, 1, 4),
            ("ab\r", 3, 2, 1),
            ("é🌿", 6, 1, 3),
            ("x\né🌿", 8, 2, 3),
            // Past the end clamps to the end; negative clamps to the start.
            ("abc", 99, 1, 4),
            ("abc\n", 99, 2, 1),
            ("abc", -5, 1, 1),
        ] as [(String, Int, Int, Int)]
    )
    func endOfFile(text: String, offset: Int, line: Int, column: Int) {
        #expect(SourceText(text).position(ofOffset: offset) == SourcePosition(line: line, column: column))
    }

    @Test(
        "line table: lone CR, CRLF and LF all end lines",
        arguments: [
            ("", 1, [0]),
            ("a", 1, [0]),
            ("a\n", 2, [0, 2]),
            ("a\nb", 2, [0, 2]),
            ("a\r\nb", 2, [0, 3]),
            ("a\rb", 2, [0, 2]),
            ("a\r\nb\rc\nd", 4, [0, 3, 5, 7]),
            ("\r\n\r\n", 3, [0, 2, 4]),
        ] as [(String, Int, [Int])]
    )
    func lineTable(text: String, lineCount: Int, starts: [Int]) {
        let source = SourceText(text)
        #expect(source.lineCount == lineCount)
        #expect(source.lineStarts == starts)
    }

    // MARK: Ranges

    @Test(
        "range of a word is end-exclusive and counted in scalars",
        arguments: [
            // (text, needle, start line, start column, end line, end column)
            ("It cures é", "cures", 1, 4, 1, 9),
            ("é🌿 cures", "cures", 1, 4, 1, 9),
            ("’⅔ FDA approved", "FDA approved", 1, 4, 1, 16),
            ("a\r\nb é cure", "cure", 2, 5, 2, 9),
            ("FDA\napproved", "FDA\napproved", 1, 1, 2, 9),
            ("FDA\r\napproved", "FDA\r\napproved", 1, 1, 2, 9),
            ("é 🌿", "🌿", 1, 3, 1, 4),
        ] as [(String, String, Int, Int, Int, Int)]
    )
    func rangeOfWord(text: String, needle: String, startLine: Int, startColumn: Int, endLine: Int, endColumn: Int)
        throws
    {
        let source = SourceText(text)
        let start = try Self.byteOffset(of: needle, in: text)
        let end = start + needle.utf8.count
        let range = source.range(fromOffset: start, to: end)
        #expect(range.start == SourcePosition(line: startLine, column: startColumn))
        #expect(range.end == SourcePosition(line: endLine, column: endColumn))
        #expect(source.text(fromOffset: start, to: end) == needle)
    }

    @Test("a range whose end is before its start is empty at the start")
    func invertedRange() {
        let source = SourceText("abc def")
        let range = source.range(fromOffset: 4, to: 1)
        #expect(range.start == SourcePosition(line: 1, column: 5))
        #expect(range.end == range.start)
    }

    @Test("positions order by line, then column")
    func positionOrdering() {
        #expect(SourcePosition(line: 1, column: 9) < SourcePosition(line: 2, column: 1))
        #expect(SourcePosition(line: 2, column: 1) < SourcePosition(line: 2, column: 2))
        #expect(!(SourcePosition(line: 2, column: 2) < SourcePosition(line: 2, column: 2)))
    }

    // MARK: Text access

    @Test(
        "lineText strips LF, CRLF and lone CR",
        arguments: [
            ("a\r\nb\rc\nd", 1, "a"),
            ("a\r\nb\rc\nd", 2, "b"),
            ("a\r\nb\rc\nd", 3, "c"),
            ("a\r\nb\rc\nd", 4, "d"),
            ("a\r\nb\rc\nd", 0, ""),
            ("a\r\nb\rc\nd", 5, ""),
            ("é🌿\n", 1, "é🌿"),
            ("é🌿\n", 2, ""),
        ] as [(String, Int, String)]
    )
    func lineText(text: String, line: Int, expected: String) {
        #expect(SourceText(text).lineText(line) == expected)
    }

    @Test("text(fromOffset:to:) clamps out-of-range offsets")
    func textClamps() {
        let source = SourceText("héllo")
        #expect(source.text(fromOffset: 0, to: 3) == "hé")
        #expect(source.text(fromOffset: -4, to: 1) == "h")
        #expect(source.text(fromOffset: 3, to: 99) == "llo")
        #expect(source.text(fromOffset: 4, to: 2) == "")
        #expect(source.text(fromOffset: 99, to: 100) == "")
    }

    @Test("offset(line:byteColumn:) takes cmark's 1-based byte columns and clamps")
    func byteColumnOffsets() {
        let source = SourceText("ab\r\né x\nlast")
        #expect(source.offset(line: 1, byteColumn: 1) == 0)
        #expect(source.offset(line: 2, byteColumn: 1) == 4)
        // "é" is 2 bytes, so " x" starts at byte column 3.
        #expect(source.offset(line: 2, byteColumn: 3) == 6)
        #expect(source.offset(line: 3, byteColumn: 4) == 12)
        #expect(source.offset(line: 0, byteColumn: 5) == 0)
        #expect(source.offset(line: 9, byteColumn: 1) == source.bytes.count)
        #expect(source.offset(line: 3, byteColumn: 99) == source.bytes.count)
        // Column 0 (cmark's "unknown") is treated as column 1.
        #expect(source.offset(line: 2, byteColumn: 0) == 4)
    }

    @Test("lineIndex(ofOffset:) is 0-based and puts a line ending on its own line")
    func lineIndex() {
        let source = SourceText("ab\r\ncd\ref")
        #expect(source.lineIndex(ofOffset: 0) == 0)
        #expect(source.lineIndex(ofOffset: 2) == 0)  // \r
        #expect(source.lineIndex(ofOffset: 3) == 0)  // \n
        #expect(source.lineIndex(ofOffset: 4) == 1)
        #expect(source.lineIndex(ofOffset: 6) == 1)  // lone \r
        #expect(source.lineIndex(ofOffset: 7) == 2)
        #expect(source.lineIndex(ofOffset: 9) == 2)  // end of file
    }

    // MARK: Excerpts

    @Test("a short line's excerpt is the whole line, starting at column 1")
    func shortExcerpt() {
        let source = SourceText("first\r\nIt cures é 🌿 fast.\nlast")
        let offset = 7 + "It ".utf8.count
        let excerpt = source.excerpt(around: offset)
        #expect(excerpt.text == "It cures é 🌿 fast.")
        #expect(excerpt.firstColumn == 1)
    }

    @Test("a very long line's excerpt is a window that starts on a scalar boundary at its stated column")
    func longExcerpt() throws {
        let prefix = String(repeating: "é", count: 1500)
        let suffix = String(repeating: "🌿", count: 1500)
        let line = prefix + " cures " + suffix
        let source = SourceText("intro\n" + line + "\nend")
        let offset = try Self.byteOffset(of: "cures", in: "intro\n" + line)
        let excerpt = source.excerpt(around: offset, width: 40)
        #expect(excerpt.text.contains("cures"))
        #expect(!excerpt.text.contains("\u{FFFD}"))
        #expect(excerpt.firstColumn > 1)
        #expect(excerpt.text.unicodeScalars.count < line.unicodeScalars.count)
        // The window is the line's scalars from `firstColumn` on.
        let scalars = Array(line.unicodeScalars)
        let windowScalars = Array(excerpt.text.unicodeScalars)
        let expected = scalars[(excerpt.firstColumn - 1)..<(excerpt.firstColumn - 1 + windowScalars.count)]
        #expect(Array(expected) == windowScalars)
        // And the match's column, measured inside the window, is its column in the file.
        let matchColumn = source.position(ofOffset: offset).column
        let windowIndex = try #require(excerpt.text.firstRange(of: "cures"))
        let columnInWindow = excerpt.text.unicodeScalars.distance(
            from: excerpt.text.unicodeScalars.startIndex, to: windowIndex.lowerBound)
        #expect(excerpt.firstColumn + columnInWindow == matchColumn)
    }

    // MARK: Byte-order mark

    @Test("a UTF-8 BOM does not shift the columns of line 1")
    func byteOrderMarkColumns() throws {
        let withBOM = "\u{FEFF}Body cures here."
        let without = "Body cures here."
        let offsetWith = try Self.byteOffset(of: "cures", in: withBOM)
        let offsetWithout = try Self.byteOffset(of: "cures", in: without)
        #expect(offsetWith == offsetWithout + 3)
        // Line 2 is not affected either way.
        #expect(SourceText("\u{FEFF}a\nb cures").position(ofOffset: 7) == SourcePosition(line: 2, column: 3))
        #expect(
            SourceText(withBOM).position(ofOffset: offsetWith) == SourceText(without).position(ofOffset: offsetWithout))
    }
}
