/// Claims: the phrases of `kind: claim` rules, kept when no negation, hedge (`unless`), missing
/// context or mood (a question, for rules that skip questions) clears them. Where two rules'
/// words overlap in a sentence, one finding speaks for both (`strongest`).
final class ClaimCheck: Sendable {
    private let matcher: PhraseMatcher
    private let negation: Negation
    /// Per-rule flags in flat arrays: reading a field through `ruleSet.rules[i]` can copy the whole rule.
    private let ruleNegatable: [Bool]
    private let ruleQuoted: [Bool]
    private let ruleInQuestions: [Bool]
    private let ruleInLeadIns: [Bool]
    private let ruleCarriesContext: [Bool]
    private let ruleSeverity: [Severity]
    /// Which claim rule speaks for overlapping words after severity (the rules' `precedence`), and
    /// each rule's place by id, the last tie-breaker.
    private let rulePrecedence: [Int]
    private let ruleIDRank: [Int]
    /// How each lexicon is named in an explanation ("vocab-condition" reads "condition").
    private let roleNames: [String]
    /// The `definition` lexicon: words that define a term ("Remission is when ...", "X refers to").
    /// What follows them in the sentence explains what a word means; it claims nothing.
    private let definition: Int?
    /// The `definition-appositive` lexicon ("which is", "also called"): after a sentence's opening
    /// term and a comma ("Partial remission, which is ..."), the sentence defines that term.
    private let appositive: Int?
    /// Treatments: a sentence that opens with one describes the treatment, it defines no term.
    private let treatments: [Int]
    /// How many words may name the term a sentence defines ("Complete remission", "Type 2 diabetes").
    static let definedTermReach = 3
    /// The `intent` lexicon: what the reader wants or wonders ("want to know", "wondering"). With a
    /// `question-word` after it in the clause ("want to know how safe it is"), what follows is an
    /// embedded question, asked about and not asserted: rules that skip questions skip it too.
    private let intent: Int?
    private let questionWord: Int?
    /// The `symptom-cue` lexicon: words that introduce what a condition looks like ("symptoms such
    /// as", "signs of", "accompanied by"). A claim phrase after one in its clause, with no `effect`
    /// term before the cue, names a symptom when it opens with an `effect` or `better` word
    /// ("symptoms like increased heart rate"); it promises nothing. ("Symptoms of depression lift"
    /// opens with the condition: an outcome, still a claim.)
    private let symptomCue: Int?
    private let effect: Int?
    private let better: Int?
    /// Verb classes that come after their subject in a phrase ("{condition} ... {resolve-verb}":
    /// "the swelling subsides"; "{body} ... {cause}"): a negation before the verb, inside the
    /// match, denies it ("the pain does not go away", "the body may not show any signs of").
    private let trailingVerbs: [Int]

    /// A sentence's claims by rule and the rules its hedges clear: a few at most, reused per sentence.
    struct Scratch {
        var spans: [(rule: Int, match: PhraseMatcher.Match)] = []
        var hedged: [Int] = []
    }

    init(ruleSet: RuleSet, matcher: PhraseMatcher, negation: Negation) {
        self.matcher = matcher
        self.negation = negation
        ruleNegatable = ruleSet.rules.map(\.negatable)
        ruleQuoted = ruleSet.rules.map(\.quoted)
        ruleInQuestions = ruleSet.rules.map(\.inQuestions)
        ruleInLeadIns = ruleSet.rules.map(\.inLeadIns)
        ruleCarriesContext = ruleSet.rules.map(\.carryContext)
        ruleSeverity = ruleSet.rules.map(\.severity)
        rulePrecedence = ruleSet.rules.map(\.precedence)
        var ruleIDRank = [Int](repeating: 0, count: ruleSet.rules.count)
        for (rank, index) in ruleSet.rules.indices.sorted(by: { ruleSet.rules[$0].id < ruleSet.rules[$1].id })
            .enumerated()
        {
            ruleIDRank[index] = rank
        }
        self.ruleIDRank = ruleIDRank
        roleNames = matcher.lexiconNames.map { $0.hasPrefix("vocab-") ? String($0.dropFirst(6)) : $0 }
        definition = matcher.lexicon(named: "definition")
        appositive = matcher.lexicon(named: "definition-appositive")
        treatments = ["treatment", "vocab-treatment", "offlabel-modality"].compactMap { matcher.lexicon(named: $0) }
        intent = matcher.lexicon(named: "intent")
        questionWord = matcher.lexicon(named: "question-word")
        symptomCue = matcher.lexicon(named: "symptom-cue")
        effect = matcher.lexicon(named: "effect")
        better = matcher.lexicon(named: "better")
        trailingVerbs = ["resolve-verb", "cause"].compactMap { matcher.lexicon(named: $0) }
    }

