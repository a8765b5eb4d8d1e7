/// One problem found on a page: the narrow waist between checks and reporters.
public struct Finding: Sendable, Equatable, Hashable {
    public var ruleID: String
    public var kind: Rule.Kind
    public var category: String
    public var severity: Severity
    public var message: String
    public var fix: String
    /// The matched words (or the marker, or the first trigger of a missing disclosure).
    public var range: SourceRange
    /// Byte offsets of `range` in the file.
    public var byteRange: Range<Int>
    /// The words as written on the page.
    public var matchedText: String
    /// The sentence that holds the match, as the reader sees it.
    public var sentence: String {
        get { quotedSentence.string }
        set { quotedSentence = QuotedText(newValue) }
    }
    /// `sentence`, made only when a reporter reads it.
    var quotedSentence: QuotedText
    /// The paragraph, list item, heading or table row that holds the match, as the reader sees it
    /// (what the HTML worksheet shows around the sentence); nil for a very long block. JSON reports
    /// keep it (each paragraph once per file), so merged shards show it too. Findings in one block
    /// share one string.
    public var paragraph: Paragraph?
    /// The source line where the range starts (a window of it, for very long lines), and the
    /// column of the window's first character, so reporters can show and underline the match.
    public var excerpt: Excerpt
    /// Why the finding does not count (a directive, the baseline, an approved claim); nil when it
    /// counts. Findings that do not count are still reported (JSON, SARIF, HTML) but never fail a run.
    public var status: Status?
    /// The rule's quick fix for this finding, when it has one: for a claim, a hedged rewording
    /// that replaces `range` (the rule's `suggest`); for a missing disclosure, the wording to add
    /// (the rule's `text` for what triggered it), to be placed as `placement` says.
    public var suggestion: String? {
        get { quotedSuggestion?.string }
        set { quotedSuggestion = newValue.map(QuotedText.init) }
    }
    /// `suggestion`, made only when a reporter reads it.
    var quotedSuggestion: QuotedText?
    /// Where a disclosure's `suggestion` goes; nil when the suggestion replaces `range`.
    public var placement: Rule.Placement?

    /// Why a finding was accepted instead of counted.
    public enum Status: Sendable, Equatable, Hashable {
        /// A `claimlint-disable` directive on the page covers it; `reason` is what the directive
        /// says after `--` (empty when it gives none, which is its own finding).
        case suppressed(reason: String)
        /// The baseline file records it; `baseline` names the file.
        case baselined(baseline: String)
        /// Its sentence is an entry of the approved-claims library.
        case approved(id: String, reference: String)

        /// The name reports use: `suppressed`, `baselined` or `approved`.
        public var name: String {
            switch self {
            case .suppressed: "suppressed"
            case .baselined: "baselined"
            case .approved: "approved"
            }
        }

        /// What accepted it, in words: the directive's reason, the baseline file, or the entry id and reference.
        public var detail: String {
            switch self {
            case .suppressed(let reason): reason
            case .baselined(let baseline): baseline
            case .approved(let id, let reference): reference.isEmpty ? id : "\(id): \(reference)"
            }
        }
    }

    /// True when the finding counts towards the summary and the exit code.
    public var counts: Bool { status == nil }
    /// Why this is a finding: the parts of the sentence that made it one, in order ("effect
    /// 'relieves'", "condition 'joint pain'"). Empty for findings that explain themselves.
    public var because: [Reason]

    /// One part of an explanation: its role in the claim grammar (a lexicon's name such as
    /// `effect` or `condition`, or `phrase`, `statistic`, `trigger`, `marker`) and where it is.
    public struct Reason: Sendable, Equatable, Hashable {
        public var role: String
        public var text: String
        public var range: SourceRange

        public init(role: String, text: String, range: SourceRange) {
            self.role = role
            self.text = text
            self.range = range
        }
    }

    /// True when the explanation only repeats the matched words (a phrase, a number, a marker).
    public var explainsItself: Bool {
        because.isEmpty || (because.count == 1 && because[0].text == matchedText)
    }

