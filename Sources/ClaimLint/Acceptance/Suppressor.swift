/// Applies a page's `claimlint-disable` directives to its findings. A covered finding is kept,
/// marked suppressed with the directive's reason, so reports can show who accepted what and why;
/// the directives themselves are checked: one without a reason, one that suppresses nothing, and
/// one naming a rule that does not exist are findings of their own (rules of kind `suppression`,
/// configurable like any other; a rule turned off is simply not reported).
struct Suppressor: Sendable {
    static let withoutReason = "suppression-without-reason"
    static let allWithoutReason = "suppress-all-without-reason"
    static let unused = "unused-suppression"
    static let unknownRule = "unknown-rule-in-suppression"

    private let rules: [String: Rule]
    private let knownIDs: Set<String>
    private let disabledIDs: Set<String>

    init(ruleSet: RuleSet) {
        var rules: [String: Rule] = [:]
        for rule in ruleSet.rules where rule.kind == .suppression { rules[rule.id] = rule }
        self.rules = rules
        knownIDs = Set(ruleSet.rules.map(\.id))
        disabledIDs = ruleSet.disabledRuleIDs
    }

    /// Where one rule id of one directive applies.
    private struct Scope {
        var directive: Int
        var rule: String
        /// 1-based source lines a finding must start on.
        var lines: Range<Int>
        var used = false
    }

    /// What applying the directives gave: the findings, and how many of the directives' own
    /// findings did not fit in the page's room (`max-findings-per-file`), with where the first starts.
    struct Applied {
        var findings: [Finding]
        var unreported = 0
        var firstUnreported: FindingBudget.Key?
    }

    /// `findings` (in report order) with those the directives cover marked, plus the directives' own
    /// findings, at most `room` of them (a page of a million stray directives stays bounded).
    func apply(_ findings: [Finding], document: ProseDocument, room: Int = .max) -> Applied {
        guard !document.comments.isEmpty else { return Applied(findings: findings) }
        let directives = document.comments.flatMap(SuppressionDirective.parse)
        guard !directives.isEmpty else { return Applied(findings: findings) }
        var own = OwnFindings(room: room)
        var scopes: [Scope] = []
        var open: [(directive: Int, rule: String, from: Int)] = []

        for (index, directive) in directives.enumerated() {
            var named: [String] = []
            for rule in directive.rules {
                if rule == SuppressionDirective.all || knownIDs.contains(rule) && rules[rule] == nil {
                    named.append(rule)
                } else if rules[rule] != nil || disabledIDs.contains(rule) {
                    // The directive rules cannot be suppressed by directives (configure them in
                    // .claimlint.yml), and a rule the configuration turned off has nothing to suppress.
                    continue
                } else {
                    own += finding(
                        Self.unknownRule, directive, document,
                        detail: "No rule has the id '\(rule)'; `claimlint rules` lists them.")
                }
            }
            if directive.action == .enable {
                let closing = named.contains(SuppressionDirective.all) ? open : open.filter { named.contains($0.rule) }
                for region in closing {
                    scopes.append(
                        Scope(
                            directive: region.directive, rule: region.rule,
                            lines: region.from..<max(region.from, directive.line)))
                }
                open.removeAll { region in
                    closing.contains { $0.directive == region.directive && $0.rule == region.rule }
                }
                continue
            }
            if directive.reason.isEmpty {
                if directive.coversAll {
                    own += finding(
                        Self.allWithoutReason, directive, document,
                        detail: "It suppresses nothing until it gives one after `--`.")
                    continue
                }
                own += finding(Self.withoutReason, directive, document, detail: "Add the reason after `--`.")
            }
            for rule in named {
                switch directive.action {
                case .disableNextLine:
                    let target = Self.nextContentLine(after: directive.endLine, in: document.source)
                    scopes.append(Scope(directive: index, rule: rule, lines: target..<target + 1))
                case .disable:
                    open.append((index, rule, directive.line))
                case .disableFile:
                    scopes.append(Scope(directive: index, rule: rule, lines: 1..<Int.max))
                case .enable:
                    break
                }
            }
        }
        for region in open {
            scopes.append(Scope(directive: region.directive, rule: region.rule, lines: region.from..<Int.max))
        }
        // The narrowest scope speaks for a finding: a next-line directive before a region, a region before the file.
        scopes.sort { ($0.lines.count, $0.directive) < ($1.lines.count, $1.directive) }

        var result = findings
        for index in result.indices where result[index].counts {
            let line = result[index].range.start.line
            let rule = result[index].ruleID
            guard
                let scope = scopes.firstIndex(where: {
                    ($0.rule == rule || $0.rule == SuppressionDirective.all) && $0.lines.contains(line)
                })
            else { continue }
            scopes[scope].used = true
            result[index].status = .suppressed(reason: directives[scopes[scope].directive].reason)
        }
        for scope in scopes where !scope.used {
            let directive = directives[scope.directive]
            let target = scope.rule == SuppressionDirective.all ? "finding" : "\(scope.rule) finding"
            let place: String
            switch directive.action {
            case .disableNextLine: place = "on line \(scope.lines.lowerBound)"
            case .disable: place = "before it is enabled again"
            default: place = "on this page"
            }
            own += finding(
                Self.unused, directive, document,
                detail: "There is no \(target) \(place) to suppress; remove the directive.")
        }
        guard !own.findings.isEmpty || own.unreported > 0 else { return Applied(findings: result) }
        return Applied(
            findings: (result + own.findings).sorted(by: Finding.inReportOrder), unreported: own.unreported,
            firstUnreported: own.firstUnreported)
    }

