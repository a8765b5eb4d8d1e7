/// JUnit XML, the format most CI systems (GitLab, Jenkins, Azure, CircleCI) show as test results:
/// one testsuite per file, one failing testcase per finding, one passing testcase for a file with
/// no findings, and an errored testcase for a file that could not be linted. Each suite carries
/// the run record (tool version, rules digest, the file's SHA-256) as properties.
public final class JUnitReporter: Reporter {
    // One report's state, reset by `begin`. The root element carries the run's totals, so the
    // suites are spooled until the end.
    private var start = RunStart(rulesDigest: "")
    private var suites = ReportSpool()
    private var passing = 0

    public init() {}

    public func begin(_ run: RunStart, to out: ReportOutput) {
        start = run
        suites = ReportSpool()
        passing = 0
    }

    public func file(_ file: FileReport, to out: ReportOutput) {
        if file.error == nil, file.findings.isEmpty { passing += 1 }
        suites.write(suite(file))
    }

    public func end(_ run: RunEnd, to out: ReportOutput) throws {
        // Accepted findings (suppressed, baselined, approved) are skipped test cases, not failures.
        let findings = run.totals.findings + run.totals.accepted
        let failures = run.totals.findings
        let errors = run.totals.notLinted
        out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        out.write(
            "<testsuites name=\"claimlint\" tests=\"\(findings + passing + errors)\" failures=\"\(failures)\" errors=\"\(errors)\">\n"
        )
        try suites.copy(to: out)
        if !run.errors.isEmpty {
            // Paths that name no file (missing, no Markdown in a folder) still count as errors.
            var text =
                "  <testsuite name=\"claimlint inputs\" tests=\"\(run.errors.count)\" failures=\"0\" errors=\"\(run.errors.count)\" skipped=\"0\">\n"
            text += properties(sha256: nil)
            for problem in run.errors {
                text += "    <testcase classname=\"claimlint inputs\" name=\"\(esc(problem))\">\n"
                text += "      <error message=\"\(esc(problem))\" type=\"input\"/>\n"
                text += "    </testcase>\n"
            }
            text += "  </testsuite>\n"
            out.write(text)
        }
        out.write("</testsuites>\n")
    }

    private func suite(_ file: FileReport) -> String {
        let path = esc(FileName.escaped(file.path))
        let tests = file.error != nil ? 1 : max(1, file.findings.count)
        var out =
            "  <testsuite name=\"\(path)\" tests=\"\(tests)\" failures=\"\(file.findings.count(where: \.counts))\" errors=\"\(file.error == nil ? 0 : 1)\" skipped=\"\(file.findings.count { !$0.counts })\">\n"
        out += properties(sha256: file.sha256)
        if let error = file.error {
            out += "    <testcase classname=\"\(path)\" name=\"lint\">\n"
            out += "      <error message=\"\(esc(error))\" type=\"input\"/>\n"
            out += "    </testcase>\n"
        } else if file.findings.isEmpty {
            out += "    <testcase classname=\"\(path)\" name=\"no findings\"/>\n"
        }
        for finding in file.findings {
            let start = finding.range.start
            // The position makes names unique within a suite, which some CI systems need.
            out +=
                "    <testcase classname=\"\(path)\" name=\"\(esc(finding.ruleID)) at \(start.line):\(start.column)\">\n"
            if let status = finding.status {
                out +=
                    "      <skipped message=\"\(esc(status.name + (status.detail.isEmpty ? "" : ": " + status.detail)))\"/>\n"
                out += "    </testcase>\n"
                continue
            }
            out += "      <failure message=\"\(esc(finding.message))\" type=\"\(finding.severity.rawValue)\">"
            out += esc(
                "\(FileName.escaped(file.path)):\(start.line):\(start.column): \(finding.severity.rawValue): \(finding.message) [\(finding.ruleID)]\n",
                inAttribute: false)
            out += esc(
                "Text: \(finding.matchedText)\nSentence: \(finding.sentence)\nFix: \(finding.fix)", inAttribute: false)
            out += "</failure>\n"
            out += "    </testcase>\n"
        }
        out += "  </testsuite>\n"
        return out
    }

    private func properties(sha256: String?) -> String {
        var out = "    <properties>\n"
        out += "      <property name=\"claimlint.version\" value=\"\(esc(start.toolVersion))\"/>\n"
        out += "      <property name=\"claimlint.rulesDigest\" value=\"\(esc(start.rulesDigest))\"/>\n"
        if let sha256 { out += "      <property name=\"sha256\" value=\"\(esc(sha256))\"/>\n" }
        out += "    </properties>\n"
        return out
    }

    private func esc(_ text: String, inAttribute: Bool = true) -> String {
        MarkupEscaping.escape(text, inAttribute: inAttribute)
    }
}
