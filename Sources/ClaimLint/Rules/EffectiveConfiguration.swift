import Foundation

/// What `claimlint config PATH` shows: the configuration in force for a page (or for the pages of
/// a folder, before any per-path override) and the files it came from, farthest first.
public struct EffectiveConfiguration: Sendable {
    public var path: String
    /// The `--rules` file the project files build on (nil: the embedded defaults).
    public var rulesFile: String?
    /// The project files that apply, farthest first.
    public var files: [String]
    /// The one of them marked `root: true`, if any (nothing above it was read).
    public var rootFile: String?
    /// For a file: the overrides that match it, in the order they apply.
    public var appliedOverrides: [ConfigurationOverride] = []
    /// For a folder: every override of its files (each page gets those that match it).
    public var pendingOverrides: [ConfigurationOverride] = []
    public var isFolder: Bool
    /// The rules in force, with what the project files disabled and changed.
    public var ruleSet: RuleSet
    public var rulesDigest: String
    /// Lexicon terms and rules the project files added, and where the rules are.
    public var addedTerms: [String: [String]] = [:]
    public var addedRules: [(id: String, location: RuleLocation)] = []
    public var exclude: [(pattern: String, file: String)] = []
    public var approvedClaims: String?
    /// The project files' `baseline:` (`check --baseline` wins over it).
    public var baseline: String?

    /// Resolves the configuration for `path` as `claimlint check` would for a page there. Throws
    /// for a rules or configuration file that is wrong.
    public static func resolve(_ path: String, source: RuleSource, isFolder: Bool) throws -> EffectiveConfiguration {
        let base = try source.baseRules()
        let folder = isFolder ? path : LintRun.folder(of: path)
        let stack = try source.configurationStack(governing: folder) ?? ConfigurationStack(files: [])
        let overrides = isFolder ? [] : stack.overrides(for: path)
        let set = try stack.applied(to: base, overrides: overrides)
        var result = EffectiveConfiguration(
            path: path, rulesFile: source.rulesFile, files: stack.paths,
            rootFile: stack.files.first { $0.isRoot }?.file, isFolder: isFolder, ruleSet: set,
            rulesDigest: try Linter(ruleSet: set).rulesDigest)
        result.appliedOverrides = overrides.map { stack.files[$0.file].overrides[$0.index] }
        if isFolder { result.pendingOverrides = stack.files.flatMap(\.overrides) }
        for (changes, _) in stack.layers(overrides: overrides) {
            for (name, terms) in changes.lexicons { result.addedTerms[name, default: []] += terms }
            result.addedRules += changes.rules.map { ($0.id, $0.location) }
        }
        result.exclude = stack.files.flatMap { file in file.exclude.map { ($0, file.file) } }
        result.approvedClaims = stack.approvedClaims
        result.baseline = stack.baseline
        return result
    }

    static func place(_ location: RuleLocation) -> String {
        [location.file, location.line.map(String.init), location.column.map(String.init)].compactMap { $0 }
            .joined(separator: ":")
    }

    /// The changed severities: rule id, new severity, old severity, where.
    var severities: [(id: String, severity: Severity, was: Severity, at: RuleLocation)] {
        (ruleSet.rules + ruleSet.disabledRules).compactMap { rule in
            guard let adjustment = ruleSet.adjustments[rule.id], let at = adjustment.severityAt,
                let was = adjustment.originalSeverity
            else { return nil }
            return (rule.id, rule.severity, was, at)
        }
    }

    /// Rules turned off or back on, and where.
    var switches: [(id: String, on: Bool, at: RuleLocation)] {
        (ruleSet.rules + ruleSet.disabledRules).compactMap { rule in
            guard let at = ruleSet.adjustments[rule.id]?.switchedAt else { return nil }
            return (rule.id, !ruleSet.disabledRuleIDs.contains(rule.id), at)
        }
    }

