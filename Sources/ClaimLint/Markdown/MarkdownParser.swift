/// Markdown to prose, in the steps swift-markdown also keeps apart: `MarkdownInput` hides the
/// byte-order mark and the front matter from cmark, `CmarkReader` (the one file that talks to
/// libcmark) hands over cmark's nodes with their raw positions, and `ProseFlattener` builds the
/// blocks, with `InlinePositions` repairing the positions cmark gets wrong and `PipeTable`
/// reading GFM tables. What the prose means (citation markers, claims) is for the checks.
/// Parsing is bounded (`ParseLimit`): a page whose tree or prose would take more is refused.
@_spi(Stages) public enum MarkdownParser {
    /// The page's prose, or why it was refused.
    public static func parse(_ source: SourceText, limit: ParseLimit) -> Result<ProseDocument, ParseLimit.Exceeded> {
        let input = MarkdownInput(source.bytes)
        var flattener = ProseFlattener(source: source, bomLength: input.bomLength, heldLimit: limit.proseBytes)
        switch input.withBytes({ CmarkReader.read($0, limit: limit.treeBytes, into: &flattener) }) {
        case .read:
            return .success(ProseDocument(source: source, blocks: flattener.blocks, comments: flattener.comments))
        case .noTree: return .success(ProseDocument(source: source, blocks: [], comments: []))
        case .treeOverLimit: return .failure(.tree(limit: limit.treeBytes))
        case .visitorFull: return .failure(.prose(limit: limit.proseBytes))
        }
    }

    /// The page's prose within the standard limits; a page over them reads as having none (tests
    /// and benchmarks; the linter uses `parse(_:limit:)` and reports the refusal).
    public static func parse(_ source: SourceText) -> ProseDocument {
        (try? parse(source, limit: .standard).get()) ?? ProseDocument(source: source, blocks: [], comments: [])
    }
}
