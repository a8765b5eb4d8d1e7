import Testing

@testable import ClaimLint

/// The claim grammar of the default rules: an effect verb with a health object, its mood (a
/// question asks, it does not claim), citation markers that reviewers read as citations, and the
/// explanation every finding carries.
@Suite("Claim grammar")
struct ClaimGrammarTests {
    private static func findings(_ markdown: String) -> [Finding] {
        TestSupport.defaultLinter.lint(markdown)
    }

    @Test(
        "an ordinary benefit verb with a health object is a claim, whoever wrote it",
        arguments: [
            ("Our collagen drink can ease stiff joints.", "ease"),
            ("The tincture promotes deeper sleep.", "promotes"),
            ("Each drip calms a racing mind and restores energy.", "restores"),
            ("- To support healthy digestion", "support"),
            ("Our shakes strengthen bones and muscles.", "strengthen"),
        ] as [(String, String)]
    )
    func benefitClaims(markdown: String, verb: String) throws {
        let found = Self.findings(markdown).filter { $0.kind == .claim }
        try #require(!found.isEmpty, "no claim in: \(markdown)")
        #expect(found.contains { $0.because.contains { $0.text == verb } })
    }

    @Test(
        "questions, intent and history are not claims",
        arguments: [
            "Can our collagen drink ease stiff joints?",
            "If you are looking to improve your sleep, call us.",
            "In ancient Greece, physicians used heat to soothe sore muscles.",
        ]
    )
    func notClaims(markdown: String) {
        #expect(Self.findings(markdown).filter { $0.ruleID == "health-benefit" }.isEmpty)
    }

    @Test(
        "a number sign before 1 is a rank (\"number one\"), a superlative: not a statistic, a marker or a negation",
        arguments: [
            ("We are the No.1 laser clinic for acne scars.", "No.1"),
            ("Voted the No. 1 clinic for laser hair removal in the county.", "No. 1"),
            ("Our spa is the Nr.1 choice for Botox in town.", "Nr.1"),
            ("The #1 rated clinic for weight loss injections.", "#1"),
        ] as [(String, String)]
    )
    func numberOneIsSuperlative(markdown: String, rank: String) throws {
        let found = Self.findings(markdown)
        let superlative = try #require(found.first { $0.ruleID == "superlative" }, "\(found.map(\.ruleID))")
        #expect(superlative.matchedText.hasPrefix(rank))
        #expect(!found.contains { $0.kind == .statistic })
        #expect(!found.contains { $0.ruleID.contains("citation") })
    }

    @Test("the explanation names the effect and the body part with their exact ranges")
    func explanationRanges() throws {
        let found = Self.findings("Café 🌿 blend: it can ease stiff joints.").filter { $0.ruleID == "health-benefit" }
        try #require(found.count == 1)
        // "joints" is in more than one lexicon of health objects; the role is the one its phrase named.
        #expect(found[0].because.map(\.text) == ["ease", "joints"])
        #expect(found[0].because.first?.role == "effect")
        #expect(found[0].explanation.hasPrefix("effect 'ease' + "))
        #expect(found[0].because.map(\.range.start.column) == [22, 33])
        #expect(found[0].because.map(\.range.end.column) == [26, 39])
        #expect(!found[0].explainsItself)
    }

    @Test(
        "a numbered marker after a claim is its citation: the claim is covered",
        arguments: [
            "Our shots boost energy levels (2).\n\n## References\n\n1. A.\n2. B.\n",
            "Our shots boost energy levels (1,2).\n\n## References\n\n1. A.\n2. B.\n",
            "Our shots boost energy levels¹.\n\n## References\n\n1. A.\n",
            "Our shots boost energy levels (Aureli A, et.al. 2023).\n",
            "Our shots boost energy levels, as Lee et al. 2015 found.\n",
            "Our shots boost energy (1) levels in a week.\n\n## References\n\n1. A.\n",
        ]
    )
    func markersCite(markdown: String) {
        #expect(Self.findings(markdown).filter { $0.kind == .claim }.isEmpty, "\(markdown)")
    }

    @Test("numbers in parentheses that enumerate items in a sentence are not citation markers")
    func enumerationIsNoMarker() {
        let found = Self.findings("We offer (1) shots that boost energy levels and (2) weekly coaching.\n")
        #expect(found.contains { $0.kind == .claim })
        #expect(!found.contains { $0.ruleID == "unresolved-citation" })
    }

    @Test("a marker that resolves to nothing is reported once, as an unresolved citation, not also as an uncited claim")
    func unresolvedMarkerOnce() {
        let found = Self.findings("Our shots boost energy levels (2).\n")
        #expect(found.map(\.ruleID) == ["unresolved-citation"])
    }

    @Test("the clinic's own data is a weak citation, not a clean pass")
    func weakCitation() {
        let found = Self.findings("Nine in ten patients felt calmer after one session (our patient survey, 2023).\n")
        #expect(found.contains { $0.ruleID == "weak-citation" })
    }

    @Test("a disclosure finding names what triggered it")
    func disclosureExplanation() throws {
        let found = Self.findings("# Ketamine for depression\n\nOur ketamine infusions are offered here.\n").filter {
            $0.ruleID == "off-label-disclosure"
        }
        try #require(found.count == 1)
        #expect(found[0].because.allSatisfy { $0.role == "trigger" })
        #expect(found[0].because.count >= 2)
    }
}
