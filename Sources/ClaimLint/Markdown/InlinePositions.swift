/// Turns cmark's raw positions into byte offsets into the file, repairing inline positions.
///
/// cmark's inline positions are exact only on the first line of a paragraph or heading
/// (commonmark/cmark#296). On the lines after it, cmark counts columns from the first line's
/// indentation, not from where the line's own text starts: `- a` then a lazy `cures` is put at
/// column 3, past the word; `X` then `    cures` at column 1, before it. And link reference
/// definitions that open a paragraph are dropped from its text but not from its start line,
/// so every inline after them is placed that many lines too high, as is every inline after a
/// hard line break written as a backslash, which cmark does not count as a line at all (the
/// text after it continues the line before, in cmark's columns). Block positions are exact.
/// So the line shift and each later line's column shift are found where the first text node
/// (on the block, on the line) is in the source (`measure`).
///
/// Pure Swift over the source bytes, driven by `ProseFlattener`: `beginBlock` at a paragraph or
/// heading, `inlineStarted`/`lineBroke` as inlines go by, `measure` at each text node.
struct InlinePositions {
    let source: SourceText
    /// cmark was given the file without its byte-order mark: line 1's columns are 3 bytes short.
    let bomLength: Int

    /// The paragraph or heading whose inlines are being read: where it starts, its last line of
    /// text, how many lines of link reference definitions open it (nil until its first text
    /// node tells), and how many block quotes enclose it.
    private var block: (line: Int, column: Int, lastLine: Int, lineShift: Int?, quoteDepth: Int)?
    /// The column correction for one source line, confirmed by the first text node on it.
    private var lineCorrection: (line: Int, shift: Int)?
    /// No inline node has started since the block's text began or since the last line break.
    private var atLineStart = false
    /// Hard line breaks written as a backslash, which cmark does not count as lines.
    private var escapedBreaks = 0

    init(source: SourceText, bomLength: Int) {
        self.source = source
        self.bomLength = bomLength
    }

    /// Inside a paragraph or heading, where inline positions need repair.
    var isInBlock: Bool { block != nil }

    /// Starts reading a paragraph's or heading's inlines, from the block's own (exact) position.
    mutating func beginBlock(line: Int, column: Int, endLine: Int, isHeading: Bool, quoteDepth: Int) {
        var lastLine = endLine
        block = (line, column, line, 0, quoteDepth)
        // A setext heading's text ends above its underline (cmark's end line for it can be a later block's).
        if isHeading, lastLine > line { lastLine = setextUnderline(after: line) - 1 }
        // Only a block that opens with `[` can open with link reference definitions.
        let start = source.offset(line: line, byteColumn: column + (line == 1 ? bomLength : 0))
        let mayOpenWithDefinitions = start < source.bytes.count && source.bytes[start] == UInt8(ascii: "[")
        block = (line, column, max(lastLine, line), mayOpenWithDefinitions ? nil : 0, quoteDepth)
        lineCorrection = nil
        atLineStart = true
        escapedBreaks = 0
    }

    mutating func endBlock() {
        block = nil
    }

    /// A text, code, HTML, emphasis, strong, link or image node started: no longer at a line's start.
    mutating func inlineStarted() {
        atLineStart = false
    }

    /// A soft or hard line break. `lastSourceEnd` is where the prose before it came from: a hard
    /// break whose line ends with a backslash is one cmark does not count as a line.
    mutating func lineBroke(isHard: Bool, lastSourceEnd: Int) {
        if isHard, block != nil, isEscapedBreak(lastSourceEnd: lastSourceEnd) { escapedBreaks += 1 }
        atLineStart = true
    }

    /// Does the line holding the byte before `lastSourceEnd` end with a backslash?
    private func isEscapedBreak(lastSourceEnd: Int) -> Bool {
        let bytes = source.bytes
        var index = source.lineStarts[source.lineIndex(ofOffset: max(lastSourceEnd - 1, 0))]
        var last: UInt8 = 0
        while index < bytes.count, bytes[index] != UInt8(ascii: "\n"), bytes[index] != UInt8(ascii: "\r") {
            last = bytes[index]
            index += 1
        }
        return last == UInt8(ascii: "\\")
    }

    /// Finds the block's line shift at its first text node, and each later line's column shift at
    /// the first text node on it. A text node that opens a line starts where the line's text does.
    /// One that follows other inlines is at cmark's column counted from the block's first column,
    /// either at the line's text (a line cmark took past its indentation) or at some of its
    /// indentation (a lazy continuation line, which keeps what its containers did not take); the
    /// literal is at one of them. Call it before `offset` for the text node's own positions.
    mutating func measure(_ literal: UnsafeRawBufferPointer, line rawLine: Int, column: Int) {
        guard let block, !literal.isEmpty else { return }
        let reportedLine = rawLine + escapedBreaks
        if block.lineShift == nil {
            // The first text node: the first line, among those the block spans, where it is found.
            self.block!.lineShift =
                (0...max(0, block.lastLine - reportedLine)).first { shift in
                    let line = reportedLine + shift
                    return line == block.line
                        ? agrees(literal, line: line, column: column, verbatim: true)
                        : !columnShifts(literal, line: line, column: column, verbatim: true).isEmpty
                } ?? 0
        }
        let line = reportedLine + self.block!.lineShift!
        guard line != block.line, lineCorrection?.line != line, line <= source.lineCount else { return }
        let shift =
            columnShifts(literal, line: line, column: column, verbatim: true).first
            ?? escapedShifts(literal, line: line, column: column).first
            ?? firstOccurrence(literal, line: line).map { $0 - column }
            ?? columnShifts(literal, line: line, column: column, verbatim: false).first
            ?? columnShifts(literal, line: line, column: column, verbatim: nil).first ?? 0
        lineCorrection = (line, shift)
    }

