@_spi(Stages) import ClaimLint
import Foundation

#if canImport(FoundationXML)
import FoundationXML
#endif

/// Checks shared by the fuzz targets. Each one stops the process with `fatalError`, which libFuzzer
/// reports as a crash and saves the input that caused it.
public enum Invariants {
    /// Fails with a message that names the broken invariant.
    public static func require(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
        if !condition() { fatalError("invariant violated: \(message())") }
    }

    /// What must hold for any report of one file's bytes, whatever rules judged them.
    public static func checkFileReport(_ report: FileReport, bytes: [UInt8], path: String, ruleSet: RuleSet) {
        require(report.path == path, "the report names another path: \(report.path)")
        require(
            report.sha256.count == 64
                && report.sha256.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) },
            "sha256 is not 64 lowercase hex digits: \(report.sha256)")

        // The verdict: empty files get a note, NUL bytes and invalid UTF-8 an error, everything else is linted.
        let isUTF8 = String(validating: bytes, as: UTF8.self) != nil
        if bytes.isEmpty {
            require(
                report.note != nil && report.error == nil && report.findings.isEmpty,
                "an empty file must get a note and nothing else")
        } else if !isUTF8 || bytes.contains(0) {
            require(report.error != nil, "invalid UTF-8 or a NUL byte was linted instead of rejected")
        } else {
            require(report.error == nil, "valid UTF-8 text without NUL was rejected: \(report.error ?? "")")
        }
        if let error = report.error {
            require(report.findings.isEmpty, "a rejected file has findings")
            require(!error.isEmpty, "empty error message")
        }
        guard !report.findings.isEmpty else { return }

        let source = SourceText(bytes: bytes)
        let positions = PositionTable(source)
        let rulesByID = Dictionary(ruleSet.rules.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var previous: Finding?
        for finding in report.findings {
            checkFinding(finding, source: source, positions: positions, rulesByID: rulesByID)
            if let previous {
                // Report order: by byte position, then end, then rule id; and one finding per rule and place.
                let before = (previous.byteRange.lowerBound, previous.byteRange.upperBound, previous.ruleID)
                let after = (finding.byteRange.lowerBound, finding.byteRange.upperBound, finding.ruleID)
                require(before <= after, "findings out of order: \(before) then \(after)")
                require(before != after, "duplicate finding: \(after)")
                require(previous.range.start <= finding.range.start, "findings out of line:column order")
            }
            previous = finding
        }
    }

    /// One finding: its position agrees with its bytes, and it describes the rule that made it.
    static func checkFinding(
        _ finding: Finding, source: SourceText, positions: PositionTable, rulesByID: [String: Rule]
    ) {
        let bytes = source.bytes
        let range = finding.range
        let byteRange = finding.byteRange
        let describe =
            "finding \(finding.ruleID) at \(range.start.line):\(range.start.column)-\(range.end.line):\(range.end.column) bytes \(byteRange)"
        require(
            range.start.line >= 1 && range.start.line <= source.lineCount,
            "\(describe): start line outside 1...\(source.lineCount)")
        require(
            range.end.line >= 1 && range.end.line <= source.lineCount,
            "\(describe): end line outside 1...\(source.lineCount)")
        require(range.start.column >= 1 && range.end.column >= 1, "\(describe): column below 1")
        require(range.start <= range.end, "\(describe): start after end")
        require(
            byteRange.lowerBound >= 0 && byteRange.upperBound <= bytes.count,
            "\(describe): byte range outside the file (\(bytes.count) bytes)")
        require(!byteRange.isEmpty, "\(describe): empty byte range")
        for offset in [byteRange.lowerBound, byteRange.upperBound] where offset < bytes.count {
            require(bytes[offset] & 0xC0 != 0x80, "\(describe): byte range splits a UTF-8 sequence at \(offset)")
        }
        // The line:column range is the byte range, converted.
        let converted = SourceRange(
            start: positions.position(byteRange.lowerBound), end: positions.position(byteRange.upperBound))
        require(
            converted == range,
            "\(describe): byte range converts to \(converted.start.line):\(converted.start.column)-\(converted.end.line):\(converted.end.column)"
        )
        require(!finding.matchedText.isEmpty, "\(describe): empty matched text")
        // The range holds the words: its first and last letters or digits are the matched text's
        // (unless markup that changes the text lies in it: an entity, an escape, a tag).
        let slice = bytes[byteRange]
        if !slice.contains(where: { $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "<") }) {
            let matched = Array(finding.matchedText.utf8)
            require(
                firstAlphanumeric(slice) == firstAlphanumeric(matched)
                    && firstAlphanumeric(slice.reversed()) == firstAlphanumeric(matched.reversed()),
                "\(describe): points at '\(String(decoding: slice.prefix(200), as: UTF8.self))', not at '\(finding.matchedText.prefix(200))'"
            )
        }
        require(!finding.sentence.isEmpty, "\(describe): empty sentence")

        guard let rule = rulesByID[finding.ruleID] else {
            fatalError("invariant violated: \(describe): no rule has this id")
        }
        require(
            finding.kind == rule.kind && finding.severity == rule.severity && finding.category == rule.category
                && finding.message == rule.message && finding.fix == rule.fix, "\(describe): does not describe its rule"
        )

        // The excerpt is a piece of the start line, without its line break, that begins at
        // `firstColumn`, at or before the match (on a first line with a byte-order mark, the
        // mark may lead the excerpt: it is not a column).
        let excerpt = Array(finding.excerpt.text.utf8)
        let firstColumn = finding.excerpt.firstColumn
        require(
            firstColumn >= 1 && firstColumn <= range.start.column,
            "\(describe): excerpt starts at column \(firstColumn)")
        require(
            !excerpt.contains(UInt8(ascii: "\n")) && !excerpt.contains(UInt8(ascii: "\r")),
            "\(describe): excerpt holds a line break")
        // Walk back from the match to the excerpt's first column (a few hundred bytes at most).
        var offset = byteRange.lowerBound
        for _ in 0..<max(0, range.start.column - firstColumn) where offset > 0 {
            offset -= 1
            while offset > 0, bytes[offset] & 0xC0 == 0x80 { offset -= 1 }
        }
        if range.start.line == 1, offset == 3, excerpt.starts(with: [0xEF, 0xBB, 0xBF]) { offset = 0 }
        require(
            offset + excerpt.count <= bytes.count && bytes[offset..<(offset + excerpt.count)].elementsEqual(excerpt),
            "\(describe): excerpt is not the line's text from column \(firstColumn)")
    }

    /// Every byte offset's line and column, computed in one pass, as `SourceText.position(ofOffset:)`
    /// gives them one at a time (which costs a scan of the line, too slow for thousands of findings
    /// on one long line).
    struct PositionTable {
        let source: SourceText
        private var lines: [Int32] = []
        private var columns: [Int32] = []

        init(_ source: SourceText) {
            self.source = source
            let bytes = source.bytes
            lines.reserveCapacity(bytes.count + 1)
            columns.reserveCapacity(bytes.count + 1)
            let hasBOM = bytes.starts(with: [0xEF, 0xBB, 0xBF])
            for (index, start) in source.lineStarts.enumerated() {
                let end = index + 1 < source.lineStarts.count ? source.lineStarts[index + 1] : bytes.count + 1
                var column: Int32 = 1
                var offset = start
                while offset < end {
                    if index == 0, hasBOM, offset == 3 { column = 1 }
                    lines.append(Int32(index + 1))
                    columns.append(column)
                    if offset < bytes.count, bytes[offset] & 0xC0 != 0x80 { column += 1 }
                    offset += 1
                }
            }
        }

        func position(_ offset: Int) -> SourcePosition {
            // Inside a byte-order mark (never where a finding starts) the library's own answer stands.
            if offset < 3 && source.bytes.starts(with: [0xEF, 0xBB, 0xBF]) || offset >= lines.count {
                return source.position(ofOffset: offset)
            }
            return SourcePosition(line: Int(lines[offset]), column: Int(columns[offset]))
        }
    }

    /// The first ASCII letter or digit, lowercased.
    static func firstAlphanumeric<S: Sequence>(_ bytes: S) -> UInt8? where S.Element == UInt8 {
        for byte in bytes {
            let lower = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
            if (lower >= 0x61 && lower <= 0x7A) || (lower >= 0x30 && lower <= 0x39) { return lower }
        }
        return nil
    }

    // MARK: - Reporters

    /// Renders `report` with every reporter and checks what each format promises.
    public static func checkReporters(_ report: LintReport, ruleSet: RuleSet, workingDirectory: String) {
        for format in ReportFormat.allCases {
            let reporter = format.reporter(workingDirectory: workingDirectory)
            // Rendering into memory cannot fail but for a full temporary folder.
            let output = try! reporter.render(report, rules: ruleSet)
            // Rendering is the costly half of a run here, so only the format documented as
            // byte-for-byte deterministic is rendered twice.
            if format == .json {
                require(
                    output == (try! reporter.render(report, rules: ruleSet)), "\(format) reporter is not deterministic")
            }
            require(!output.isEmpty, "\(format) reporter wrote nothing")
            switch format {
            case .text: checkText(output, report)
            case .json: checkJSON(output, report)
            case .sarif: checkSARIF(output, report)
            case .github: checkGitHub(output, report)
            case .junit: checkXML(output, format)
            case .html: checkHTML(output)
            case .markdown: checkMarkdown(output, report)
            }
        }
    }

    static func jsonObject(_ output: String, _ format: ReportFormat) -> [String: Any] {
        let parsed: Any
        do {
            parsed = try JSONSerialization.jsonObject(with: Data(output.utf8))
        } catch {
            fatalError("invariant violated: \(format) output is not JSON: \(error)\n\(output.prefix(2000))")
        }
        guard let object = parsed as? [String: Any] else {
            fatalError("invariant violated: \(format) output is not a JSON object")
        }
        return object
    }

    /// The JSON report reads back, through the reader `claimlint merge` uses, as the report that was
    /// written: every field it carries (byte offsets and excerpts it does not). Foundation's
    /// `JSONSerialization` is no judge here: it drops a U+FEFF that opens a string value.
    static func checkJSON(_ output: String, _ report: LintReport) {
        let read: LintReport
        do {
            read = try JSONReportReader.read(Data(output.utf8), path: "fuzz.json")
        } catch {
            fatalError("invariant violated: the JSON report does not read back: \(error)\n\(output.prefix(2000))")
        }
        require(
            read.files.count == report.files.count,
            "JSON has \(read.files.count) files, the report \(report.files.count)")
        require(read.rulesDigest == report.rulesDigest, "JSON rules digest differs")
        for (json, file) in zip(read.files, report.files) {
            require(
                json.path == file.path && json.sha256 == file.sha256 && json.error == file.error
                    && json.note == file.note,
                "JSON file entry differs for \(file.path)")
            require(
                json.findings.count == file.findings.count,
                "JSON has \(json.findings.count) findings, the report \(file.findings.count)")
            for (entry, finding) in zip(json.findings, file.findings) {
                require(
                    entry.ruleID == finding.ruleID && entry.kind == finding.kind && entry.category == finding.category
                        && entry.severity == finding.severity && entry.message == finding.message
                        && entry.fix == finding.fix,
                    "JSON rule fields differ for \(finding.ruleID)")
                require(
                    entry.matchedText == finding.matchedText,
                    "JSON text does not round-trip: \(entry.matchedText) vs \(finding.matchedText)")
                require(entry.sentence == finding.sentence, "JSON sentence does not round-trip")
                require(entry.range == finding.range, "JSON range differs")
            }
        }
    }

    static func checkSARIF(_ output: String, _ report: LintReport) {
        let object = jsonObject(output, .sarif)
        let runs = object["runs"] as? [[String: Any]] ?? []
        require(runs.count == 1, "SARIF must hold one run")
        let results = runs.first?["results"] as? [[String: Any]] ?? []
        require(
            results.count == report.allFindings.count,
            "SARIF has \(results.count) results, the report \(report.allFindings.count)")
    }

    static func checkText(_ output: String, _ report: LintReport) {
        // One `path:line:column: severity:` line per finding, in order; an excerpt cannot start a line of its own.
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false)
        for file in report.files {
            let headings = lines.filter { $0.hasPrefix(file.path + ":") }
            require(
                headings.count == file.findings.count,
                "text output has \(headings.count) finding lines for \(file.findings.count) findings")
            for (line, finding) in zip(headings, file.findings) {
                let expected =
                    "\(file.path):\(finding.range.start.line):\(finding.range.start.column): \(finding.severity.rawValue): "
                require(line.hasPrefix(expected), "text finding line does not start with \(expected)")
            }
        }
    }

    static func checkGitHub(_ output: String, _ report: LintReport) {
        // Every line before the run record group is a workflow command or the summary: page text
        // cannot start a line, so it cannot smuggle in a command.
        let commands = output.components(separatedBy: "::group::").first ?? ""
        let lines = commands.split(separator: "\n", omittingEmptySubsequences: true)
        for line in lines {
            require(
                line.hasPrefix("::") || line.hasPrefix("claimlint: "),
                "GitHub output line is neither a command nor the summary: \(line.prefix(200))")
        }
        let annotations = lines.filter {
            $0.hasPrefix("::error ") || $0.hasPrefix("::warning ") || $0.hasPrefix("::notice ")
        }.count
        let expected = report.allFindings.count + report.files.count { $0.error != nil } + report.errors.count
        require(
            annotations == expected, "GitHub output has \(annotations) annotations for \(expected) findings and errors")
    }

    static func checkXML(_ output: String, _ format: ReportFormat) {
        #if canImport(FoundationXML) || canImport(Darwin)
        // libxml2, under XMLParser, refuses documents past about 10 MB unless told otherwise
        // (XML_PARSE_HUGE, which XMLParser cannot set): that is its limit, not an ill-formed report.
        guard output.utf8.count < 8_000_000 else { return }
        let parser = XMLParser(data: Data(output.utf8))
        if !parser.parse() {
            fatalError(
                "invariant violated: \(format) output is not well-formed XML: \(String(describing: parser.parserError)) at line \(parser.lineNumber), column \(parser.columnNumber)"
            )
        }
        #endif
    }

    /// Tags a page can only have once, from the reporter itself, or never.
    static let documentTags = [
        "<!doctype", "<html", "<head", "<meta", "<title", "<style", "<body", "<script", "<iframe", "<img", "<svg",
        "<object", "<embed", "<form", "<base", "<link", "<input", "<textarea",
    ]
    static let ownTagCounts = tagCounts(try! HTMLReporter().render(LintReport(files: [])))

    static func checkHTML(_ output: String) {
        // The page's text is escaped: no markup from it survives, only the reporter's own.
        let counts = tagCounts(output)
        for (tag, own, found) in zip3(documentTags, ownTagCounts, counts) {
            require(found == own, "HTML output has \(found) \(tag) tags; the reporter writes \(own)")
        }
    }

    /// How often each of `documentTags` occurs, ignoring ASCII case.
    static func tagCounts(_ html: String) -> [Int] {
        let bytes = Array(html.utf8).map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        let tags = documentTags.map { Array($0.utf8) }
        var counts = Array(repeating: 0, count: tags.count)
        for index in bytes.indices where bytes[index] == UInt8(ascii: "<") {
            for (number, tag) in tags.enumerated()
            where index + tag.count <= bytes.count && bytes[index..<(index + tag.count)].elementsEqual(tag) {
                counts[number] += 1
            }
        }
        return counts
    }

    static func zip3<A, B, C>(_ a: [A], _ b: [B], _ c: [C]) -> [(A, B, C)] {
        zip(a, zip(b, c)).map { ($0, $1.0, $1.1) }
    }

    static func checkMarkdown(_ output: String, _ report: LintReport) {
        // Each finding is one table row with exactly five cells: page text cannot add a cell or a row.
        let rows = output.split(separator: "\n").filter { line in
            ["| error | ", "| warning | ", "| info | "].contains { line.hasPrefix($0) } && separators(line) >= 6
        }
        let expected = min(report.allFindings.count, MarkdownReporter().maxRows)
        require(rows.count == expected, "Markdown output has \(rows.count) finding rows for \(expected) findings")
        for row in rows {
            require(separators(row) == 6, "Markdown row has \(separators(row) - 1) cells: \(row.prefix(300))")
        }
    }

    /// Cell separators: pipes not escaped with a backslash (the reporter escapes backslashes too,
    /// and puts a space before every separator).
    static func separators(_ line: Substring) -> Int {
        var count = 0
        var previous: UInt8 = UInt8(ascii: " ")
        for byte in line.utf8 {
            if byte == UInt8(ascii: "|"), previous != UInt8(ascii: "\\") { count += 1 }
            previous = byte == UInt8(ascii: "\\") && previous == UInt8(ascii: "\\") ? 0 : byte
        }
        return count
    }
}
