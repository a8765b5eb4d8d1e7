import Testing

@_spi(Stages) @testable import ClaimLint

/// `CarriedContext`: a `carry-context` rule's context may come from the headings above its
/// sentence or from the earlier sentences of its paragraph, list or table, and from nowhere else.
@Suite("Carried context")
struct CarriedContextTests {
    private static func findings(_ markdown: String) -> [Finding] {
        TestSupport.defaultLinter.lint(markdown)
    }

    @Test(
        "an effect sentence under a heading, or after a sentence, that names the treatment is a claim about it",
        arguments: [
            // (page, line of the finding, its words)
            ("## Ketamine for depression\n\nIt relieves anxiety within days.\n", 3, "relieves anxiety"),
            (
                "# Our clinic\n\n## Exosome therapy\n\n### What to expect\n\nMost people say it relieves knee pain.\n",
                7, "relieves knee pain"
            ),
            (
                "We now offer ketamine infusions. They can relieve anxiety and chronic pain.\n", 1,
                "relieve anxiety and chronic pain"
            ),
            ("Our PRP injections:\n\n- heal tendon pain\n- come in three sizes\n", 3, "heal tendon pain"),
            ("- Stem cell injections\n- Reduce arthritis in weeks\n", 2, "Reduce arthritis"),
        ] as [(String, Int, String)]
    )
    func carried(page: String, line: Int, words: String) throws {
        let found = Self.findings(page).filter { $0.ruleID == "unapproved-disease-claim" }
        let finding = try #require(found.first, "no unapproved-disease-claim in: \(page)")
        #expect(found.count == 1)
        #expect(finding.range.start.line == line)
        #expect(finding.matchedText == words)
    }

    @Test(
        "an unrelated earlier paragraph, a heading replaced by the next of its level, a list after a plain paragraph do not carry",
        arguments: [
            "# Our clinic\n\nWe also offer ketamine infusions.\n\nMassage relieves anxiety.\n",
            "## Ketamine\n\nAsk us about infusions.\n\n## Massage\n\nIt relieves anxiety.\n",
            "We also offer exosome facials.\n\n- Massage relieves back pain\n",
            "| Service | Use |\n| --- | --- |\n| PRP | hair |\n\nMassage relieves back pain.\n",
        ]
    )
    func notCarried(page: String) {
        let found = Self.findings(page)
        #expect(!found.contains { $0.ruleID == "unapproved-disease-claim" }, "\(found.map(\.ruleID))")
        // The sentence is still a disease claim, without the off-label modality.
        #expect(found.contains { $0.ruleID == "disease-claim" })
    }

    @Test("a rule without carry-context keeps its context to the sentence")
    func sentenceOnly() throws {
        var ruleSet = try RulesLoader.defaultRules()
        let index = try #require(ruleSet.rules.firstIndex { $0.id == "unapproved-disease-claim" })
        #expect(ruleSet.rules[index].carryContext)
        ruleSet.rules[index].carryContext = false
        let found = try Linter(ruleSet: ruleSet).lint(
            "## Ketamine for depression\n\nIt relieves anxiety within days.\n")
        #expect(!found.contains { $0.ruleID == "unapproved-disease-claim" })
    }

    @Test("the carried lexicons: a heading's reach ends at the next heading of its level or above")
    func headingLevels() throws {
        let ruleSet = try RulesLoader.defaultRules()
        let matcher = try PhraseMatcher(ruleSet: ruleSet)
        let ketamine = try #require(matcher.lexiconNames.firstIndex(of: "ketamine"))
        var carried = CarriedContext(lexicons: matcher.lexiconNames.count)
        var hits = PhraseMatcher.Scratch()
        func read(_ kind: ProseBlock.Kind, _ text: String) {
            var block = ProseBlock(kind: kind, scope: 0, listOrdinal: nil, quoteDepth: 0)
            block.text = Array(text.utf8)
            carried.enter(block)
            var tokens: [Token] = []
            Tokenizer.tokenize(block.text, into: &tokens)
            matcher.prepare(tokens, text: block.text, &hits)
            carried.note(hits)
        }
        read(.heading(level: 2), "Ketamine infusions")
        read(.heading(level: 3), "Your first visit")
        #expect(carried.contains(ketamine))
        read(.paragraph, "Plan on two hours.")
        #expect(carried.contains(ketamine))
        read(.heading(level: 2), "Parking")
        #expect(!carried.contains(ketamine))
        read(.paragraph, "Ketamine is given by a nurse.")
        #expect(carried.contains(ketamine))
        read(.paragraph, "The garage is free.")
        #expect(!carried.contains(ketamine))
    }
}
