import Foundation
import Testing

@testable import ClaimLint

/// Issue 10, item 9: a page reports at most `max-findings-per-file` findings, and one
/// `too-many-findings` finding says how many more there were and where they begin.
@Suite("Findings per page are capped")
struct FindingLimitTests {
    static let limitID = "too-many-findings"

    static func linter(cap: Int) throws -> Linter {
        var rules = TestSupport.defaultLinter.ruleSet
        rules.maxFindingsPerFile = cap
        return try Linter(ruleSet: rules)
    }

    /// The number the limit finding's message gives.
    static func moreCount(_ finding: Finding) -> Int? {
        let words = finding.message.split(separator: " ")
        return words.indices.dropFirst().first { words[$0] == "more" && Int(words[$0 - 1]) != nil }.flatMap {
            Int(words[$0 - 1])
        }
    }

    /// Pages that exercise every way a finding is settled: claims whose paragraph cites later
    /// (cleared), headings covered by the paragraph under them, list items with nested lists,
    /// sentence-scoped rules, unresolved markers, statistics and missing disclosures.
    static let pages: [String] = {
        let uncited = "Ketamine infusions cure depression and 70% of patients feel better in a day."
        let cited = "Our TMS therapy is clinically proven to relieve anxiety [1]."
        var mixed =
            "# Ketamine cures depression\n\nIt is proven to work ([study](https://pubmed.ncbi.nlm.nih.gov/1/)).\n\n"
        for index in 0..<60 {
            switch index % 6 {
            case 0: mixed += "\(uncited) \(uncited)\n\n"
            case 1: mixed += "\(uncited) More text here. \(cited)\n\n"
            case 2: mixed += "- \(uncited)\n  - \(uncited) [7]\n\n  \(uncited)\n- \(cited)\n\n"
            case 3: mixed += "## Guaranteed results, risk-free\n\n\(uncited)\n\n"
            case 4: mixed += "| \(uncited) | 9 out of 10 doctors agree |\n| --- | --- |\n| \(uncited) | \(cited) |\n\n"
            default: mixed += "> “I was cured in one session,” says Ann. \(uncited)\n\n"
            }
        }
        mixed += "1. Smith J. A trial. https://doi.org/10.1000/1\n"
        let oneParagraph = Array(repeating: uncited, count: 80).joined(separator: " ")
        let citedAtEnd = oneParagraph + " See [the trial](https://pubmed.ncbi.nlm.nih.gov/2/).\n\n" + oneParagraph
        return [mixed, oneParagraph, citedAtEnd]
            + ["ketamine-clinic.md", "stem-cell-center.md"].map {
                (try? String(
                    contentsOf: TestSupport.packageRoot.appendingPathComponent("Samples/\($0)"), encoding: .utf8))
                    ?? ""
            }
    }()

    @Test(
        "with any cap, a page reports its first findings in report order and counts the rest exactly",
        arguments: [1, 2, 7, 40, 150])
    func capKeepsTheFirstAndCountsTheRest(cap: Int) throws {
        let whole = try Self.linter(cap: RulesLoader.largestMaxFindings)
        let capped = try Self.linter(cap: cap)
        for (index, page) in Self.pages.enumerated() {
            let all = whole.lint(page)
            #expect(!all.contains { $0.ruleID == Self.limitID })
            let found = capped.lint(page)
            let limits = found.filter { $0.ruleID == Self.limitID }
            let reported = found.filter { $0.ruleID != Self.limitID }
            if all.count <= cap {
                #expect(found == all, "page \(index), cap \(cap)")
                continue
            }
            #expect(reported == Array(all.prefix(cap)), "page \(index), cap \(cap): the first \(cap) findings")
            let limit = try #require(limits.first, "page \(index), cap \(cap): no \(Self.limitID) finding")
            #expect(limits.count == 1)
            #expect(Self.moreCount(limit) == all.count - cap, "page \(index), cap \(cap): \(limit.message)")
            #expect(limit.message.contains("max-findings-per-file: \(cap)"))
            // It stands where the first finding not reported starts.
            #expect(limit.range.start == all[cap].range.start, "page \(index), cap \(cap)")
            #expect(limit.severity == .error && limit.kind == .limit)
        }
    }

