/// Decides, once a page's sentences are all seen, which claims and statistics a citation clears:
/// one in the same sentence, or in the same paragraph, list item or table row (and a heading is
/// covered by a citation in the paragraph under it), as each rule's `citation` key says.
struct CitationClearance {
    private let document: ProseDocument
    private let citations: CitationIndex
    private let ruleCitation: [Rule.CitationScope]
    /// Scopes known to hold a citation.
    private var citedScopes: [Bool]
    /// Scopes whose unscanned sentences were already scanned for a citation written as text.
    private var scanned: [Bool]
    /// Sentences with no link or marker, by scope: their text is scanned for an author-year, DOI or
    /// PMID only if a claim in that scope needs it (most paragraphs make no claim at all).
    private var unscanned: [(scope: Int, block: Int, sentence: Range<Int>)] = []
    private var sortedByScope = false
    /// A heading's scope and the scope of the paragraph under it.
    private var headingScopes: [Int: Int] = [:]
    private var lastScanned: (block: Int, sentence: Range<Int>, cited: Bool)?

    init(document: ProseDocument, citations: CitationIndex, ruleCitation: [Rule.CitationScope]) {
        self.document = document
        self.citations = citations
        self.ruleCitation = ruleCitation
        let scopeCount = (document.blocks.map(\.scope).max() ?? 0) + 1
        citedScopes = [Bool](repeating: false, count: scopeCount)
        scanned = [Bool](repeating: false, count: scopeCount)
        unscanned.reserveCapacity(document.blocks.count * 2)
    }

    /// Records one sentence as it goes by.
    mutating func note(scope: Int, block: Int, sentence: Range<Int>, hasLinkOrMarker: Bool) {
        if hasLinkOrMarker {
            citedScopes[scope] = true
        } else {
            unscanned.append((scope, block, sentence))
        }
    }

    /// Called once, after every sentence was noted.
    mutating func finishNoting() {
        for (index, block) in document.blocks.enumerated() where block.isHeading {
            if index + 1 < document.blocks.count, !document.blocks[index + 1].isHeading {
                headingScopes[block.scope] = document.blocks[index + 1].scope
            }
        }
    }

    mutating func isCleared(_ candidate: Candidate) -> Bool {
        switch ruleCitation[candidate.rule] {
        case .paragraph:
            if isCited(scope: candidate.scope) { return true }
            guard let below = headingScopes[candidate.scope] else { return false }
            return isCited(scope: below)
        case .sentence:
            if candidate.sentenceCited { return true }
            // Candidates come in sentence order, and a sentence often holds several: scan it once.
            if let last = lastScanned, last.block == candidate.block, last.sentence == candidate.sentence {
                return last.cited
            }
            let cited = citations.hasTextCitation(document.blocks[candidate.block].text, in: candidate.sentence)
            lastScanned = (candidate.block, candidate.sentence, cited)
            return cited
        case .none:
            return false
        }
    }

    private mutating func isCited(scope: Int) -> Bool {
        if citedScopes[scope] { return true }
        guard !scanned[scope] else { return false }
        scanned[scope] = true
        // Sorted by scope once, when first needed, so each scope's sentences are one run.
        if !sortedByScope {
            unscanned.sort { $0.scope < $1.scope }
            sortedByScope = true
        }
        var low = 0
        var high = unscanned.count
        while low < high {
            let mid = (low + high) / 2
            if unscanned[mid].scope < scope { low = mid + 1 } else { high = mid }
        }
        var index = low
        var found = false
        while !found, index < unscanned.count, unscanned[index].scope == scope {
            found = citations.hasTextCitation(
                document.blocks[unscanned[index].block].text, in: unscanned[index].sentence)
            index += 1
        }
        if found { citedScopes[scope] = true }
        return found
    }
}
