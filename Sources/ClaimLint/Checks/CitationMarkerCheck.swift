/// Citation markers and links in a sentence: whether the sentence cites something, and each
/// marker that resolves to no reference on the page (reported under the `kind: citation` rule).
struct CitationMarkerCheck: Sendable {
    private let rule: Int?

    init(ruleSet: RuleSet) {
        rule = ruleSet.rules.firstIndex { $0.kind == .citation }
    }

    /// Does the sentence carry a link to a source or a citation marker? Appends a finding for each
    /// marker that points at nothing. (Citations written as text are looked for only when needed.)
    func inspect(
        block: ProseBlock, blockIndex: Int, sentence: Range<Int>, tokens: [Token], citations: CitationIndex,
        linkCites: [Bool], into pending: inout [PendingFinding]
    ) -> Bool {
        var cited = false
        for (index, link) in block.links.enumerated()
        where linkCites[index] && link.proseStart < sentence.upperBound && link.proseEnd > sentence.lowerBound {
            cited = true
        }
        for index in tokens.indices where tokens[index].kind == .marker {
            // A marker counts as the author's attempt to cite; one that resolves to nothing is its own finding.
            cited = true
            let marker = tokens[index]
            let isResolvedLink = block.links.contains {
                $0.isFootnote && $0.proseStart <= marker.start && $0.proseEnd >= marker.end
            }
            if !isResolvedLink, !citations.resolves(CitationIndex.markerLabels(block.text[marker.start..<marker.end])),
                let rule
            {
                let range = marker.start..<marker.end
                pending.append(
                    PendingFinding(
                        rule: rule, block: blockIndex, proseRange: range, sentence: sentence,
                        because: [ReasonSpan(role: "marker", block: blockIndex, proseRange: range)])
                )
            }
        }
        return cited
    }
}
