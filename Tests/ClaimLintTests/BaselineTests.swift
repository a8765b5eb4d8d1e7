import Foundation
import Testing

@testable import ClaimLint

/// The baseline: keyed on the claim (file, rule, sentence words), not the line.
@Suite("Baseline")
struct BaselineTests {
    /// Samples/ copied to a fresh folder that the caller removes.
    private func copiedSamples() throws -> URL {
        let folder = try TestSupport.temporaryFolder()
        try FileManager.default.copyItem(
            at: TestSupport.packageRoot.appendingPathComponent("Samples"), to: folder.appendingPathComponent("Samples"))
        return folder
    }

    private func edit(_ file: URL, _ change: (String) -> String) throws {
        let text = try String(contentsOf: file, encoding: .utf8)
        let changed = change(text)
        #expect(changed != text, "the edit changed nothing in \(file.lastPathComponent)")
        try changed.write(to: file, atomically: true, encoding: .utf8)
    }

    @Test("lines inserted and a paragraph re-wrapped: --baseline exits 0; a new claim: exit 1 and only that claim")
    func baselineSurvivesEditsAndCatchesNewClaims() throws {
        let folder = try copiedSamples()
        defer { try? FileManager.default.removeItem(at: folder) }
        let before = try TestSupport.run(["check", "Samples", "--no-config", "--format", "json"], in: folder)
        #expect(before.status == 1)
        let summary = try #require(
            (try JSONSerialization.jsonObject(with: Data(before.stdout.utf8)) as? [String: Any])?["summary"]
                as? [String: Any])
        let recorded = try #require(summary["findings"] as? Int)
        let write = try TestSupport.run(
            ["check", "Samples", "--no-config", "--write-baseline", "claimlint-baseline.json"], in: folder)
        #expect(write.status == 0, "\(write.stderr)")
        #expect(write.stderr.contains("claimlint-baseline.json: recorded"))

