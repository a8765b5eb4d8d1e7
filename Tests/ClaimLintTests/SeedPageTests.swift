import Foundation
import Testing

@testable import ClaimLint

/// The page the project started from (../shared/seeds/ketamine-anxiousness.md): every problem a
/// reviewer flags on it must be reported, and a citation in each paragraph must clear them.
/// The page is read from the shared folder at test time; its text is not copied into the project.
@Suite("Seed page", .needsShared("seeds/ketamine-anxiousness.md"))
struct SeedPageTests {
    static let seedURL = TestMaterial.shared("seeds/ketamine-anxiousness.md")

    private func seed() throws -> String {
        try #require(
            FileManager.default.fileExists(atPath: Self.seedURL.path),
            "the shared seed page is missing at \(Self.seedURL.path)")
        return try String(contentsOf: Self.seedURL, encoding: .utf8)
    }

    /// Findings whose matched words contain `words`.
    private func findings(_ findings: [Finding], containing words: String) -> [Finding] {
        findings.filter {
            $0.matchedText.lowercased().contains(words.lowercased())
                || $0.sentence.contains(words) && $0.matchedText.isEmpty
        }
    }

    @Test("the CLI exits 1 on the seed page")
    func exitCode() throws {
        _ = try seed()
        let output = try TestSupport.run(["check", "--no-config", Self.seedURL.path])
        #expect(output.status == 1)
    }

    @Test("every problem on the seed page is reported")
    func everythingReported() throws {
        let found = TestSupport.defaultLinter.lint(try seed())
        let statistics = found.filter { $0.kind == .statistic }
        #expect(statistics.contains { $0.matchedText.contains("40 million") })
        #expect(statistics.contains { $0.matchedText.contains("16 million") })
        #expect(found.contains { $0.category == "regulatory" && $0.matchedText.contains("FDA-approved") })
        let speed = found.filter { $0.sentence.contains("fast-acting") && $0.kind == .claim }
        #expect(speed.contains { $0.matchedText.contains("fast-acting") })
        #expect(speed.contains { $0.matchedText.contains("long-lasting") })
        #expect(speed.contains { $0.matchedText.contains("very effective") })
        #expect(
            found.contains {
                $0.kind == .claim && $0.matchedText.contains("proven to alleviate")
                    || $0.matchedText.contains("have proven")
            })
        let disclosures = found.filter { $0.kind == .disclosure }
        #expect(disclosures.contains { $0.category == "off-label" })
        #expect(disclosures.contains { $0.category == "crisis-line" })
    }

    /// Adds a footnote, a link and a [n] marker with a reference list to the paragraphs that carry
    /// the statistics, the FDA claim and "have proven to alleviate".
    private func citedSeed() throws -> String {
        var lines = try seed().components(separatedBy: "\n")
        func cite(_ marker: String, _ suffix: String) throws {
            let index = try #require(lines.firstIndex { $0.contains(marker) }, "seed line with \(marker) not found")
            lines[index] += suffix
        }
        try cite("40 million", " [^1]")
        try cite(
            "FDA-approved",
            " See the [FDA label](https://www.accessdata.fda.gov/drugsatfda_docs/label/2022/016812s046lbl.pdf).")
        try cite("have proven to alleviate", " [2]")
        try cite("effective alternative treatment method", " [1]")
        try cite("rapidly effective option", " (Krystal et al., 2019)")
        lines += [
            "", "## References", "",
            "1. Berman RM et al. Antidepressant effects of ketamine. Biol Psychiatry. 2000.",
            "2. Feder A et al. Efficacy of intravenous ketamine. JAMA Psychiatry. 2014.",
            "",
            "[^1]: https://www.nimh.nih.gov/health/statistics/any-anxiety-disorder",
            "",
        ]
        return lines.joined(separator: "\n")
    }

    @Test("a citation in each of those paragraphs clears their claim and statistic findings")
    func citationsClear() throws {
        let found = TestSupport.defaultLinter.lint(try citedSeed())
        let claimsAndStatistics = found.filter { $0.kind == .claim || $0.kind == .statistic }
        for words in [
            "40 million", "16 million", "FDA-approved", "fast-acting", "very effective", "proven",
            "effective alternative", "rapidly effective",
        ] {
            #expect(!claimsAndStatistics.contains { $0.sentence.contains(words) }, "still reported: \(words)")
        }
        #expect(!found.contains { $0.kind == .citation }, "every marker resolves")
        // Citations do not make the page's missing disclosures go away.
        #expect(found.contains { $0.kind == .disclosure && $0.category == "off-label" })
    }
}
