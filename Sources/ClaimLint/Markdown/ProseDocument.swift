/// What the checks see of a Markdown file: its source, and every block of prose a reader sees,
/// each with a map back to source bytes. Code, HTML, URLs and front matter are not prose.
@_spi(Stages) public struct ProseDocument: Sendable {
    public let source: SourceText
    public let blocks: [ProseBlock]
    /// HTML comments (block or inline), for `claimlint-disable` directives.
    public let comments: [Comment]

    public struct Comment: Sendable {
        public let text: String
        public let line: Int
        public let endLine: Int
    }
}

/// One paragraph, heading or table row, as the reader sees it.
@_spi(Stages) public struct ProseBlock: Sendable {
    public enum Kind: Sendable, Equatable {
        case paragraph
        case heading(level: Int)
        case tableRow
    }

    public var kind: Kind
    /// The prose, UTF-8: inline markup removed, soft breaks as spaces, link text and alt text kept.
    public var text: [UInt8] = []
    /// Links and images inside the block, with the prose range of their text.
    public var links: [ProseLink] = []
    /// Blocks with the same scope share a citation scope: the list item they sit in, or the block alone.
    public var scope: Int
    /// The number of the ordered-list item this block opens, if it opens one.
    public var listOrdinal: Int?
    /// How many block quotes enclose the block.
    public var quoteDepth: Int
    /// The block sits in a list item (a bullet under a lead-in reads as part of the lead-in's sentence).
    public var inListItem = false
    /// Text the page set in `<sup>`, in order; what it means is the citation code's to say
    /// (`SuperscriptMarkers`).
    var superscripts: [SuperscriptText] = []
    var segments: [ProseSegment] = []

    init(kind: Kind, scope: Int, listOrdinal: Int?, quoteDepth: Int) {
        self.kind = kind
        self.scope = scope
        self.listOrdinal = listOrdinal
        self.quoteDepth = quoteDepth
    }

    public var string: String { String(decoding: text, as: UTF8.self) }

    public var isHeading: Bool {
        if case .heading = kind { return true }
        return false
    }

    /// The segment holding a prose byte offset (the last one starting at or before it).
    private func segmentIndex(ofProse offset: Int) -> Int {
        var low = 0
        var high = segments.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if segments[mid].proseStart <= offset { low = mid } else { high = mid - 1 }
        }
        return low
    }

    /// The source byte offset of a prose byte offset.
    public func sourceOffset(ofProse offset: Int) -> Int {
        guard !segments.isEmpty else { return 0 }
        let segment = segments[segmentIndex(ofProse: offset)]
        let delta = offset - segment.proseStart
        if segment.proseLength == segment.sourceLength {
            return segment.sourceStart + min(delta, segment.sourceLength)
        }
        // Escapes, entities and markers: the prose differs from the source, so clamp inside it.
        return segment.sourceStart + min(delta, max(segment.sourceLength - 1, 0))
    }

    /// The source byte offset just after the prose byte range ending at `end` (exclusive).
    public func sourceEnd(ofProse end: Int) -> Int {
        guard end > 0 else { return sourceOffset(ofProse: 0) }
        var last = end - 1
        // Step back to the first byte of the last scalar, then past all of its bytes in the source.
        while last > 0, text[last] & 0xC0 == 0x80 { last -= 1 }
        let scalarLength = end - last
        guard !segments.isEmpty else { return 0 }
        let segment = segments[segmentIndex(ofProse: last)]
        // Bytes the parser inserted (the brackets of "<sup>4</sup>" read as "[4]") have no source of their own.
        if segment.sourceLength == 0 { return segment.sourceStart }
        if segment.proseLength != segment.sourceLength {
            // An entity or escape that ends the range ("70&#37;", "\\*") ends where its source does.
            if end == segment.proseStart + segment.proseLength { return segment.sourceStart + segment.sourceLength }
            return min(sourceOffset(ofProse: last) + scalarLength, segment.sourceStart + segment.sourceLength)
        }
        return sourceOffset(ofProse: last) + scalarLength
    }

    mutating func append(_ bytes: some Collection<UInt8>, sourceStart: Int, sourceLength: Int) {
        guard !bytes.isEmpty else { return }
        segments.append(
            ProseSegment(
                proseStart: text.count, proseLength: bytes.count, sourceStart: sourceStart, sourceLength: sourceLength))
        text.append(contentsOf: bytes)
    }
}

/// A link or image in prose. Its destination is never prose; it is what citations look at.
@_spi(Stages) public struct ProseLink: Sendable {
    public var destination: String
    public var proseStart: Int
    public var proseEnd: Int
    public var isImage: Bool
    /// A `[^label]` footnote reference that cmark resolved through a `[^label]: URL` definition.
    public var isFootnote: Bool
}

struct ProseSegment: Sendable {
    var proseStart: Int
    var proseLength: Int
    var sourceStart: Int
    var sourceLength: Int
}

/// One text node set in `<sup>`: its prose range and the source range it came from.
struct SuperscriptText: Sendable {
    var proseStart: Int
    var proseEnd: Int
    var sourceStart: Int
    var sourceEnd: Int
}
