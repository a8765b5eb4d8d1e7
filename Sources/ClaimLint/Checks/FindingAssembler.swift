/// Turns pending findings (prose ranges in blocks) into findings (lines and columns in the file),
/// in file order, so one cursor walks each line once.
final class FindingAssembler: Sendable {
    /// What a finding repeats of its rule, so that making one copies a few strings, not a rule.
    /// A class: reading one is a retain, where a tuple of its fields was copied (four strings
    /// retained and released) each time.
    private final class RuleSummary: Sendable {
        let id: String
        let kind: Rule.Kind
        let category: String
        let severity: Severity
        let message: String
        let fix: String

        init(_ rule: Rule) {
            (id, kind, category, severity, message, fix) =
                (rule.id, rule.kind, rule.category, rule.severity, rule.message, rule.fix)
        }
    }

    private let ruleSummaries: [RuleSummary]
    /// Each rule's place when rules are sorted by id: findings at one place are ordered by rule id.
    private let ruleIDRank: [Int]
    /// Each rule's quick fix: a claim's `suggest` template, a disclosure's placement.
    /// Each `suggest` template cut at its `{match}` placeholders once, so that a finding's
    /// suggestion is a join: `String.replacing` cost more than the rest of making a finding.
    private let ruleSuggest: [[Substring]?]
    private let rulePlacement: [Rule.Placement?]
    /// The rule that reports a page's findings past the cap (`kind: limit`), and the cap.
    private let limitRule: Int?
    private let cap: Int

    /// A finding's sentence longer than this many bytes is cut to `window(of:sentence:around:)`.
    static let longSentence = 1_000
    /// A block longer than this many bytes is not given to its findings as their paragraph: shown
    /// whole it would not help a reader, and the sentence (windowed) says where the words are.
    static let longParagraph = 4_000

    init(ruleSet: RuleSet) {
        ruleSummaries = ruleSet.rules.map(RuleSummary.init)
        var ruleIDRank = [Int](repeating: 0, count: ruleSet.rules.count)
        for (rank, index) in ruleSet.rules.indices.sorted(by: { ruleSet.rules[$0].id < ruleSet.rules[$1].id })
            .enumerated()
        {
            ruleIDRank[index] = rank
        }
        self.ruleIDRank = ruleIDRank
        ruleSuggest = ruleSet.rules.map { rule in
            rule.suggest.map { $0.split(separator: "{match}", omittingEmptySubsequences: false) }
        }
        rulePlacement = ruleSet.rules.map(\.placement)
        limitRule = ruleSet.rules.firstIndex { $0.kind == .limit }
        cap = ruleSet.maxFindingsPerFile
    }

    /// The finding that says a page had `unreported` findings past the cap, at the first of them;
    /// nil when the configuration turned the limit rule off.
    func limitFinding(unreported: Int, at place: FindingBudget.Key, in document: ProseDocument) -> Finding? {
        guard let limitRule else { return nil }
        let rule = ruleSummaries[limitRule]
        let source = document.source
        let excerpt = source.excerpt(around: place.start)
        let more = unreported == 1 ? "1 more finding" : "\(unreported) more findings"
        return Finding(
            ruleID: rule.id, kind: rule.kind, category: rule.category, severity: rule.severity,
            message: rule.message
                + " \(more) from here on \(unreported == 1 ? "is" : "are") not reported (max-findings-per-file: \(cap)).",
            fix: rule.fix, range: source.range(fromOffset: place.start, to: place.end),
            byteRange: place.start..<place.end, matchedText: source.text(fromOffset: place.start, to: place.end),
            sentence: excerpt.text, excerpt: Finding.Excerpt(text: excerpt.text, firstColumn: excerpt.firstColumn))
    }

    /// A pending finding's place in report order: where it starts and ends in the file, then its rule id.
    func key(of item: PendingFinding, in document: ProseDocument) -> FindingBudget.Key {
        // The block read in place, through a buffer pointer: a copy of it would retain and release
        // each of its arrays, per finding (and the array's subscript made such copies).
        let (start, end) = document.blocks.withUnsafeBufferPointer { blocks in
            (
                blocks[item.block].sourceOffset(ofProse: item.proseRange.lowerBound),
                blocks[item.block].sourceEnd(ofProse: item.proseRange.upperBound)
            )
        }
        return FindingBudget.Key(start: start, end: max(start, end), rank: ruleIDRank[item.rule])
    }