    func inspect(_ sentence: SentenceContext, scratch: inout Scratch, into candidates: inout [Candidate]) {
        scratch.spans.removeAllKeepingCapacity()
        scratch.hedged.removeAllKeepingCapacity()
        var question: Bool?
        let defined = sentence.definedFrom
        for match in sentence.matches {
            let rule = matcher.entries[match.entry].rule
            switch matcher.entries[match.entry].role {
            case .unless:
                scratch.hedged.append(rule)
            case .claim:
                if ruleNegatable[rule],
                    negation.negates(
                        start: match.start, tokens: sentence.tokens, text: sentence.block.text, sentenceStart: 0)
                        || negatesVerb(of: match, in: sentence)
                {
                    continue
                }
                if ruleQuoted[rule], !isQuoted(sentence) { continue }
                if let defined, defined <= match.start { continue }
                if !ruleInQuestions[rule] {
                    if question == nil { question = sentence.isQuestion }
                    if question == true { continue }
                    if isEmbeddedQuestion(before: match.start, in: sentence) { continue }
                }
                if let symptomCue, opensWithChange(match, in: sentence),
                    case let clause = clauseStart(of: match.start, in: sentence),
                    let cueStart = cue(symptomCue, from: clause, before: match.start, in: sentence),
                    !hasEffect(before: cueStart, from: clause, in: sentence)
                {
                    continue
                }
                if !ruleInLeadIns[rule], sentence.isLeadIn { continue }
                if let lexicon = matcher.contextLexicon[rule],
                    !sentence.inheritedContext.contains(lexicon),
                    !matcher.contains(
                        lexicon: lexicon, range: 0..<sentence.tokens.count, scratch: sentence.lexiconHits),
                    !(ruleCarriesContext[rule] && sentence.carried.contains(lexicon))
                {
                    continue
                }
                if let index = scratch.spans.firstIndex(where: { $0.rule == rule }) {
                    // One finding per rule and sentence, over the union of its matches' words.
                    let kept = scratch.spans[index].match
                    if match.start < kept.start || (match.start == kept.start && match.end > kept.end) {
                        scratch.spans[index].match = PhraseMatcher.Match(
                            entry: match.entry, start: min(kept.start, match.start), end: max(kept.end, match.end))
                    } else {
                        scratch.spans[index].match.end = max(kept.end, match.end)
                    }
                } else {
                    scratch.spans.append((rule, match))
                }
            case .trigger, .satisfies:
                continue
            }
        }
        if !scratch.hedged.isEmpty { scratch.spans.removeAll { scratch.hedged.contains($0.rule) } }
        for (rule, match) in strongest(scratch.spans) {
            candidates.append(
                Candidate(
                    rule: rule, block: sentence.blockIndex, scope: sentence.block.scope,
                    proseRange: sentence.proseRange(ofTokens: match.start..<match.end), sentence: sentence.range,
                    sentenceCited: sentence.hasLinkOrMarker, because: reasons(for: match, in: sentence)
                )
            )
        }
    }

