internal import CCmark

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one file that talks to libcmark. It parses, walks cmark's tree once with an explicit
/// iterator (no recursion, so 10,000-deep nesting is fine), turns it into lean `ProseBlock`
/// values with a map back to source bytes, and frees the tree.
public enum MarkdownParser {
    public static func parse(_ source: SourceText) -> ProseDocument {
        let prepared = PreparedInput(source.bytes)
        // The tree lives in this thread's arena (ParseArena.swift) and is released in one go.
        let arena = ParseArena.current
        defer { arena.pointee.reset() }
        let root: OpaquePointer? = prepared.withBytes { pointer, count in
            pointer.withMemoryRebound(to: CChar.self, capacity: max(count, 1)) { bytes in
                guard let parser = cmark_parser_new_with_mem(CMARK_OPT_SOURCEPOS, arenaAllocator) else { return nil }
                defer { cmark_parser_free(parser) }
                cmark_parser_feed(parser, bytes, count)
                return cmark_parser_finish(parser)
            }
        }
        guard let root else { return ProseDocument(source: source, blocks: [], comments: []) }
        var walker = TreeWalker(source: source, bomLength: prepared.bomLength)
        walker.walk(root)
        return ProseDocument(source: source, blocks: walker.blocks, comments: walker.comments)
    }
}

/// cmark's allocator: the calling thread's `ParseArena`. Made once and never written again
/// (cmark takes a mutable pointer but only reads it), so every thread may share it.
nonisolated(unsafe) private let arenaAllocator: UnsafeMutablePointer<cmark_mem> = {
    let allocator = UnsafeMutablePointer<cmark_mem>.allocate(capacity: 1)
    allocator.initialize(to: cmark_mem(calloc: parseArenaCalloc, realloc: parseArenaRealloc, free: parseArenaFree))
    return allocator
}()

/// cmark sees the file without a UTF-8 byte-order mark and with YAML front matter blanked
/// (spaces, newlines kept), so line numbers stay those of the file.
private struct PreparedInput {
    let original: [UInt8]
    let modified: [UInt8]?
    let bomLength: Int

    init(_ bytes: [UInt8]) {
        original = bytes
        let hasBOM = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
        bomLength = hasBOM ? 3 : 0
        if let end = Self.frontMatterEnd(bytes, from: bomLength) {
            var copy = Array(bytes[bomLength...])
            for index in 0..<(end - bomLength) where copy[index] != UInt8(ascii: "\n") && copy[index] != UInt8(ascii: "\r") {
                copy[index] = UInt8(ascii: " ")
            }
            modified = copy
        } else if hasBOM {
            modified = Array(bytes[3...])
        } else {
            modified = nil
        }
    }

    func withBytes<R>(_ body: (UnsafePointer<UInt8>, Int) -> R) -> R {
        let bytes = modified ?? original
        return bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else {
                var empty: UInt8 = 0
                return body(&empty, 0)
            }
            return body(base, buffer.count)
        }
    }

    /// The offset just past a closing `---` or `...` line when the file opens with a `---` line.
    static func frontMatterEnd(_ bytes: [UInt8], from start: Int) -> Int? {
        func lineEnd(_ from: Int) -> Int {
            var index = from
            while index < bytes.count, bytes[index] != UInt8(ascii: "\n"), bytes[index] != UInt8(ascii: "\r") { index += 1 }
            return index
        }
        func isFence(_ from: Int, _ to: Int, _ char: UInt8) -> Bool {
            var end = to
            while end > from, bytes[end - 1] == UInt8(ascii: "\r") || bytes[end - 1] == UInt8(ascii: " ") { end -= 1 }
            return end - from == 3 && bytes[from] == char && bytes[from + 1] == char && bytes[from + 2] == char
        }
        let firstEnd = lineEnd(start)
        guard isFence(start, firstEnd, UInt8(ascii: "-")), firstEnd < bytes.count else { return nil }
        func nextLine(_ end: Int) -> Int {
            end + 1 < bytes.count && bytes[end] == UInt8(ascii: "\r") && bytes[end + 1] == UInt8(ascii: "\n") ? end + 2 : end + 1
        }
        var lineStart = nextLine(firstEnd)
        while lineStart < bytes.count {
            let end = lineEnd(lineStart)
            if isFence(lineStart, end, UInt8(ascii: "-")) || isFence(lineStart, end, UInt8(ascii: ".")) { return end }
            lineStart = nextLine(end)
        }
        return nil
    }
}