    /// The column shifts for a later line at which the literal is in the source (all the candidates
    /// when `verbatim` is nil; its first byte, an escape or an entity there when it is false).
    private func columnShifts(_ literal: UnsafeRawBufferPointer, line: Int, column: Int, verbatim: Bool?) -> [Int] {
        guard let block, line >= 1, line <= source.lineCount else { return [] }
        let content = contentStart(line)
        let candidates =
            atLineStart
            ? [content.column - column] : (0...content.indentation).map { content.column - block.column - $0 }
        guard let verbatim else { return candidates }
        return candidates.filter { agrees(literal, line: line, column: column + $0, verbatim: verbatim) }
    }

    /// The candidate shifts at which the source spells the literal's first byte as a backslash
    /// escape (`\\*` for `*`) or an entity: there the literal is not verbatim, yet it is there, and
    /// the same bytes further on (the `*` after the backslash) must not win.
    private func escapedShifts(_ literal: UnsafeRawBufferPointer, line: Int, column: Int) -> [Int] {
        guard let first = literal.first else { return [] }
        let bytes = source.bytes
        return columnShifts(literal, line: line, column: column, verbatim: nil).filter { shift in
            let index = source.lineStarts[line - 1] + column + shift - 1 + (line == 1 ? bomLength : 0)
            guard index >= 0, index < bytes.count else { return false }
            if bytes[index] == UInt8(ascii: "&") { return true }
            return bytes[index] == UInt8(ascii: "\\") && index + 1 < bytes.count && bytes[index + 1] == first
        }
    }

    /// The first column, from where the line's text starts, at which the literal is in the source.
    private func firstOccurrence(_ literal: UnsafeRawBufferPointer, line: Int) -> Int? {
        guard line >= 1, line <= source.lineCount else { return nil }
        let end = line < source.lineCount ? source.lineStarts[line] : source.bytes.count
        let lineStart = source.lineStarts[line - 1]
        return (contentStart(line).column..<(end - lineStart + 1)).first {
            agrees(literal, line: line, column: $0, verbatim: true)
        }
    }

    /// Is the literal in the source at this line and (cmark's) column?
    private func agrees(_ literal: UnsafeRawBufferPointer, line: Int, column: Int, verbatim: Bool) -> Bool {
        let bytes = source.bytes
        let index = source.lineStarts[line - 1] + column - 1 + (line == 1 ? bomLength : 0)
        guard index >= 0, index < bytes.count, let first = literal.first else { return false }
        if !verbatim {
            return bytes[index] == first || bytes[index] == UInt8(ascii: "\\") || bytes[index] == UInt8(ascii: "&")
        }
        let count = min(literal.count, bytes.count - index, 16)
        return (0..<count).allSatisfy { bytes[index + $0] == literal[$0] }
    }

    /// The first line after `line` made only of `=` or only of `-` (a setext underline), or `line` if none.
    private func setextUnderline(after line: Int) -> Int {
        let bytes = source.bytes
        for candidate in (line + 1)..<(source.lineCount + 1) {
            var index = source.lineStarts[candidate - 1] + contentStart(candidate).column - 1
            guard index < bytes.count, bytes[index] == UInt8(ascii: "=") || bytes[index] == UInt8(ascii: "-") else {
                continue
            }
            let mark = bytes[index]
            while index < bytes.count, bytes[index] == mark { index += 1 }
            while index < bytes.count, bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t") {
                index += 1
            }
            if index == bytes.count || bytes[index] == UInt8(ascii: "\n") || bytes[index] == UInt8(ascii: "\r") {
                return candidate
            }
        }
        return line
    }

    /// The 1-based byte column where a line's text starts (past the `>` and its space of each
    /// enclosing block quote that the line repeats, and past its indentation), and that indentation.
    private func contentStart(_ line: Int) -> (column: Int, indentation: Int) {
        guard line >= 1, line <= source.lineCount else { return (1, 0) }
        let bytes = source.bytes
        let start = source.lineStarts[line - 1]
        func isBlank(_ index: Int) -> Bool {
            index < bytes.count && (bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t"))
        }
        var index = start
        for _ in 0..<(block?.quoteDepth ?? 0) {
            var marker = index
            while isBlank(marker) { marker += 1 }
            guard marker < bytes.count, bytes[marker] == UInt8(ascii: ">") else { break }
            index = marker + 1
            if isBlank(index) { index += 1 }
        }
        let indented = index
        while isBlank(index) { index += 1 }
        return (index - start + 1, index - indented)
    }

    /// The byte offset into the file of cmark's 1-based line and byte column (into the text it
    /// was given: the file less its byte-order mark), correcting inline positions as described above.
    func offset(line rawLine: Int32, column rawColumn: Int32) -> Int {
        var line = Int(rawLine)
        var column = Int(rawColumn)
        if let block {
            line += (block.lineShift ?? 0) + escapedBreaks
            if line != block.line {
                // Until a text node on the line confirms it, take the line as cmark takes most lines.
                column +=
                    lineCorrection?.line == line ? lineCorrection!.shift : contentStart(line).column - block.column
            }
        }
        if line == 1 { column += bomLength }
        return source.offset(line: line, byteColumn: column)
    }

    func startOffset(_ node: MarkdownNode) -> Int {
        offset(line: node.start.line, column: node.start.column)
    }

    /// The offset of the node's last byte (cmark's end column is inclusive).
    func endOffset(_ node: MarkdownNode) -> Int {
        offset(line: node.end.line, column: node.end.column)
    }
}