    /// The first token of the clause token `position` is in: after the nearest comma, semicolon,
    /// bracket or dash before it (`ClauseBreaks`), else the sentence's start.
    private func clauseStart(of position: Int, in sentence: SentenceContext) -> Int {
        let breaks = sentence.lexiconHits.breakBefore
        var start = position
        while start > 0, start < breaks.count, !breaks[start] { start -= 1 }
        return start
    }

    /// Where the last term of `lexicon` that ends by token `position` in its clause (which starts at
    /// `from`, `clauseStart`) starts, if any.
    private func cue(_ lexicon: Int, from: Int, before position: Int, in sentence: SentenceContext) -> Int? {
        let hits = sentence.lexiconHits
        var found: Int?
        for start in from..<position {
            for hit in hits.hitStart[start]..<hits.hitStart[start + 1]
            where Int(hits.hitLexicon[Int(hit)]) == lexicon && Int(hits.hitEnd[Int(hit)]) <= position {
                found = start
            }
        }
        return found
    }

    /// Does a negation stand before the match's last part, within the match, when that part is a
    /// verb that follows its subject ("the pain does not subside")? A negation before the whole
    /// match is `negation.negates`' concern.
    private func negatesVerb(of match: PhraseMatcher.Match, in sentence: SentenceContext) -> Bool {
        guard !trailingVerbs.isEmpty,
            let last = matcher.parts(of: match, scratch: sentence.lexiconHits).last,
            last.tokens.lowerBound > match.start, trailingVerbs.contains(last.lexicon)
        else { return false }
        return negation.negates(
            start: last.tokens.lowerBound, tokens: sentence.tokens, text: sentence.block.text,
            sentenceStart: match.start)
    }

    /// Is the match inside an embedded question: an `intent` term (not negated: "no wonder") and
    /// then a `question-word` term before it in its clause ("most people want to know how safe ...")?
    private func isEmbeddedQuestion(before position: Int, in sentence: SentenceContext) -> Bool {
        guard let intent, let questionWord,
            let at = cue(intent, from: clauseStart(of: position, in: sentence), before: position, in: sentence),
            at == 0 || !negation.isNegation(sentence.tokens[at - 1].key)
        else { return false }
        return matcher.contains(lexicon: questionWord, range: at..<position, scratch: sentence.lexiconHits)
    }

    /// Does the match open with an `effect` or `better` term ("increased", "reduces")?
    private func opensWithChange(_ match: PhraseMatcher.Match, in sentence: SentenceContext) -> Bool {
        if let effect, startsTerm(of: effect, at: match.start, in: sentence) { return true }
        if let better, startsTerm(of: better, at: match.start, in: sentence) { return true }
        return false
    }

    /// Does an `effect` term start among tokens `from..<position` ("relieves symptoms such as")?
    private func hasEffect(before position: Int, from: Int, in sentence: SentenceContext) -> Bool {
        guard let effect, from < position else { return false }
        return matcher.contains(lexicon: effect, range: from..<position, scratch: sentence.lexiconHits)
    }

    /// Where what the sentence defines starts: 0 when the whole sentence defines the term it
    /// opens with (a term of at most `definedTermReach` words that names no treatment, then the
    /// definition words, "Remission is when ...", or a comma and an appositive that ends the
    /// sentence, "Partial remission, which is ..."); else where its first definition words start, if it has any.
    func definedFrom(in sentence: SentenceContext) -> Int? {
        let start = definitionStart(in: sentence)
        var termEnd: Int?
        if let start, start > 0, start <= Self.definedTermReach {
            termEnd = start
        } else if let appositive {
            let breaks = sentence.lexiconHits.breakBefore
            let reach = min(Self.definedTermReach, sentence.tokens.count - 1)
            // The appositive is the rest of the sentence: "Sciatica, which is nerve pain, eases
            // with ..." goes on to say something about the term.
            if reach >= 1, let comma = (1...reach).first(where: { $0 < breaks.count && breaks[$0] }),
                startsTerm(of: appositive, at: comma, in: sentence),
                !breaks[(comma + 1)..<sentence.tokens.count].contains(true)
            {
                termEnd = comma
            }
        }
        if let termEnd,
            !treatments.contains(where: {
                matcher.contains(lexicon: $0, range: 0..<termEnd, scratch: sentence.lexiconHits)
            })
        {
            return 0
        }
        return start
    }

