/// Builds the prose a reader sees from cmark's nodes: one `ProseBlock` per paragraph, heading or
/// table row, with inline markup removed, soft breaks as spaces, link and alt text kept, code
/// and URLs left out, and a map from every prose byte back to the source (`ProseSegment`).
/// HTML comments are kept aside for `claimlint-disable` directives.
struct ProseFlattener: MarkdownNodeVisitor {
    let source: SourceText
    private(set) var blocks: [ProseBlock] = []
    private(set) var comments: [ProseDocument.Comment] = []
    private var positions: InlinePositions

    var current: ProseBlock?
    private var isTable = false
    private var quoteDepth = 0
    private var nextScope = 0
    private var itemScopes: [Int] = []
    private var lists: [(ordered: Bool, counter: Int)] = []
    private var pendingOrdinal: Int?
    private var openLinks:
        [(start: Int, destination: String, isImage: Bool, isFootnote: Bool, isAutolink: Bool, sourceEnd: Int)] = []
    private var inSuperscript = false
    /// Inside an autolink (`<https://…>`), whose text is its URL.
    private var suppressedText = 0
    /// Where the last prose came from, so inserted spaces map next to their neighbours.
    private var lastSourceEnd = 0
    /// About how many bytes the finished blocks and comments hold, and how many they may.
    private(set) var heldBytes = 0
    let heldLimit: Int

    init(source: SourceText, bomLength: Int, heldLimit: Int = .max) {
        self.source = source
        self.positions = InlinePositions(source: source, bomLength: bomLength)
        self.heldLimit = heldLimit
    }

    var isFull: Bool { heldBytes > heldLimit }

    /// A block's own size, and for each array it allocated, its capacity and header (Swift's 32
    /// bytes and malloc's 16).
    private static func heldBytes(of block: ProseBlock) -> Int {
        func array<Element>(_ elements: [Element]) -> Int {
            elements.capacity == 0 ? 0 : 48 + elements.capacity * MemoryLayout<Element>.stride
        }
        return MemoryLayout<ProseBlock>.stride + array(block.text) + array(block.segments) + array(block.links)
            + block.links.reduce(0) { $0 + $1.destination.utf8.count } + array(block.superscripts)
    }

    mutating func visit(_ node: MarkdownNode) {
        if node.isExit { exit(node) } else { enter(node) }
    }

    private mutating func enter(_ node: MarkdownNode) {
        switch node.kind {
        case .blockQuote:
            quoteDepth += 1
        case .list(let ordered, let start):
            lists.append((ordered, start - 1))
        case .item:
            itemScopes.append(newScope())
            if let last = lists.indices.last, lists[last].ordered {
                lists[last].counter += 1
                pendingOrdinal = lists[last].counter
            } else {
                pendingOrdinal = nil
            }
        case .paragraph:
            isTable = PipeTable.starts(atLine: Int(node.start.line), in: source)
            begin(isTable ? .tableRow : .paragraph)
            lastSourceEnd = positions.startOffset(node)
            if !isTable { reserveProse(for: node, from: lastSourceEnd) }
            beginInlines(node, isHeading: false)
        case .heading(let level):
            isTable = false
            begin(.heading(level: level))
            lastSourceEnd = positions.startOffset(node)
            reserveProse(for: node, from: lastSourceEnd)
            beginInlines(node, isHeading: true)
        case .text:
            appendLiteral(node)
            positions.inlineStarted()
        case .softBreak, .lineBreak:
            positions.lineBroke(isHard: node.kind == .lineBreak, lastSourceEnd: lastSourceEnd)
            if isTable {
                finishBlock()
                begin(.tableRow)
            } else {
                appendSpace()
            }
        case .code:
            // A code span is not prose, but it still separates the words around it.
            appendSpace()
            lastSourceEnd = positions.endOffset(node) + 1
            positions.inlineStarted()
        case .inlineHTML:
            handleInlineHTML(node)
            positions.inlineStarted()
        case .htmlBlock:
            recordComments(node)
        case .link, .image:
            enterLink(node)
            positions.inlineStarted()
        case .emphasis, .strong:
            positions.inlineStarted()
        case .other:
            break
        }
    }

    private mutating func exit(_ node: MarkdownNode) {
        switch node.kind {
        case .blockQuote:
            quoteDepth -= 1
        case .list:
            lists.removeLast()
        case .item:
            itemScopes.removeLast()
            pendingOrdinal = nil
        case .paragraph, .heading:
            finishBlock()
            isTable = false
            positions.endBlock()
        case .link, .image:
            exitLink()
        default:
            break
        }
    }

    private mutating func beginInlines(_ node: MarkdownNode, isHeading: Bool) {
        positions.beginBlock(
            line: Int(node.start.line), column: Int(node.start.column), endLine: Int(node.end.line),
            isHeading: isHeading, quoteDepth: quoteDepth
        )
    }

    // MARK: Blocks

    private mutating func newScope() -> Int {
        nextScope += 1
        return nextScope
    }

    private mutating func begin(_ kind: ProseBlock.Kind) {
        let scope = itemScopes.last ?? newScope()
        current = ProseBlock(kind: kind, scope: scope, listOrdinal: pendingOrdinal, quoteDepth: quoteDepth)
        current?.inListItem = !itemScopes.isEmpty
        pendingOrdinal = nil
        openLinks.removeAll()
        inSuperscript = false
        suppressedText = 0
    }

