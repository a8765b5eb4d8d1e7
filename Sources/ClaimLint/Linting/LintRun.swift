import Dispatch
import Foundation

/// One run over the paths a user named: resolves the rule set for each file (defaults or
/// `--rules`, extended by the nearest `.claimlint.yml`), reads and lints the files in
/// parallel, and returns the reports in input order.
public struct LintRun {
    public var paths: [String]
    /// A rules file that replaces the embedded defaults.
    public var rulesFile: String?
    /// Look for `.claimlint.yml` above each file.
    public var useProjectConfiguration = true
    public var exclude: [String] = []
    /// Supplies standard input's bytes when a path is `-`.
    public var readStandardInput: @Sendable () -> [UInt8] = { [] }

    public init(paths: [String], rulesFile: String? = nil) {
        self.paths = paths
        self.rulesFile = rulesFile
    }

    /// Lints everything. Throws only for a rules or configuration file that is wrong, which stops the run.
    public func run() throws -> LintReport {
        let base = try baseRules()
        let collected = FileCollector(exclude: exclude).collect(paths.isEmpty ? ["."] : paths)
        var linters: [String: Linter] = [:]
        var excludes: [String: [String]] = [:]
        var jobs: [(path: String, linter: Linter)] = []
        let defaultLinter = try Linter(ruleSet: base)
        for path in collected.files {
            let folder = path == "-" ? FileManager.default.currentDirectoryPath : (path as NSString).deletingLastPathComponent
            guard useProjectConfiguration, let configPath = Self.configuration(above: folder.isEmpty ? "." : folder) else {
                jobs.append((path, defaultLinter))
                continue
            }
            if linters[configPath] == nil {
                let yaml = try readText(configPath)
                let configuration = try ProjectConfiguration.load(yaml: yaml, file: configPath)
                linters[configPath] = try Linter(ruleSet: try configuration.applied(to: base))
                excludes[configPath] = configuration.exclude
            }
            let configFolder = (configPath as NSString).deletingLastPathComponent
            if let patterns = excludes[configPath], patterns.contains(where: { Glob.matches($0, relative(path, to: configFolder)) }) { continue }
            jobs.append((path, linters[configPath]!))
        }
        let reports = lintInParallel(jobs)
        let digest = jobs.first?.linter.rulesDigest ?? defaultLinter.rulesDigest
        return LintReport(files: reports, errors: collected.errors, rulesDigest: digest)
    }

    private func baseRules() throws -> RuleSet {
        guard let rulesFile else { return try RulesLoader.defaultRules() }
        return try RulesLoader.load(yaml: try readText(rulesFile), file: rulesFile)
    }

    private func readText(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else { throw RulesError(file: path, message: "cannot read this file") }
        guard let text = String(data: data, encoding: .utf8) else { throw RulesError(file: path, message: "is not valid UTF-8") }
        return text
    }

    /// The nearest `.claimlint.yml` in `folder` or above it.
    static func configuration(above folder: String) -> String? {
        var url = URL(fileURLWithPath: folder).standardizedFileURL
        while true {
            let candidate = url.appendingPathComponent(ProjectConfiguration.fileName).path
            if FileManager.default.fileExists(atPath: candidate) { return candidate }
            let parent = url.deletingLastPathComponent()
            if parent.path == url.path { return nil }
            url = parent
        }
    }

    private func relative(_ path: String, to folder: String) -> String {
        let full = URL(fileURLWithPath: path).standardizedFileURL.path
        let base = URL(fileURLWithPath: folder).standardizedFileURL.path
        return full.hasPrefix(base + "/") ? String(full.dropFirst(base.count + 1)) : path
    }

    /// Lints on every core; the reports come back in input order whatever the scheduling.
    private func lintInParallel(_ jobs: [(path: String, linter: Linter)]) -> [FileReport] {
        let results = ResultSlots(count: jobs.count)
        let readStandardInput = self.readStandardInput
        DispatchQueue.concurrentPerform(iterations: jobs.count) { index in
            let (path, linter) = jobs[index]
            let report: FileReport
            if path == "-" {
                report = linter.lint(bytes: readStandardInput(), path: "-")
            } else if let data = FileManager.default.contents(atPath: path) {
                report = linter.lint(bytes: [UInt8](data), path: path)
            } else {
                report = FileReport(path: path, error: "cannot read this file (permission denied or not a regular file)")
            }
            results.set(index, report)
        }
        return results.values
    }
}

/// Slots that parallel workers fill, one each, without sharing a Swift array across threads.
private final class ResultSlots: @unchecked Sendable {
    private var slots: [FileReport?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ report: FileReport) {
        lock.lock()
        slots[index] = report
        lock.unlock()
    }

    var values: [FileReport] { slots.map { $0! } }
}
