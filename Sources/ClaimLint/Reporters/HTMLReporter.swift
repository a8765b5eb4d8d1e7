/// One self-contained HTML page for compliance reviewers: a summary, then per page an evidence
/// table (the sentence with the claim highlighted, where it is, what the rule requires, citation
/// status, why the rule exists and its source), then the run record.
///
/// Everything that comes from a page or a rules file is escaped, links go only to http(s) rule
/// sources, there is no script, and a Content-Security-Policy forbids scripts and network loads,
/// so a hostile page renders as text and the file is safe to open or attach anywhere.
public struct HTMLReporter: Reporter {
    public var rules: RuleSet

    public init(rules: RuleSet = RuleSet()) {
        self.rules = rules
    }

    public func render(_ report: LintReport) -> String {
        let catalog = RuleCatalog(ruleSet: rules, report: report)
        var out = """
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

        """
        out += summary(report)
        for (index, file) in report.files.enumerated() {
            out += page(file, number: index + 1, catalog: catalog)
        }
        out += runRecord(report)
        out += "</body>\n</html>\n"
        return out
    }

    // MARK: - Summary

    private func summary(_ report: LintReport) -> String {
        let linted = report.files.count { $0.error == nil }
        let notLinted = report.files.count { $0.error != nil } + report.errors.count
        var out = "<section id=\"summary\">\n<h2>Summary</h2>\n<ul class=\"counts\">\n"
        out += "<li><strong>\(linted)</strong> \(linted == 1 ? "page" : "pages") linted</li>\n"
        if notLinted > 0 { out += "<li class=\"sev-error\"><strong>\(notLinted)</strong> not linted</li>\n" }
        out += "<li><strong>\(report.countingFindings.count)</strong> findings:</li>\n"
        for severity in Severity.allCases.reversed() {
            out += "<li><span class=\"badge sev-\(severity.rawValue)\">\(severity.rawValue)</span> \(report.count(of: severity))</li>\n"
        }
        let totals = report.totals
        if totals.accepted > 0 {
            out += "<li>not counted: \(totals.suppressed) suppressed, \(totals.baselined) baselined, \(totals.approved) approved</li>\n"
        }
        out += "</ul>\n"
        out += categoryTable(report)
        out += "<h3>Disclosures missing</h3>\n"
        let missing = report.files.enumerated().flatMap { index, file in
            file.findings.filter { $0.kind == .disclaimer }.map { (index + 1, file.path, $0) }
        }
        if missing.isEmpty {
            out += "<p>None.</p>\n"
        } else {
            out += "<ul class=\"disclosures\">\n"
            for (number, path, finding) in missing {
                out += "<li><a href=\"#page-\(number)\">\(esc(path))</a>: <code>\(esc(finding.ruleID))</code> \(esc(finding.message))</li>\n"
            }
            out += "</ul>\n"
        }
        let problems = report.files.compactMap { file in file.error.map { "\(file.path): \($0)" } } + report.errors
        if !problems.isEmpty {
            out += "<h3>Not linted</h3>\n<ul class=\"problems\">\n"
            out += problems.map { "<li>\(esc($0))</li>\n" }.joined()
            out += "</ul>\n"
        }
        out += "</section>\n"
        return out
    }

    private func categoryTable(_ report: LintReport) -> String {
        var counts: [String: [Severity: Int]] = [:]
        for finding in report.allFindings {
            counts[finding.category, default: [:]][finding.severity, default: 0] += 1
        }
        guard !counts.isEmpty else { return "" }
        let total = { (category: String) in counts[category, default: [:]].values.reduce(0, +) }
        let categories = counts.keys.sorted { total($0) != total($1) ? total($0) > total($1) : $0 < $1 }
        var out = "<h3>Findings by category</h3>\n<table class=\"categories\">\n"
        out += "<thead><tr><th>Category</th><th>error</th><th>warning</th><th>info</th><th>Total</th></tr></thead>\n<tbody>\n"
        for category in categories {
            let row = counts[category, default: [:]]
            out += "<tr><td>\(esc(category))</td>"
            for severity in Severity.allCases.reversed() { out += "<td>\(row[severity, default: 0])</td>" }
            out += "<td>\(total(category))</td></tr>\n"
        }
        return out + "</tbody>\n</table>\n"
    }

    // MARK: - Pages