        let page = folder.appendingPathComponent("Samples/stem-cell-center.md")
        // Lines above every old finding, and the paragraph of line 12-13 re-wrapped.
        try edit(page) { "<!-- moved down -->\n\nA new opening paragraph about our team.\n\n" + $0 }
        try edit(page) {
            $0.replacingOccurrences(
                of: "injections regenerate cartilage where it has\nworn thin",
                with: "injections regenerate\ncartilage where it has worn thin")
        }
        let edited = try TestSupport.run(
            ["check", "Samples", "--no-config", "--baseline", "claimlint-baseline.json"], in: folder)
        #expect(edited.status == 0, "\(edited.stdout)")
        #expect(
            edited.stdout.contains("0 errors, 0 warnings, 0 info; not counted: \(recorded) in the baseline (0 stale)"),
            "\(edited.stdout)")

        try edit(page) { $0 + "\nWe guarantee results or your money back.\n" }
        let added = try TestSupport.run(
            ["check", "Samples", "--no-config", "--baseline", "claimlint-baseline.json", "--quiet"], in: folder)
        #expect(added.status == 1)
        let lines = added.stdout.split(separator: "\n")
        #expect(lines.count == 1 && lines[0].hasSuffix("[guarantee]"), "\(added.stdout)")
    }

    @Test("a changed sentence is new, and the old one is stale; --baseline-strict fails on stale entries")
    func changedSentenceIsNewAndStale() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("page.md")
        try "We guarantee results or your money back.\n".write(to: page, atomically: true, encoding: .utf8)
        #expect(
            try TestSupport.run(["check", "page.md", "--no-config", "--write-baseline", "b.json"], in: folder).status
                == 0)
        try "We guarantee results, or your money back!\n".write(to: page, atomically: true, encoding: .utf8)
        // Punctuation and case are not words: still the same claim.
        let same = try TestSupport.run(
            ["check", "page.md", "--no-config", "--baseline", "b.json", "--baseline-strict"], in: folder)
        #expect(same.status == 0, "\(same.stdout + same.stderr)")
        try "We guarantee lasting results or your money back.\n".write(to: page, atomically: true, encoding: .utf8)
        let changed = try TestSupport.run(["check", "page.md", "--no-config", "--baseline", "b.json"], in: folder)
        #expect(changed.status == 1)
        #expect(changed.stdout.contains("not counted: 0 in the baseline (1 stale)"), "\(changed.stdout)")
        try "Book a consultation.\n".write(to: page, atomically: true, encoding: .utf8)
        let gone = try TestSupport.run(["check", "page.md", "--no-config", "--baseline", "b.json"], in: folder)
        #expect(gone.status == 0)
        let strict = try TestSupport.run(
            ["check", "page.md", "--no-config", "--baseline", "b.json", "--baseline-strict"], in: folder)
        #expect(strict.status == 1)
        #expect(strict.stderr.contains("b.json: records 1 finding that no longer occur"), "\(strict.stderr)")
    }

    @Test("a count per key: two identical sentences need two entries' worth")
    func countPerKey() throws {
        let linter = TestSupport.defaultLinter
        let once = linter.lint(bytes: Array("We guarantee results.\n".utf8), path: "/site/page.md")
        var baseline = Baseline(file: "/site/b.json")
        baseline.record(once)
        let twice = linter.lint(
            bytes: Array("We guarantee results.\n\nWe guarantee results.\n".utf8), path: "/site/page.md")
        let applied = baseline.apply(to: twice)
        #expect(applied.report.findings.map { $0.counts } == [false, true])
        #expect(applied.stale == 0)
    }

    @Test("the file is sorted, one entry per line, paths relative to the baseline's folder, the same every time")
    func deterministicFormat() throws {
        let linter = TestSupport.defaultLinter
        var baseline = Baseline(file: "/site/ci/b.json")
        baseline.record(linter.lint(bytes: Array("We guarantee results.\n".utf8), path: "/site/pages/z.md"))
        baseline.record(
            linter.lint(
                bytes: Array("Our TMS therapy is proven to relieve anxiety.\n\nWe guarantee \"results\".\n".utf8),
                path: "/site/pages/a.md"))
        let text = baseline.render()
        let expected = """
            {
              "version": 1,
              "findings": [
                {"path": "../pages/a.md", "rule": "efficacy", "sentence": "our tms therapy is proven to relieve anxiety", "count": 1},
                {"path": "../pages/a.md", "rule": "guarantee", "sentence": "we guarantee results", "count": 1},
                {"path": "../pages/z.md", "rule": "guarantee", "sentence": "we guarantee results", "count": 1}
              ]
            }

            """
        #expect(text == expected)
        let read = try Baseline.load(Data(text.utf8), file: "/site/ci/b.json")
        #expect(read.counts == baseline.counts)
        #expect(read.render() == text)
        #expect(Baseline(file: "b.json").render() == "{\n  \"version\": 1,\n  \"findings\": []\n}\n")
    }

    @Test("a bad baseline file is an error naming it (exit 2); --write-baseline refuses an input")
    func badBaselineFile() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "We guarantee results.\n".write(
            to: folder.appendingPathComponent("page.md"), atomically: true, encoding: .utf8)
        try "{\"version\": 1}".write(to: folder.appendingPathComponent("b.json"), atomically: true, encoding: .utf8)
        let bad = try TestSupport.run(["check", "page.md", "--no-config", "--baseline", "b.json"], in: folder)
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("b.json: not a claimlint baseline"), "\(bad.stderr)")
        let missing = try TestSupport.run(["check", "page.md", "--no-config", "--baseline", "none.json"], in: folder)
        #expect(missing.status == 2)
        for target in ["page.md", "./page.md", "sub/new.md"] {
            let input = target == "sub/new.md" ? "." : "page.md"
            let refused = try TestSupport.run(["check", input, "--no-config", "--write-baseline", target], in: folder)
            #expect(refused.status == 2, "\(target)")
            #expect(refused.stderr.contains("is an input of this run"), "\(refused.stderr)")
        }
        #expect(
            try String(contentsOf: folder.appendingPathComponent("page.md"), encoding: .utf8)
                == "We guarantee results.\n")
    }

    @Test("JSON marks baselined findings and counts stale ones; SARIF sets baselineState")
    func reportsShowTheBaseline() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "We guarantee results.\n".write(
            to: folder.appendingPathComponent("page.md"), atomically: true, encoding: .utf8)
        _ = try TestSupport.run(["check", "page.md", "--no-config", "--write-baseline", "b.json"], in: folder)
        try "We guarantee results.\n\nStem cells cure arthritis.\n".write(
            to: folder.appendingPathComponent("page.md"), atomically: true, encoding: .utf8)
        let json = try TestSupport.run(
            ["check", "page.md", "--no-config", "--baseline", "b.json", "--format", "json"], in: folder)
        #expect(json.stdout.contains("\"status\": \"baselined\""))
        #expect(json.stdout.contains("\"baselineStale\": 0"))
        let sarif = try TestSupport.run(
            ["check", "page.md", "--no-config", "--baseline", "b.json", "--format", "sarif"], in: folder)
        #expect(sarif.stdout.contains("\"baselineState\" : \"unchanged\""))
        #expect(sarif.stdout.contains("\"baselineState\" : \"new\""))
        #expect(sarif.status == 1)
    }

    @Test("baseline: in .claimlint.yml judges check as --baseline does, relative to that file; --baseline wins")
    func baselineFromConfiguration() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let site = folder.appendingPathComponent("site")
        try FileManager.default.createDirectory(
            at: site.appendingPathComponent("ci"), withIntermediateDirectories: true)
        try "version: 1\nroot: true\nbaseline: ci/b.json\n".write(
            to: site.appendingPathComponent(".claimlint.yml"), atomically: true, encoding: .utf8)
        let page = site.appendingPathComponent("page.md")
        try "We guarantee results.\n".write(to: page, atomically: true, encoding: .utf8)
        // The configured file need not exist to be written: --write-baseline records afresh.
        let write = try TestSupport.run(["check", "site", "--write-baseline", "site/ci/b.json"], in: folder)
        #expect(write.status == 0, "\(write.stderr)")
        let judged = try TestSupport.run(["check", "site", "--baseline-strict"], in: folder)
        #expect(judged.status == 0, "\(judged.stdout + judged.stderr)")
        #expect(judged.stdout.contains("not counted: 1 in the baseline (0 stale)"), "\(judged.stdout)")
        let sarif = try TestSupport.run(["check", "site", "--format", "sarif"], in: folder)
        #expect(sarif.stdout.contains("\"baselineState\" : \"unchanged\""), "\(sarif.stdout)")
        // The command line wins: an empty baseline absorbs nothing.
        try Baseline(file: "empty.json").render().write(
            to: folder.appendingPathComponent("empty.json"), atomically: true, encoding: .utf8)
        let overridden = try TestSupport.run(["check", "site", "--baseline", "empty.json"], in: folder)
        #expect(overridden.status == 1)
        #expect(overridden.stdout.contains("not counted: 0 in the baseline (0 stale)"), "\(overridden.stdout)")
        let shown = try TestSupport.run(["config", "site"], in: folder)
        #expect(shown.stdout.contains("Baseline: \(site.path)/ci/b.json"), "\(shown.stdout)")
        // A configured baseline that is missing stops the run, naming it.
        try FileManager.default.removeItem(at: site.appendingPathComponent("ci/b.json"))
        let missing = try TestSupport.run(["check", "site"], in: folder)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("ci/b.json: cannot read this baseline file"), "\(missing.stderr)")
        let strict = try TestSupport.run(["check", "site", "--no-config", "--baseline-strict"], in: folder)
        #expect(strict.status == 2)
        #expect(strict.stderr.contains("--baseline-strict needs a baseline"), "\(strict.stderr)")
    }
}
