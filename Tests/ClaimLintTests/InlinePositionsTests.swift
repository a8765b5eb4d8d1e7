import Testing

@_spi(Stages) @testable import ClaimLint

/// `InlinePositions` on its own: cmark's raw inline positions (as libcmark 0.30 reports them,
/// taken from its `--sourcepos` tree) in, the text's real place in the file out.
@Suite("InlinePositions repair")
struct InlinePositionsTests {
    /// What the flattener tells the repair step, in document order.
    enum Step {
        /// A text node with cmark's raw start line and column.
        case text(String, line: Int, column: Int)
        /// Another inline (emphasis, code, HTML, a link) starting.
        case inline
        case softBreak
        case hardBreak
    }

    struct Row: CustomTestStringConvertible {
        var markdown: String
        /// The paragraph's or heading's own (exact) start and end line, from cmark.
        var block: (line: Int, column: Int, endLine: Int)
        var isHeading = false
        var quoteDepth = 0
        var steps: [Step]
        /// Where each text node really starts: "line:column".
        var expected: [String]
        var testDescription: String { markdown.debugDescription }
    }

    static let rows: [Row] = [
        Row(
            markdown: "First *line* cures", block: (1, 1, 1),
            steps: [
                .text("First ", line: 1, column: 1), .inline, .text("line", line: 1, column: 8),
                .text(" cures", line: 1, column: 13),
            ],
            expected: ["1:1", "1:8", "1:13"]),
        // A lazy continuation line: cmark puts it at the first line's indentation (column 3).
        Row(
            markdown: "- a\ncures", block: (1, 3, 2),
            steps: [.text("a", line: 1, column: 3), .softBreak, .text("cures", line: 2, column: 3)],
            expected: ["1:3", "2:1"]),
        // An indented continuation line: cmark counts from column 1, before the word.
        Row(
            markdown: "X\n    cures", block: (1, 1, 2),
            steps: [.text("X", line: 1, column: 1), .softBreak, .text("cures", line: 2, column: 1)],
            expected: ["1:1", "2:5"]),
        // A link reference definition opens the paragraph: cmark places its text a line too high.
        Row(
            markdown: "[a]: /u\nSee *it* cures", block: (1, 1, 2),
            steps: [
                .text("See ", line: 1, column: 1), .inline, .text("it", line: 1, column: 6),
                .text(" cures", line: 1, column: 9),
            ],
            expected: ["2:1", "2:6", "2:9"]),
        // A hard break written as a backslash is no line to cmark: the text after it continues line 1.
        Row(
            markdown: "One\\\nTwo *x* cures", block: (1, 1, 2),
            steps: [
                .text("One", line: 1, column: 1), .hardBreak, .text("Two ", line: 1, column: 6), .inline,
                .text("x", line: 1, column: 11), .text(" cures", line: 1, column: 13),
            ],
            expected: ["1:1", "2:1", "2:6", "2:8"]),
        // In a block quote the line's text starts past `>` and its indentation.
        Row(
            markdown: "> a\n>    b *c* cures", block: (1, 3, 2), quoteDepth: 1,
            steps: [
                .text("a", line: 1, column: 3), .softBreak, .text("b ", line: 2, column: 3), .inline,
                .text("c", line: 2, column: 6), .text(" cures", line: 2, column: 8),
            ],
            expected: ["1:3", "2:6", "2:9", "2:11"]),
        // A setext heading's text ends above its underline.
        Row(
            markdown: "Title *x*\n  more cures\n===\n", block: (1, 1, 3), isHeading: true,
            steps: [
                .text("Title ", line: 1, column: 1), .inline, .text("x", line: 1, column: 8), .softBreak,
                .text("more cures", line: 2, column: 1),
            ],
            expected: ["1:1", "1:8", "2:3"]),
        // A byte-order mark cmark never saw moves line 1's columns, and only line 1's.
        Row(
            markdown: "\u{FEFF}Our *x*\ncures", block: (1, 1, 2),
            steps: [
                .text("Our ", line: 1, column: 1), .inline, .text("x", line: 1, column: 6), .softBreak,
                .text("cures", line: 2, column: 1),
            ],
            expected: ["1:4", "1:9", "2:1"]),
        // Issue 10 item 13: a backslash escape opening a continuation line, then inline HTML: the
        // escape is where the text node starts, not the `*` after it.
        Row(
            markdown: "Our clinic\n\\* <b>Ketamine</b> cures depression\n", block: (1, 1, 2),
            steps: [
                .text("Our clinic", line: 1, column: 1), .softBreak, .text("* ", line: 2, column: 1), .inline,
                .text("Ketamine", line: 2, column: 7), .inline, .text(" cures depression", line: 2, column: 19),
            ],
            expected: ["1:1", "2:1", "2:7", "2:19"]),
        Row(
            markdown: "Our clinic\n&amp; <b>Ketamine</b> cures\n", block: (1, 1, 2),
            steps: [
                .text("Our clinic", line: 1, column: 1), .softBreak, .text("& ", line: 2, column: 1), .inline,
                .text("Ketamine", line: 2, column: 10), .inline, .text(" cures", line: 2, column: 22),
            ],
            expected: ["1:1", "2:1", "2:10", "2:22"]),
    ]

    @Test("continuation-line positions are repaired", arguments: rows)
    func repairs(row: Row) {
        let source = SourceText(row.markdown)
        let bomLength = source.hasByteOrderMark ? 3 : 0
        var positions = InlinePositions(source: source, bomLength: bomLength)
        positions.beginBlock(
            line: row.block.line, column: row.block.column, endLine: row.block.endLine,
            isHeading: row.isHeading, quoteDepth: row.quoteDepth)
        var found: [String] = []
        var lastSourceEnd = 0
        for step in row.steps {
            switch step {
            case .text(let literal, let line, let column):
                let bytes = Array(literal.utf8)
                bytes.withUnsafeBytes { positions.measure($0, line: line, column: column) }
                let offset = positions.offset(line: Int32(line), column: Int32(column))
                let position = source.position(ofOffset: offset)
                // Columns in the expectations count bytes from the line's start, as cmark's do.
                let byteColumn = offset - source.lineStarts[position.line - 1] + 1
                found.append("\(position.line):\(byteColumn)")
                lastSourceEnd = offset + bytes.count
                positions.inlineStarted()
            case .inline:
                positions.inlineStarted()
            case .softBreak:
                positions.lineBroke(isHard: false, lastSourceEnd: lastSourceEnd)
            case .hardBreak:
                positions.lineBroke(isHard: true, lastSourceEnd: lastSourceEnd)
            }
        }
        #expect(found == row.expected)
    }
}
