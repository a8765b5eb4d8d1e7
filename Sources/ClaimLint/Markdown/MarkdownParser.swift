/// Markdown to prose, in the steps swift-markdown also keeps apart: `MarkdownInput` hides the
/// byte-order mark and the front matter from cmark, `CmarkReader` (the one file that talks to
/// libcmark) hands over cmark's nodes with their raw positions, and `ProseFlattener` builds the
/// blocks, with `InlinePositions` repairing the positions cmark gets wrong and `PipeTable`
/// reading GFM tables. What the prose means (citation markers, claims) is for the checks.
@_spi(Stages) public enum MarkdownParser {
    public static func parse(_ source: SourceText) -> ProseDocument {
        let input = MarkdownInput(source.bytes)
        var flattener = ProseFlattener(source: source, bomLength: input.bomLength)
        let parsed = input.withBytes { CmarkReader.read($0, into: &flattener) }
        guard parsed else { return ProseDocument(source: source, blocks: [], comments: []) }
        return ProseDocument(source: source, blocks: flattener.blocks, comments: flattener.comments)
    }
}
