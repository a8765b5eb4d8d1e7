import Foundation
import Testing

@testable import ClaimLint

/// SARIF against the official schema, and fingerprints that survive edits.
@Suite("SARIF")
struct SARIFTests {
    /// Validates with Python's jsonschema against the official schema in ../shared. Without them the
    /// tests skip and say so (`TestMaterial`); `.ci/run` makes them mandatory.
    private func validate(_ sarif: String) throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("report.sarif")
        try sarif.write(to: file, atomically: true, encoding: .utf8)
        let schema = TestMaterial.shared(Self.schema)
        let script = """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1]))
            document = json.load(open(sys.argv[2]))
            validator = jsonschema.validators.validator_for(schema)(schema)
            errors = sorted(validator.iter_errors(document), key=lambda e: list(e.path))
            for error in errors[:10]:
                print('/'.join(map(str, error.path)), error.message)
            sys.exit(1 if errors else 0)
            """
        let output = try TestSupport.runProgram("/usr/bin/env", ["python3", "-c", script, schema.path, file.path])
        #expect(output.status == 0, "SARIF does not validate: \(output.stdout)\(output.stderr)")
    }

    static let schema = "schemas/sarif-schema-2.1.0.json"

    @Test(
        "the SARIF of Samples/ validates against the SARIF 2.1.0 schema", .needsShared(schema),
        .needsPython("jsonschema"))
    func samplesValidate() throws {
        let output = try TestSupport.run(["check", "Samples", "--format", "sarif", "--no-config"])
        #expect(output.status == 1)
        #expect(output.stdout.contains("\"ruleId\""))
        try validate(output.stdout)
    }

    @Test(
        "the SARIF of the fixed findings (errors, notes, outside paths) validates too", .needsShared(schema),
        .needsPython("jsonschema"))
    func fixtureValidates() throws {
        try validate(
            try SARIFReporter(workingDirectory: ReporterFixture.workingDirectory).render(
                ReporterFixture.report, rules: ReporterFixture.rules))
    }

    @Test(
        "SARIF with suppressions (a directive, an approved claim) and baseline states validates", .needsShared(schema),
        .needsPython("jsonschema"))
    func suppressionsValidate() throws {
        let page =
            "<!-- claimlint-disable-next-line efficacy -- ticket 12 -->\nOur TMS therapy is proven to relieve anxiety.\n\n<!-- claimlint-disable-next-line efficacy -->\nOur TMS therapy is proven to relieve anxiety.\n\nOur TMS therapy is proven to relieve anxiety.\n\nOur TMS therapy is proven to relieve anxiety.\n"
        var file = TestSupport.defaultLinter.lint(bytes: Array(page.utf8), path: "page.md")
        let open = file.findings.indices.filter { file.findings[$0].counts && file.findings[$0].ruleID == "efficacy" }
        try #require(open.count == 2)
        file.findings[open[0]].status = .approved(id: "tms-anxiety-1", reference: "PMID 12345678")
        file.findings[open[1]].status = .baselined(baseline: "claimlint-baseline.json")
        var report = LintReport(files: [file])
        report.baseline = BaselineSummary(file: "claimlint-baseline.json", stale: 0)
        let sarif = try SARIFReporter().render(report, rules: TestSupport.defaultLinter.ruleSet)
        #expect(sarif.contains("\"kind\" : \"inSource\""))
        #expect(sarif.contains("\"kind\" : \"external\""))
        #expect(sarif.contains("\"baselineState\" : \"unchanged\""))
        #expect(sarif.contains("\"baselineState\" : \"new\""))
        try validate(sarif)
    }

    /// Rule id and snippet → fingerprint, for the findings of one page linted with the defaults.
    private func fingerprints(_ page: String) throws -> [(rule: String, line: Int, fingerprint: String)] {
        let file = TestSupport.defaultLinter.lint(bytes: Array(page.utf8), path: "page.md")
        let sarif = try SARIFReporter().render(LintReport(files: [file]), rules: TestSupport.defaultLinter.ruleSet)
        let log = try #require(try JSONSerialization.jsonObject(with: Data(sarif.utf8)) as? [String: Any])
        let results = try #require((log["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]])
        return try results.map { result in
            let location = try #require(
                (result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
            let line = try #require((location["region"] as? [String: Any])?["startLine"] as? Int)
            let fingerprint = try #require(
                (result["partialFingerprints"] as? [String: String])?[FindingFingerprint.key])
            return (try #require(result["ruleId"] as? String), line, fingerprint)
        }
    }

    @Test("inserting lines above a finding and re-wrapping its paragraph keep its fingerprint")
    func fingerprintsSurviveEdits() throws {
        let before = """
            # Knee pain

            Our stem cell injections are clinically proven to regenerate cartilage.

            Ask about our plans. Results are clinically proven.

            """
        let after = """
            # Knee pain

            Opening hours are listed below.

            Parking is on Elm Street.

            Our stem cell injections are clinically
            proven to regenerate
            cartilage.

            Ask about our plans. Results
            are clinically   proven.

            """
        let old = try fingerprints(before)
        let new = try fingerprints(after)
        // The same rule and text twice: the occurrence index tells them apart.
        let authority = old.filter { $0.rule == "scientific-authority" }
        try #require(authority.map(\.line) == [3, 5])
        #expect(authority[0].fingerprint != authority[1].fingerprint)
        #expect(new.count == old.count)
        for finding in old {
            let moved = try #require(
                new.first { $0.fingerprint == finding.fingerprint }, "\(finding.rule) lost its fingerprint")
            #expect(moved.rule == finding.rule)
        }
        // The lines really moved, so the equality above is not trivial.
        #expect(new.filter { $0.rule == "scientific-authority" }.map(\.line) == [7, 12])
        #expect(new.filter { $0.rule == "scientific-authority" }.map(\.fingerprint) == authority.map(\.fingerprint))
    }

    @Test("fingerprints normalize case and whitespace but keep rule and occurrence apart")
    func fingerprintRecipe() {
        #expect(FindingFingerprint.normalized("  Clinically\n  PROVEN ") == "clinically proven")
        let finding = ReporterFixture.finding(
            "superlative", .claim, "superlative", .info, from: (1, 1), to: (1, 5), text: "Best", sentence: "Best.")
        var other = finding
        other.ruleID = "regulatory-status"
        var moved = finding
        moved.range = SourceRange(start: SourcePosition(line: 40, column: 9), end: SourcePosition(line: 40, column: 13))
        moved.matchedText = "best"
        let prints = FindingFingerprint.fingerprints(of: FileReport(path: "p.md", findings: [finding, other, moved]))
        #expect(Set(prints).count == 3)
        #expect(FindingFingerprint.fingerprints(of: FileReport(path: "p.md", findings: [moved])) == [prints[0]])
    }
}
