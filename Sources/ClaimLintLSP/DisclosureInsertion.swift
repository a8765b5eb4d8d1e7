/// Where a disclosure's wording goes when a code action adds it: the rule's `placement`, turned
/// into a position on the page. The wording always becomes a paragraph of its own (blank lines
/// around it), so it never runs into the text beside it.
enum DisclosureInsertion {
    /// The rules format's `placement` values.
    enum Placement: String {
        case afterFirstMention = "after-first-mention"
        case pageTop = "page-top"
        case pageEnd = "page-end"
        case nearTestimonial = "near-testimonial"
    }

    /// The edit that adds `text` for a finding whose words start on `findingLine` (0-based).
    static func edit(
        _ text: String, placement: Placement, findingLine: Int, in document: TextDocument, encoding: PositionEncoding
    ) -> (range: LSPRange, newText: String) {
        let line: Int?
        switch placement {
        case .afterFirstMention, .nearTestimonial: line = lastLineOfBlock(containing: findingLine, in: document)
        case .pageTop: line = firstHeading(in: document)
        case .pageEnd: line = lastNonBlankLine(in: document)
        }
        guard let line else {
            // Nothing to go after (an empty page, or a top with no heading): the very start.
            let start = LSPPosition(line: firstLineAfterFrontMatter(document), character: 0)
            return (LSPRange(start: start, end: start), text + "\n\n")
        }
        return insertion(text, after: line, in: document, encoding: encoding)
    }

    /// A paragraph after `line`: a blank line before it, and one after unless the page has one there.
    private static func insertion(
        _ text: String, after line: Int, in document: TextDocument, encoding: PositionEncoding
    ) -> (range: LSPRange, newText: String) {
        let lineCount = document.lineStarts.count
        if line + 1 >= lineCount {
            // The last line, with no line break after it.
            let end = document.position(ofOffset: document.bytes.count, in: encoding)
            return (LSPRange(start: end, end: end), "\n\n" + text + "\n")
        }
        let start = LSPPosition(line: line + 1, character: 0)
        let nextIsBlank = isBlank(document.lineText(line + 1))
        return (LSPRange(start: start, end: start), "\n" + text + (nextIsBlank ? "\n" : "\n\n"))
    }

    private static func isBlank(_ text: String) -> Bool {
        text.allSatisfy { $0 == " " || $0 == "\t" }
    }

    /// The last line of the paragraph, list item run or quote that holds `line`.
    static func lastLineOfBlock(containing line: Int, in document: TextDocument) -> Int {
        var last = line
        while last + 1 < document.lineStarts.count, !isBlank(document.lineText(last + 1)) { last += 1 }
        return last
    }

    /// The first line after YAML front matter (`---` … `---` at the top).
    static func firstLineAfterFrontMatter(_ document: TextDocument) -> Int {
        guard document.lineText(0) == "---" else { return 0 }
        var line = 1
        while line < document.lineStarts.count {
            let text = document.lineText(line)
            if text == "---" || text == "..." { return line + 1 }
            line += 1
        }
        return 0
    }

    /// The page's first heading line when the page opens with one (after front matter and blank
    /// lines): a disclosure at the top goes right under the title.
    static func firstHeading(in document: TextDocument) -> Int? {
        var line = firstLineAfterFrontMatter(document)
        while line < document.lineStarts.count, isBlank(document.lineText(line)) { line += 1 }
        guard line < document.lineStarts.count, document.lineText(line).hasPrefix("#") else { return nil }
        return line
    }

    static func lastNonBlankLine(in document: TextDocument) -> Int? {
        var line = document.lineStarts.count - 1
        while line >= 0, isBlank(document.lineText(line)) { line -= 1 }
        return line >= 0 ? line : nil
    }
}