    /// Does a term of the lexicon start at token `position`?
    private func startsTerm(of lexicon: Int, at position: Int, in sentence: SentenceContext) -> Bool {
        let hits = sentence.lexiconHits
        return (hits.hitStart[position]..<hits.hitStart[position + 1]).contains {
            Int(hits.hitLexicon[Int($0)]) == lexicon
        }
    }

    /// Where the sentence's first definition words start ("is defined as"), if it has any.
    private func definitionStart(in sentence: SentenceContext) -> Int? {
        guard let definition,
            matcher.contains(lexicon: definition, range: 0..<sentence.tokens.count, scratch: sentence.lexiconHits)
        else { return nil }
        var ranges: [Range<Int>] = []
        matcher.ranges(of: definition, scratch: sentence.lexiconHits, into: &ranges)
        return ranges.map(\.lowerBound).min()
    }

    /// The lexicon terms that filled the phrase's slots, or the phrase's own words when it has none.
    private func reasons(for match: PhraseMatcher.Match, in sentence: SentenceContext) -> [ReasonSpan] {
        let parts = matcher.parts(of: match, scratch: sentence.lexiconHits)
        if parts.isEmpty {
            return [
                ReasonSpan(
                    role: "phrase", block: sentence.blockIndex,
                    proseRange: sentence.proseRange(ofTokens: match.start..<match.end))
            ]
        }
        return parts.map {
            ReasonSpan(
                role: roleNames[$0.lexicon], block: sentence.blockIndex,
                proseRange: sentence.proseRange(ofTokens: $0.tokens))
        }
    }

    /// One finding per claim: where the words of two rules overlap in a sentence, the more severe
    /// rule speaks for them (then the higher `precedence`, then the earlier words, then the rule id:
    /// never the order rules were listed in), over the union of their words.
    private func strongest(_ spans: [(rule: Int, match: PhraseMatcher.Match)]) -> [(Int, PhraseMatcher.Match)] {
        if spans.count <= 1 { return spans.map { ($0.rule, $0.match) } }
        let ranked = spans.sorted { lhs, rhs in
            let left = ruleSeverity[lhs.rule]
            let right = ruleSeverity[rhs.rule]
            if left != right { return left > right }
            if rulePrecedence[lhs.rule] != rulePrecedence[rhs.rule] {
                return rulePrecedence[lhs.rule] > rulePrecedence[rhs.rule]
            }
            // Then the words that come first ("most effective treatment" is a superlative).
            if lhs.match.start != rhs.match.start { return lhs.match.start < rhs.match.start }
            return ruleIDRank[lhs.rule] < ruleIDRank[rhs.rule]
        }
        var kept: [(Int, PhraseMatcher.Match)] = []
        for (rule, match) in ranked {
            if let index = kept.firstIndex(where: { $0.1.start < match.end && match.start < $0.1.end }) {
                let winner = kept[index].1
                kept[index].1 = PhraseMatcher.Match(
                    entry: winner.entry, start: min(winner.start, match.start), end: max(winner.end, match.end))
            } else {
                kept.append((rule, match))
            }
        }
        return kept
    }

    /// Is the sentence someone's own words: in a block quote, or inside quotation marks? A question
    /// ("“Chiropractic for my child?”") voices a worry, not an outcome.
    private func isQuoted(_ sentence: SentenceContext) -> Bool {
        let text = sentence.block.text
        if text[sentence.range].contains(UInt8(ascii: "?")) { return false }
        if sentence.block.quoteDepth > 0 { return true }
        guard let first = sentence.range.first else { return false }
        // An opening “ or " at the start of the sentence.
        return text[first] == UInt8(ascii: "\"")
            || (text[first] == 0xE2 && first + 2 < text.count && text[first + 1] == 0x80 && text[first + 2] == 0x9C)
    }
}
