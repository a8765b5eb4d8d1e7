internal import CCmark
internal import CCmarkBounded

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One cmark node as the rest of the parser sees it: its kind, cmark's raw positions (1-based
/// lines and byte columns into the text cmark was given, inline ones uncorrected) and its
/// literal. Nothing is interpreted here; `InlinePositions` repairs the positions and
/// `ProseFlattener` decides what is prose.
struct MarkdownNode {
    enum Kind: Equatable {
        case blockQuote
        case list(ordered: Bool, start: Int)
        case item
        case paragraph
        case heading(level: Int)
        case htmlBlock
        case text
        case softBreak
        case lineBreak
        case code
        case inlineHTML
        case emphasis
        case strong
        case link
        case image
        /// Anything else (document, code block, thematic break, …): not prose, nothing to read.
        case other
    }

    struct Position {
        var line: Int32
        var column: Int32
    }

    let kind: Kind
    /// Leaf nodes (text, code, breaks, HTML) are entered only; containers are entered, then exited.
    let isExit: Bool
    let start: Position
    /// cmark's end column is inclusive: the position of the node's last byte.
    let end: Position
    /// The literal of a text, code or HTML node (empty for the others). It points into cmark's
    /// tree and is valid only while the visitor handles this node.
    let literal: UnsafeRawBufferPointer
    /// A link's or image's destination ("" for the other nodes).
    let destination: String
    /// For a link whose only child is a text node, that child's literal (valid as `literal` is).
    let soleText: UnsafeRawBufferPointer?
}

/// What `CmarkReader` hands each node to, in document order.
protocol MarkdownNodeVisitor {
    mutating func visit(_ node: MarkdownNode)
    /// True once the visitor holds as much as it may (`ParseLimit.proseBytes`): the walk stops.
    var isFull: Bool { get }
}

/// The one file that talks to libcmark. It parses bytes into cmark's tree (allocated in this
/// thread's `ParseArena`, and given up past `limit` bytes: `ParseLimit`), walks it once with
/// cmark's iterator (no recursion, so 10,000-deep nesting is fine), hands each node to a visitor
/// as a `MarkdownNode`, and frees the tree.
enum CmarkReader {
    enum Outcome: Equatable {
        case read
        /// cmark made no tree (the visitor saw nothing).
        case noTree
        /// cmark's tree would have taken more than the limit; the parse was abandoned.
        case treeOverLimit
        /// The visitor filled up before the walk's end (what it saw is not the whole page).
        case visitorFull
    }

    static func read<Visitor: MarkdownNodeVisitor>(
        _ bytes: UnsafeBufferPointer<UInt8>, limit: Int, into visitor: inout Visitor
    ) -> Outcome {
        let arena = ParseArena.current
        defer { arena.pointee.reset() }
        var empty: UInt8 = 0
        var exceeded: Int32 = 0
        let root: OpaquePointer? = withUnsafeMutablePointer(to: &empty) { emptyPointer in
            let base = bytes.baseAddress ?? UnsafePointer(emptyPointer)
            return base.withMemoryRebound(to: CChar.self, capacity: max(bytes.count, 1)) { text in
                claimlint_cmark_parse_bounded(
                    text, bytes.count, CMARK_OPT_SOURCEPOS, arenaAllocator, ParseArena.footprintAddress(arena), limit,
                    &exceeded)
            }
        }
        if exceeded != 0 { return .treeOverLimit }
        guard let root, let iterator = cmark_iter_new(root) else { return .noTree }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER || event == CMARK_EVENT_EXIT, let node = cmark_iter_get_node(iterator)
            else { continue }
            visitor.visit(Self.node(node, isExit: event == CMARK_EVENT_EXIT))
            if visitor.isFull { return .visitorFull }
        }
        return .read
    }

    private static func node(_ node: OpaquePointer, isExit: Bool) -> MarkdownNode {
        let kind = Self.kind(of: node)
        var literal = UnsafeRawBufferPointer(start: nil, count: 0)
        var destination = ""
        var soleText: UnsafeRawBufferPointer?
        switch kind {
        case .text, .code, .inlineHTML, .htmlBlock:
            literal = Self.literal(of: node)
        case .link, .image:
            destination = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
            if kind == .link, !isExit, let child = cmark_node_first_child(node), cmark_node_next(child) == nil,
                cmark_node_get_type(child) == CMARK_NODE_TEXT
            {
                soleText = Self.literal(of: child)
            }
        default:
            break
        }
        return MarkdownNode(
            kind: kind,
            isExit: isExit,
            start: .init(line: cmark_node_get_start_line(node), column: cmark_node_get_start_column(node)),
            end: .init(line: cmark_node_get_end_line(node), column: cmark_node_get_end_column(node)),
            literal: literal,
            destination: destination,
            soleText: soleText
        )
    }

    private static func literal(of node: OpaquePointer) -> UnsafeRawBufferPointer {
        guard let literal = cmark_node_get_literal(node) else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(start: literal, count: strlen(literal))
    }

    private static func kind(of node: OpaquePointer) -> MarkdownNode.Kind {
        switch cmark_node_get_type(node) {
        case CMARK_NODE_BLOCK_QUOTE: .blockQuote
        case CMARK_NODE_LIST:
            .list(
                ordered: cmark_node_get_list_type(node) == CMARK_ORDERED_LIST,
                start: Int(cmark_node_get_list_start(node)))
        case CMARK_NODE_ITEM: .item
        case CMARK_NODE_PARAGRAPH: .paragraph
        case CMARK_NODE_HEADING: .heading(level: Int(cmark_node_get_heading_level(node)))
        case CMARK_NODE_HTML_BLOCK: .htmlBlock
        case CMARK_NODE_TEXT: .text
        case CMARK_NODE_SOFTBREAK: .softBreak
        case CMARK_NODE_LINEBREAK: .lineBreak
        case CMARK_NODE_CODE: .code
        case CMARK_NODE_HTML_INLINE: .inlineHTML
        case CMARK_NODE_EMPH: .emphasis
        case CMARK_NODE_STRONG: .strong
        case CMARK_NODE_LINK: .link
        case CMARK_NODE_IMAGE: .image
        default: .other
        }
    }
}

/// cmark's allocator: the calling thread's `ParseArena`. Made once and never written again
/// (cmark takes a mutable pointer but only reads it), so every thread may share it.
nonisolated(unsafe) private let arenaAllocator: UnsafeMutablePointer<cmark_mem> = {
    let allocator = UnsafeMutablePointer<cmark_mem>.allocate(capacity: 1)
    allocator.initialize(to: cmark_mem(calloc: parseArenaCalloc, realloc: parseArenaRealloc, free: parseArenaFree))
    return allocator
}()
