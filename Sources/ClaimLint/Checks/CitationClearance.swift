/// Decides which claims and statistics a citation clears (once a candidate's scope has been read,
/// `isSettled`, or at the end of the page):
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
    /// Sentences with no link or marker, chained by scope (`firstUnscanned`, then `next`): their
    /// text is scanned for an author-year, DOI or PMID only if a claim in that scope needs it (most
    /// paragraphs make no claim at all), and a scope's chain can be scanned as soon as it closes.
    private var unscanned: [(block: Int, sentence: Range<Int>, next: Int)] = []
    private var firstUnscanned: [Int]
    private var lastUnscanned: [Int]
    /// A heading's scope and the scope of the paragraph under it.
    private var headingScopes: [Int: Int] = [:]
    /// For each scope, the last block whose sentences can still decide it (its own last block, or
    /// for a heading, the last block of the paragraph under it): once the checks are past it, its
    /// candidates can be settled (`isSettled`) without waiting for the end of the page.
    private var closesAt: [Int]
    private var lastScanned: (block: Int, sentence: Range<Int>, cited: Bool)?

    init(document: ProseDocument, citations: CitationIndex, ruleCitation: [Rule.CitationScope]) {
        self.document = document
        self.citations = citations
        self.ruleCitation = ruleCitation
        let scopeCount = (document.blocks.map(\.scope).max() ?? 0) + 1
        citedScopes = [Bool](repeating: false, count: scopeCount)
        scanned = [Bool](repeating: false, count: scopeCount)
        firstUnscanned = [Int](repeating: -1, count: scopeCount)
        lastUnscanned = [Int](repeating: -1, count: scopeCount)
        closesAt = [Int](repeating: -1, count: scopeCount)
        unscanned.reserveCapacity(document.blocks.count * 2)
        let blocks = document.blocks
        // By index, each block read where it lies: a loop variable would copy it (retaining its arrays).
        for index in blocks.indices {
            closesAt[blocks[index].scope] = index
            if blocks[index].isHeading, index + 1 < blocks.count, !blocks[index + 1].isHeading {
                headingScopes[blocks[index].scope] = blocks[index + 1].scope
            }
        }
        for (heading, below) in headingScopes { closesAt[heading] = max(closesAt[heading], closesAt[below]) }
    }

    /// Records one sentence as it goes by.
    mutating func note(scope: Int, block: Int, sentence: Range<Int>, hasLinkOrMarker: Bool) {
        if hasLinkOrMarker {
            citedScopes[scope] = true
        } else {
            unscanned.append((block, sentence, -1))
            let index = unscanned.count - 1
            if lastUnscanned[scope] >= 0 {
                unscanned[lastUnscanned[scope]].next = index
            } else {
                firstUnscanned[scope] = index
            }
            lastUnscanned[scope] = index
        }
    }

    /// Whether a candidate's clearance is already decided when the checks reach `block`: its rule
    /// needs no paragraph, or every sentence that could cite for its scope has been noted.
    func isSettled(_ candidate: Candidate, atBlock block: Int) -> Bool {
        ruleCitation[candidate.rule] != .paragraph || citedScopes[candidate.scope]
            || closesAt[candidate.scope] < block
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
        var index = firstUnscanned[scope]
        while index >= 0 {
            if citations.hasTextCitation(document.blocks[unscanned[index].block].text, in: unscanned[index].sentence) {
                citedScopes[scope] = true
                return true
            }
            index = unscanned[index].next
        }
        return false
    }
}