    /// The prose of a block is never longer than its source: reserving that much up front saves the
    /// copies, and the doubling overshoot, of growing a 5 MB paragraph's text step by step.
    private mutating func reserveProse(for node: MarkdownNode, from start: Int) {
        let span = min(positions.endOffset(node) + 1, source.bytes.count) - start
        if span > 0 { current?.text.reserveCapacity(span) }
    }

    private mutating func finishBlock() {
        // Taken out, not copied: a copy would retain and release each of the block's arrays.
        guard let block = current.take() else { return }
        // Blocks without a letter or digit (a table's delimiter row, an image with no alt text) carry no prose.
        if block.text.contains(where: {
            ($0 | 0x20) >= UInt8(ascii: "a") && ($0 | 0x20) <= UInt8(ascii: "z")
                || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || $0 >= 0x80
        }) {
            heldBytes += Self.heldBytes(of: block)
            blocks.append(block)
        }
    }

    // MARK: Inlines

    private mutating func appendLiteral(_ node: MarkdownNode) {
        guard current != nil else { return }
        let literal = node.literal
        if positions.isInBlock {
            positions.measure(literal, line: Int(node.start.line), column: Int(node.start.column))
        }
        let start = positions.startOffset(node)
        let end = positions.endOffset(node) + 1
        if suppressedText > 0 {
            // An autolink's text is its URL, and a URL is never prose.
            appendSpace()
        } else {
            let proseStart = current!.text.count
            appendAligned(literal, sourceStart: start, sourceEnd: max(end, start))
            // What a superscript means (a citation marker?) is the citation code's to say (`SuperscriptMarkers`).
            if inSuperscript, !literal.isEmpty {
                current!.superscripts.append(
                    .init(proseStart: proseStart, proseEnd: current!.text.count, sourceStart: start, sourceEnd: end))
            }
        }
        lastSourceEnd = max(end, start)
    }

    private mutating func appendSpace() {
        guard current != nil else { return }
        current!.append([UInt8(ascii: " ")], sourceStart: lastSourceEnd, sourceLength: 0)
    }

    private mutating func handleInlineHTML(_ node: MarkdownNode) {
        let literal = node.literal
        guard literal.baseAddress != nil else { return }
        // Only the first few bytes matter; building a String for every tag would cost more than the tag.
        var head: [UInt8] = []
        while head.count < 5, head.count < literal.count {
            let byte = literal[head.count]
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
            let html = String(decoding: literal, as: UTF8.self)
            let line = Int(node.start.line)
            heldBytes += MemoryLayout<ProseDocument.Comment>.stride + html.utf8.count + 48
            comments.append(.init(text: html, line: line, endLine: max(line, Int(node.end.line))))
        }
    }

    private mutating func recordComments(_ node: MarkdownNode) {
        guard node.literal.baseAddress != nil else { return }
        let html = String(decoding: node.literal, as: UTF8.self)
        guard ByteSearch.contains(html, "<!--") else { return }
        let line = Int(node.start.line)
        // cmark's end line is one short for blocks closed by their own end condition ("-->"); count the literal's lines.
        let lineBreaks = html.utf8.dropLast(html.utf8.last == UInt8(ascii: "\n") ? 1 : 0).count {
            $0 == UInt8(ascii: "\n")
        }
        heldBytes += MemoryLayout<ProseDocument.Comment>.stride + html.utf8.count + 48
        comments.append(.init(text: html, line: line, endLine: line + lineBreaks))
    }

    private mutating func enterLink(_ node: MarkdownNode) {
        guard current != nil else { return }
        let isImage = node.kind == .image
        let destination = node.destination
        let start = positions.startOffset(node)
        // cmark places an autolink on a block's later lines two columns late, so the `<` is not
        // always at `start`; its text being its address gives it away wherever it is.
        let isAutolink =
            !isImage
            && (start < source.bytes.count && source.bytes[start] == UInt8(ascii: "<")
                || Self.textIsAddress(node, destination))
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
        openLinks.append((proseStart, destination, isImage, isFootnote, isAutolink, positions.endOffset(node) + 1))
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
        current!.links.append(
            ProseLink(
                destination: link.destination, proseStart: link.start, proseEnd: proseEnd, isImage: link.isImage,
                isFootnote: link.isFootnote))
        lastSourceEnd = link.sourceEnd
    }

    /// A link whose only text is its destination, a URL with a scheme, or the address of its
    /// `mailto:` destination: what an autolink is.
    private static func textIsAddress(_ node: MarkdownNode, _ destination: String) -> Bool {
        guard let literal = node.soleText else { return false }
        let text = String(decoding: literal, as: UTF8.self)
        return (text == destination && ByteSearch.contains(text, ":")) || "mailto:" + text == destination
    }

    private func isMarkerLink(at start: Int) -> Bool {
        let bytes = source.bytes
        guard start + 2 < bytes.count, bytes[start] == UInt8(ascii: "[") else { return false }
        if bytes[start + 1] == UInt8(ascii: "^") { return true }
        var index = start + 1
        while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") { index += 1 }
        return index > start + 1 && index < bytes.count && bytes[index] == UInt8(ascii: "]")
    }
}
