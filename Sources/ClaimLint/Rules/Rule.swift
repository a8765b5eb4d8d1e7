/// How serious a finding is; ordered so that `error > warning > info`.
public enum Severity: String, Sendable, Codable, CaseIterable, Comparable {
    case info, warning, error

    private var rank: Int {
        switch self {
        case .info: 0
        case .warning: 1
        case .error: 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// One rule of a rules file: what triggers it, what satisfies it, and why it exists.
public struct Rule: Sendable {
    public enum Kind: String, Sendable, CaseIterable, Codable {
        /// Wording that needs support (or is never allowed).
        case claim
        /// A number presented as fact; found by the built-in statistics detector.
        case statistic
        /// A citation marker that resolves to nothing; found by the built-in citation check.
        case citation
        /// A page-level disclosure that must be present when something triggers it.
        case disclosure = "disclaimer"
        /// A `claimlint-disable` directive that is wrong or needless; found by the suppression check.
        case suppression
        /// A claim that differs from, or misuses, an entry of the approved-claims library.
        case approval
        /// A page with more findings than `max-findings-per-file`: one finding says how many more
        /// there were, and they are counted, not reported (`FindingBudget`).
        case limit

        /// Reads a kind by name, accepting `disclosure` for `disclaimer`: the docs and messages say
        /// "disclosure", while reports and existing rules files keep the value `disclaimer`.
        public init?(name: String) { self.init(rawValue: name == "disclosure" ? Self.disclosure.rawValue : name) }

        public init(from decoder: any Decoder) throws {
            let name = try decoder.singleValueContainer().decode(String.self)
            guard let kind = Self(name: name) else {
                throw DecodingError.dataCorrupted(
                    .init(codingPath: decoder.codingPath, debugDescription: "unknown rule kind '\(name)'"))
            }
            self = kind
        }
    }

    /// What clears a claim or statistic finding.
    public enum CitationScope: String, Sendable, CaseIterable {
        /// A citation in the same paragraph, list item, heading or table row.
        case paragraph
        /// A citation in the same sentence.
        case sentence
        /// Nothing: the wording is not allowed whatever it cites.
        case none
    }

    /// Where a disclosure goes on the page, for the editors that offer to insert it.
    public enum Placement: String, Sendable, CaseIterable, Codable {
        /// Next to the first words that triggered it, in the same section (claim-level disclosures).
        case afterFirstMention = "after-first-mention"
        /// At the top of the page, within the first screen (crisis lines).
        case pageTop = "page-top"
        /// At the end of the page (page-level notices).
        case pageEnd = "page-end"
        /// Next to each testimonial or before-and-after block.
        case nearTestimonial = "near-testimonial"
    }

    public struct Examples: Sendable {
        /// Texts that must produce a finding of the rule, with the `{{…}}` marks removed.
        public var trigger: [String] = []
        /// For each trigger text, the byte ranges its `{{…}}` marks enclosed: where the rule's
        /// findings must land (none when the example marks nothing).
        public var triggerMarks: [[Range<Int>]] = []
        public var pass: [String] = []
    }

    public var id: String
    public var kind: Kind
    public var category: String
    public var severity: Severity
    public var message: String
    public var fix: String
    public var source: String
    public var sourceTitle: String?
    public var rationale: String?
    public var phrases: [String] = []
    public var context: String?
    public var unless: [String] = []
    public var negatable = true
    /// Match only in someone's own words: block quotes and sentences in quotation marks (testimonials).
    public var quoted = false
    /// `false` keeps the rule out of questions ("Can TMS help?" asks; it does not claim).
    public var inQuestions = true
    /// `false` keeps the rule out of lead-ins, sentences that only announce what follows ("Here is
    /// what the research shows:", a heading that opens with a question word): the claims are in
    /// the list items under them, which read the lead-in's context as their own.
    public var inLeadIns = true
    /// Claims: the `context` lexicon may also occur in a heading above the sentence or an earlier
    /// sentence of its paragraph, list or table (`CarriedContext`), not only in the sentence itself.
    public var carryContext = false
    public var citation: CitationScope = .paragraph
    /// Claims: where the words of two claim rules overlap in a sentence, the more severe rule
    /// speaks for them, then the one with the higher precedence, then the earlier words.
    public var precedence = 0
    /// The rule reports the sentences the trained claim scorer rates likely claims (`LikelyClaimCheck`).
    public var scorer = false
    /// Claims: a hedged rewording that replaces the matched words; `{match}` stands for them.
    public var suggest: String?
    /// Disclosures: each entry is a list of phrases that must all occur on the page.
    public var triggers: [[String]] = []
    /// Disclosures: the group each trigger entry belongs to, when `triggers` names its groups
    /// (parallel to `triggers`; empty when the triggers are a plain list).
    public var triggerGroups: [String] = []
    public var satisfiedBy: [String] = []
    /// Disclosures: `false` leaves out a condition the page names only as one item of a list of
    /// three or more ("helps ADHD, anxiety and PTSD"): such a page is not about that condition.
    public var inConditionLists = true
    /// Disclosures: the disclosure to add, by trigger group name, and under `Rule.anyTrigger` the
    /// one for every trigger (`text: …`) or for groups without their own (`text: {default: …}`).
    public var text: [String: String] = [:]
    public var placement: Placement?
    public var examples = Examples()
    /// Where the rule was defined, for error messages.
    public var location = RuleLocation(file: "<builtin>", line: nil, column: nil)

    /// The key of `text` for a disclosure that is the same whatever triggered it.
    public static let anyTrigger = "*"
    /// The name a `text` mapping gives that disclosure.
    public static let defaultTextKey = "default"

    /// The disclosure text of trigger entry `index`'s group, if it has its own.
    public func groupText(forTrigger index: Int) -> String? {
        index < triggerGroups.count ? text[triggerGroups[index]] : nil
    }

    /// The rule's `suggest` for the words a finding matched.
    public func suggestion(forMatch matched: String) -> String? {
        suggest.map { $0.split(separator: "{match}", omittingEmptySubsequences: false).joined(separator: matched) }
    }
}

/// A place in a rules file.
public struct RuleLocation: Sendable, Equatable {
    public var file: String
    public var line: Int?
    public var column: Int?

    func error(_ message: String) -> RulesError {
        RulesError(file: file, line: line, column: column, message: message)
    }
}

/// A complete, validated rule set: the defaults, a `--rules` file, or either extended by a project file.
public struct RuleSet: Sendable {
    public var lexicons: [String: [String]] = [:]
    /// Where each lexicon was defined (the nearest file that added terms to it), for the errors
    /// found once every file is merged: a `{name}` term naming no lexicon.
    public var lexiconLocations: [String: RuleLocation] = [:]
    public var untrustedSources: [String] = []
    public var rules: [Rule] = []
    /// The YAML texts this set was built from, in order, for the rules digest in reports.
    public var origins: [String] = []
    /// Rules a project file turned off: a directive naming one is neither unknown nor unused.
    public var disabledRuleIDs: Set<String> = []
    /// The rules a project file turned off, as they would be if turned back on (for `claimlint
    /// rules`, `explain` and `config`, which show them as disabled).
    public var disabledRules: [Rule] = []
    /// What project files did to each rule they named, by rule id.
    public var adjustments: [String: RuleAdjustment] = [:]
    /// The most findings reported for one page (`max-findings-per-file`); the rest are counted in
    /// one `limit` finding, so a page of nothing but claims cannot make memory or output explode.
    public var maxFindingsPerFile = RuleSet.defaultMaxFindingsPerFile

    public static let defaultMaxFindingsPerFile = 10_000

    public init() {}

    public func rule(withID id: String) -> Rule? { rules.first { $0.id == id } }
}

/// What project files did to one rule: where it was last turned off (or back on), and where its
/// severity was last set, with the severity it had before.
public struct RuleAdjustment: Sendable, Equatable {
    public var switchedAt: RuleLocation?
    public var severityAt: RuleLocation?
    public var originalSeverity: Severity?
}
