/// JUnit XML, the format most CI systems (GitLab, Jenkins, Azure, CircleCI) show as test results:
/// one testsuite per file, one failing testcase per finding, one passing testcase for a file with
/// no findings, and an errored testcase for a file that could not be linted. Each suite carries
/// the run record (tool version, rules digest, the file's SHA-256) as properties.
public struct JUnitReporter: Reporter {
    public init() {}

    public func render(_ report: LintReport) -> String {
        // Accepted findings (suppressed, baselined, approved) are skipped test cases, not failures.
        let findings = report.allFindings.count
        let failures = report.countingFindings.count
        let passing = report.files.count { $0.error == nil && $0.findings.isEmpty }
        let errors = report.files.count { $0.error != nil } + report.errors.count
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"claimlint\" tests=\"\(findings + passing + errors)\" failures=\"\(failures)\" errors=\"\(errors)\">\n"
        for file in report.files {
            out += suite(file, report: report)
        }
        if !report.errors.isEmpty {
            // Paths that name no file (missing, no Markdown in a folder) still count as errors.
            out += "  <testsuite name=\"claimlint inputs\" tests=\"\(report.errors.count)\" failures=\"0\" errors=\"\(report.errors.count)\" skipped=\"0\">\n"
            out += properties(report, sha256: nil)
            for problem in report.errors {
                out += "    <testcase classname=\"claimlint inputs\" name=\"\(esc(problem))\">\n"
                out += "      <error message=\"\(esc(problem))\" type=\"input\"/>\n"
                out += "    </testcase>\n"
            }
            out += "  </testsuite>\n"
        }
        out += "</testsuites>\n"
        return out
    }

    private func suite(_ file: FileReport, report: LintReport) -> String {
        let path = esc(file.path)
        let tests = file.error != nil ? 1 : max(1, file.findings.count)
        var out = "  <testsuite name=\"\(path)\" tests=\"\(tests)\" failures=\"\(file.findings.count(where: \.counts))\" errors=\"\(file.error == nil ? 0 : 1)\" skipped=\"\(file.findings.count { !$0.counts })\">\n"
        out += properties(report, sha256: file.sha256)
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
            out += "    <testcase classname=\"\(path)\" name=\"\(esc(finding.ruleID)) at \(start.line):\(start.column)\">\n"
            if let status = finding.status {
                out += "      <skipped message=\"\(esc(status.name + (status.detail.isEmpty ? "" : ": " + status.detail)))\"/>\n"
                out += "    </testcase>\n"
                continue
            }
            out += "      <failure message=\"\(esc(finding.message))\" type=\"\(finding.severity.rawValue)\">"
            out += esc("\(file.path):\(start.line):\(start.column): \(finding.severity.rawValue): \(finding.message) [\(finding.ruleID)]\n", inAttribute: false)
            out += esc("Text: \(finding.matchedText)\nSentence: \(finding.sentence)\nFix: \(finding.fix)", inAttribute: false)
            out += "</failure>\n"
            out += "    </testcase>\n"
        }
        out += "  </testsuite>\n"
        return out
    }

    private func properties(_ report: LintReport, sha256: String?) -> String {
        var out = "    <properties>\n"
        out += "      <property name=\"claimlint.version\" value=\"\(esc(report.toolVersion))\"/>\n"
        out += "      <property name=\"claimlint.rulesDigest\" value=\"\(esc(report.rulesDigest))\"/>\n"
        if let sha256 { out += "      <property name=\"sha256\" value=\"\(esc(sha256))\"/>\n" }
        out += "    </properties>\n"
        return out
    }

    private func esc(_ text: String, inAttribute: Bool = true) -> String {
        MarkupEscaping.escape(text, inAttribute: inAttribute)
    }
}
