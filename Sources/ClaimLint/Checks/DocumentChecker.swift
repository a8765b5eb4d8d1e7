/// Runs every rule of a rule set over one parsed page: claims and statistics per sentence,
/// citation scope per paragraph or list item, unresolved citation markers, and page-level
/// disclosures. Produces findings in report order.
/// A class, not a struct: it is shared by every worker and captured by closures, and a
/// reference costs one retain where a copy of its fields would cost one each.
public final class DocumentChecker: Sendable {
    public let ruleSet: RuleSet
    let matcher: PhraseMatcher
    private let statisticRule: Int?
    private let citationRule: Int?
    private let negations: KeySet
    private let statisticDetector = StatisticDetector()
    /// Each disclaimer rule with, for each of its trigger entries, the sighting slots of that
    /// entry's elements (all must be seen for the entry to trigger).
    private let disclosureTriggers: [(rule: Int, entries: [[Int]])]
    private let sightingCount: Int
    /// What the per-match loop needs of each matcher entry and rule, in flat arrays: reading a
    /// field through `ruleSet.rules[i]` can copy the whole rule, a retain for each of its strings.
    private let entryRule: [Int]
    private let entryRole: [PhraseMatcher.Role]
    private let ruleNegatable: [Bool]
    private let ruleQuoted: [Bool]
    private let ruleCitation: [Rule.CitationScope]
    /// Each rule's place when rules are sorted by id: findings at one place are ordered by rule id.
    private let ruleIDRank: [Int]
    /// What a finding repeats of its rule, so that making one copies four strings, not a rule.
    private let ruleSummaries: [(id: String, kind: Rule.Kind, category: String, severity: Severity, message: String, fix: String)]
    /// For each matcher entry that is a disclosure trigger, its slot among the page's sightings; -1 for other entries.
    private let sightingSlot: [Int]

    public init(ruleSet: RuleSet) throws {
        self.ruleSet = ruleSet
        self.matcher = try PhraseMatcher(ruleSet: ruleSet)
        statisticRule = ruleSet.rules.firstIndex { $0.kind == .statistic }
        citationRule = ruleSet.rules.firstIndex { $0.kind == .citation }
        negations = KeySet(words: [
            "not", "no", "never", "neither", "nor", "cannot", "isn't", "aren't", "wasn't", "weren't", "don't", "doesn't",
            "didn't", "won't", "can't", "couldn't", "shouldn't", "wouldn't", "hasn't", "haven't", "hadn't", "nothing",
        ])
        var sightingSlot = [Int](repeating: -1, count: matcher.entries.count)
        var slotsByRule: [Int: [[Int]]] = [:]
        var slots = 0
        for (index, entry) in matcher.entries.enumerated() {
            if case .trigger(let triggerEntry, _) = entry.role {
                sightingSlot[index] = slots
                var entries = slotsByRule[entry.rule] ?? Array(repeating: [], count: ruleSet.rules[entry.rule].triggers.count)
                entries[triggerEntry].append(slots)
                slotsByRule[entry.rule] = entries
                slots += 1
            }
        }
        disclosureTriggers = ruleSet.rules.indices.filter { ruleSet.rules[$0].kind == .disclaimer }.map { ($0, slotsByRule[$0] ?? []) }
        sightingCount = slots
        self.sightingSlot = sightingSlot
        entryRule = matcher.entries.map(\.rule)
        entryRole = matcher.entries.map(\.role)
        ruleNegatable = ruleSet.rules.map(\.negatable)
        ruleQuoted = ruleSet.rules.map(\.quoted)
        ruleCitation = ruleSet.rules.map(\.citation)
        var ruleIDRank = [Int](repeating: 0, count: ruleSet.rules.count)
        for (rank, index) in ruleSet.rules.indices.sorted(by: { ruleSet.rules[$0].id < ruleSet.rules[$1].id }).enumerated() {
            ruleIDRank[index] = rank
        }
        self.ruleIDRank = ruleIDRank
        ruleSummaries = ruleSet.rules.map { ($0.id, $0.kind, $0.category, $0.severity, $0.message, $0.fix) }
    }

