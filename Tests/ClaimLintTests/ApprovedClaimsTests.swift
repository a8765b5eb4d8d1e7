import Foundation
import Testing

@testable import ClaimLint

/// The approved-claims library: validation, exact and near matches, expiry and paths.
@Suite("Approved claims")
struct ApprovedClaimsTests {
    static let approved = ApprovedClaimFixture.approved
    static let library = ApprovedClaimFixture.library("    expires: 2030-01-01\n")

    private func check(
        _ page: String, library: String = library, path: String = "page.md", today: String = "2025-06-01"
    ) throws -> [Finding] {
        let claims = try ApprovedClaims.load(yaml: library, file: "approved.yml")
        let linter = TestSupport.defaultLinter
        var report = linter.lint(bytes: Array(page.utf8), path: path)
        claims.apply(to: &report, ruleSet: linter.ruleSet, today: CalendarDate(today)!)
        return report.findings
    }

    @Test("the exact sentence is approved, with its id and reference, whatever its case, punctuation and line breaks")
    func exactSentenceIsApproved() throws {
        for page in [
            Self.approved,
            "TMS therapy may *reduce* symptoms of depression in adults\nwho have not responded to antidepressant medication!",
        ] {
            let claims = try check(page + "\n").filter { $0.kind == .claim }
            #expect(!claims.isEmpty)
            #expect(
                claims.allSatisfy {
                    $0.status
                        == .approved(
                            id: "tms-depression-1", reference: "Example Trial Group. J Example Psychiatry 2020;1:1-10")
                })
        }
    }

    struct Variant: CustomTestStringConvertible, Sendable {
        var sentence: String
        var differs: String
        var testDescription: String { sentence }
    }

    static let variants: [Variant] = [
        Variant(
            sentence:
                "TMS therapy eliminates symptoms of depression in adults who have not responded to antidepressant medication.",
            differs: "\"may reduce\" → \"eliminates\""),
        Variant(
            sentence: "TMS therapy may reduce symptoms of depression in adults who have not responded to medication.",
            differs: "\"antidepressant\" dropped"),
        Variant(
            sentence:
                "TMS therapy may reduce symptoms of depression in all adults who have not responded to antidepressant medication.",
            differs: "\"all\" added"),
        Variant(
            sentence:
                "TMS therapy reduces symptoms of depression in adults who have not responded to antidepressant medication.",
            differs: "\"may reduce\" → \"reduces\""),
    ]

    @Test("a near variant is approved-claim-variant naming the entry and the words that differ", arguments: variants)
    func nearVariant(_ variant: Variant) throws {
        let found = try check(variant.sentence + "\n")
        let flagged = found.filter { $0.ruleID == "approved-claim-variant" }
        #expect(flagged.count == 1, "\(found.map(\.ruleID))")
        #expect(flagged.first?.message.contains("'tms-depression-1'") == true)
        #expect(flagged.first?.severity == .error)
        #expect(flagged.first?.message.contains(variant.differs) == true, "\(flagged.first?.message ?? "")")
        // It stands for the sentence's claim: the claim rule's finding is not reported twice.
        #expect(!found.contains { $0.kind == .claim && $0.counts })
    }

    @Test("a sentence far from every entry keeps its own finding (half the words dropped is not near)")
    func unrelatedSentence() throws {
        let far = try check("TMS therapy may reduce symptoms of depression in adults.\n")
        #expect(!far.contains { $0.kind == .approval })
        let found = try check("Our ketamine infusions cure depression in one session.\n")
        #expect(!found.contains { $0.kind == .approval })
        #expect(found.contains { $0.kind == .claim && $0.counts })
    }

    @Test("an expired entry, and one used outside its paths, are findings")
    func expiredAndOutsidePaths() throws {
        let expired = try check(Self.approved + "\n", today: "2030-01-02")
        #expect(expired.contains { $0.ruleID == "approved-claim-expired" && $0.message.contains("2030-01-01") })
        let scoped = Self.library + "    paths: [\"services/tms/**\"]\n"
        let outside = try check(Self.approved + "\n", library: scoped, path: "blog/post.md")
        #expect(outside.contains { $0.ruleID == "approved-claim-outside-paths" })
        let inside = try check(Self.approved + "\n", library: scoped, path: "services/tms/index.md")
        #expect(inside.contains { $0.status != nil } && !inside.contains { $0.kind == .approval })
    }

    struct Invalid: CustomTestStringConvertible, Sendable {
        var yaml: String
        var error: String
        var testDescription: String { error }
    }

    static let invalid: [Invalid] = [
        Invalid(
            yaml:
                "version: 1\nclaims:\n  - id: a\n    text: x y\n    reference: r\n    approved-by: b\n    approved-on: 2024-02-30\n",
            error: "approved.yml:7:18: error: approved-on must be a date written YYYY-MM-DD, not '2024-02-30'"),
        Invalid(
            yaml:
                "version: 1\nclaims:\n  - id: a\n    text: x y\n    reference: r\n    approved-by: b\n    approved-on: 2024-02-01\n    owner: me\n",
            error: "approved.yml:8:5: error: unknown key 'owner' in an approved claim"),
        Invalid(
            yaml: "version: 1\nclaims:\n  - id: a\n    text: x y\n    approved-by: b\n    approved-on: 2024-02-01\n",
            error: "approved.yml:3:5: error: approved claim 'a' is missing 'reference'"),
        Invalid(
            yaml:
                "version: 1\nclaims:\n  - id: a\n    text: x y\n    reference: r\n    approved-by: b\n    approved-on: 2024-02-01\n  - id: a\n    text: x z\n    reference: r\n    approved-by: b\n    approved-on: 2024-02-01\n",
            error: "approved.yml:8:9: error: duplicate approved claim id 'a'"),
        Invalid(
            yaml:
                "version: 1\nclaims:\n  - id: a\n    text: x y\n    reference: r\n    approved-by: b\n    approved-on: 2024-02-01\n    expires: 2023-01-01\n",
            error: "approved.yml:8:14: error: expires 2023-01-01 is before approved-on 2024-02-01"),
        Invalid(yaml: "version: 2\nclaims: []\n", error: "approved.yml:1:10: error: unsupported version 2"),
    ]

    @Test("a bad library is an error with file:line:column", arguments: invalid)
    func validation(_ test: Invalid) {
        do {
            _ = try ApprovedClaims.load(yaml: test.yaml, file: "approved.yml")
            Issue.record("expected an error")
        } catch {
            #expect("\(error)".hasPrefix(test.error), "\(error)")
        }
    }

    @Test("the index finds the same variants as comparing with every entry")
    func indexAgreesWithBruteForce() {
        var generator = SystemRandomNumberGenerator()
        let vocabulary = (0..<300).map { "w\($0)" }
        let entries = (0..<400).map { _ in
            (0..<Int.random(in: 5...18, using: &generator)).map { _ in vocabulary.randomElement(using: &generator)! }
        }
        let index = ApprovedClaimIndex(entries)
        for _ in 0..<400 {
            var sentence = entries.randomElement(using: &generator)!
            for _ in 0..<Int.random(in: 0...5, using: &generator) where !sentence.isEmpty {
                switch Int.random(in: 0..<3, using: &generator) {
                case 0:
                    sentence[Int.random(in: 0..<sentence.count, using: &generator)] = vocabulary.randomElement(
                        using: &generator)!
                case 1: sentence.remove(at: Int.random(in: 0..<sentence.count, using: &generator))
                default:
                    sentence.insert(
                        vocabulary.randomElement(using: &generator)!,
                        at: Int.random(in: 0...sentence.count, using: &generator))
                }
            }
            let brute = entries.contains {
                WordDiff.isNearVariant(
                    entry: $0, sentence: sentence, kept: WordDiff.longestCommonSubsequence($0, sentence))
            }
            #expect((index.nearVariant(of: sentence) != nil) == brute, "\(sentence)")
        }
    }

    @Test("the index picks the entry comparing with every entry would: the most words kept, then the first listed")
    func indexPicksTheClosestEntry() {
        var generator = SystemRandomNumberGenerator()
        // A small vocabulary, so that a sentence is near many entries at once.
        let vocabulary = (0..<40).map { "w\($0)" }
        let entries = (0..<300).map { _ in
            (0..<Int.random(in: 5...14, using: &generator)).map { _ in vocabulary.randomElement(using: &generator)! }
        }
        let index = ApprovedClaimIndex(entries)
        let scratch = index.makeScratch()
        for _ in 0..<300 {
            var sentence = entries.randomElement(using: &generator)!
            sentence[Int.random(in: 0..<sentence.count, using: &generator)] = vocabulary.randomElement(
                using: &generator)!
            var best: (entry: Int, kept: Int, count: Int)?
            for (position, entry) in entries.enumerated() {
                let kept = WordDiff.longestCommonSubsequence(entry, sentence)
                guard WordDiff.isNearVariant(entry: entry, sentence: sentence, kept: kept) else { continue }
                if let current = best, kept * current.count <= current.kept * entry.count { continue }
                best = (position, kept, entry.count)
            }
            #expect(index.nearVariant(of: sentence, scratch: scratch)?.entry == best?.entry, "\(sentence)")
        }
    }

    @Test("a scratch numbers its sentences; when the numbers wrap its counters start afresh")
    func scratchNumbersWrap() {
        let entry = (0..<10).map { "e\($0)" }
        let index = ApprovedClaimIndex([entry, (0..<10).map { "f\($0)" }])
        let scratch = ApprovedClaimIndex.Scratch(entries: index.entryCount, words: index.wordCount, sentence: 0xFFFD)
        var changed = entry
        changed[4] = "x"
        // Half the entry's words: it is a candidate (it holds the words it is indexed under), but no variant.
        let half = Array(entry.prefix(5)) + ["v", "w", "x", "y", "z"]
        // Across the wrap, hits counted for one sentence neither count for nor hide an entry from the next.
        for _ in 0..<4 {
            #expect(index.nearVariant(of: changed, scratch: scratch)?.entry == 0)
            #expect(index.nearVariant(of: half, scratch: scratch) == nil)
        }
        #expect(scratch.sentence < 0xFFFD)
    }

    @Test("the bit-parallel longest common subsequence and edit distance agree with the tables, up to 64 words")
    func bitParallel() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let alphabet = Int32.random(in: 1...12, using: &generator)
            let a = (0..<Int.random(in: 0...40, using: &generator)).map { _ in
                Int32.random(in: 0..<alphabet, using: &generator)
            }
            let b = (0..<Int.random(in: 1...64, using: &generator)).map { _ in
                Int32.random(in: 0..<alphabet, using: &generator)
            }
            var masks = [UInt64](repeating: 0, count: Int(alphabet))
            for (position, word) in b.enumerated() { masks[Int(word)] |= 1 << UInt64(position) }
            #expect(
                WordDiff.longestCommonSubsequence(a[...], masks: masks, length: b.count)
                    == WordDiff.longestCommonSubsequence(a, b), "\(a) \(b)")
            // The edit distance stops early past its limit: any limit gives the table's answer, capped.
            let limit = Int.random(in: 0...70, using: &generator)
            #expect(
                WordDiff.editDistance(a[...], masks: masks, length: b.count, limit: limit)
                    == WordDiff.editDistance(a, b, limit: limit), "\(a) \(b) \(limit)")
        }
    }

    @Test("the index finds variants in sentences longer than 64 words, and one scratch serves many sentences")
    func longSentencesAndScratchReuse() {
        let entry = (0..<20).map { "e\($0)" }
        let index = ApprovedClaimIndex([entry, (0..<12).map { "f\($0)" }])
        let scratch = index.makeScratch()
        let padding = (0..<70).map { "pad\($0)" }
        // The entry inside a long sentence keeps all its words in order: a variant.
        #expect(index.nearVariant(of: padding + entry, scratch: scratch)?.entry == 0)
        // Four of its words changed: 80% kept, still a variant; five: not (and more than three edits).
        var changed = entry
        for position in [1, 5, 9, 13] { changed[position] = "x\(position)" }
        #expect(index.nearVariant(of: changed, scratch: scratch)?.entry == 0)
        changed[17] = "x17"
        #expect(index.nearVariant(of: changed, scratch: scratch) == nil)
        #expect(index.nearVariant(of: padding + changed, scratch: scratch) == nil)
        // The scratch left nothing behind: the same answers again, and for the other entry.
        #expect(index.nearVariant(of: padding + entry, scratch: scratch)?.entry == 0)
        #expect(index.nearVariant(of: (0..<12).map { "f\($0)" } + ["g"], scratch: scratch)?.entry == 1)
    }

    @Test(
        "must show: the exact sentence exits 0 reported as approved; \"may reduce\" → \"eliminates\" exits 1 naming the id"
    )
    func commandLine() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.library.write(to: folder.appendingPathComponent("approved.yml"), atomically: true, encoding: .utf8)
        try "version: 1\napproved-claims: approved.yml\n".write(
            to: folder.appendingPathComponent(".claimlint.yml"), atomically: true, encoding: .utf8)
        let page = folder.appendingPathComponent("tms.md")
        try "# TMS\n\n\(Self.approved)\n\nIn crisis? Call or text 988.\n".write(
            to: page, atomically: true, encoding: .utf8)
        let passes = try TestSupport.run(["check", "tms.md", "--format", "json"], in: folder)
        #expect(passes.status == 0, "\(passes.stdout)\(passes.stderr)")
        #expect(passes.stdout.contains("\"status\": \"approved\""))
        #expect(passes.stdout.contains("\"approvedClaim\": \"tms-depression-1\""))
        let text = try TestSupport.run(["check", "tms.md"], in: folder)
        #expect(text.stdout.contains("not counted: 1 approved"), "\(text.stdout)")
        try "# TMS\n\n\(ApprovedClaimFixture.variant)\n\nIn crisis? Call or text 988.\n"
            .write(to: page, atomically: true, encoding: .utf8)
        let variant = try TestSupport.run(["check", "tms.md", "--quiet"], in: folder)
        #expect(variant.status == 1)
        #expect(
            variant.stdout.contains("approved claim 'tms-depression-1'")
                && variant.stdout.contains("[approved-claim-variant]"), "\(variant.stdout)")
        // --approved names the library on the command line; a bad one is exit 2 naming it.
        try "version: 1\nclaims: 3\n".write(
            to: folder.appendingPathComponent("bad.yml"), atomically: true, encoding: .utf8)
        let bad = try TestSupport.run(["check", "tms.md", "--approved", "bad.yml"], in: folder)
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("bad.yml:2:9"), "\(bad.stderr)")
    }
}
