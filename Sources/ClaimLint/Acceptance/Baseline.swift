import Foundation

/// Today's findings, recorded so that CI fails only on new ones (docs/adoption.md). A finding is
/// keyed on the claim, not the line: its file (relative to the baseline file's folder), its rule
/// and the normalised words of its whole sentence, with a count per key. Inserting lines above,
/// re-wrapping a paragraph or moving a section does not bring an old finding back; changing the
/// sentence does.
///
/// The file is JSON, sorted by path, rule and sentence, with no dates, so that it is the same for
/// the same findings and reads well in a pull request:
///
///     {
///       "version": 1,
///       "findings": [
///         {"path": "services/tms.md", "rule": "efficacy", "sentence": "our tms therapy is proven to relieve anxiety", "count": 1}
///       ]
///     }
public struct Baseline: Sendable, Equatable {
    public static let formatVersion = 1

    public struct Key: Sendable, Hashable, Comparable {
        public var path: String
        public var rule: String
        public var sentence: String

        public static func < (lhs: Key, rhs: Key) -> Bool {
            (lhs.path, lhs.rule, lhs.sentence) < (rhs.path, rhs.rule, rhs.sentence)
        }
    }

    /// How many findings each key records.
    public private(set) var counts: [Key: Int]
    /// The baseline file as named, for statuses and messages.
    public let file: String
    /// Absolute folder of the baseline file: recorded paths are relative to it.
    let folder: String
    /// The same counts by path, so that one file's findings look up only that file's entries.
    private var byPath: [String: [Key: Int]]

    public init(
        counts: [Key: Int] = [:], file: String, workingDirectory: String = FileManager.default.currentDirectoryPath
    ) {
        self.counts = counts
        self.file = file
        folder = Self.absolute(file, in: workingDirectory).deletingLastPathComponent
        var byPath: [String: [Key: Int]] = [:]
        for (key, count) in counts { byPath[key.path, default: [:]][key] = count }
        self.byPath = byPath
    }

    /// Reads a baseline file; one that cannot be read or is wrong is an error naming it (exit 2).
    public static func load(file: String) throws -> Baseline {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw RulesError(file: file, message: "cannot read this baseline file (write one with --write-baseline)")
        }
        return try load(data, file: file)
    }

    /// Reads a baseline file's bytes; a wrong file is an error naming it (exit 2).
    public static func load(
        _ data: Data, file: String, workingDirectory: String = FileManager.default.currentDirectoryPath
    ) throws -> Baseline {
        struct Document: Decodable {
            var version: Int
            var findings: [Entry]
        }
        struct Entry: Decodable {
            var path: String
            /// The path's bytes in base64 when they are not UTF-8 (`path` then shows them escaped).
            var pathBytes: String?
            var rule: String
            var sentence: String
            var count: Int
        }
        let document: Document
        do {
            document = try JSONDecoder().decode(Document.self, from: data)
        } catch {
            throw RulesError(
                file: file, message: "not a claimlint baseline (\(error)); write one with --write-baseline")
        }
        guard document.version == formatVersion else {
            throw RulesError(
                file: file,
                message: "baseline version \(document.version); this claimlint reads version \(formatVersion)")
        }
        var counts: [Key: Int] = [:]
        for entry in document.findings where entry.count > 0 {
            counts[
                Key(
                    path: entry.pathBytes.flatMap(FileName.string(base64:)) ?? entry.path, rule: entry.rule,
                    sentence: ClaimWords.normalised(entry.sentence)), default: 0] +=
                entry.count
        }
        return Baseline(counts: counts, file: file, workingDirectory: workingDirectory)
    }

    /// The file's text: sorted, one entry per line, deterministic.
    public func render() -> String {
        var out = "{\n  \"version\": \(Self.formatVersion),\n  \"findings\": ["
        for (index, key) in counts.keys.sorted().enumerated() {
            // One entry per line: a pull request's diff shows exactly the findings added or gone.
            let entry =
                "{\"path\": \(Self.quoted(FileName.escaped(key.path)))"
                + (FileName.base64Bytes(of: key.path).map { ", \"pathBytes\": \(Self.quoted($0))" } ?? "")
                + ", \"rule\": \(Self.quoted(key.rule)), \"sentence\": \(Self.quoted(key.sentence)), \"count\": \(counts[key] ?? 0)}"
            out += (index == 0 ? "\n    " : ",\n    ") + entry
        }
        return out + (counts.isEmpty ? "]\n}\n" : "\n  ]\n}\n")
    }

    private static func quoted(_ text: String) -> String {
        let json = JSONWriter()
        json.string(text)
        return json.output
    }

    /// The key of a finding in a file, as this baseline records it.
    func key(_ finding: Finding, path: String) -> Key {
        Key(path: recordedPath(path), rule: finding.ruleID, sentence: ClaimWords.normalised(finding.sentence))
    }

    /// The path a baseline records for an input: relative to the baseline's folder (`-` stays `-`).
    func recordedPath(_ path: String) -> String {
        path == "-"
            ? path : Self.relative(Self.absolute(path, in: FileManager.default.currentDirectoryPath), to: folder)
    }

    /// Marks the findings this baseline records as baselined, as many per key as it counts, and
    /// returns how many recorded findings of this file did not occur (stale).
    public func apply(to file: FileReport) -> (report: FileReport, stale: Int) {
        let path = recordedPath(file.path)
        guard var remaining = byPath[path] else { return (file, 0) }
        var report = file
        for index in report.findings.indices where report.findings[index].counts {
            let key = Key(
                path: path, rule: report.findings[index].ruleID,
                sentence: ClaimWords.normalised(report.findings[index].sentence))
            guard let left = remaining[key], left > 0 else { continue }
            remaining[key] = left - 1
            report.findings[index].status = .baselined(baseline: self.file)
        }
        return (report, remaining.values.reduce(0, +))
    }

    /// Adds a file's findings that count to the record.
    mutating func record(_ file: FileReport) {
        let path = recordedPath(file.path)
        for finding in file.findings where finding.counts {
            let key = Key(path: path, rule: finding.ruleID, sentence: ClaimWords.normalised(finding.sentence))
            counts[key, default: 0] += 1
            byPath[path, default: [:]][key, default: 0] += 1
        }
    }

    static func absolute(_ path: String, in workingDirectory: String) -> String {
        let full = path.hasPrefix("/") ? path : workingDirectory + "/" + path
        return URL(fileURLWithPath: full).standardizedFileURL.path
    }

    /// `path` relative to `folder` (both absolute), with `..` where it lies outside it.
    static func relative(_ path: String, to folder: String) -> String {
        let target = path.split(separator: "/")
        let base = folder.split(separator: "/")
        var common = 0
        while common < min(target.count, base.count), target[common] == base[common] { common += 1 }
        let up = Array(repeating: "..", count: base.count - common)
        return (up + target[common...].map(String.init)).joined(separator: "/")
    }
}

/// Collects a run's findings into a baseline as files are linted on several threads.
public final class BaselineRecorder: @unchecked Sendable {
    private var baseline: Baseline
    private let lock = NSLock()

    /// `file` is where the baseline will be written; recorded paths are relative to its folder.
    public init(file: String) {
        baseline = Baseline(file: file)
    }

    func record(_ file: FileReport) {
        lock.lock()
        defer { lock.unlock() }
        baseline.record(file)
    }

    /// What has been recorded.
    public var recorded: Baseline {
        lock.lock()
        defer { lock.unlock() }
        return baseline
    }
}

extension String {
    fileprivate var deletingLastPathComponent: String { (self as NSString).deletingLastPathComponent }
}
