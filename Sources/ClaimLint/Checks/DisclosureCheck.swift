/// Page-level disclosures: a `kind: disclaimer` rule is reported once, at its first trigger, on a
/// page where one of its trigger entries occurs (every element of the entry, anywhere, each where
/// `TriggerScope` says it counts) and none of its `satisfied-by` phrases does.
final class DisclosureCheck: Sendable {
    private let matcher: PhraseMatcher
    /// Each disclosure rule with, for each of its trigger entries, the sighting slots of that
    /// entry's elements (all must be seen for the entry to trigger).
    private let triggers: [(rule: Int, entries: [[Int]])]
    private let sightingCount: Int
    /// For each matcher entry that is a disclosure trigger, its slot among the page's sightings; -1 for other entries.
    private let sightingSlot: [Int]
    /// Each rule's disclosure texts, by trigger group (`text`, `triggerGroups`).
    private let ruleTexts: [(text: [String: String], triggerGroups: [String])]
    /// How many elements each rule's trigger entries have, by rule and entry.
    private let entrySizes: [[Int]]
    private let ruleInLists: [Bool]
    private let scope: TriggerScope

    /// Where a trigger was first seen.
    struct Sighting {
        var block: Int
        var proseRange: Range<Int>
        var sentence: Range<Int>
    }

    /// What one page has shown so far.
    struct PageState {
        var satisfied: [Bool]
        var sightings: [Sighting?]
        var scope = TriggerScope.Scratch()
        var partners: [Range<Int>] = []
    }

    init(ruleSet: RuleSet, matcher: PhraseMatcher, negation: Negation) {
        self.matcher = matcher
        ruleTexts = ruleSet.rules.map { ($0.text, $0.triggerGroups) }
        entrySizes = ruleSet.rules.map { $0.triggers.map(\.count) }
        ruleInLists = ruleSet.rules.map(\.inConditionLists)
        scope = TriggerScope(matcher: matcher, negation: negation)
        var sightingSlot = [Int](repeating: -1, count: matcher.entries.count)
        var slotsByRule: [Int: [[Int]]] = [:]
        var slots = 0
        for (index, entry) in matcher.entries.enumerated() {
            if case .trigger(let triggerEntry, _) = entry.role {
                sightingSlot[index] = slots
                var entries =
                    slotsByRule[entry.rule] ?? Array(repeating: [], count: ruleSet.rules[entry.rule].triggers.count)
                entries[triggerEntry].append(slots)
                slotsByRule[entry.rule] = entries
                slots += 1
            }
        }
        triggers = ruleSet.rules.indices.filter { ruleSet.rules[$0].kind == .disclosure }.map {
            ($0, slotsByRule[$0] ?? [])
        }
        sightingCount = slots
        self.sightingSlot = sightingSlot
    }

    func startPage(ruleCount: Int) -> PageState {
        PageState(
            satisfied: [Bool](repeating: false, count: ruleCount),
            sightings: [Sighting?](repeating: nil, count: sightingCount))
    }

    func inspect(_ sentence: SentenceContext, state: inout PageState) {
        for match in sentence.matches {
            let entry = matcher.entries[match.entry]
            switch entry.role {
            case .satisfies:
                state.satisfied[entry.rule] = true
            case .trigger(let triggerEntry, let element):
                let slot = sightingSlot[match.entry]
                if state.sightings[slot] == nil,
                    counts(match, rule: entry.rule, triggerEntry: triggerEntry, element: element, in: sentence, &state)
                {
                    state.sightings[slot] = Sighting(
                        block: sentence.blockIndex, proseRange: sentence.proseRange(ofTokens: match.start..<match.end),
                        sentence: sentence.range
                    )
                }
            case .claim, .unless:
                continue
            }
        }
    }

    /// Does a trigger element's match count where it stands (`TriggerScope`)?
    private func counts(
        _ match: PhraseMatcher.Match, rule: Int, triggerEntry: Int, element: Int, in sentence: SentenceContext,
        _ state: inout PageState
    ) -> Bool {
        state.partners.removeAll(keepingCapacity: true)
        for other in sentence.matches {
            if case .trigger(triggerEntry, let otherElement) = matcher.entries[other.entry].role,
                otherElement != element, matcher.entries[other.entry].rule == rule
            {
                state.partners.append(other.start..<other.end)
            }
        }
        return scope.counts(
            match, elements: entrySizes[rule][triggerEntry], partners: state.partners, inLists: ruleInLists[rule],
            sentence: sentence, matcher: matcher, scratch: &state.scope)
    }

    /// The disclosures the page triggered and never made, each at its first trigger.
    func missing(_ state: PageState) -> [PendingFinding] {
        var findings: [PendingFinding] = []
        for (ruleIndex, entries) in triggers where !state.satisfied[ruleIndex] {
            var first: Sighting?
            var triggered: [Sighting] = []
            // The disclosure each entry that fired calls for, with where it was first seen: a page
            // about ketamine and stem cells needs both statements, a CBD page neither of them. The
            // rule's default text is for a page where no group with its own text fired.
            var texts: [(place: (Int, Int, Int), text: String)] = []
            for (entry, slots) in entries.enumerated()
            where !slots.isEmpty && slots.allSatisfy({ state.sightings[$0] != nil }) {
                var entryFirst: (Int, Int)?
                for slot in slots {
                    guard let sighting = state.sightings[slot] else { continue }
                    let place = (sighting.block, sighting.proseRange.lowerBound)
                    if entryFirst == nil || place < entryFirst! { entryFirst = place }
                    if !triggered.contains(where: { $0.block == sighting.block && $0.proseRange == sighting.proseRange }
                    ) {
                        triggered.append(sighting)
                    }
                    if first == nil
                        || (sighting.block, sighting.proseRange.lowerBound) < (
                            first!.block, first!.proseRange.lowerBound
                        )
                    {
                        first = sighting
                    }
                }
                let groups = ruleTexts[ruleIndex].triggerGroups
                if entry < groups.count, let text = ruleTexts[ruleIndex].text[groups[entry]], let entryFirst {
                    texts.append(((entryFirst.0, entryFirst.1, entry), text))
                }
            }
            if let first {
                var seen: Set<String> = []
                var disclosure = texts.sorted { $0.place < $1.place }.map(\.text).filter { seen.insert($0).inserted }
                    .joined(separator: " ")
                if disclosure.isEmpty { disclosure = ruleTexts[ruleIndex].text[Rule.anyTrigger] ?? "" }
                // The explanation names every trigger word the rule saw, in page order.
                let because = triggered.sorted {
                    ($0.block, $0.proseRange.lowerBound) < ($1.block, $1.proseRange.lowerBound)
                }
                .map { ReasonSpan(role: "trigger", block: $0.block, proseRange: $0.proseRange) }
                findings.append(
                    PendingFinding(
                        rule: ruleIndex, block: first.block, proseRange: first.proseRange, sentence: first.sentence,
                        because: because,
                        disclosure: disclosure.isEmpty ? nil : disclosure))
            }
        }
        return findings
    }
}