    private func page(_ file: FileReport, number: Int, catalog: RuleCatalog) -> String {
        var out = "<section class=\"page\" id=\"page-\(number)\">\n<h2>\(esc(file.path))</h2>\n"
        if let error = file.error {
            return out + "<p class=\"sev-error\">Not linted: \(esc(error))</p>\n</section>\n"
        }
        if let note = file.note { out += "<p>\(esc(note))</p>\n" }
        guard !file.findings.isEmpty else { return out + "<p class=\"clean\">No findings.</p>\n</section>\n" }
        out += "<table class=\"evidence\">\n<thead><tr><th>#</th><th>Sentence</th><th>Where</th><th>What the rule requires</th><th>Citation</th><th>Rule and source</th></tr></thead>\n<tbody>\n"
        for (index, finding) in file.findings.enumerated() {
            let rule = catalog.rule(finding.ruleID)
            out += "<tr class=\"sev-\(finding.severity.rawValue)\">\n"
            out += "<td>\(index + 1)</td>\n"
            out += "<td class=\"sentence\">\(highlighted(finding))</td>\n"
            out += "<td class=\"where\">line \(finding.range.start.line), column \(finding.range.start.column)<br>"
            out += "<span class=\"badge sev-\(finding.severity.rawValue)\">\(finding.severity.rawValue)</span><br>\(esc(finding.category))"
            if let status = finding.status {
                // Who accepted it and why: the directive's reason, the baseline, or the approved entry.
                out += "<br><em class=\"status\">\(esc(status.name))\(status.detail.isEmpty ? "" : ": " + esc(status.detail))</em>"
            }
            out += "</td>\n"
            out += "<td>\(esc(finding.message))<p class=\"fix\"><strong>Fix:</strong> \(esc(finding.fix))</p></td>\n"
            out += "<td class=\"citation\">\(esc(citationStatus(finding, rule: rule)))</td>\n"
            out += "<td class=\"rule\"><code>\(esc(finding.ruleID))</code>"
            if let rationale = rule?.rationale { out += "<p>\(esc(rationale))</p>" }
            if let rule, let link = rule.webSource {
                out += "<p><a href=\"\(MarkupEscaping.escape(link))\" rel=\"noopener noreferrer\">\(esc(rule.sourceTitle ?? link))</a></p>"
            } else if let source = rule?.source, !source.isEmpty {
                out += "<p>Source: \(esc(source))</p>"
            }
            out += "</td>\n</tr>\n"
        }
        return out + "</tbody>\n</table>\n</section>\n"
    }

    /// The sentence, escaped, with the matched words in `<mark>`. Whitespace may differ between
    /// the two (a line break in one, a space in the other), so runs of whitespace match each other.
    private func highlighted(_ finding: Finding) -> String {
        let sentence = Array(finding.sentence)
        guard let range = Self.find(Array(finding.matchedText), in: sentence) else {
            return esc(finding.sentence) + "<br><mark>\(esc(finding.matchedText))</mark>"
        }
        return esc(String(sentence[..<range.lowerBound])) + "<mark>" + esc(String(sentence[range])) + "</mark>" + esc(String(sentence[range.upperBound...]))
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
        case .disclaimer: return "Disclosure missing from the page."
        case .suppression: return "A suppression directive on the page."
        case .claim, .statistic:
            switch rule?.citation ?? .paragraph {
            case .paragraph: return "No citation in its paragraph, list item, heading or table row."
            case .sentence: return "No citation in the same sentence."
            case .none: return "Not cleared by any citation: the wording itself needs changing."
            }
        }
    }

    // MARK: - Run record

    private func runRecord(_ report: LintReport) -> String {
        var out = "<section id=\"run-record\">\n<h2>Run record</h2>\n<table class=\"record\">\n<tbody>\n"
        out += "<tr><th>Tool</th><td>claimlint \(esc(report.toolVersion))</td></tr>\n"
        out += "<tr><th>Rules digest (SHA-256)</th><td><code>\(esc(report.rulesDigest))</code></td></tr>\n"
        for file in report.files {
            out += "<tr><th>\(esc(file.path))</th><td><code>\(esc(file.sha256.isEmpty ? "not read" : file.sha256))</code></td></tr>\n"
        }
        return out + "</tbody>\n</table>\n</section>\n"
    }

    private func esc(_ text: String) -> String { MarkupEscaping.escape(text, inAttribute: false) }

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
    td.rule p, td p.fix { margin: .4rem 0 0; font-size: .92em; }
    td.rule p { color: #424a53; }
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
