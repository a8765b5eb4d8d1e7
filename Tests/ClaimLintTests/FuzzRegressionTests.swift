import Foundation
import Testing

@_spi(Stages) @testable import ClaimLint

/// Inputs the libFuzzer targets found (Fuzz/, docs/fuzzing.md), kept so that each fix stays fixed.
/// The crash and timeout inputs themselves live in Fixtures/fuzz; the cases below are their
/// reductions, and the shapes around them.
@Suite("Fuzz regressions")
struct FuzzRegressionTests {
    static let fuzzFixtures = TestSupport.fixtures.appendingPathComponent("fuzz")

    static var savedInputs: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: fuzzFixtures.path)) ?? []).filter { $0.hasSuffix(".md") }
            .sorted()
    }

    /// What the pipeline fuzzer checks of every finding: its line:column range is its byte range
    /// converted, the range is not empty and lies in the file, and it holds the matched words (its
    /// first and last letters or digits are theirs, unless an entity, escape or tag lies in it).
    static func checkPointsAtWords(
        _ report: FileReport, _ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let source = SourceText(bytes: bytes)
        func firstAlphanumeric<S: Sequence>(_ bytes: S) -> UInt8? where S.Element == UInt8 {
            bytes.lazy.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }.first {
                ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39)
            }
        }
        for finding in report.findings {
            let range = finding.byteRange
            #expect(
                !range.isEmpty && range.upperBound <= bytes.count, "\(finding.ruleID) at \(range)",
                sourceLocation: sourceLocation)
            guard !range.isEmpty, range.upperBound <= bytes.count else { continue }
            #expect(
                source.range(fromOffset: range.lowerBound, to: range.upperBound) == finding.range,
                sourceLocation: sourceLocation)
            let slice = bytes[range]
            if !slice.contains(where: { $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "<") }
            ) {
                let matched = Array(finding.matchedText.utf8)
                #expect(
                    firstAlphanumeric(slice) == firstAlphanumeric(matched)
                        && firstAlphanumeric(slice.reversed()) == firstAlphanumeric(matched.reversed()),
                    "\(finding.ruleID) underlines '\(String(decoding: slice.prefix(80), as: UTF8.self))', not '\(finding.matchedText.prefix(80))'",
                    sourceLocation: sourceLocation
                )
            }
        }
    }

    // MARK: - Every saved input

    @Test(
        "saved fuzz inputs: findings point at their words, every report stays proportionate to the page",
        arguments: savedInputs)
    func savedInput(name: String) throws {
        let bytes = Array(try Data(contentsOf: Self.fuzzFixtures.appendingPathComponent(name)))
        let linter = TestSupport.defaultLinter
        let report = linter.lint(bytes: bytes, path: name)
        Self.checkPointsAtWords(report, bytes)
        let run = LintReport(files: [report], rulesDigest: linter.rulesDigest)
        for format in ReportFormat.allCases {
            let output = try format.reporter(workingDirectory: "/fuzz").render(run, rules: linter.ruleSet)
            // Each finding costs its message, fix, words and at most a window of its sentence. The
            // wall of superscripts (24 KB, 2,000 findings) gave 13 MB of JSON when every finding
            // carried its whole sentence.
            #expect(
                output.utf8.count < 200 * bytes.count + 100_000,
                "\(format): \(output.utf8.count) bytes for a \(bytes.count)-byte page")
        }
    }

    // MARK: - cmark's inline positions after a block's first line

    /// cmark places inlines on a paragraph's later lines by the first line's indentation
    /// (commonmark/cmark#296), and counts lines from before any link reference definitions that
    /// open the paragraph; the parser corrects both. The marker `[6]` must be found where it is.
    @Test(
        "the marker on a block's later line is found where it is",
        arguments: [
            // The fuzzer's reduction: a lazy continuation line of a list item, one byte from the end.
            (" - |\n[6]", 2, 1),
            ("- Ketamine infusions at our clinic\ncure depression [6]\n", 2, 17),
            ("- Ketamine infusions at our clinic\n  cure depression [6]\n", 2, 19),
            (" - Ketamine infusions at our clinic\n  cure depression [6]\n", 2, 19),
            ("> Ketamine infusions\n>    cure depression [6]\n", 2, 22),
            ("> > Ketamine infusions\n> cure depression [6]\n", 2, 19),
            ("> - a\n>  b [6]\n", 2, 6),
            ("> - Ketamine infusions\ncure depression [6]\n", 2, 17),
            // The final run's reduction: a lazy line that the outer item takes part of the indentation of.
            ("-\n   - .\n    [6]\n", 3, 5),
            ("-\n   - a\n    *b* cures [6]\n", 3, 15),
            ("X\n    Ketamine **cures** depression [6]\n", 2, 35),
            ("[a]: https://example.org\nKetamine cures *depression* [6]\n", 2, 29),
            ("- [a]: https://example.org\nKetamine cures depression [6]\n", 2, 27),
            ("[a]: https://example.org\n[b]: https://example.org\n  Ketamine\n cures depression [6]\n", 4, 19),
            ("- a `b\nc` cures depression [6]\n", 2, 21),
            ("- a\n  <span\nx> cures depression [6]\n", 3, 21),
            ("Setext about ketamine\n   cures depression [6]\n===\n", 2, 21),
            ("[a]: https://example.org\nKetamine cures depression [6]\n===\n", 2, 27),
            // Hard line breaks written as a backslash, which cmark does not count as lines.
            ("\\\n FDA-approved [6]\n", 2, 15),
            ("a\\\nb cures [6]\n", 2, 9),
            ("a\\\nb\\\nc [6]\n", 3, 3),
            ("- a\\\nb [6]\n", 2, 3),
            ("> a\\\n> *b* c [6]\n", 2, 9),
            // A link whose destination runs onto the next line, which cmark ends on the first.
            ("Ketamine cures depression [6] [x](\n)\n", 1, 27),
            ("Our clinic [6][](\n)", 1, 12),
            // The fuzzer's second reduction: cmark ends a setext heading on the next block's line.
            ("Ketamine infusions\nare FDA-approved [6]\n---\n# Next\n", 2, 18),
            ("\u{FEFF}- Ketamine\ncures depression [6]\n", 2, 18),
            ("- Ketamine\r\ncures depression [6]\r\n", 2, 18),
            // An autolink opening a later line, which cmark places two columns late.
            ("O\n<tp:>[6]", 2, 6),
            ("- a\n  <https://x.example/fda-approved> [6]\n", 2, 36),
            // Text nodes whose start cmark misplaces on any line: after unmatched backticks, and
            // after a delimiter left over from emphasis.
            ("`FDA clear [6]", 1, 12),
            ("*0** parent [6]", 1, 13),
            // An escaped backslash before another escape.
            ("\\\\\\- FDA-approv [6]", 1, 17),
        ] as [(String, Int, Int)]
    )
    func markerPosition(markdown: String, line: Int, column: Int) throws {
        let bytes = Array(markdown.utf8)
        let report = TestSupport.defaultLinter.lint(bytes: bytes, path: "page.md")
        let marker = try #require(report.findings.first { $0.ruleID == "unresolved-citation" })
        #expect(marker.range.start == SourcePosition(line: line, column: column))
        #expect(marker.range.end == SourcePosition(line: line, column: column + 3))
        #expect(String(decoding: bytes[marker.byteRange], as: UTF8.self) == "[6]")
        Self.checkPointsAtWords(report, bytes)
    }

    @Test("claims on a list item's lazy line are underlined where they are")
    func lazyLineClaims() throws {
        let markdown = "- Ketamine infusions at our clinic\ncure depression for good.\n"
        let bytes = Array(markdown.utf8)
        let report = TestSupport.defaultLinter.lint(bytes: bytes, path: "page.md")
        let onLine2 = report.findings.filter { $0.range.start.line == 2 }
        #expect(!onLine2.isEmpty)
        for finding in onLine2 {
            #expect(
                String(decoding: bytes[finding.byteRange], as: UTF8.self).lowercased()
                    == finding.matchedText.lowercased())
        }
        Self.checkPointsAtWords(report, bytes)
    }

    @Test(
        "an autolink's address is never prose, on a block's first line or a later one",
        arguments: [
            "Book your ketamine infusion today <https://clinic.example/guaranteed-results>\n",
            "Book your ketamine infusion today\n<https://clinic.example/guaranteed-results>\n",
            "- Book your ketamine infusion today\n<https://clinic.example/guaranteed-results>\n",
            "> Book your ketamine infusion today\n> <https://clinic.example/guaranteed-results>\n",
            "Book your ketamine infusion today\n<guaranteed@clinic.example>\n",
        ]
    )
    func autolinkIsNotProse(markdown: String) throws {
        let findings = TestSupport.defaultLinter.lint(markdown, path: "page.md")
        #expect(!findings.contains { $0.ruleID == "guarantee" })
    }

    @Test("a link whose text merely equals a relative destination is still prose")
    func relativeLinkIsProse() throws {
        let findings = TestSupport.defaultLinter.lint(
            "Our ketamine infusions come with a [guarantee](guarantee).\n", path: "page.md")
        #expect(findings.contains { $0.ruleID == "guarantee" && $0.range.start.column == 37 })
    }

    // MARK: - Long sentences

    @Test("a sentence that opens with U+FEFF reads back from the JSON report as it was written")
    func zeroWidthNoBreakSpaceRoundTrips() throws {
        // Found by the pipeline fuzzer's JSON check, which then read reports with JSONSerialization:
        // that drops a U+FEFF opening a string value. The report is right; `claimlint merge` reads it
        // with `JSONReportReader`, which must keep the character.
        let linter = TestSupport.defaultLinter
        let report = linter.lint(
            bytes: Array("| claim | result |\n| --- | --- |\n| FDA-approved | \u{FEFF}9 out of 10 [12] |\n".utf8),
            path: "t.md")
        let sentences = report.findings.map(\.sentence)
        #expect(sentences.contains { $0.hasPrefix("\u{FEFF}") })
        let json = try ReportFormat.json.reporter().render(
            LintReport(files: [report], rulesDigest: linter.rulesDigest), rules: linter.ruleSet)
        let read = try JSONReportReader.read(Data(json.utf8), path: "t.json")
        #expect(read.files.first?.findings.map(\.sentence) == sentences)
    }

    @Test("a sentence longer than 1,000 bytes is reported as a window around each finding")
    func longSentenceWindow() throws {
        let markdown = String(repeating: "<sup>1</sup>", count: 2_000) + " Ketamine cures depression.\n"
        let report = TestSupport.defaultLinter.lint(markdown, path: "wall.md")
        let markers = report.filter { $0.ruleID == "unresolved-citation" }
        #expect(markers.count == 2_000)
        for finding in report {
            #expect(finding.sentence.utf8.count <= 1_000)
            #expect(finding.sentence.contains(finding.matchedText))
        }
        #expect(markers.first?.sentence.hasPrefix("[1][1]") == true)
        #expect(markers.first?.sentence.hasSuffix("…") == true)
        #expect(markers.dropFirst(1_000).first?.sentence.hasPrefix("…") == true)
    }

    @Test("a sentence of up to 1,000 bytes is reported whole")
    func shortSentenceWhole() throws {
        let sentence = "Our ketamine infusions cure depression" + String(repeating: " and anxiety", count: 70) + "."
        #expect(sentence.utf8.count < 1_000)
        let findings = TestSupport.defaultLinter.lint(sentence + "\n", path: "page.md")
        #expect(!findings.isEmpty)
        #expect(findings.allSatisfy { $0.sentence == sentence })
    }
}
