/// One self-contained HTML page for compliance reviewers: a summary, then per page an evidence
/// table (the sentence with the claim highlighted, where it is, what the rule requires, citation
/// status, why the rule exists and its source), then the run record.
///
/// Everything that comes from a page or a rules file is escaped, links go only to http(s) rule
/// sources, there is no script, and a Content-Security-Policy forbids scripts and network loads,
/// so a hostile page renders as text and the file is safe to open or attach anywhere.
public final class HTMLReporter: Reporter {
    // One report's state, reset by `begin`. The summary comes first in the page but needs the
    // whole run, so the parts after it are spooled as files stream past.
    private var start = RunStart(rulesDigest: "")
    private var catalog = RuleCatalog(ruleSet: RuleSet())
    private var pageCount = 0
    private var counts: [String: [Severity: Int]] = [:]
    private var pages = ReportSpool()
    private var index = ReportSpool()
    /// The rules findings named, so each rule's rationale and source is written once, at the end.
    private var rulesUsed: Set<String> = []
    private var disclosures = ReportSpool()
    private var problems = ReportSpool()
    private var record = ReportSpool()

    public init() {}

    public func begin(_ run: RunStart, to out: ReportOutput) {
        start = run
        catalog = RuleCatalog(ruleSet: run.rules)
        pageCount = 0
        counts = [:]
        pages = ReportSpool()
        index = ReportSpool()
        rulesUsed = []
        disclosures = ReportSpool()
        problems = ReportSpool()
        record = ReportSpool()
    }

    public func file(_ file: FileReport, to out: ReportOutput) {
        pageCount += 1
        let number = pageCount
        var name: [UInt8] = []
        append(FileName.escaped(file.path), to: &name)
        for finding in file.findings {
            counts[finding.category, default: [:]][finding.severity, default: 0] += 1
            if finding.kind == .disclosure {
                var item = Array("<li><a href=\"#page-".utf8)
                item.appendDecimal(number)
                item += "\">".utf8
                item += name
                item += "</a>: <code>".utf8
                append(finding.ruleID, to: &item)
                item += "</code> ".utf8
                append(finding.message, to: &item)
                item += "</li>\n".utf8
                disclosures.write(item)
            }
        }
        if let error = file.error { problems.write("<li>\(esc("\(FileName.escaped(file.path)): \(error)"))</li>\n") }
        index.write(indexRow(file, number: number, name: name))
        pages.write(page(file, number: number, name: name))
        // A page judged by other rules than the run's (its own configuration files or overrides) names them.
        let ownRules =
            file.rulesDigest.isEmpty || file.rulesDigest == start.rulesDigest
            ? "" : "<br>rules <code>\(esc(file.rulesDigest))</code>"
        var row = Array("<tr><th>".utf8)
        row += name
        row += "</th><td><code>".utf8
        append(file.sha256.isEmpty ? "not read" : file.sha256, to: &row)
        row += "</code>".utf8
        row += ownRules.utf8
        row += "</td></tr>\n".utf8
        record.write(row)
    }

    public func end(_ run: RunEnd, to out: ReportOutput) throws {
        out.write(
            """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>claimlint evidence report</title>
            <style>\(Self.style)</style>
            </head>
            <body>
            <header>
            <h1>claimlint evidence report</h1>
            <p class="caveat">Each finding means “needs substantiation review”, not “illegal”: word rules cannot judge whether evidence is adequate, nor catch claims that are only implied.</p>
            </header>

            """)
        try summary(run, to: out)
        try pages.copy(to: out)
        out.write(rulesSection())
        out.write("<section id=\"run-record\">\n<h2>Run record</h2>\n<table class=\"record\">\n<tbody>\n")
        out.write("<tr><th>Tool</th><td>claimlint \(esc(start.toolVersion))</td></tr>\n")
        if let date = start.date { out.write("<tr><th>Date</th><td>\(esc(date))</td></tr>\n") }
        if let commit = start.commit { out.write("<tr><th>Commit</th><td><code>\(esc(commit))</code></td></tr>\n") }
        out.write("<tr><th>Rules digest (SHA-256)</th><td><code>\(esc(start.rulesDigest))</code></td></tr>\n")
        try record.copy(to: out)
        out.write("</tbody>\n</table>\n</section>\n")
        out.write("</body>\n</html>\n")
    }