    /// The text `claimlint config` prints.
    public func text() -> String {
        var out =
            "Configuration for \(path)\(isFolder ? " (a folder: per-path overrides are listed, not applied)" : "")\n"
        out += "\nRules: \(rulesFile.map { "the rules file \($0)" } ?? "the embedded defaults")\n"
        if files.isEmpty {
            out += "Project files: none\n"
        } else {
            out += "Project files, applied in this order:\n"
            for file in files { out += "  \(file)\(file == rootFile ? " (root: true)" : "")\n" }
        }
        if !appliedOverrides.isEmpty {
            out += "Overrides that match it, applied in this order:\n"
            for override in appliedOverrides {
                out += "  \(Self.place(override.location)): paths \(override.paths.joined(separator: ", "))\n"
            }
        }
        if !pendingOverrides.isEmpty {
            out += "Overrides for some paths below it:\n"
            for override in pendingOverrides {
                out += "  \(Self.place(override.location)): paths \(override.paths.joined(separator: ", "))\n"
            }
        }
        out +=
            "\n\(ruleSet.rules.count) rules in force, \(ruleSet.disabledRules.count) disabled; rules digest \(rulesDigest)\n"
        for (id, on, at) in switches { out += "  \(on ? "enabled " : "disabled") \(id) (\(Self.place(at)))\n" }
        for (id, severity, was, at) in severities {
            out += "  severity \(id): \(severity.rawValue) (was \(was.rawValue); \(Self.place(at)))\n"
        }
        if !ruleSet.untrustedSources.isEmpty {
            out += "Untrusted sources: \(ruleSet.untrustedSources.joined(separator: ", "))\n"
        }
        for (name, terms) in addedTerms.sorted(by: { $0.key < $1.key }) {
            out += "Lexicon '\(name)' adds: \(terms.joined(separator: ", "))\n"
        }
        for (id, location) in addedRules { out += "Rule added: \(id) (\(Self.place(location)))\n" }
        for (pattern, file) in exclude { out += "Exclude: '\(pattern)' (\(file))\n" }
        if let approvedClaims { out += "Approved claims: \(approvedClaims)\n" }
        if let baseline { out += "Baseline: \(baseline)\n" }
        return out
    }

    /// The same as JSON, for scripts.
    public func json() -> String {
        let json = JSONWriter(indent: 0)
        func location(_ at: RuleLocation) { json.string(Self.place(at)) }
        func overrides(_ list: [ConfigurationOverride]) {
            json.array(list) { override in
                json.object {
                    json.field("at") { location(override.location) }
                    json.field("paths") { json.array(override.paths) { json.string($0) } }
                }
            }
        }
        json.object {
            json.field("path") { json.string(path) }
            json.field("folder") { json.bool(isFolder) }
            json.field("rulesFile") { rulesFile.map { json.string($0) } ?? json.raw("null") }
            json.field("files") { json.array(files) { json.string($0) } }
            json.field("root") { rootFile.map { json.string($0) } ?? json.raw("null") }
            json.field(isFolder ? "overridesBelow" : "overrides") {
                overrides(isFolder ? pendingOverrides : appliedOverrides)
            }
            json.field("rulesDigest") { json.string(rulesDigest) }
            json.field("rules") {
                json.array(ruleSet.rules) { rule in
                    json.object {
                        json.field("id") { json.string(rule.id) }
                        json.field("severity") { json.string(rule.severity.rawValue) }
                    }
                }
            }
            json.field("disabled") {
                json.array(ruleSet.disabledRules) { rule in
                    json.object {
                        json.field("id") { json.string(rule.id) }
                        if let at = ruleSet.adjustments[rule.id]?.switchedAt { json.field("at") { location(at) } }
                    }
                }
            }
            json.field("severities") {
                json.array(severities) { entry in
                    json.object {
                        json.field("id") { json.string(entry.id) }
                        json.field("severity") { json.string(entry.severity.rawValue) }
                        json.field("was") { json.string(entry.was.rawValue) }
                        json.field("at") { location(entry.at) }
                    }
                }
            }
            json.field("untrustedSources") { json.array(ruleSet.untrustedSources) { json.string($0) } }
            json.field("exclude") {
                json.array(exclude) { entry in
                    json.object {
                        json.field("pattern") { json.string(entry.pattern) }
                        json.field("file") { json.string(entry.file) }
                    }
                }
            }
            json.field("approvedClaims") { approvedClaims.map { json.string($0) } ?? json.raw("null") }
            json.field("baseline") { baseline.map { json.string($0) } ?? json.raw("null") }
        }
        return json.output + "\n"
    }
}
