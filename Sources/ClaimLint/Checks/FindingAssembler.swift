/// Turns pending findings (prose ranges in blocks) into findings (lines and columns in the file),
/// in file order, so one cursor walks each line once.
final class FindingAssembler: Sendable {
    /// What a finding repeats of its rule, so that making one copies a few strings, not a rule.
    private let ruleSummaries:
        [(id: String, kind: Rule.Kind, category: String, severity: Severity, message: String, fix: String)]
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
        ruleSummaries = ruleSet.rules.map { ($0.id, $0.kind, $0.category, $0.severity, $0.message, $0.fix) }
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
        // The block read in place: a copy of it would retain and release each of its arrays, per finding.
        let start = document.blocks[item.block].sourceOffset(ofProse: item.proseRange.lowerBound)
        let end = document.blocks[item.block].sourceEnd(ofProse: item.proseRange.upperBound)
        return FindingBudget.Key(start: start, end: max(start, end), rank: ruleIDRank[item.rule])
    }

    /// The findings, from pending findings already in report order (`FindingBudget.finish`).
    func findings(_ located: [(key: FindingBudget.Key, finding: PendingFinding)], in document: ProseDocument)
        -> [Finding]
    {
        var cursor = PositionCursor(document.source)
        // Findings in one sentence, or on one line, share one string for it (copy-on-write):
        // a dense 5 MB page has hundreds of thousands of findings.
        var lastSentence: (block: Int, range: Range<Int>, text: String)?
        var lastExcerpt: (line: Int, value: (text: String, firstColumn: Int))?
        // Each block's prose, made once for all its findings (findings of other blocks may come between).
        // By block index: an array, not a dictionary hashed per finding (nil: not made yet).
        var paragraphs = [String??](repeating: nil, count: located.isEmpty ? 0 : document.blocks.count)
        return located.map { key, item in
            let (start, end) = (key.start, key.end)
            let rule = ruleSummaries[item.rule]
            let startPosition = cursor.position(of: start)
            // The end may lie before a later finding's start, so a second cursor keeps the first one monotonic.
            var endCursor = cursor
            let endPosition = endCursor.position(of: end)
            let sentence: String
            if item.sentence.count > Self.longSentence {
                // Written out whole for each of its findings, a very long sentence (a paragraph with
                // no full stop, a wall of markers) would make reports grow with the square of the page.
                sentence = Self.window(
                    of: document.blocks[item.block].text, sentence: item.sentence, around: item.proseRange)
            } else {
                if lastSentence?.block != item.block || lastSentence?.range != item.sentence {
                    lastSentence = (
                        item.block, item.sentence,
                        String(decoding: document.blocks[item.block].text[item.sentence], as: UTF8.self)
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
            let matchedText = String(decoding: document.blocks[item.block].text[item.proseRange], as: UTF8.self)
            if case .none = paragraphs[item.block] {
                let text = document.blocks[item.block].text
                paragraphs[item.block] = .some(
                    text.count > Self.longParagraph ? nil : String(decoding: text, as: UTF8.self))
            }
            let paragraph = paragraphs[item.block]!.map { Finding.Paragraph(text: $0, match: item.proseRange) }
            return Finding(
                ruleID: rule.id, kind: rule.kind, category: rule.category, severity: rule.severity,
                message: rule.message, fix: item.disclosure.map { Self.fix(rule.fix, disclosing: $0) } ?? rule.fix,
                range: SourceRange(start: startPosition, end: endPosition), byteRange: start..<end,
                matchedText: matchedText,
                sentence: sentence,
                excerpt: Finding.Excerpt(text: excerpt.text, firstColumn: excerpt.firstColumn),
                because: reasons(item.because, cursor: cursor, in: document),
                suggestion: item.disclosure
                    ?? ruleSuggest[item.rule].map { $0.joined(separator: matchedText) },
                placement: item.disclosure == nil ? nil : rulePlacement[item.rule],
                paragraph: paragraph
            )
        }
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
        return spans.map { span in
            // Through the array, not a copy of the block (a retain and release per field).
            let start = document.blocks[span.block].sourceOffset(ofProse: span.proseRange.lowerBound)
            let end = max(start, document.blocks[span.block].sourceEnd(ofProse: span.proseRange.upperBound))
            let startPosition = cursor.position(of: start)
            var endCursor = cursor
            return Finding.Reason(
                role: span.role,
                text: String(decoding: document.blocks[span.block].text[span.proseRange], as: UTF8.self),
                range: SourceRange(start: startPosition, end: endCursor.position(of: end))
            )
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
