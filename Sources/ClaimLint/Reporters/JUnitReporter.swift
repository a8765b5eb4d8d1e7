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

    /// One file's suite, as bytes (`ReportBytes`).
    private func suite(_ file: FileReport) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(512 + file.findings.count * 640)
        let name = FileName.escaped(file.path)
        var path: [UInt8] = []
        MarkupEscaping.append(name, to: &path)
        let tests = file.error != nil ? 1 : max(1, file.findings.count)
        out += "  <testsuite name=\"".utf8
        out += path
        out += "\" tests=\"".utf8
        out.appendDecimal(tests)
        out += "\" failures=\"".utf8
        out.appendDecimal(file.findings.count(where: \.counts))
        out += "\" errors=\"".utf8
        out.appendDecimal(file.error == nil ? 0 : 1)
        out += "\" skipped=\"".utf8
        out.appendDecimal(file.findings.count { !$0.counts })
        out += "\">\n".utf8
        out += properties(sha256: file.sha256).utf8
        if let error = file.error {
            out += "    <testcase classname=\"".utf8
            out += path
            out += "\" name=\"lint\">\n      <error message=\"".utf8
            MarkupEscaping.append(error, to: &out)
            out += "\" type=\"input\"/>\n    </testcase>\n".utf8
        } else if file.findings.isEmpty {
            out += "    <testcase classname=\"".utf8
            out += path
            out += "\" name=\"no findings\"/>\n".utf8
        }
        var pathInText: [UInt8] = []
        MarkupEscaping.append(name, inAttribute: false, to: &pathInText)
        for finding in file.findings {
            let start = finding.range.start
            // The position makes names unique within a suite, which some CI systems need.
            out += "    <testcase classname=\"".utf8
            out += path
            out += "\" name=\"".utf8
            MarkupEscaping.append(finding.ruleID, to: &out)
            out += " at ".utf8
            out.appendDecimal(start.line)
            out.append(UInt8(ascii: ":"))
            out.appendDecimal(start.column)
            out += "\">\n".utf8
            if let status = finding.status {
                out += "      <skipped message=\"".utf8
                MarkupEscaping.append(status.name + (status.detail.isEmpty ? "" : ": " + status.detail), to: &out)
                out += "\"/>\n    </testcase>\n".utf8
                continue
            }
            out += "      <failure message=\"".utf8
            MarkupEscaping.append(finding.message, to: &out)
            out += "\" type=\"".utf8
            out += finding.severity.rawValue.utf8
            out += "\">".utf8
            // `path:line:column: severity: message [rule]`, then the words, the sentence and the fix.
            out += pathInText
            out.append(UInt8(ascii: ":"))
            out.appendDecimal(start.line)
            out.append(UInt8(ascii: ":"))
            out.appendDecimal(start.column)
            out += ": ".utf8
            out += finding.severity.rawValue.utf8
            out += ": ".utf8
            MarkupEscaping.append(finding.message, inAttribute: false, to: &out)
            out += " [".utf8
            MarkupEscaping.append(finding.ruleID, inAttribute: false, to: &out)
            out += "]\nText: ".utf8
            MarkupEscaping.append(finding.matchedText, inAttribute: false, to: &out)
            out += "\nSentence: ".utf8
            MarkupEscaping.append(finding.sentence, inAttribute: false, to: &out)
            out += "\nFix: ".utf8
            MarkupEscaping.append(finding.fix, inAttribute: false, to: &out)
            out += "</failure>\n    </testcase>\n".utf8
        }
        out += "  </testsuite>\n".utf8
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
