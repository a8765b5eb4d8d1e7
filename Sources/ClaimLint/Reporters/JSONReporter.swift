/// The stable, documented JSON report (docs/json-report.md). Keys are written in a fixed
/// order and files and findings in report order, so the same input gives byte-identical output.
public final class JSONReporter: Reporter {
    public static let formatVersion = 1

    /// Files written so far in this report: the first entry has no comma before it.
    private var filesWritten = 0

    public init() {}

    public func begin(_ run: RunStart, to out: ReportOutput) {
        filesWritten = 0
        out.write(header(toolVersion: run.toolVersion, rulesDigest: run.rulesDigest, shard: run.shard))
    }

    public func file(_ file: FileReport, to out: ReportOutput) {
        out.write(entry(file, isFirst: filesWritten == 0))
        filesWritten += 1
    }

    public func end(_ run: RunEnd, to out: ReportOutput) {
        out.write(footer(errors: run.errors, totals: run.totals, hadFiles: filesWritten > 0))
    }

    func header(toolVersion: String, rulesDigest: String, shard: Shard?) -> String {
        let json = JSONWriter(indent: 1)
        json.field("version") { json.number(Self.formatVersion) }
        json.field("tool") {
            json.object {
                json.field("name") { json.string("claimlint") }
                json.field("version") { json.string(toolVersion) }
            }
        }
        json.field("rulesDigest") { json.string(rulesDigest) }
        if let shard {
            // Only in a shard's report; `claimlint merge` drops it, giving the one-job report.
            json.field("shard") {
                json.object {
                    json.field("index") { json.number(shard.index) }
                    json.field("count") { json.number(shard.count) }
                }
            }
        }
        json.field("files") {}
        return "{" + json.output + "["
    }

    /// One file's entry, as bytes: a String made of it would be validated and copied twice more.
    func entry(_ file: FileReport, isFirst: Bool) -> [UInt8] {
        let json = JSONWriter(indent: 2)
        json.object {
            // A name that is not UTF-8 is shown escaped (`caf\\xE9.md`), with its bytes beside it.
            json.field("path") { json.string(FileName.escaped(file.path)) }
            if let bytes = FileName.base64Bytes(of: file.path) { json.field("pathBytes") { json.string(bytes) } }
            json.field("sha256") { json.string(file.sha256) }
            if !file.rulesDigest.isEmpty { json.field("rulesDigest") { json.string(file.rulesDigest) } }
            if let error = file.error { json.field("error") { json.string(FileName.escaped(error)) } }
            if let note = file.note { json.field("note") { json.string(FileName.escaped(note)) } }
            // Each paragraph around a finding once per file, so `merge` rebuilds the HTML worksheet
            // exactly; findings point into the list.
            let paragraphs = ParagraphTable(file.findings)
            if !paragraphs.texts.isEmpty {
                json.field("paragraphs") { json.array(paragraphs.texts) { json.string($0) } }
            }
            json.field("findings") {
                var position = 0
                json.array(file.findings) { finding in
                    write(finding, paragraph: paragraphs.indexOfFinding[position], to: json)
                    position += 1
                }
            }
        }
        return (isFirst ? Self.firstEntry : Self.nextEntry) + json.bytes
    }

    private static let firstEntry = Array("\n    ".utf8)
    private static let nextEntry = Array(",\n    ".utf8)

    func footer(errors: [String], totals: RunTotals, hadFiles: Bool) -> String {
        let json = JSONWriter(indent: 1)
        json.field("errors") { json.array(errors) { json.string(FileName.escaped($0)) } }
        json.field("summary") {
            json.object {
                json.field("files") { json.number(totals.files) }
                json.field("findings") { json.number(totals.findings) }
                json.field("error") { json.number(totals.errors) }
                json.field("warning") { json.number(totals.warnings) }
                json.field("info") { json.number(totals.infos) }
                json.field("notLinted") { json.number(totals.notLinted) }
                json.field("suppressed") { json.number(totals.suppressed) }
                json.field("baselined") { json.number(totals.baselined) }
                json.field("approved") { json.number(totals.approved) }
                if let stale = totals.baselineStale { json.field("baselineStale") { json.number(stale) } }
            }
        }
        return (hadFiles ? "\n  ]," : "],") + json.output + "\n}\n"
    }

    /// The distinct paragraphs of a file's findings, in the order they first appear.
    /// The distinct paragraphs of a file's findings, in the order they first appear, and each
    /// finding's place among them. Findings of one block come one after another and share its
    /// string, so most are settled by comparing with the previous finding, without hashing.
    private struct ParagraphTable {
        private(set) var texts: [String] = []
        /// For `findings[i]`, the index of its paragraph in `texts`.
        private(set) var indexOfFinding: [Int?] = []

        init(_ findings: [Finding]) {
            var indexOfText: [String: Int] = [:]
            indexOfFinding.reserveCapacity(findings.count)
            var previous: (paragraph: Finding.Paragraph, index: Int)?
            for finding in findings {
                guard let paragraph = finding.paragraph else {
                    indexOfFinding.append(nil)
                    continue
                }
                // The same block as the previous finding's: no string is made.
                if let previous, previous.paragraph.hasSameText(as: paragraph) {
                    indexOfFinding.append(previous.index)
                    continue
                }
                let text = paragraph.text
                let index = indexOfText[text] ?? texts.count
                if index == texts.count {
                    indexOfText[text] = index
                    texts.append(text)
                }
                indexOfFinding.append(index)
                previous = (paragraph, index)
            }
        }
    }

    private func write(_ finding: Finding, paragraph: Int?, to json: JSONWriter) {
        json.object {
            json.field("rule") { json.string(finding.ruleID) }
            json.field("kind") { json.string(finding.kind.rawValue) }
            json.field("category") { json.string(finding.category) }
            json.field("severity") { json.string(finding.severity.rawValue) }
            json.field("message") { json.string(finding.message) }
            json.field("fix") { json.string(finding.fix) }
            json.field("range") { json.sourceRange(finding.range) }
            json.field("text") { json.string(finding.matchedText) }
            json.field("sentence") { json.string(finding.sentence) }
            if let paragraph, let match = finding.paragraph?.match {
                json.field("paragraph") {
                    json.object {
                        json.field("index") { json.number(paragraph) }
                        json.field("start") { json.number(match.lowerBound) }
                        json.field("end") { json.number(match.upperBound) }
                    }
                }
            }
            // Only when the rule offers a quick fix (a claim's `suggest`, a disclosure's `text`).
            if let suggestion = finding.suggestion { json.field("suggestion") { json.string(suggestion) } }
            if let placement = finding.placement { json.field("placement") { json.string(placement.rawValue) } }
            // Only on findings that do not count; a finding that counts has no `status`.
            switch finding.status {
            case .suppressed(let reason)?:
                json.field("status") { json.string("suppressed") }
                json.field("reason") { json.string(reason) }
            case .baselined(let baseline)?:
                json.field("status") { json.string("baselined") }
                json.field("baseline") { json.string(baseline) }
            case .approved(let id, let reference)?:
                json.field("status") { json.string("approved") }
                json.field("approvedClaim") { json.string(id) }
                json.field("reference") { json.string(reference) }
            case nil:
                break
            }
            if !finding.because.isEmpty {
                json.field("because") { json.because(finding.because, withRanges: true) }
            }
        }
    }
}