    /// The findings, from pending findings already in report order (`FindingBudget.finish`).
    func findings(_ located: [(key: FindingBudget.Key, finding: PendingFinding)], in document: ProseDocument)
        -> [Finding]
    {
        var cursor = PositionCursor(document.source)
        // Findings in one sentence, or on one line, share one value for it (copy-on-write):
        // a dense 5 MB page has hundreds of thousands of findings.
        var lastSentence: (block: Int, range: Range<Int>, text: QuotedText)?
        var lastExcerpt: (line: Int, value: (text: String, firstColumn: Int))?
        // Whether each block is short enough to be its findings' paragraph, decided once per block
        // (findings of other blocks may come between). By block index: an array, not a dictionary
        // hashed per finding (nil: not decided yet).
        var paragraphs = [QuotedText??](repeating: nil, count: located.isEmpty ? 0 : document.blocks.count)
        var findings: [Finding] = []
        findings.reserveCapacity(located.count)
        // By index, each pending finding read where it lies: a copy of one (its explanation's
        // array and its disclosure's string) was retained and released a dozen times per finding.
        for index in located.indices {
            let (start, end) = (located[index].key.start, located[index].key.end)
            let ruleIndex = located[index].finding.rule
            let block = located[index].finding.block
            let proseRange = located[index].finding.proseRange
            let sentenceRange = located[index].finding.sentence
            let rule = ruleSummaries[ruleIndex]
            let startPosition = cursor.position(of: start)
            // The end may lie before a later finding's start, so a second cursor keeps the first one monotonic.
            var endCursor = cursor
            let endPosition = endCursor.position(of: end)
            let sentence: QuotedText
            if sentenceRange.count > Self.longSentence {
                // Written out whole for each of its findings, a very long sentence (a paragraph with
                // no full stop, a wall of markers) would make reports grow with the square of the page.
                sentence = QuotedText(
                    Self.window(of: document.blocks[block].text, sentence: sentenceRange, around: proseRange))
            } else {
                if lastSentence?.block != block || lastSentence?.range != sentenceRange {
                    lastSentence = (
                        block, sentenceRange, QuotedText(prose: document.blocks[block].text, range: sentenceRange)
                    )
                }
                sentence = lastSentence!.text
            }
            let lines = document.source.lineStarts
            let lineLength =
                (startPosition.line < lines.count ? lines[startPosition.line] : document.source.bytes.count)
                - lines[startPosition.line - 1]
            // Long lines are cut into windows around each finding; only whole short lines are shared.
            if lastExcerpt?.line != startPosition.line || lineLength > 640 {
                lastExcerpt = (startPosition.line, document.source.excerpt(around: start, column: startPosition.column))
            }
            let excerpt = lastExcerpt!.value
            let matchedText = String(decoding: document.blocks[block].text[proseRange], as: UTF8.self)
            if case .none = paragraphs[block] {
                let text = document.blocks[block].text
                paragraphs[block] = .some(
                    text.count > Self.longParagraph ? nil : QuotedText(prose: text, range: 0..<text.count))
            }
            let paragraph = paragraphs[block]!.map { Finding.Paragraph(quoted: $0, match: proseRange) }
            let disclosure = located[index].finding.disclosure
            findings.append(
                Finding(
                    ruleID: rule.id, kind: rule.kind, category: rule.category, severity: rule.severity,
                    message: rule.message, fix: disclosure.map { Self.fix(rule.fix, disclosing: $0) } ?? rule.fix,
                    range: SourceRange(start: startPosition, end: endPosition), byteRange: start..<end,
                    matchedText: matchedText,
                    quotedSentence: sentence,
                    excerpt: Finding.Excerpt(text: excerpt.text, firstColumn: excerpt.firstColumn),
                    because: located[index].finding.because.isEmpty
                        ? [] : reasons(located[index].finding.because, cursor: cursor, in: document),
                    quotedSuggestion: disclosure.map(QuotedText.init)
                        ?? ruleSuggest[ruleIndex].map { QuotedText(pieces: $0, joinedBy: matchedText) },
                    placement: disclosure == nil ? nil : rulePlacement[ruleIndex],
                    paragraph: paragraph
                ))
        }
        return findings
    }

    /// A missing disclosure's fix: the rule's advice, which is the same on every page, then the
    /// wording chosen for what this page triggered, so a stem cell page is not told about ketamine.
    static func fix(_ advice: String, disclosing disclosure: String) -> String {
        "\(advice) Suggested wording: \"\(disclosure)\""
    }

    /// The explanation's parts with their places in the file. Parts lie at or after the finding's
    /// start, so a copy of its cursor finds them going forward.
    private func reasons(_ spans: [ReasonSpan], cursor: PositionCursor, in document: ProseDocument) -> [Finding.Reason]
    {
        guard !spans.isEmpty else { return [] }
        var cursor = cursor
        // Through a buffer pointer, not a copy of the block (a retain and release per field).
        return document.blocks.withUnsafeBufferPointer { blocks in
            spans.map { span in
                let start = blocks[span.block].sourceOffset(ofProse: span.proseRange.lowerBound)
                let end = max(start, blocks[span.block].sourceEnd(ofProse: span.proseRange.upperBound))
                let startPosition = cursor.position(of: start)
                var endCursor = cursor
                return Finding.Reason(
                    role: span.role,
                    text: String(decoding: blocks[span.block].text[span.proseRange], as: UTF8.self),
                    range: SourceRange(start: startPosition, end: endCursor.position(of: end))
                )
            }
        }
    }

    /// The words of a long sentence within about 240 bytes of a finding's, with `…` where it is cut.
    static func window(of text: [UInt8], sentence: Range<Int>, around match: Range<Int>) -> String {
        var lower = max(sentence.lowerBound, min(match.lowerBound, sentence.upperBound) - 240)
        var upper = min(sentence.upperBound, max(match.upperBound, lower) + 240)
        while lower > sentence.lowerBound, text[lower] & 0xC0 == 0x80 { lower -= 1 }
        while upper < sentence.upperBound, text[upper] & 0xC0 == 0x80 { upper += 1 }
        return (lower > sentence.lowerBound ? "…" : "") + String(decoding: text[lower..<upper], as: UTF8.self)
            + (upper < sentence.upperBound ? "…" : "")
    }
}