    /// The directives' own findings, up to the page's room; past it, only counted.
    private struct OwnFindings {
        let room: Int
        var findings: [Finding] = []
        var unreported = 0
        var firstUnreported: FindingBudget.Key?

        static func += (own: inout OwnFindings, found: [Finding]) {
            for finding in found {
                guard own.findings.count >= own.room else {
                    own.findings.append(finding)
                    continue
                }
                own.unreported += 1
                let key = FindingBudget.Key(
                    start: finding.byteRange.lowerBound, end: finding.byteRange.upperBound, rank: 0)
                if own.firstUnreported.map({ key < $0 }) ?? true { own.firstUnreported = key }
            }
        }
    }

    /// The first line after `line` that is not blank and not itself a directive, so that
    /// directives can be stacked above the line they are for.
    static func nextContentLine(after line: Int, in source: SourceText) -> Int {
        var candidate = line + 1
        while candidate <= source.lineCount {
            let text = source.lineText(candidate).trimmingSpaces
            if !text.isEmpty, !(text.hasPrefix("<!-- claimlint-") && text.hasSuffix("-->")) { return candidate }
            candidate += 1
        }
        return candidate
    }

    /// A directive's own finding, at the directive; none when the configuration turned its rule off.
    private func finding(_ ruleID: String, _ directive: SuppressionDirective, _ document: ProseDocument, detail: String)
        -> [Finding]
    {
        guard let rule = rules[ruleID] else { return [] }
        let source = document.source
        let (start, end) = Self.offsets(of: directive, in: source)
        let excerpt = source.excerpt(around: start)
        return [
            Finding(
                ruleID: rule.id, kind: rule.kind, category: rule.category, severity: rule.severity,
                message: rule.message + " " + detail, fix: rule.fix,
                range: source.range(fromOffset: start, to: end), byteRange: start..<end,
                matchedText: source.text(fromOffset: start, to: end), sentence: directive.text,
                excerpt: Finding.Excerpt(text: excerpt.text, firstColumn: excerpt.firstColumn)
            )
        ]
    }

    /// The directive's first line in the source: found on its line, or the line's start when the
    /// source writes it differently (a comment inside a block quote loses its `>` in cmark's text).
    static func offsets(of directive: SuppressionDirective, in source: SourceText) -> (Int, Int) {
        guard directive.line >= 1, directive.line <= source.lineCount else {
            return (source.bytes.count, source.bytes.count)
        }
        let lineStart = source.lineStarts[directive.line - 1]
        var lineEnd = directive.line < source.lineCount ? source.lineStarts[directive.line] : source.bytes.count
        while lineEnd > lineStart,
            source.bytes[lineEnd - 1] == UInt8(ascii: "\n") || source.bytes[lineEnd - 1] == UInt8(ascii: "\r")
        { lineEnd -= 1 }
        let needle = Array(directive.text.utf8.prefix { $0 != UInt8(ascii: "\n") && $0 != UInt8(ascii: "\r") })
        if !needle.isEmpty, lineEnd - lineStart >= needle.count {
            for start in lineStart...(lineEnd - needle.count) where source.bytes[start] == needle[0] {
                if source.bytes[start..<start + needle.count].elementsEqual(needle) {
                    return (start, start + needle.count)
                }
            }
        }
        return (lineStart, lineEnd)
    }
}
