import Foundation
import Testing

@_spi(Stages) @testable import ClaimLint

/// Issue 10, item 9: parsing one page is bounded (`ParseLimit`). libcmark builds the whole page's
/// tree before anything can be read from it, so a page of millions of inline marks or blocks is
/// refused with a message once the tree or the prose passes its bound, and the next page parses
/// as if nothing had happened.
@Suite("Parsing a page is bounded")
struct ParseLimitTests {
    static func linter(_ limit: ParseLimit) -> Linter {
        var linter = TestSupport.defaultLinter
        linter.parseLimit = limit
        return linter
    }

    /// Unmatched brackets: cmark keeps a text node and a bracket for each until the paragraph ends.
    static let brackets = String(repeating: "Ketamine cures depression [9]. [", count: 20_000)
    /// Many small paragraphs: a block of prose each.
    static let paragraphs = String(repeating: "Book a visit today.\n\n", count: 20_000)

    @Test("a page whose tree passes the bound is an error naming the bound, not findings")
    func treeOverLimit() throws {
        let limit = ParseLimit(treeBytes: 4 << 20, proseBytes: ParseLimit.standard.proseBytes)
        let report = Self.linter(limit).lint(bytes: Array(Self.brackets.utf8), path: "brackets.md")
        // Counted first: a failed expectation on the findings themselves would print all 20,000
        // of them, which takes longer than any time limit (the test would hang, not fail).
        let findings = report.findings.count
        #expect(findings == 0)
        #expect(
            report.error
                == "needs more than 4 MiB to parse (libcmark's tree of a page with millions of blocks or inline marks); not linted"
        )
        // Within the standard bound the same page is linted.
        let linted = TestSupport.defaultLinter.lint(bytes: Array(Self.brackets.utf8), path: "brackets.md")
        #expect(linted.error == nil)
        #expect(!linted.findings.isEmpty)
    }

    @Test("a page whose prose blocks pass the bound is an error naming the bound")
    func proseOverLimit() throws {
        let limit = ParseLimit(treeBytes: ParseLimit.standard.treeBytes, proseBytes: 1 << 20)
        let report = Self.linter(limit).lint(bytes: Array(Self.paragraphs.utf8), path: "many.md")
        let findings = report.findings.count
        #expect(findings == 0)
        #expect(report.error?.hasPrefix("holds more than 1 MiB of prose blocks") == true, "\(report.error ?? "")")
        let within = MarkdownParser.parse(SourceText(Self.paragraphs), limit: .standard)
        #expect((try? within.get())?.blocks.count == 20_000)
    }

    @Test("the bound is on what the page needs, so a smaller page of the same kind passes it")
    func boundScalesWithThePage() throws {
        let limit = ParseLimit(treeBytes: 4 << 20, proseBytes: 1 << 20)
        let small = String(Self.brackets.prefix(Self.brackets.count / 40))
        let fewer = String(repeating: "Book a visit today.\n\n", count: 500)
        for page in [small, fewer] {
            let parsed = MarkdownParser.parse(SourceText(page), limit: limit)
            #expect((try? parsed.get()) != nil)
        }
    }

    @Test("after a refused page the thread's arena is empty and the next page parses as before")
    func arenaAfterRefusal() throws {
        let page =
            "# Our clinic\n\nKetamine cures *depression* fast [1].\n\n" + "| a | b |\n| --- | --- |\n| 70% | of us |\n"
        let before = MarkdownParser.parse(SourceText(page)).blocks.map(\.string)
        let tight = ParseLimit(treeBytes: 1 << 20, proseBytes: 64 << 10)
        for refused in [Self.brackets, Self.paragraphs] {
            let outcome = MarkdownParser.parse(SourceText(refused), limit: tight)
            #expect((try? outcome.get()) == nil)
            #expect(ParseArena.current.pointee.footprint == 0)
            #expect(MarkdownParser.parse(SourceText(page)).blocks.map(\.string) == before)
        }
    }

    @Test("the arena's footprint counts its chunks and large blocks, and a reset clears it")
    func footprint() {
        var arena = ParseArena()
        defer { arena.reset() }
        #expect(arena.footprint == 0)
        _ = arena.allocate(100)
        #expect(arena.footprint == 64 * 1024)
        let large = arena.allocate(100_000)
        #expect(arena.footprint == 64 * 1024 + 16 + 100_000)
        let grown = arena.reallocate(large, 300_000)
        #expect(arena.footprint == 64 * 1024 + 16 + 300_000)
        arena.release(grown)
        #expect(arena.footprint == 64 * 1024)
        arena.reset()
        #expect(arena.footprint == 0)
    }

    @Test("claimlint check names the file, gives the reason and exits 2; the other files are linted")
    func commandLine() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // About 1.3 million unmatched brackets in one paragraph: cmark would need about 300 MiB.
        try String(repeating: "[", count: 1_300_000).write(
            to: folder.appendingPathComponent("brackets.md"), atomically: true, encoding: .utf8)
        try "Clinically proven results.\n".write(
            to: folder.appendingPathComponent("ok.md"), atomically: true, encoding: .utf8)
        let output = try TestSupport.run(["check", "--no-config", "brackets.md", "ok.md"], in: folder)
        #expect(output.status == 2)
        #expect(
            output.stderr.contains(
                "claimlint: error: brackets.md: needs more than 256 MiB to parse (libcmark's tree"),
            "\(output.stderr)")
        #expect(output.stdout.contains("ok.md:1:1:"), "\(output.stdout)")
    }
}
