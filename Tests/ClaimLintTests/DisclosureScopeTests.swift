import Testing

@testable import ClaimLint

/// Where a disclosure trigger's condition stands decides whether it counts (`TriggerScope`): in a
/// sentence about another treatment, negated, or as one example in a list of conditions, it says
/// nothing about what the page promotes.
@Suite("Disclosure trigger scope")
struct DisclosureScopeTests {
    private static func disclosures(_ markdown: String, rule: String) -> [Finding] {
        TestSupport.defaultLinter.lint(markdown).filter { $0.ruleID == rule }
    }

    @Test("a condition named in a sentence about another treatment does not pair with the page's treatment")
    func otherTreatment() {
        let background = """
            # TMS Clinic

            TMS is a treatment for adults with major depression.

            Antidepressants alone can bring on mania in people with bipolar disorder.
            """
        #expect(Self.disclosures(background, rule: "off-label-disclosure").isEmpty)
        let promoted = """
            # TMS Clinic

            TMS is a treatment for adults with major depression.

            Our TMS sessions also help people with bipolar disorder.
            """
        #expect(Self.disclosures(promoted, rule: "off-label-disclosure").count == 1)
    }

    @Test("a generic word for care is no other treatment")
    func genericTreatment() {
        let page = """
            # TMS Clinic

            TMS is a treatment for adults with major depression.

            Treatment for bipolar disorder starts with an evaluation.
            """
        #expect(Self.disclosures(page, rule: "off-label-disclosure").count == 1)
    }

    @Test("a negated condition does not trigger")
    func negated() {
        let page = """
            # TMS Clinic

            TMS is a treatment for adults with major depression. It is never used for schizophrenia.
            """
        #expect(Self.disclosures(page, rule: "off-label-disclosure").isEmpty)
    }

    @Test(
        "a crisis topic that is only one of three or more listed conditions does not make a crisis-line page",
        arguments: [
            ("Biofeedback is used for migraines, insomnia and PTSD.", 0),
            ("Biofeedback is used for migraines, insomnia, and severe PTSD.", 0),
            ("Biofeedback is used for migraines and PTSD.", 1),
            ("Biofeedback is used for PTSD, and it also helps you relax.", 1),
            ("Biofeedback helps veterans with PTSD.", 1),
        ] as [(String, Int)]
    )
    func conditionLists(sentence: String, expected: Int) {
        let page = "# Biofeedback\n\n\(sentence)\n"
        #expect(Self.disclosures(page, rule: "crisis-line").count == expected, "\(sentence)")
    }

    @Test("a heading's list of conditions is its section's subject")
    func headingList() {
        let page = "# Biofeedback for Migraines, Insomnia and PTSD\n\nSessions take forty minutes.\n"
        #expect(Self.disclosures(page, rule: "crisis-line").count == 1)
    }

    @Test("in-condition-lists applies to disclosure rules only")
    func onlyDisclosures() {
        let yaml = """
            version: 1
            rules:
              - id: my-claim
                kind: claim
                category: efficacy
                severity: warning
                message: m
                fix: f
                source: https://example.org
                phrases: [cures]
                in-condition-lists: false
            """
        #expect(throws: RulesError.self) { try RulesLoader.load(yaml: yaml, file: "test.yml") }
    }
}
