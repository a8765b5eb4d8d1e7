import Foundation

/// Reads claimlint's own JSON report back (docs/json-report.md), for `claimlint merge`: the shards
/// of a CI matrix become the report one job would have written.
public enum JSONReportReader {
    public struct ReadError: Error, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "\(path): \(reason)" }

        public init(path: String, reason: String) {
            self.path = path
            self.reason = reason
        }
    }

    private struct Document: Decodable {
        var version: Int
        var tool: Tool
        var rulesDigest: String
        var shard: ShardEntry?
        var files: [File]
        var errors: [String]
        var summary: Summary?
    }

    private struct Summary: Decodable { var baselineStale: Int? }

    private struct Tool: Decodable { var version: String }
    private struct ShardEntry: Decodable {
        var index: Int
        var count: Int
    }

    private struct File: Decodable {
        var path: String
        /// The name's bytes in base64, when they are not UTF-8 (`path` then shows them escaped).
        var pathBytes: String?
        var sha256: String
        var rulesDigest: String?
        var error: String?
        var note: String?
        var paragraphs: [String]?
        var findings: [Entry]

        /// A finding's paragraph, from the file's list; nil when the entry points nowhere sensible.
        func paragraph(_ reference: ParagraphReference?) -> Finding.Paragraph? {
            guard let reference, let texts = paragraphs, texts.indices.contains(reference.index),
                reference.start >= 0, reference.start <= reference.end,
                reference.end <= texts[reference.index].utf8.count
            else { return nil }
            return Finding.Paragraph(text: texts[reference.index], match: reference.start..<reference.end)
        }
    }

    private struct ParagraphReference: Decodable {
        var index: Int
        var start: Int
        var end: Int
    }

    private struct Entry: Decodable {
        var rule: String
        var kind: Rule.Kind
        var category: String
        var severity: Severity
        var message: String
        var fix: String
        var range: SourceRange
        var text: String
        var sentence: String
        var paragraph: ParagraphReference?
        var status: String?
        var reason: String?
        var baseline: String?
        var approvedClaim: String?
        var reference: String?
        var suggestion: String?
        var placement: Rule.Placement?

        var findingStatus: Finding.Status? {
            switch status {
            case "suppressed": .suppressed(reason: reason ?? "")
            case "baselined": .baselined(baseline: baseline ?? "")
            case "approved": .approved(id: approvedClaim ?? "", reference: reference ?? "")
            default: nil
            }
        }
        var because: [Reason]?
    }

    private struct Reason: Decodable {
        var role: String
        var text: String
        var range: SourceRange
    }

    public static func read(_ data: Data, path: String) throws(ReadError) -> LintReport {
        let document: Document
        do {
            document = try JSONDecoder().decode(Document.self, from: data)
        } catch {
            throw ReadError(path: path, reason: "not a claimlint JSON report (\(error))")
        }
        guard document.version == JSONReporter.formatVersion else {
            throw ReadError(
                path: path,
                reason:
                    "JSON report version \(document.version); this claimlint reads version \(JSONReporter.formatVersion)"
            )
        }
        let files = document.files.map { file in
            var report = FileReport(
                path: file.pathBytes.flatMap(FileName.string(base64:)) ?? file.path,
                findings: file.findings.map { entry in
                    // The JSON keeps what reports show (the paragraphs too); byte offsets and excerpts are not in it.
                    Finding(
                        ruleID: entry.rule, kind: entry.kind, category: entry.category, severity: entry.severity,
                        message: entry.message, fix: entry.fix, range: entry.range, byteRange: 0..<0,
                        matchedText: entry.text, sentence: entry.sentence, excerpt: Finding.Excerpt(text: ""),
                        status: entry.findingStatus,
                        because: (entry.because ?? []).map {
                            Finding.Reason(role: $0.role, text: $0.text, range: $0.range)
                        },
                        suggestion: entry.suggestion, placement: entry.placement,
                        paragraph: file.paragraph(entry.paragraph)
                    )
                },
                error: file.error, note: file.note, sha256: file.sha256
            )
            report.rulesDigest = file.rulesDigest ?? ""
            return report
        }
        var report = LintReport(
            files: files, errors: document.errors, toolVersion: document.tool.version, rulesDigest: document.rulesDigest
        )
        report.shard = document.shard.map { Shard(index: $0.index, count: $0.count) }
        report.baseline = document.summary?.baselineStale.map { BaselineSummary(file: "", stale: $0) }
        return report
    }

    /// Each shard once, every shard there, and no file in two reports: a shard named twice would
    /// double every count, a missing one would pass a run that linted only part of the site.
    static func checkShards(_ reports: [(path: String, report: LintReport)]) throws(ReadError) {
        var shardReport: [Int: String] = [:]
        var count: Int?
        for (path, report) in reports {
            guard let shard = report.shard else {
                if reports.count > 1 {
                    throw ReadError(path: path, reason: "is not a shard's report (it was not written with --shard I/N)")
                }
                continue
            }
            if let other = shardReport[shard.index] {
                throw ReadError(path: path, reason: "shard \(shard) is named twice (also \(other))")
            }
            shardReport[shard.index] = path
            count = count ?? shard.count
        }
        if let count, let missing = (1...count).first(where: { shardReport[$0] == nil }), shardReport.count < count {
            throw ReadError(
                path: reports[0].path, reason: "shard \(missing)/\(count) is missing: name every shard's report")
        }
        var fileReport: [String: String] = [:]
        for (path, report) in reports {
            for file in report.files {
                if let other = fileReport[file.path], other != path {
                    throw ReadError(
                        path: path, reason: "\(file.path) is also in \(other): the reports are not slices of one run")
                }
                fileReport[file.path] = path
            }
        }
    }

    /// Shard reports, in any order, as one report: files in shard order, path errors once.
    public static func merge(_ reports: [(path: String, report: LintReport)]) throws(ReadError) -> LintReport {
        guard let first = reports.first else { throw ReadError(path: "-", reason: "no reports to merge") }
        let ordered = reports.sorted { ($0.report.shard?.index ?? 0) < ($1.report.shard?.index ?? 0) }
        for (path, report) in ordered where report.rulesDigest != first.report.rulesDigest {
            throw ReadError(
                path: path,
                reason:
                    "judged by different rules (digest \(report.rulesDigest.prefix(12))… vs \(first.report.rulesDigest.prefix(12))…)"
            )
        }
        let counts = Set(ordered.compactMap { $0.report.shard?.count })
        if counts.count > 1 || (counts.first.map { $0 != ordered.count } ?? false) {
            throw ReadError(
                path: first.path,
                reason:
                    "expected every shard of \(counts.sorted().map(String.init).joined(separator: " or ")), got \(ordered.count) reports"
            )
        }
        try checkShards(ordered)
        var merged = LintReport(
            files: ordered.flatMap(\.report.files), errors: first.report.errors,
            toolVersion: first.report.toolVersion, rulesDigest: first.report.rulesDigest
        )
        // Each shard counts the stale baseline entries of its own files.
        let stale = ordered.compactMap { $0.report.baseline?.stale }
        if !stale.isEmpty {
            merged.baseline = BaselineSummary(file: first.report.baseline?.file ?? "", stale: stale.reduce(0, +))
        }
        return merged
    }
}