    @Test("a page of thousands of claims in one paragraph reports the cap and counts the rest")
    func oneHugeParagraph() throws {
        let sentence = "Our ketamine infusions cure depression. "
        let page = String(repeating: sentence, count: 5_000)
        let found = try Self.linter(cap: 100).lint(page)
        let limit = try #require(found.last { $0.ruleID == Self.limitID })
        let reported = found.filter { $0.ruleID != Self.limitID }
        #expect(reported.count == 100)
        let total = try Self.linter(cap: RulesLoader.largestMaxFindings).lint(page).count
        #expect(total > 5_000)
        #expect(Self.moreCount(limit) == total - 100)
        // The same paragraph with a citation at its end clears every claim: nothing to cap.
        let cited = page + "See [the trial](https://pubmed.ncbi.nlm.nih.gov/3/)."
        let citedFindings = try Self.linter(cap: 100).lint(cited)
        #expect(!citedFindings.contains { $0.ruleID == Self.limitID })
        #expect(citedFindings.count < 100)
    }

    @Test("the default cap is 10,000 per page")
    func defaultCap() throws {
        #expect(TestSupport.defaultLinter.ruleSet.maxFindingsPerFile == 10_000)
        let page = String(repeating: "Ketamine cures depression [4] in 70% of patients [5]. ", count: 5_200)
        let found = TestSupport.defaultLinter.lint(page)
        #expect(found.count == 10_001)
        #expect(found.last?.ruleID == Self.limitID)
    }

    @Test("directives' own findings count towards the cap")
    func directivesCount() throws {
        let page = String(repeating: "<!-- claimlint-disable-next-line efficacy -->\nBook a visit.\n\n", count: 30)
        let found = try Self.linter(cap: 10).lint(page)
        #expect(found.count == 11)
        let limit = try #require(found.first { $0.ruleID == Self.limitID })
        #expect(Self.moreCount(limit) == 50)  // 30 directives, each without a reason and unused
    }

    @Test("max-findings-per-file is read from .claimlint.yml and from a rules file, and checked")
    func configurable() throws {
        let configuration = try ProjectConfiguration.load(
            yaml: "version: 1\nmax-findings-per-file: 2\n", file: ".claimlint.yml")
        let configured = try configuration.applied(to: TestSupport.defaultLinter.ruleSet)
        #expect(configured.maxFindingsPerFile == 2)
        let rules = try RulesLoader.loadExtendingDefaults(
            yaml: "version: 1\nmax-findings-per-file: 25\n", file: "rules.yml")
        #expect(rules.maxFindingsPerFile == 25)
        #expect(rules.rule(withID: Self.limitID) != nil)
        for (value, message) in [
            ("0", "between 1 and 1000000"), ("2000000", "between 1 and 1000000"), ("many", "whole number"),
        ] {
            let error = try #require(throws: RulesError.self) {
                try ProjectConfiguration.load(
                    yaml: "version: 1\nmax-findings-per-file: \(value)\n", file: ".claimlint.yml")
            }
            #expect(error.line == 2 && error.column == 24, "\(error)")
            #expect("\(error)".contains(message), "\(error)")
        }
    }

    @Test("with the limit rule turned off the cap still holds, without the finding")
    func limitRuleOff() throws {
        let configuration = try ProjectConfiguration.load(
            yaml: "version: 1\nmax-findings-per-file: 3\ndisable: [too-many-findings]\n", file: ".claimlint.yml")
        let linter = try Linter(ruleSet: configuration.applied(to: TestSupport.defaultLinter.ruleSet))
        let found = linter.lint(String(repeating: "Our ketamine infusions cure depression. ", count: 20))
        #expect(found.count == 3)
        #expect(!found.contains { $0.ruleID == Self.limitID })
    }

    @Test("claimlint rules lists the limit rule and claimlint explain describes it with the cap in force")
    func listedAndExplained() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "version: 1\nmax-findings-per-file: 500\n".write(
            to: folder.appendingPathComponent(".claimlint.yml"), atomically: true, encoding: .utf8)
        let rules = try TestSupport.run(["rules"], in: folder)
        #expect(rules.status == 0)
        #expect(rules.stdout.contains(Self.limitID))
        let explained = try TestSupport.run(["explain", Self.limitID], in: folder)
        #expect(explained.status == 0)
        #expect(explained.stdout.contains("max-findings-per-file"))
        #expect(explained.stdout.contains("500"), "\(explained.stdout)")
    }
}