    /// The explanation in one line: `effect 'relieves' + condition 'joint pain'`.
    public var explanation: String {
        because.map { "\($0.role) '\($0.text)'" }.joined(separator: " + ")
    }

    /// A block's prose and where the matched words lie in it.
    public struct Paragraph: Sendable, Equatable, Hashable {
        public var text: String {
            get { quoted.string }
            set { quoted = QuotedText(newValue) }
        }
        /// `text`, made only when a reporter reads it; findings of one block compare equal at once.
        var quoted: QuotedText
        /// UTF-8 offsets of the matched words in `text`.
        public var match: Range<Int>

        public init(text: String, match: Range<Int>) {
            self.init(quoted: QuotedText(text), match: match)
        }

        init(quoted: QuotedText, match: Range<Int>) {
            self.quoted = quoted
            self.match = match
        }

        /// Whether two paragraphs hold the same text (the same block, or blocks written alike).
        func hasSameText(as other: Paragraph) -> Bool { quoted == other.quoted }
    }

    public struct Excerpt: Sendable, Equatable, Hashable {
        public var text: String
        public var firstColumn: Int

        public init(text: String, firstColumn: Int = 1) {
            self.text = text
            self.firstColumn = firstColumn
        }
    }

    public init(
        ruleID: String, kind: Rule.Kind, category: String, severity: Severity, message: String, fix: String,
        range: SourceRange, byteRange: Range<Int>, matchedText: String, sentence: String, excerpt: Excerpt,
        status: Status? = nil, because: [Reason] = [], suggestion: String? = nil, placement: Rule.Placement? = nil,
        paragraph: Paragraph? = nil
    ) {
        self.init(
            ruleID: ruleID, kind: kind, category: category, severity: severity, message: message, fix: fix,
            range: range, byteRange: byteRange, matchedText: matchedText, quotedSentence: QuotedText(sentence),
            excerpt: excerpt, status: status, because: because, quotedSuggestion: suggestion.map(QuotedText.init),
            placement: placement, paragraph: paragraph)
    }

    /// As above, with the sentence and suggestion still as quoted text (`FindingAssembler`).
    init(
        ruleID: String, kind: Rule.Kind, category: String, severity: Severity, message: String, fix: String,
        range: SourceRange, byteRange: Range<Int>, matchedText: String, quotedSentence: QuotedText, excerpt: Excerpt,
        status: Status? = nil, because: [Reason] = [], quotedSuggestion: QuotedText? = nil,
        placement: Rule.Placement? = nil, paragraph: Paragraph? = nil
    ) {
        self.ruleID = ruleID
        self.kind = kind
        self.category = category
        self.severity = severity
        self.message = message
        self.fix = fix
        self.range = range
        self.byteRange = byteRange
        self.matchedText = matchedText
        self.quotedSentence = quotedSentence
        self.excerpt = excerpt
        self.status = status
        self.because = because
        self.quotedSuggestion = quotedSuggestion
        self.placement = placement
        self.paragraph = paragraph
    }

    /// Reports list findings by position, then rule, so output never depends on check order.
    static func inReportOrder(_ lhs: Finding, _ rhs: Finding) -> Bool {
        if lhs.range.start != rhs.range.start { return lhs.range.start < rhs.range.start }
        if lhs.range.end != rhs.range.end { return lhs.range.end < rhs.range.end }
        return lhs.ruleID < rhs.ruleID
    }
}

/// What linting one input gave: its findings, or why it could not be linted.
public struct FileReport: Sendable, Equatable {
    public var path: String
    public var findings: [Finding]
    /// Set when the file could not be linted (unreadable, not UTF-8, binary); findings are then empty.
    public var error: String?
    /// Informational note about the input (an empty file).
    public var note: String?
    /// SHA-256 of the bytes linted, hex; empty when the file could not be read.
    public var sha256: String
    /// SHA-256 of the rules that judged this file (its own configuration files and overrides), as
    /// `Linter.rulesDigest`; empty when unknown (a report from before it was recorded).
    public var rulesDigest = ""