    // MARK: - Summary

    private func summary(_ run: RunEnd, to out: ReportOutput) throws {
        let totals = run.totals
        let linted = totals.files - totals.failedFiles
        let notLinted = totals.notLinted
        out.write("<section id=\"summary\">\n<h2>Summary</h2>\n<ul class=\"counts\">\n")
        out.write("<li><strong>\(linted)</strong> \(linted == 1 ? "page" : "pages") linted</li>\n")
        if notLinted > 0 { out.write("<li class=\"sev-error\"><strong>\(notLinted)</strong> not linted</li>\n") }
        out.write("<li><strong>\(totals.findings)</strong> findings:</li>\n")
        for severity in Severity.allCases.reversed() {
            out.write(
                "<li><span class=\"badge sev-\(severity.rawValue)\">\(severity.rawValue)</span> \(totals.count(of: severity))</li>\n"
            )
        }
        if totals.accepted > 0 {
            out.write(
                "<li>not counted: \(totals.suppressed) suppressed, \(totals.baselined) baselined, \(totals.approved) approved</li>\n"
            )
        }
        out.write("</ul>\n")
        out.write(categoryTable())
        if !index.isEmpty {
            out.write("<h3>Pages</h3>\n<table class=\"index\">\n")
            out.write(
                "<thead><tr><th>Page</th><th>error</th><th>warning</th><th>info</th><th>Not counted</th></tr></thead>\n<tbody>\n"
            )
            try index.copy(to: out)
            out.write("</tbody>\n</table>\n")
        }
        out.write("<h3>Disclosures missing</h3>\n")
        if disclosures.isEmpty {
            out.write("<p>None.</p>\n")
        } else {
            out.write("<ul class=\"disclosures\">\n")
            try disclosures.copy(to: out)
            out.write("</ul>\n")
        }
        if !problems.isEmpty || !run.errors.isEmpty {
            out.write("<h3>Not linted</h3>\n<ul class=\"problems\">\n")
            try problems.copy(to: out)
            out.write(run.errors.map { "<li>\(esc($0))</li>\n" }.joined())
            out.write("</ul>\n")
        }
        out.write("</section>\n")
    }

    private func categoryTable() -> String {
        guard !counts.isEmpty else { return "" }
        let total = { (category: String) in self.counts[category, default: [:]].values.reduce(0, +) }
        let categories = counts.keys.sorted { total($0) != total($1) ? total($0) > total($1) : $0 < $1 }
        var out = "<h3>Findings by category</h3>\n<table class=\"categories\">\n"
        out +=
            "<thead><tr><th>Category</th><th>error</th><th>warning</th><th>info</th><th>Total</th></tr></thead>\n<tbody>\n"
        for category in categories {
            let row = counts[category, default: [:]]
            out += "<tr><td>\(esc(category))</td>"
            for severity in Severity.allCases.reversed() { out += "<td>\(row[severity, default: 0])</td>" }
            out += "<td>\(total(category))</td></tr>\n"
        }
        return out + "</tbody>\n</table>\n"
    }

    // MARK: - Index and rules