private struct TreeWalker {
    let source: SourceText
    let bomLength: Int
    var blocks: [ProseBlock] = []
    var comments: [ProseDocument.Comment] = []

    private var current: ProseBlock?
    private var isTable = false
    private var quoteDepth = 0
    private var nextScope = 0
    private var itemScopes: [Int] = []
    private var lists: [(ordered: Bool, counter: Int)] = []
    private var pendingOrdinal: Int?
    private var openLinks: [(start: Int, destination: String, isImage: Bool, isFootnote: Bool, isAutolink: Bool, sourceEnd: Int)] = []
    private var inSuperscript = false
    /// Inside an autolink (`<https://…>`), whose text is its URL.
    private var suppressedText = 0
    /// Where the last prose came from, so inserted spaces map next to their neighbours.
    private var lastSourceEnd = 0
    /// The paragraph or heading whose inlines are being read, to correct their positions (`offset`):
    /// where it starts, its last line of text, and how many lines of link reference definitions
    /// open it (nil until its first text node tells).
    private var inlineBlock: (line: Int, column: Int, lastLine: Int, lineShift: Int?)?
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

    mutating func walk(_ root: OpaquePointer) {
        guard let iterator = cmark_iter_new(root) else { return }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            if event == CMARK_EVENT_ENTER { enter(node) } else if event == CMARK_EVENT_EXIT { exit(node) }
        }
    }

    private mutating func enter(_ node: OpaquePointer) {
        let type = cmark_node_get_type(node)
        defer {
            switch type {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE, CMARK_NODE_HTML_INLINE, CMARK_NODE_EMPH, CMARK_NODE_STRONG, CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                atLineStart = false
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                atLineStart = true
            default:
                break
            }
        }
        switch type {
        case CMARK_NODE_BLOCK_QUOTE:
            quoteDepth += 1
        case CMARK_NODE_LIST:
            let ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST
            lists.append((ordered, Int(cmark_node_get_list_start(node)) - 1))
        case CMARK_NODE_ITEM:
            itemScopes.append(newScope())
            if let last = lists.indices.last, lists[last].ordered {
                lists[last].counter += 1
                pendingOrdinal = lists[last].counter
            } else {
                pendingOrdinal = nil
            }
        case CMARK_NODE_PARAGRAPH:
            isTable = looksLikeTable(startLine: Int(cmark_node_get_start_line(node)))
            begin(isTable ? .tableRow : .paragraph)
            lastSourceEnd = startOffset(node)
            if !isTable { reserveProse(for: node, from: lastSourceEnd) }
            beginInlines(node)
        case CMARK_NODE_HEADING:
            isTable = false
            begin(.heading(level: Int(cmark_node_get_heading_level(node))))
            lastSourceEnd = startOffset(node)
            reserveProse(for: node, from: lastSourceEnd)
            beginInlines(node)
        case CMARK_NODE_TEXT:
            appendLiteral(node)
        case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
            if type == CMARK_NODE_LINEBREAK, inlineBlock != nil, isEscapedBreak() { escapedBreaks += 1 }
            if isTable {
                finishBlock()
                begin(.tableRow)
            } else {
                appendSpace()
            }
        case CMARK_NODE_CODE:
            // A code span is not prose, but it still separates the words around it.
            appendSpace()
            lastSourceEnd = endOffset(node) + 1
        case CMARK_NODE_HTML_INLINE:
            handleInlineHTML(node)
        case CMARK_NODE_HTML_BLOCK:
            recordComments(node)
        case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
            enterLink(node)
        default:
            break
        }
    }

    private mutating func exit(_ node: OpaquePointer) {
        switch cmark_node_get_type(node) {
        case CMARK_NODE_BLOCK_QUOTE:
            quoteDepth -= 1
        case CMARK_NODE_LIST:
            lists.removeLast()
        case CMARK_NODE_ITEM:
            itemScopes.removeLast()
            pendingOrdinal = nil
        case CMARK_NODE_PARAGRAPH, CMARK_NODE_HEADING:
            finishBlock()
            isTable = false
            inlineBlock = nil
        case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
            exitLink()
        default:
            break
        }
    }

    // MARK: Blocks

    private mutating func newScope() -> Int {
        nextScope += 1
        return nextScope
    }

    private mutating func begin(_ kind: ProseBlock.Kind) {
        let scope = itemScopes.last ?? newScope()
        current = ProseBlock(kind: kind, scope: scope, listOrdinal: pendingOrdinal, quoteDepth: quoteDepth)
        pendingOrdinal = nil
        openLinks.removeAll()
        inSuperscript = false
        suppressedText = 0
    }

    /// The prose of a block is never longer than its source: reserving that much up front saves the
    /// copies, and the doubling overshoot, of growing a 5 MB paragraph's text step by step.
    private mutating func reserveProse(for node: OpaquePointer, from start: Int) {
        let span = min(endOffset(node) + 1, source.bytes.count) - start
        if span > 0 { current?.text.reserveCapacity(span) }
    }

    private mutating func finishBlock() {
        guard let block = current else { return }
        current = nil
        // Blocks without a letter or digit (a table's delimiter row, an image with no alt text) carry no prose.
        if block.text.contains(where: { ($0 | 0x20) >= UInt8(ascii: "a") && ($0 | 0x20) <= UInt8(ascii: "z") || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || $0 >= 0x80 }) {
            blocks.append(block)
        }
    }

    // MARK: Inlines

    private mutating func appendLiteral(_ node: OpaquePointer) {
        guard current != nil, let literal = cmark_node_get_literal(node) else { return }
        let length = strlen(literal)
        if inlineBlock != nil { measureLine(node, literal: UnsafeRawBufferPointer(start: literal, count: length)) }
        let start = startOffset(node)
        let end = endOffset(node) + 1
        let bytes = UnsafeRawBufferPointer(start: literal, count: length)
        if suppressedText > 0 {
            // An autolink's text is its URL, and a URL is never prose.
            appendSpace()
        } else if inSuperscript, bytes.allSatisfy({ ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || $0 == UInt8(ascii: ",") }) {
            // <sup>2</sup> is a citation marker: write it as [2] so the splitter and the citation finder see one form.
            current!.append([UInt8(ascii: "[")], sourceStart: start, sourceLength: 0)
            current!.append(bytes, sourceStart: start, sourceLength: max(end - start, 0))
            current!.append([UInt8(ascii: "]")], sourceStart: end, sourceLength: 0)
        } else {
            appendAligned(bytes, sourceStart: start, sourceEnd: max(end, start))
        }
        lastSourceEnd = max(end, start)
    }

    /// Appends a text node's literal, mapped piece by piece onto its source: cmark merges the text
    /// around a backslash escape or an entity into one node whose literal is shorter than its
    /// source ("Tom &amp; Jerry" is "Tom & Jerry"), so the two are walked side by side.
    private mutating func appendAligned(_ literal: UnsafeRawBufferPointer, sourceStart: Int, sourceEnd rawEnd: Int) {
        let source = self.source.bytes
        // cmark's positions are trusted only as far as the file goes.
        let sourceEnd = min(rawEnd, source.count)
        // The common case: the literal is the source, byte for byte (one memcmp, one segment).
        if sourceEnd - sourceStart == literal.count, literal.count > 0, sourceStart >= 0,
           source.withUnsafeBufferPointer({ memcmp($0.baseAddress! + sourceStart, literal.baseAddress!, literal.count) == 0 }) {
            current!.append(literal, sourceStart: sourceStart, sourceLength: literal.count)
            return
        }
        // cmark misplaces the start of a text node that opens with unmatched backticks ("`FDA
        // cleared": one past them) or with a delimiter left over from emphasis ("*0** cures": one
        // before it), though its end is right: when the source that ends there is the literal, use it.
        if literal.count != sourceEnd - sourceStart, literal.count > 0, sourceEnd >= literal.count, sourceStart >= 0, sourceStart < source.count,
           source[sourceStart] != UInt8(ascii: "\\"), source[sourceStart] != UInt8(ascii: "&"),
           source.withUnsafeBufferPointer({ memcmp($0.baseAddress! + sourceEnd - literal.count, literal.baseAddress!, literal.count) == 0 }) {
            current!.append(literal, sourceStart: sourceEnd - literal.count, sourceLength: literal.count)
            return
        }
        var literalIndex = 0
        var sourceIndex = sourceStart
        var runLiteral = 0
        var runSource = sourceStart
        func flush(_ block: inout ProseBlock) {
            if literalIndex > runLiteral {
                block.append(literal[runLiteral..<literalIndex], sourceStart: runSource, sourceLength: sourceIndex - runSource)
            }
        }
        while literalIndex < literal.count, sourceIndex < sourceEnd {
            let entityEnd = decodedEntityEnd(at: sourceIndex, sourceEnd: sourceEnd, literal: literal, literalIndex: literalIndex)
            // A backslash in the literal that the source wrote as `\\` is an escape, not a match.
            let isEscapedBackslash = literal[literalIndex] == UInt8(ascii: "\\") && sourceIndex + 1 < sourceEnd && source[sourceIndex + 1] == UInt8(ascii: "\\")
            if entityEnd == nil, literal[literalIndex] == source[sourceIndex], !isEscapedBackslash {
                literalIndex += 1
                sourceIndex += 1
                continue
            }
            flush(&current!)
            if source[sourceIndex] == UInt8(ascii: "\\"), sourceIndex + 1 < sourceEnd, source[sourceIndex + 1] == literal[literalIndex] {
                current!.append(literal[literalIndex..<(literalIndex + 1)], sourceStart: sourceIndex, sourceLength: 2)
                literalIndex += 1
                sourceIndex += 2
            } else if let end = entityEnd {
                var scalarEnd = literalIndex + 1
                while scalarEnd < literal.count, literal[scalarEnd] & 0xC0 == 0x80 { scalarEnd += 1 }
                current!.append(literal[literalIndex..<scalarEnd], sourceStart: sourceIndex, sourceLength: end - sourceIndex)
                literalIndex = scalarEnd
                sourceIndex = end
            } else {
                break
            }
            runLiteral = literalIndex
            runSource = sourceIndex
        }
        if literalIndex < literal.count {
            // Anything the walk cannot align (it should not happen) maps onto the rest of the node.
            current!.append(literal[runLiteral...], sourceStart: runSource, sourceLength: max(sourceEnd - runSource, 0))
        } else {
            flush(&current!)
        }
    }

    /// The end of an entity (`&amp;`, `&#8217;`) at `index` that cmark decoded, or nil. An entity
    /// cmark did not know stays in the literal as written, byte for byte.
    private func decodedEntityEnd(at index: Int, sourceEnd: Int, literal: UnsafeRawBufferPointer, literalIndex: Int) -> Int? {
        let source = self.source.bytes
        guard source[index] == UInt8(ascii: "&") else { return nil }
        var end = index + 1
        while end < min(sourceEnd, index + 40), source[end] != UInt8(ascii: ";") {
            let byte = source[end]
            let isNameByte = (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "#")
            if !isNameByte { return nil }
            end += 1
        }
        guard end < sourceEnd, source[end] == UInt8(ascii: ";"), end > index + 1 else { return nil }
        let length = end + 1 - index
        if literalIndex + length <= literal.count, (0..<length).allSatisfy({ literal[literalIndex + $0] == source[index + $0] }) {
            return nil
        }
        return end + 1
    }

    private mutating func appendSpace() {
        guard current != nil else { return }
        current!.append([UInt8(ascii: " ")], sourceStart: lastSourceEnd, sourceLength: 0)
    }

    private mutating func handleInlineHTML(_ node: OpaquePointer) {
        guard let literal = cmark_node_get_literal(node) else { return }
        // Only the first few bytes matter; building a String for every tag would cost more than the tag.
        var head: [UInt8] = []
        while head.count < 5 {
            let byte = UInt8(bitPattern: literal[head.count])
            if byte == 0 { break }
            head.append(byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte)
        }
        func starts(_ prefix: String) -> Bool { head.starts(with: prefix.utf8) }
        if starts("<sup") {
            inSuperscript = true
        } else if starts("</sup") {
            inSuperscript = false
        } else if starts("<br") {
            appendSpace()
        } else if starts("<!--") {
            let html = String(cString: literal)
            let line = Int(cmark_node_get_start_line(node))
            comments.append(.init(text: html, line: line, endLine: max(line, Int(cmark_node_get_end_line(node)))))
        }
    }

    private mutating func recordComments(_ node: OpaquePointer) {
        guard let literal = cmark_node_get_literal(node) else { return }
        let html = String(cString: literal)
        guard html.contains("<!--") else { return }
        let line = Int(cmark_node_get_start_line(node))
        // cmark's end line is one short for blocks closed by their own end condition ("-->"); count the literal's lines.
        let lineBreaks = html.utf8.dropLast(html.utf8.last == UInt8(ascii: "\n") ? 1 : 0).count { $0 == UInt8(ascii: "\n") }
        comments.append(.init(text: html, line: line, endLine: line + lineBreaks))
    }

    private mutating func enterLink(_ node: OpaquePointer) {
        guard current != nil else { return }
        let isImage = cmark_node_get_type(node) == CMARK_NODE_IMAGE
        let destination = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
        let start = startOffset(node)
        // cmark places an autolink on a block's later lines two columns late, so the `<` is not
        // always at `start`; its text being its address gives it away wherever it is.
        let isAutolink = !isImage && (start < source.bytes.count && source.bytes[start] == UInt8(ascii: "<") || Self.textIsAddress(node, destination))
        // `[^1]` or `[3]` resolved through a `[^1]: URL` definition: keep the brackets so it reads as a marker.
        let isFootnote = !isImage && !isAutolink && isMarkerLink(at: start)
        if isAutolink { suppressedText += 1 }
        if isImage {
            // Alt text is prose of its own: keep it apart from the words around the image.
            current!.append([UInt8(ascii: " ")], sourceStart: start, sourceLength: 0)
        }
        let proseStart = current!.text.count
        if isFootnote {
            current!.append([UInt8(ascii: "[")], sourceStart: start, sourceLength: 1)
        }
        openLinks.append((proseStart, destination, isImage, isFootnote, isAutolink, endOffset(node) + 1))
    }

    private mutating func exitLink() {
        guard current != nil, let link = openLinks.popLast() else { return }
        if link.isAutolink { suppressedText -= 1 }
        var proseEnd = current!.text.count
        if link.isFootnote {
            current!.append([UInt8(ascii: "]")], sourceStart: max(link.sourceEnd - 1, 0), sourceLength: 1)
            proseEnd = current!.text.count
        } else if link.isImage {
            current!.append([UInt8(ascii: " ")], sourceStart: link.sourceEnd, sourceLength: 0)
        }
        current!.links.append(ProseLink(destination: link.destination, proseStart: link.start, proseEnd: proseEnd, isImage: link.isImage, isFootnote: link.isFootnote))
        lastSourceEnd = link.sourceEnd
    }

    /// A link whose only text is its destination, a URL with a scheme, or the address of its
    /// `mailto:` destination: what an autolink is.
    private static func textIsAddress(_ node: OpaquePointer, _ destination: String) -> Bool {
        guard let child = cmark_node_first_child(node), cmark_node_next(child) == nil, cmark_node_get_type(child) == CMARK_NODE_TEXT,
              let literal = cmark_node_get_literal(child) else { return false }
        let text = String(cString: literal)
        return (text == destination && text.contains(":")) || "mailto:" + text == destination
    }

    private func isMarkerLink(at start: Int) -> Bool {
        let bytes = source.bytes
        guard start + 2 < bytes.count, bytes[start] == UInt8(ascii: "[") else { return false }
        if bytes[start + 1] == UInt8(ascii: "^") { return true }
        var index = start + 1
        while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") { index += 1 }
        return index > start + 1 && index < bytes.count && bytes[index] == UInt8(ascii: "]")
    }

    // MARK: Positions

    // cmark's inline positions are exact only on the first line of a paragraph or heading
    // (commonmark/cmark#296). On the lines after it, cmark counts columns from the first line's
    // indentation, not from where the line's own text starts: `- a` then a lazy `cures` is put at
    // column 3, past the word; `X` then `    cures` at column 1, before it. And link reference
    // definitions that open a paragraph are dropped from its text but not from its start line,
    // so every inline after them is placed that many lines too high, as is every inline after a
    // hard line break written as a backslash, which cmark does not count as a line at all (the
    // text after it continues the line before, in cmark's columns). Block positions are exact.
    // So the line shift and each later line's column shift are found where the first text node
    // (on the block, on the line) is in the source (`measureLine`).

    /// Starts reading a paragraph's or heading's inlines.
    private mutating func beginInlines(_ node: OpaquePointer) {
        let line = Int(cmark_node_get_start_line(node))
        let column = Int(cmark_node_get_start_column(node))
        var lastLine = Int(cmark_node_get_end_line(node))
        // A setext heading's text ends above its underline (cmark's end line for it can be a later block's).
        if cmark_node_get_type(node) == CMARK_NODE_HEADING, lastLine > line { lastLine = setextUnderline(after: line) - 1 }
        // Only a block that opens with `[` can open with link reference definitions.
        let start = source.offset(line: line, byteColumn: column + (line == 1 ? bomLength : 0))
        let mayOpenWithDefinitions = start < source.bytes.count && source.bytes[start] == UInt8(ascii: "[")
        inlineBlock = (line, column, max(lastLine, line), mayOpenWithDefinitions ? nil : 0)
        lineCorrection = nil
        atLineStart = true
        escapedBreaks = 0
    }

    /// Does the line of the last prose end with a backslash (a hard line break cmark places on it)?
    private func isEscapedBreak() -> Bool {
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
    /// literal is at one of them.
    private mutating func measureLine(_ node: OpaquePointer, literal: UnsafeRawBufferPointer) {
        guard let block = inlineBlock, !literal.isEmpty else { return }
        let reportedLine = Int(cmark_node_get_start_line(node)) + escapedBreaks
        let column = Int(cmark_node_get_start_column(node))
        if block.lineShift == nil {
            // The first text node: the first line, among those the block spans, where it is found.
            inlineBlock!.lineShift = (0...max(0, block.lastLine - reportedLine)).first { shift in
                let line = reportedLine + shift
                return line == block.line ? agrees(literal, line: line, column: column, verbatim: true)
                    : !columnShifts(literal, line: line, column: column, verbatim: true).isEmpty
            } ?? 0
        }
        let line = reportedLine + inlineBlock!.lineShift!
        guard line != block.line, lineCorrection?.line != line, line <= source.lineCount else { return }
        let shift = columnShifts(literal, line: line, column: column, verbatim: true).first
            ?? firstOccurrence(literal, line: line).map { $0 - column }
            ?? columnShifts(literal, line: line, column: column, verbatim: false).first
            ?? columnShifts(literal, line: line, column: column, verbatim: nil).first ?? 0
        lineCorrection = (line, shift)
    }

    /// The column shifts for a later line at which the literal is in the source (all the candidates
    /// when `verbatim` is nil; its first byte, an escape or an entity there when it is false).
    private func columnShifts(_ literal: UnsafeRawBufferPointer, line: Int, column: Int, verbatim: Bool?) -> [Int] {
        guard let block = inlineBlock, line >= 1, line <= source.lineCount else { return [] }
        let content = contentStart(line)
        let candidates = atLineStart ? [content.column - column] : (0...content.indentation).map { content.column - block.column - $0 }
        guard let verbatim else { return candidates }
        return candidates.filter { agrees(literal, line: line, column: column + $0, verbatim: verbatim) }
    }

    /// The first column, from where the line's text starts, at which the literal is in the source.
    private func firstOccurrence(_ literal: UnsafeRawBufferPointer, line: Int) -> Int? {
        guard line >= 1, line <= source.lineCount else { return nil }
        let end = line < source.lineCount ? source.lineStarts[line] : source.bytes.count
        let lineStart = source.lineStarts[line - 1]
        return (contentStart(line).column..<(end - lineStart + 1)).first { agrees(literal, line: line, column: $0, verbatim: true) }
    }

    /// Is the literal in the source at this line and (cmark's) column?
    private func agrees(_ literal: UnsafeRawBufferPointer, line: Int, column: Int, verbatim: Bool) -> Bool {
        let bytes = source.bytes
        let index = source.lineStarts[line - 1] + column - 1 + (line == 1 ? bomLength : 0)
        guard index >= 0, index < bytes.count, let first = literal.first else { return false }
        if !verbatim { return bytes[index] == first || bytes[index] == UInt8(ascii: "\\") || bytes[index] == UInt8(ascii: "&") }
        let count = min(literal.count, bytes.count - index, 16)
        return (0..<count).allSatisfy { bytes[index + $0] == literal[$0] }
    }

    /// The first line after `line` made only of `=` or only of `-` (a setext underline), or `line` if none.
    private func setextUnderline(after line: Int) -> Int {
        let bytes = source.bytes
        for candidate in (line + 1)..<(source.lineCount + 1) {
            var index = source.lineStarts[candidate - 1] + contentStart(candidate).column - 1
            guard index < bytes.count, bytes[index] == UInt8(ascii: "=") || bytes[index] == UInt8(ascii: "-") else { continue }
            let mark = bytes[index]
            while index < bytes.count, bytes[index] == mark { index += 1 }
            while index < bytes.count, bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t") { index += 1 }
            if index == bytes.count || bytes[index] == UInt8(ascii: "\n") || bytes[index] == UInt8(ascii: "\r") { return candidate }
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
        for _ in 0..<quoteDepth {
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

    /// cmark's positions are 1-based lines and 1-based byte columns into the text it was given
    /// (the file less its byte-order mark); this makes them byte offsets into the file, correcting
    /// inline positions as described above.
    private func offset(line rawLine: Int32, column rawColumn: Int32) -> Int {
        var line = Int(rawLine)
        var column = Int(rawColumn)
        if let block = inlineBlock {
            line += (block.lineShift ?? 0) + escapedBreaks
            if line != block.line {
                // Until a text node on the line confirms it, take the line as cmark takes most lines.
                column += lineCorrection?.line == line ? lineCorrection!.shift : contentStart(line).column - block.column
            }
        }
        if line == 1 { column += bomLength }
        return source.offset(line: line, byteColumn: column)
    }

    private func startOffset(_ node: OpaquePointer) -> Int {
        offset(line: cmark_node_get_start_line(node), column: cmark_node_get_start_column(node))
    }

    /// The offset of the last byte (cmark's end column is inclusive).
    private func endOffset(_ node: OpaquePointer) -> Int {
        offset(line: cmark_node_get_end_line(node), column: cmark_node_get_end_column(node))
    }

    /// A pipe table (GFM syntax, which plain cmark reads as a paragraph): a first line with `|`
    /// and a second line made of `|`, `-`, `:` and spaces.
    private func looksLikeTable(startLine: Int) -> Bool {
        guard startLine >= 1, startLine < source.lineCount else { return false }
        let bytes = source.bytes
        func line(_ number: Int) -> Range<Int> {
            var start = source.lineStarts[number - 1]
            var end = number < source.lineCount ? source.lineStarts[number] : bytes.count
            while start < end, bytes[start] == UInt8(ascii: ">") || bytes[start] == UInt8(ascii: " ") || bytes[start] == UInt8(ascii: "\t") { start += 1 }
            while end > start, bytes[end - 1] == UInt8(ascii: "\n") || bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
            return start..<end
        }
        let pipe = UInt8(ascii: "|")
        let first = line(startLine)
        // Most paragraphs are not tables: memchr over the first line rejects them.
        let hasPipe = bytes.withUnsafeBufferPointer { buffer in
            first.isEmpty ? false : memchr(buffer.baseAddress! + first.lowerBound, Int32(pipe), first.count) != nil
        }
        guard hasPipe else { return false }
        let delimiter = bytes[line(startLine + 1)]
        return delimiter.contains(pipe) && delimiter.contains(UInt8(ascii: "-")) && delimiter.allSatisfy {
            $0 == pipe || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t")
        }
    }
}
