/// How much memory parsing one page may take (issue 10, item 9), so that no page under the size
/// limit (`InputFile.defaultSizeLimit`, 64 MiB) takes claimlint past 512 MiB. libcmark builds the
/// tree of the whole page, every inline of every paragraph, before anything can be read from it,
/// at 150-250 bytes a node: a 30 MB line of `[9]` markers needed 1.3 GB, 3 million empty
/// paragraphs 1.6 GB, 3 MB of `[` 640 MB. Ordinary pages are far below both bounds (the 50 MB
/// benchmark corpus's 4.6 MB page: about 40 MiB of tree); a page over one is refused with a
/// message, never linted in part.
@_spi(Stages) public struct ParseLimit: Sendable, Equatable {
    /// The bytes libcmark's tree may take while it is built (`ParseArena.footprint`).
    public var treeBytes: Int
    /// The bytes the prose blocks, their source maps and links may take (`ProseFlattener`).
    public var proseBytes: Int

    public static let standard = ParseLimit(treeBytes: 256 << 20, proseBytes: 128 << 20)

    public init(treeBytes: Int, proseBytes: Int) {
        self.treeBytes = treeBytes
        self.proseBytes = proseBytes
    }

    /// Why a page was not parsed, in words for the file's error.
    public enum Exceeded: Error, Equatable, Sendable {
        case tree(limit: Int)
        case prose(limit: Int)

        public var reason: String {
            switch self {
            case .tree(let limit):
                "needs more than \(limit >> 20) MiB to parse (libcmark's tree of a page with millions of blocks "
                    + "or inline marks); not linted"
            case .prose(let limit):
                "holds more than \(limit >> 20) MiB of prose blocks (millions of paragraphs, headings or "
                    + "table rows); not linted"
            }
        }
    }
}