    private func indexRow(_ file: FileReport, number: Int, name: [UInt8]) -> [UInt8] {
        var counts: [Severity: Int] = [:]
        var notCounted = 0
        for finding in file.findings {
            if finding.counts { counts[finding.severity, default: 0] += 1 } else { notCounted += 1 }
        }
        var out = Array("<tr\(file.error == nil ? "" : " class=\"sev-error\"")><td><a href=\"#page-".utf8)
        out.appendDecimal(number)
        out += "\">".utf8
        out += name
        out += "</a>".utf8
        if file.error != nil { out += " (not linted)".utf8 }
        out += "</td>".utf8
        for severity in Severity.allCases.reversed() {
            out += "<td>".utf8
            out.appendDecimal(counts[severity, default: 0])
            out += "</td>".utf8
        }
        out += "<td>".utf8
        out.appendDecimal(notCounted)
        out += "</td></tr>\n".utf8
        return out
    }

    /// Each rule a finding named, once: why it exists and the regulation or guidance it rests on.
    private func rulesSection() -> String {
        let used = catalog.rules.filter { rulesUsed.contains($0.id) }
        guard !used.isEmpty else { return "" }
        var out = "<section id=\"rules\">\n<h2>Rules</h2>\n<dl class=\"rules\">\n"
        for rule in used {
            out +=
                "<dt id=\"\(Self.ruleAnchor(rule.id))\"><code>\(esc(rule.id))</code> <span class=\"badge sev-\(rule.severity.rawValue)\">\(rule.severity.rawValue)</span></dt>\n<dd>"
            out += "<p>\(esc(rule.rationale ?? rule.message))</p>"
            if let link = rule.webSource {
                out +=
                    "<p><a href=\"\(MarkupEscaping.escape(link))\" rel=\"noopener noreferrer\">\(esc(rule.sourceTitle ?? link))</a></p>"
            } else if !rule.source.isEmpty {
                out += "<p>Source: \(esc(rule.source))</p>"
            }
            out += "</dd>\n"
        }
        return out + "</dl>\n</section>\n"
    }

    /// A fragment id for a rule: its id with anything but letters, digits, `-` and `_` as `_`, so
    /// that no rule id (a rules file is input too) can break out of the attribute or the link.
    /// Only ASCII letters and digits are kept: every other character, of however many bytes, is one `_`.
    static func ruleAnchor(_ id: String) -> String {
        var out = Array("rule-".utf8)
        for byte in id.utf8 where byte & 0xC0 != 0x80 {
            let kept =
                (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "-")
                || byte == UInt8(ascii: "_")
            out.append(kept ? byte : UInt8(ascii: "_"))
        }
        return String(decoding: out, as: UTF8.self)
    }

    // MARK: - Pages

    /// One page's section, as bytes (`ReportBytes`).
    private func page(_ file: FileReport, number: Int, name: [UInt8]) -> [UInt8] {
        var out = Array("<section class=\"page\" id=\"page-".utf8)
        out.reserveCapacity(256 + file.findings.count * 1024)
        out.appendDecimal(number)
        out += "\">\n<h2>".utf8
        out += name
        out += "</h2>\n".utf8
        if let error = file.error {
            out += "<p class=\"sev-error\">Not linted: ".utf8
            append(error, to: &out)
            out += "</p>\n</section>\n".utf8
            return out
        }
        if let note = file.note {
            out += "<p>".utf8
            append(note, to: &out)
            out += "</p>\n".utf8
        }
        guard !file.findings.isEmpty else {
            out += "<p class=\"clean\">No findings.</p>\n</section>\n".utf8
            return out
        }
        out +=
            "<table class=\"evidence\">\n<thead><tr><th>#</th><th>Sentence</th><th>Where</th><th>What the rule requires</th><th>Citation</th><th>Rule and source</th></tr></thead>\n<tbody>\n"
            .utf8
        // Findings of one rule often come together: its catalog entry and anchor are looked up once.
        var lastRule: (id: String, rule: Rule?, anchor: String)?
        for (index, finding) in file.findings.enumerated() {
            if let paragraph = finding.paragraph,
                index == 0 || !(file.findings[index - 1].paragraph?.hasSameText(as: paragraph) ?? false)
            {
                // The paragraph once, above its findings, with every one of their words marked.
                let run = file.findings[index...].prefix { $0.paragraph?.hasSameText(as: paragraph) ?? false }
                out += "<tr class=\"paragraph\"><td>¶</td><td colspan=\"5\">".utf8
                Self.appendMarked(paragraph.text, run.compactMap(\.paragraph?.match), to: &out)
                out += "</td></tr>\n".utf8
            }
            if lastRule?.id != finding.ruleID {
                // A rule the rule set lacks is described from its first finding, in the Rules section too.
                _ = catalog.index(of: finding)
                lastRule = (finding.ruleID, catalog.rule(finding.ruleID), Self.ruleAnchor(finding.ruleID))
                rulesUsed.insert(finding.ruleID)
            }
            let (rule, anchor) = (lastRule?.rule, lastRule?.anchor ?? "")
            let severity = finding.severity.rawValue
            out += "<tr class=\"sev-".utf8
            out += severity.utf8
            out += "\">\n<td>".utf8
            out.appendDecimal(index + 1)
            out += "</td>\n<td class=\"sentence\">".utf8
            appendHighlighted(finding, to: &out)
            out += "</td>\n<td class=\"where\">line ".utf8
            out.appendDecimal(finding.range.start.line)
            out += ", column ".utf8
            out.appendDecimal(finding.range.start.column)
            out += "<br><span class=\"badge sev-".utf8
            out += severity.utf8
            out += "\">".utf8
            out += severity.utf8
            out += "</span><br>".utf8
            append(finding.category, to: &out)
            if let status = finding.status {
                // Who accepted it and why: the directive's reason, the baseline, or the approved entry.
                out += "<br><em class=\"status\">".utf8
                append(status.name, to: &out)
                if !status.detail.isEmpty {
                    out += ": ".utf8
                    append(status.detail, to: &out)
                }
                out += "</em>".utf8
            }
            out += "</td>\n<td>".utf8
            append(finding.message, to: &out)
            if !finding.explainsItself {
                out += "<p class=\"because\"><strong>Because:</strong> ".utf8
                append(finding.explanation, to: &out)
                out += "</p>".utf8
            }
            out += "<p class=\"fix\"><strong>Fix:</strong> ".utf8
            append(finding.fix, to: &out)
            out += "</p></td>\n<td class=\"citation\">".utf8
            append(citationStatus(finding, rule: rule), to: &out)
            // The rule's rationale and source are written once, in the Rules section.
            out += "</td>\n<td class=\"rule\"><a href=\"#".utf8
            out += anchor.utf8
            out += "\"><code>".utf8
            append(finding.ruleID, to: &out)
            out += "</code></a></td>\n</tr>\n".utf8
        }
        out += "</tbody>\n</table>\n</section>\n".utf8
        return out
    }

    /// The sentence, escaped, with the matched words in `<mark>`. Whitespace may differ between
    /// the two (a line break in one, a space in the other), so runs of whitespace match each other.
    private func appendHighlighted(_ finding: Finding, to out: inout [UInt8]) {
        guard let range = Self.matchRange(of: finding.matchedText, in: finding.sentence) else {
            append(finding.sentence, to: &out)
            out += "<br><mark>".utf8
            append(finding.matchedText, to: &out)
            out += "</mark>".utf8
            return
        }
        var sentence = finding.sentence
        sentence.withUTF8 { utf8 in
            MarkupEscaping.append(
                UnsafeBufferPointer(rebasing: utf8[..<range.lowerBound]), inAttribute: false, to: &out)
            out += "<mark>".utf8
            MarkupEscaping.append(UnsafeBufferPointer(rebasing: utf8[range]), inAttribute: false, to: &out)
            out += "</mark>".utf8
            MarkupEscaping.append(
                UnsafeBufferPointer(rebasing: utf8[range.upperBound...]), inAttribute: false, to: &out)
        }
    }

    /// Where `find` places `needle` in `haystack`, as a range of UTF-8 offsets. ASCII text (nearly
    /// every sentence) is searched over its bytes, where characters are bytes, lowercasing is A–Z
    /// and whitespace is tab to carriage return and space, as `Character` has them; a carriage
    /// return (`\r\n` is one character) or any other byte over 0x7F takes `find` itself.
    static func matchRange(of needle: String, in haystack: String) -> Range<Int>? {
        let simple = { (text: String) in text.utf8.allSatisfy { $0 < 0x80 && $0 != UInt8(ascii: "\r") } }
        guard simple(needle), simple(haystack) else {
            let characters = Array(haystack)
            guard let range = find(Array(needle), in: characters) else { return nil }
            let lower = String(characters[..<range.lowerBound]).utf8.count
            return lower..<(lower + String(characters[range]).utf8.count)
        }
        return findASCII(Array(needle.utf8), in: Array(haystack.utf8))
    }

    /// `find` over ASCII bytes without carriage returns.
    static func findASCII(_ needle: [UInt8], in haystack: [UInt8]) -> Range<Int>? {
        guard !needle.isEmpty else { return nil }
        @inline(__always) func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) }
        @inline(__always) func lower(_ byte: UInt8) -> UInt8 {
            byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
        }
        for start in haystack.indices {
            var (n, h) = (0, start)
            while n < needle.count, h < haystack.count {
                if isSpace(needle[n]), isSpace(haystack[h]) {
                    while n < needle.count, isSpace(needle[n]) { n += 1 }
                    while h < haystack.count, isSpace(haystack[h]) { h += 1 }
                } else if lower(needle[n]) == lower(haystack[h]) {
                    n += 1
                    h += 1
                } else {
                    break
                }
            }
            if n == needle.count { return start..<h }
        }
        return nil
    }

    /// A paragraph, escaped, with each of `matches` (UTF-8 ranges, overlapping ones joined) in `<mark>`.
    static func marked(_ text: String, _ matches: [Range<Int>]) -> String {
        var out: [UInt8] = []
        appendMarked(text, matches, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `marked`'s bytes, appended to `out`.
    static func appendMarked(_ text: String, _ matches: [Range<Int>], to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { utf8 in
            // A piece cut inside a character is decoded first, as `String(decoding:)` would show it.
            func plain(_ range: Range<Int>) {
                let cutsCharacter = { (offset: Int) in offset < utf8.count && utf8[offset] & 0xC0 == 0x80 }
                if cutsCharacter(range.lowerBound) || cutsCharacter(range.upperBound) {
                    let piece = String(decoding: UnsafeBufferPointer(rebasing: utf8[range]), as: UTF8.self)
                    MarkupEscaping.append(piece, inAttribute: false, to: &out)
                } else {
                    MarkupEscaping.append(UnsafeBufferPointer(rebasing: utf8[range]), inAttribute: false, to: &out)
                }
            }
            let closing = "</mark>".utf8.count
            let begin = out.count
            var done = 0
            for match in matches.sorted(by: { $0.lowerBound < $1.lowerBound }) {
                let lower = min(max(match.lowerBound, done), utf8.count)
                let upper = min(match.upperBound, utf8.count)
                guard upper > lower else { continue }
                if lower > done || out.count == begin {
                    plain(done..<lower)
                    out += "<mark>".utf8
                } else {
                    // Touches or overlaps the mark before it: one mark for both.
                    out.removeLast(closing)
                }
                plain(lower..<upper)
                out += "</mark>".utf8
                done = upper
            }
            plain(done..<utf8.count)
        }
    }

    static func find(_ needle: [Character], in haystack: [Character]) -> Range<Int>? {
        guard !needle.isEmpty else { return nil }
        for start in haystack.indices {
            var (n, h) = (0, start)
            while n < needle.count, h < haystack.count {
                if needle[n].isWhitespace, haystack[h].isWhitespace {
                    while n < needle.count, needle[n].isWhitespace { n += 1 }
                    while h < haystack.count, haystack[h].isWhitespace { h += 1 }
                } else if needle[n].lowercased() == haystack[h].lowercased() {
                    n += 1
                    h += 1
                } else {
                    break
                }
            }
            if n == needle.count { return start..<h }
        }
        return nil
    }

    private func citationStatus(_ finding: Finding, rule: Rule?) -> String {
        switch finding.kind {
        case .citation: return "The marker points to no reference entry on the page."
        case .disclosure: return "Disclosure missing from the page."
        case .suppression: return "A suppression directive on the page."
        case .approval: return "Checked against the approved-claims library."
        case .limit: return "The page has more findings than max-findings-per-file; the rest are counted, not listed."
        case .claim, .statistic:
            switch rule?.citation ?? .paragraph {
            case .paragraph: return "No citation in its paragraph, list item, heading or table row."
            case .sentence: return "No citation in the same sentence."
            case .none: return "Not cleared by any citation: the wording itself needs changing."
            }
        }
    }

    private func esc(_ text: String) -> String { MarkupEscaping.escape(text, inAttribute: false) }

    private func append(_ text: String, to out: inout [UInt8]) {
        MarkupEscaping.append(text, inAttribute: false, to: &out)
    }

    // MARK: - Style

    private static let style = """

        body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: #1f2328; margin: 0 auto; padding: 1.5rem 2rem 3rem; max-width: 1200px; }
        h1 { font-size: 1.6rem; margin: 0 0 .3rem; }
        h2 { font-size: 1.25rem; margin: 2rem 0 .6rem; padding-bottom: .3rem; border-bottom: 1px solid #d0d7de; word-break: break-all; }
        h3 { font-size: 1.05rem; margin: 1.2rem 0 .4rem; }
        .caveat { color: #59636e; margin: 0; }
        ul.counts { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .4rem 1.2rem; }
        table { border-collapse: collapse; width: 100%; }
        th, td { border: 1px solid #d0d7de; padding: .45rem .6rem; text-align: left; vertical-align: top; }
        thead th { background: #f6f8fa; }
        table.categories, table.record { width: auto; }
        table.categories td:not(:first-child) { text-align: right; }
        table.evidence td:first-child { color: #59636e; }
        table.evidence td.sentence { width: 30%; }
        table.evidence td.where { white-space: nowrap; }
        table.evidence tr.paragraph td { background: #f6f8fa; border-top: 2px solid #d0d7de; }
        td.rule p, td p.fix { margin: .4rem 0 0; font-size: .92em; }
        td.rule p { color: #424a53; }
        p.because { margin: .4rem 0 0; font-size: .92em; color: #424a53; }
        dl.rules dt { margin-top: .8rem; font-weight: 600; }
        dl.rules dd { margin: .2rem 0 0 1.2rem; }
        dl.rules dd p { margin: .2rem 0; }
        table.index td:not(:first-child) { text-align: right; }
        td.citation { font-size: .92em; }
        mark { background: #fff1a8; padding: 0 .1em; border-radius: 2px; font-weight: 600; }
        code { font: .9em ui-monospace, "DejaVu Sans Mono", monospace; word-break: break-all; }
        .badge { display: inline-block; padding: 0 .45em; border-radius: 1em; font-size: .85em; font-weight: 600; color: #fff; }
        .badge.sev-error { background: #cf222e; }
        .badge.sev-warning { background: #9a6700; }
        .badge.sev-info { background: #0969da; }
        tr.sev-error td:first-child { border-left: 4px solid #cf222e; }
        tr.sev-warning td:first-child { border-left: 4px solid #d4a72c; }
        tr.sev-info td:first-child { border-left: 4px solid #0969da; }
        p.sev-error, li.sev-error { color: #cf222e; }
        .clean { color: #1a7f37; }
        a { color: #0969da; }
        @media print { body { max-width: none; padding: 0; } tr { break-inside: avoid; } }

        """
}
