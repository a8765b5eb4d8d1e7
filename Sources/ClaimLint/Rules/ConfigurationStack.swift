import Foundation

/// The `.claimlint.yml` files that govern a folder, farthest first: each extends the one above it.
/// Applied in order, each file's top level and then its matching `overrides`: a later file (or
/// override) wins for a key it sets (a rule's severity; whether a rule is on), lists add up
/// (`disable`, untrusted sources, lexicon terms, extra rules, `exclude`), and the nearest
/// `approved-claims:` and `baseline:` are the ones in force.
public struct ConfigurationStack: Sendable {
    /// Farthest first (the repository root's, or the `root: true` file's), the nearest last.
    public var files: [ProjectConfiguration]

    public init(files: [ProjectConfiguration]) {
        self.files = files
    }

    /// One override of one file of the stack.
    public struct OverrideID: Hashable, Sendable, Comparable {
        public var file: Int
        public var index: Int

        public static func < (lhs: OverrideID, rhs: OverrideID) -> Bool {
            (lhs.file, lhs.index) < (rhs.file, rhs.index)
        }
    }

    /// The configuration files governing `folder`, nearest first, up to the repository root or the
    /// first `root: true` file (`ConfigurationSearch`), read with `read` (which may cache).
    public static func load(above folder: String, read: (String) throws -> ProjectConfiguration) throws
        -> ConfigurationStack?
    {
        var nearestFirst: [ProjectConfiguration] = []
        for path in ConfigurationSearch.candidates(above: folder) {
            let configuration = try read(path)
            nearestFirst.append(configuration)
            if configuration.isRoot { break }
        }
        return nearestFirst.isEmpty ? nil : ConfigurationStack(files: nearestFirst.reversed())
    }

    /// The paths of the files, farthest first.
    public var paths: [String] { files.map(\.file) }

    /// Whether any file has overrides (if not, every file below the stack gets the same rules).
    public var hasOverrides: Bool { files.contains { !$0.overrides.isEmpty } }

    /// The overrides whose `paths` match `path`, in the order they apply.
    public func overrides(for path: String) -> [OverrideID] {
        var found: [OverrideID] = []
        for (fileIndex, file) in files.enumerated() where !file.overrides.isEmpty {
            let relative = file.relative(path)
            for (index, override) in file.overrides.enumerated() where override.applies(to: relative) {
                found.append(OverrideID(file: fileIndex, index: index))
            }
        }
        return found
    }

    /// The nearest file's `approved-claims:`.
    public var approvedClaims: String? { files.last { $0.approvedClaims != nil }?.approvedClaims }

    /// The nearest file's `baseline:`.
    public var baseline: String? { files.last { $0.baseline != nil }?.baseline }

    /// The first `exclude` glob of any file that matches `path` (relative to that file's folder), and its file.
    public func exclusion(of path: String) -> (pattern: String, file: String)? {
        for file in files.reversed() where !file.exclude.isEmpty {
            let relative = file.relative(path)
            if let pattern = file.exclude.first(where: { Glob.matches($0, relative) }) { return (pattern, file.file) }
        }
        return nil
    }

    /// The rule set in force for `path` (nil: the folder's own, without any override).
    public func applied(to base: RuleSet, for path: String?) throws -> RuleSet {
        try applied(to: base, overrides: path.map(overrides(for:)) ?? [])
    }

    /// The changes in the order they apply, with the text each adds to the rules digest.
    func layers(overrides: [OverrideID]) -> [(changes: RuleChanges, origin: String)] {
        var layers: [(RuleChanges, String)] = []
        for (fileIndex, file) in files.enumerated() {
            layers.append((file.changes, file.yaml))
            for id in overrides.sorted() where id.file == fileIndex {
                // The file's text is in the digest already; which of its overrides applied is not.
                layers.append((file.overrides[id.index].changes, "overrides[\(id.index)] of file \(fileIndex)"))
            }
        }
        return layers
    }

    /// `base` with every layer's changes.
    public func applied(to base: RuleSet, overrides: [OverrideID]) throws -> RuleSet {
        var set = base
        var addedIDs: Set<String> = []
        var switches: [(id: String, on: Bool, location: RuleLocation)] = []
        var severities: [(id: String, severity: Severity, location: RuleLocation)] = []
        for (changes, origin) in layers(overrides: overrides) {
            set.origins.append(origin)
            set.untrustedSources += changes.untrustedSources.filter { !set.untrustedSources.contains($0) }
            for (name, terms) in changes.lexicons.sorted(by: { $0.key < $1.key }) {
                set.lexicons[name, default: []] += terms.filter { !(set.lexicons[name] ?? []).contains($0) }
                set.lexiconLocations[name] = changes.lexiconLocations[name]
            }
            for rule in changes.rules {
                // A nearer file's rule replaces a farther file's rule of the same id; a default
                // rule's id stays a duplicate (validation says so), as in a single file.
                if addedIDs.contains(rule.id), let index = set.rules.firstIndex(where: { $0.id == rule.id }) {
                    set.rules[index] = rule
                } else {
                    set.rules.append(rule)
                    addedIDs.insert(rule.id)
                }
            }
            switches += changes.disable.map { ($0.id, false, $0.location) }
            switches += changes.enable.map { ($0.id, true, $0.location) }
            severities += changes.severity
            if let cap = changes.maxFindingsPerFile { set.maxFindingsPerFile = cap }
        }
        let known = Set(set.rules.map(\.id))
        for (id, on, location) in switches where !known.contains(id) {
            throw location.error("\(on ? "enable" : "disable"): no rule has the id '\(id)'")
        }
        for (id, _, location) in severities where !known.contains(id) {
            throw location.error("severity: no rule has the id '\(id)'")
        }
        for (id, severity, location) in severities {
            let index = set.rules.firstIndex { $0.id == id }!
            if set.adjustments[id]?.originalSeverity == nil {
                set.adjustments[id, default: RuleAdjustment()].originalSeverity = set.rules[index].severity
            }
            set.adjustments[id]!.severityAt = location
            set.rules[index].severity = severity
        }
        var isOn: [String: Bool] = [:]
        for (id, on, location) in switches {
            isOn[id] = on
            set.adjustments[id, default: RuleAdjustment()].switchedAt = location
        }
        let off = Set(isOn.filter { !$0.value }.keys)
        set.disabledRules = set.rules.filter { off.contains($0.id) }
        set.rules.removeAll { off.contains($0.id) }
        set.disabledRuleIDs.formUnion(off)
        try RulesLoader.validate(set)
        return set
    }
}
