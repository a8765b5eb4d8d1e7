import Testing

@testable import ClaimLint

/// Lead-ins (`LeadIns`): a sentence that only announces what follows is not an authority claim,
/// and the list items under it read its context as their own.
@Suite("Lead-ins")
struct LeadInTests {
    private static func rules(_ markdown: String) -> [String] {
        TestSupport.defaultLinter.lint(markdown).filter { $0.kind == .claim }.map(\.ruleID)
    }

    @Test(
        "an announcement of research is no authority claim",
        arguments: [
            "Here is what the latest studies show about cold plunges:",
            "# What the Research Says\n\nCold water lowers skin temperature.",
        ]
    )
    func announcement(markdown: String) {
        let found = Self.rules(markdown)
        #expect(!found.contains("scientific-authority") && !found.contains("authority-claim"), "\(found)")
    }

    @Test("the same words that end a sentence, not a lead-in, still claim")
    func notALeadIn() {
        #expect(Self.rules("Studies show that cold plunges ease sore muscles.").contains("scientific-authority"))
        // A colon inside a block that goes on is no lead-in either.
        #expect(Self.rules("Studies show: cold plunges ease sore muscles.").contains("scientific-authority"))
    }

    @Test("list items under a lead-in read its context")
    func inheritedContext() {
        let underLeadIn = "Why patients choose our IV drips:\n\n- Safe and quick\n- Open on weekends\n"
        #expect(Self.rules(underLeadIn).contains("safety"))
        let alone = "Why visitors like our garden:\n\n- Safe and quick\n- Open on weekends\n"
        #expect(!Self.rules(alone).contains("safety"))
        // A paragraph after the list ends what the lead-in handed down.
        let after = "Why patients choose our IV drips:\n\n- Open on weekends\n\nThe garden path is safe and quick.\n"
        #expect(!Self.rules(after).contains("safety"))
    }

    @Test("in-lead-ins applies to claim rules only")
    func onlyClaims() {
        let yaml = """
            version: 1
            rules:
              - id: my-count
                kind: statistic
                category: statistic
                severity: warning
                message: m
                fix: f
                source: https://example.org
                in-lead-ins: false
            """
        #expect(throws: RulesError.self) { try RulesLoader.load(yaml: yaml, file: "test.yml") }
    }
}