    /// A claim or statistic before citation scope is known.
    private struct Candidate {
        var rule: Int
        var block: Int
        var scope: Int
        var proseRange: Range<Int>
        var sentence: Range<Int>
        /// The sentence has a link or a marker (a citation written as text is checked when needed).
        var sentenceCited: Bool
    }

    /// Where a disclosure trigger was first seen.
    private struct Sighting {
        var block: Int
        var proseRange: Range<Int>
        var sentence: Range<Int>
    }

    public func check(_ document: ProseDocument) -> [Finding] {
        let citations = CitationIndex(document: document, untrustedHosts: ruleSet.untrustedSources)
        var tokens: [Token] = []
        var pending: [PendingFinding] = []
        var scratch = PhraseMatcher.Scratch()
        var matches: [PhraseMatcher.Match] = []
        var statistics: [Range<Int>] = []
        var candidates: [Candidate] = []
        // Flags by scope, rule and sighting slot: arrays, not hashed sets, in this per-sentence loop.
        let scopeCount = (document.blocks.map(\.scope).max() ?? 0) + 1
        var citedScopes = [Bool](repeating: false, count: scopeCount)
        // Sentences with no link or marker, by scope: their text is scanned for an author-year, DOI or
        // PMID only if a claim in that scope needs it (most paragraphs make no claim at all).
        var unscanned: [(scope: Int, block: Int, sentence: Range<Int>)] = []
        var satisfied = [Bool](repeating: false, count: ruleSet.rules.count)
        var sightings = [Sighting?](repeating: nil, count: sightingCount)
        // A sentence's claims by rule, and the rules its `unless` phrases hedge: a few at most.
        var claimSpans: [(rule: Int, span: Range<Int>)] = []
        var hedged: [Int] = []
        var sentences: [Range<Int>] = []
        // Buffers sized for a typical page up front: one allocation each instead of a doubling series.
        tokens.reserveCapacity(256)
        matches.reserveCapacity(64)
        candidates.reserveCapacity(64)
        pending.reserveCapacity(64)
        unscanned.reserveCapacity(document.blocks.count * 2)
        sentences.reserveCapacity(32)
        scratch.reserve(256)

        for (blockIndex, block) in document.blocks.enumerated() where !citations.isReferenceBlock[blockIndex] {
            SentenceSplitter.split(block.text, isTableRow: block.kind == .tableRow, into: &sentences)
            // Whether each link of the block is a citation, decided once rather than per sentence.
            let linkCites = block.links.map(citations.isCitation)
            for sentence in sentences {
                // Tokens of one sentence at a time: memory stays small even for a 5 MB paragraph.
                Tokenizer.tokenize(block.text, range: sentence, into: &tokens)
                matcher.prepare(tokens, &scratch)
                let range = 0..<tokens.count

                let cited = hasLinkOrMarker(block, sentence: sentence, tokens: tokens, range: range, citations: citations, linkCites: linkCites) { marker in
                    if let rule = citationRule {
                        pending.append(PendingFinding(rule: rule, block: blockIndex, proseRange: marker, sentence: sentence))
                    }
                }
                if cited {
                    citedScopes[block.scope] = true
                } else {
                    unscanned.append((block.scope, blockIndex, sentence))
                }

                matches.removeAll(keepingCapacity: true)
                matcher.matches(in: tokens, range: range, scratch: &scratch, into: &matches)
                claimSpans.removeAll(keepingCapacity: true)
                hedged.removeAll(keepingCapacity: true)
                for match in matches {
                    let ruleIndex = entryRule[match.entry]
                    switch entryRole[match.entry] {
                    case .unless:
                        hedged.append(ruleIndex)
                    case .satisfies:
                        satisfied[ruleIndex] = true
                    case .trigger:
                        let slot = sightingSlot[match.entry]
                        if sightings[slot] == nil {
                            sightings[slot] = Sighting(block: blockIndex, proseRange: tokens[match.start].start..<tokens[match.end - 1].end, sentence: sentence)
                        }
                    case .claim:
                        if ruleNegatable[ruleIndex], isNegated(start: match.start, tokens: tokens, text: block.text, sentenceStart: range.lowerBound) { continue }
                        if ruleQuoted[ruleIndex], !isQuoted(block, sentence: sentence) { continue }
                        if let lexicon = matcher.contextLexicon[ruleIndex], !matcher.contains(lexicon: lexicon, range: range, scratch: scratch) { continue }
                        let span = tokens[match.start].start..<tokens[match.end - 1].end
                        if let index = claimSpans.firstIndex(where: { $0.rule == ruleIndex }) {
                            let existing = claimSpans[index].span
                            claimSpans[index].span = min(existing.lowerBound, span.lowerBound)..<max(existing.upperBound, span.upperBound)
                        } else {
                            claimSpans.append((ruleIndex, span))
                        }
                    }
                }
                if !hedged.isEmpty { claimSpans.removeAll { hedged.contains($0.rule) } }
                for (rule, span) in strongestClaims(claimSpans) {
                    candidates.append(Candidate(rule: rule, block: blockIndex, scope: block.scope, proseRange: span, sentence: sentence, sentenceCited: cited))
                }

                if let rule = statisticRule {
                    statistics.removeAll(keepingCapacity: true)
                    statisticDetector.find(in: tokens, range: range, text: block.text, into: &statistics)
                    for span in statistics where !isNegated(start: span.lowerBound, tokens: tokens, text: block.text, sentenceStart: range.lowerBound) {
                        let prose = tokens[span.lowerBound].start..<tokens[span.upperBound - 1].end
                        candidates.append(Candidate(rule: rule, block: blockIndex, scope: block.scope, proseRange: prose, sentence: sentence, sentenceCited: cited))
                    }
                }
            }
        }

        // A heading introduces the paragraph under it: a citation there covers the heading's words too.
        var headingScopes: [Int: Int] = [:]
        for (index, block) in document.blocks.enumerated() where block.isHeading {
            if index + 1 < document.blocks.count, !document.blocks[index + 1].isHeading {
                headingScopes[block.scope] = document.blocks[index + 1].scope
            }
        }
        var scanned = [Bool](repeating: false, count: scopeCount)
        var sortedByScope = false
        func isCited(scope: Int) -> Bool {
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
                found = citations.hasTextCitation(document.blocks[unscanned[index].block].text, in: unscanned[index].sentence)
                index += 1
            }
            if found { citedScopes[scope] = true }
            return found
        }
        var lastScanned: (block: Int, sentence: Range<Int>, cited: Bool)?
        func isCleared(_ candidate: Candidate) -> Bool {
            switch ruleCitation[candidate.rule] {
            case .paragraph:
                return isCited(scope: candidate.scope) || (headingScopes[candidate.scope].map(isCited(scope:)) ?? false)
            case .sentence:
                if candidate.sentenceCited { return true }
                // Candidates come in sentence order, and a sentence often holds several: scan it once.
                if let last = lastScanned, last.block == candidate.block, last.sentence == candidate.sentence { return last.cited }
                let cited = citations.hasTextCitation(document.blocks[candidate.block].text, in: candidate.sentence)
                lastScanned = (candidate.block, candidate.sentence, cited)
                return cited
            case .none:
                return false
            }
        }
        for candidate in candidates where !isCleared(candidate) {
            pending.append(PendingFinding(rule: candidate.rule, block: candidate.block, proseRange: candidate.proseRange, sentence: candidate.sentence))
        }
        pending += missingDisclosures(satisfied: satisfied, sightings: sightings)
        return findings(pending, in: document)
    }

    /// A finding before its position is computed.
    private struct PendingFinding {
        var rule: Int
        var block: Int
        var proseRange: Range<Int>
        var sentence: Range<Int>
    }

    /// Turns pending findings into findings in file order, so one cursor walks each line once.
    private func findings(_ pending: [PendingFinding], in document: ProseDocument) -> [Finding] {
        let located = pending.map { item -> (PendingFinding, Int, Int) in
            let start = document.blocks[item.block].sourceOffset(ofProse: item.proseRange.lowerBound)
            return (item, start, max(start, document.blocks[item.block].sourceEnd(ofProse: item.proseRange.upperBound)))
        }.sorted { ($0.1, $0.2, ruleIDRank[$0.0.rule]) < ($1.1, $1.2, ruleIDRank[$1.0.rule]) }
        var cursor = PositionCursor(document.source)
        // Findings in one sentence, or on one line, share one string for it (copy-on-write):
        // a dense 5 MB page has hundreds of thousands of findings.
        var lastSentence: (block: Int, range: Range<Int>, text: String)?
        var lastExcerpt: (line: Int, value: (text: String, firstColumn: Int))?
        return located.map { item, start, end in
            let rule = ruleSummaries[item.rule]
            let startPosition = cursor.position(of: start)
            // The end may lie before a later finding's start, so a second cursor keeps the first one monotonic.
            var endCursor = cursor
            let endPosition = endCursor.position(of: end)
            let sentence: String
            if item.sentence.count > Self.longSentence {
                // Written out whole for each of its findings, a very long sentence (a paragraph with
                // no full stop, a wall of markers) would make reports grow with the square of the page.
                sentence = Self.window(of: document.blocks[item.block].text, sentence: item.sentence, around: item.proseRange)
            } else {
                if lastSentence?.block != item.block || lastSentence?.range != item.sentence {
                    lastSentence = (item.block, item.sentence, String(decoding: document.blocks[item.block].text[item.sentence], as: UTF8.self))
                }
                sentence = lastSentence!.text
            }
            let lines = document.source.lineStarts
            let lineLength = (startPosition.line < lines.count ? lines[startPosition.line] : document.source.bytes.count) - lines[startPosition.line - 1]
            // Long lines are cut into windows around each finding; only whole short lines are shared.
            if lastExcerpt?.line != startPosition.line || lineLength > 640 {
                lastExcerpt = (startPosition.line, document.source.excerpt(around: start, column: startPosition.column))
            }
            let excerpt = lastExcerpt!.value
            return Finding(
                ruleID: rule.id, kind: rule.kind, category: rule.category, severity: rule.severity,
                message: rule.message, fix: rule.fix,
                range: SourceRange(start: startPosition, end: endPosition), byteRange: start..<end,
                matchedText: String(decoding: document.blocks[item.block].text[item.proseRange], as: UTF8.self),
                sentence: sentence,
                excerpt: Finding.Excerpt(text: excerpt.text, firstColumn: excerpt.firstColumn)
            )
        }
    }

    /// A finding's sentence longer than this many bytes is cut to `window(of:sentence:around:)`.
    static let longSentence = 1_000

    /// The words of a long sentence within about 240 bytes of a finding's, with `…` where it is cut.
    static func window(of text: [UInt8], sentence: Range<Int>, around match: Range<Int>) -> String {
        var lower = max(sentence.lowerBound, min(match.lowerBound, sentence.upperBound) - 240)
        var upper = min(sentence.upperBound, max(match.upperBound, lower) + 240)
        while lower > sentence.lowerBound, text[lower] & 0xC0 == 0x80 { lower -= 1 }
        while upper < sentence.upperBound, text[upper] & 0xC0 == 0x80 { upper += 1 }
        return (lower > sentence.lowerBound ? "…" : "") + String(decoding: text[lower..<upper], as: UTF8.self) + (upper < sentence.upperBound ? "…" : "")
    }

    /// One finding per claim: where the words of two rules overlap in a sentence, the more severe
    /// rule (then the one listed first) speaks for them, with the union of their words as its range.
    private func strongestClaims(_ spans: [(rule: Int, span: Range<Int>)]) -> [(Int, Range<Int>)] {
        if spans.count <= 1 { return spans.map { ($0.rule, $0.span) } }
        let ranked = spans.sorted { lhs, rhs in
            let left = ruleSummaries[lhs.rule].severity
            let right = ruleSummaries[rhs.rule].severity
            if left != right { return left > right }
            // Then the words that come first ("most effective treatment" is a superlative), then rule order.
            return lhs.span.lowerBound != rhs.span.lowerBound ? lhs.span.lowerBound < rhs.span.lowerBound : lhs.rule < rhs.rule
        }
        var kept: [(Int, Range<Int>)] = []
        for (rule, span) in ranked {
            if let index = kept.firstIndex(where: { $0.1.overlaps(span) }) {
                let winner = kept[index]
                kept[index] = (winner.0, min(winner.1.lowerBound, span.lowerBound)..<max(winner.1.upperBound, span.upperBound))
            } else {
                kept.append((rule, span))
            }
        }
        return kept
    }

    /// A negation earlier in the same clause, within six words, clears a match: "not FDA-approved",
    /// "has not been approved by the FDA", "no treatment is 100% safe". A comma, semicolon, colon
    /// or dash ends the clause, so "No waiting room, fast relief" still counts.
    private func isNegated(start: Int, tokens: [Token], text: [UInt8], sentenceStart: Int) -> Bool {
        var index = start - 1
        while index >= max(sentenceStart, start - 6) {
            let gap = text[tokens[index].end..<tokens[index + 1].start]
            if gap.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: ";") || $0 == UInt8(ascii: ":") || $0 == 0xE2 }) { return false }
            if negations.contains(tokens[index].key) { return true }
            index -= 1
        }
        return false
    }

    /// Is the sentence someone's own words: in a block quote, or inside quotation marks? A question
    /// ("“Chiropractic for my child?”") voices a worry, not an outcome.
    private func isQuoted(_ block: ProseBlock, sentence: Range<Int>) -> Bool {
        let text = block.text
        if text[sentence].contains(UInt8(ascii: "?")) { return false }
        if block.quoteDepth > 0 { return true }
        guard let first = sentence.first else { return false }
        // An opening “ or " at the start of the sentence.
        return text[first] == UInt8(ascii: "\"") || (text[first] == 0xE2 && first + 2 < text.count && text[first + 1] == 0x80 && text[first + 2] == 0x9C)
    }

    /// Does the sentence carry a link to a source or a citation marker? Calls `unresolved` with each
    /// marker that points at nothing. (Citations written as text are looked for only when needed.)
    private func hasLinkOrMarker(
        _ block: ProseBlock, sentence: Range<Int>, tokens: [Token], range: Range<Int>, citations: CitationIndex,
        linkCites: [Bool], unresolved: (Range<Int>) -> Void
    ) -> Bool {
        var cited = false
        for (index, link) in block.links.enumerated() where linkCites[index] && link.proseStart < sentence.upperBound && link.proseEnd > sentence.lowerBound {
            cited = true
        }
        for index in range where tokens[index].kind == .marker {
            // A marker counts as the author's attempt to cite; one that resolves to nothing is its own finding.
            cited = true
            let marker = tokens[index]
            let isResolvedLink = block.links.contains { $0.isFootnote && $0.proseStart <= marker.start && $0.proseEnd >= marker.end }
            if !isResolvedLink, !citations.resolves(CitationIndex.markerLabels(block.text[marker.start..<marker.end])) {
                unresolved(marker.start..<marker.end)
            }
        }
        return cited
    }

    private func missingDisclosures(satisfied: [Bool], sightings: [Sighting?]) -> [PendingFinding] {
        var findings: [PendingFinding] = []
        for (ruleIndex, entries) in disclosureTriggers where !satisfied[ruleIndex] {
            var first: Sighting?
            for slots in entries where !slots.isEmpty && slots.allSatisfy({ sightings[$0] != nil }) {
                for slot in slots {
                    guard let sighting = sightings[slot] else { continue }
                    if first == nil || (sighting.block, sighting.proseRange.lowerBound) < (first!.block, first!.proseRange.lowerBound) {
                        first = sighting
                    }
                }
            }
            if let first {
                findings.append(PendingFinding(rule: ruleIndex, block: first.block, proseRange: first.proseRange, sentence: first.sentence))
            }
        }
        return findings
    }
}