    public init(path: String, findings: [Finding] = [], error: String? = nil, note: String? = nil, sha256: String = "")
    {
        self.path = path
        self.findings = findings
        self.error = error
        self.note = note
        self.sha256 = sha256
    }
}

/// The result of one run.
public struct LintReport: Sendable, Equatable {
    public var files: [FileReport]
    /// Problems that belong to no single input (a path that does not exist, a folder without Markdown).
    public var errors: [String]
    public var toolVersion: String
    /// SHA-256 of the effective rules, so a reviewer can say which rules judged which page.
    public var rulesDigest: String
    /// Set when this run linted one slice of the files (`--shard`).
    public var shard: Shard?
    /// Set when a baseline judged the run: SARIF then gives every result a `baselineState`.
    public var baseline: BaselineSummary?
    /// Notes about the paths (a named file that an exclude pattern drops); not part of any report format.
    public var notes: [String] = []

    public init(
        files: [FileReport], errors: [String] = [], toolVersion: String = ClaimLintVersion.current,
        rulesDigest: String = ""
    ) {
        self.files = files
        self.errors = errors
        self.toolVersion = toolVersion
        self.rulesDigest = rulesDigest
    }

    public var allFindings: [Finding] { files.flatMap(\.findings) }

    /// The findings of this severity that count (not suppressed, baselined or approved).
    public func count(of severity: Severity) -> Int {
        files.reduce(0) { $0 + $1.findings.count { $0.counts && $0.severity == severity } }
    }

    /// The findings that count towards the exit code.
    public var countingFindings: [Finding] { allFindings.filter(\.counts) }

    /// True when some input could not be linted or some path was wrong.
    public var hasInputErrors: Bool { !errors.isEmpty || files.contains { $0.error != nil } }

    public var totals: RunTotals {
        var totals = RunTotals()
        for file in files { totals.add(file) }
        totals.pathErrors = errors.count
        totals.baselineStale = baseline?.stale
        return totals
    }
}

/// What a baseline did to a run: the file, and how many of the findings it records no longer occur.
public struct BaselineSummary: Sendable, Equatable {
    public var file: String
    /// Recorded findings (of the files linted) that this run did not find: the baseline can be tightened.
    public var stale: Int

    public init(file: String, stale: Int) {
        self.file = file
        self.stale = stale
    }
}

/// The counts a summary needs, kept as files stream past so their findings need not be kept.
/// `findings` and the severity counts are of findings that count; accepted ones are counted apart.
public struct RunTotals: Sendable, Equatable {
    public var files = 0
    public var findings = 0
    public var suppressed = 0
    public var baselined = 0
    public var approved = 0
    /// Recorded findings the baseline did not see again; nil when no baseline was used.
    public var baselineStale: Int?
    public var errors = 0
    public var warnings = 0
    public var infos = 0
    /// Files that could not be linted.
    public var failedFiles = 0
    /// Paths that named no file (missing, a folder without Markdown).
    public var pathErrors = 0
    /// The most severe finding seen.
    public var worst: Severity?

    public init() {}

    public mutating func add(_ file: FileReport) {
        files += 1
        if file.error != nil { failedFiles += 1 }
        for finding in file.findings {
            switch finding.status {
            case .suppressed:
                suppressed += 1
                continue
            case .baselined:
                baselined += 1
                continue
            case .approved:
                approved += 1
                continue
            case nil: findings += 1
            }
            switch finding.severity {
            case .error: errors += 1
            case .warning: warnings += 1
            case .info: infos += 1
            }
            if worst.map({ finding.severity > $0 }) ?? true { worst = finding.severity }
        }
    }

    public func count(of severity: Severity) -> Int {
        switch severity {
        case .error: errors
        case .warning: warnings
        case .info: infos
        }
    }

    public var notLinted: Int { failedFiles + pathErrors }

    /// Findings that were reported but do not count.
    public var accepted: Int { suppressed + baselined + approved }
}

public enum ClaimLintVersion {
    public static let current = "0.1.0"
}
