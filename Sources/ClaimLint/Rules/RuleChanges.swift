import Yams

/// The keys of a `.claimlint.yml` that change the rules in force: at the top of the file, or in
/// one of its `overrides:` for the paths it names. A configuration stack applies them in order,
/// farthest file first, each file's top level before its overrides (`ConfigurationStack`).
public struct RuleChanges: Sendable {
    public var disable: [(id: String, location: RuleLocation)] = []
    /// Rule ids turned back on (a parent file, or an earlier override, disabled them).
    public var enable: [(id: String, location: RuleLocation)] = []
    public var severity: [(id: String, severity: Severity, location: RuleLocation)] = []
    public var untrustedSources: [String] = []
    public var lexicons: [String: [String]] = [:]
    /// Where each of `lexicons` is written, for errors found once the layers are merged.
    public var lexiconLocations: [String: RuleLocation] = [:]
    public var rules: [Rule] = []
    /// `max-findings-per-file:`, when set: the nearest file's (or matching override's) wins.
    public var maxFindingsPerFile: Int?

    public init() {}

    /// Whether this changes nothing.
    public var isEmpty: Bool {
        disable.isEmpty && enable.isEmpty && severity.isEmpty && untrustedSources.isEmpty && lexicons.isEmpty
            && rules.isEmpty && maxFindingsPerFile == nil
    }

    static let keys: Set<String> = [
        "disable", "enable", "severity", "sources", "lexicons", "rules", RulesLoader.maxFindingsKey,
    ]

    /// Reads one of `keys` into these changes.
    mutating func read(_ key: String, _ value: Node, reader: YAMLReader) throws {
        switch key {
        case "disable":
            disable = try Self.ruleIDs(value, "disable", reader: reader)
        case "enable":
            enable = try Self.ruleIDs(value, "enable", reader: reader)
        case "severity":
            guard let mapping = value.mapping else {
                throw reader.error(value, "severity must map rule ids to error, warning or info")
            }
            severity = try mapping.map { keyNode, level in
                (
                    try reader.nonEmptyString(keyNode, "a rule id"),
                    try reader.oneOf(level, "severity", as: Severity.self), reader.location(keyNode)
                )
            }
        case "sources":
            var sources = RuleSet()
            try RulesLoader.readSources(value, into: &sources, reader: reader)
            untrustedSources = sources.untrustedSources
        case "lexicons":
            (lexicons, lexiconLocations) = try RulesLoader.lexicons(value, reader: reader)
        case "rules":
            rules = try RulesLoader.rules(value, reader: reader)
        case RulesLoader.maxFindingsKey:
            maxFindingsPerFile = try RulesLoader.maxFindings(value, reader: reader)
        default:
            break
        }
        // One file saying both "off" and "on" for a rule is a mistake, not an order to resolve.
        for (id, location) in enable where disable.contains(where: { $0.id == id }) {
            throw location.error("'\(id)' is both in disable and in enable")
        }
    }

    private static func ruleIDs(_ value: Node, _ what: String, reader: YAMLReader) throws -> [(
        id: String, location: RuleLocation
    )] {
        guard let sequence = value.sequence else { throw reader.error(value, "\(what) must be a list of rule ids") }
        return try sequence.map { (try reader.nonEmptyString($0, "a rule id"), reader.location($0)) }
    }
}

/// One entry of `overrides:`: rule changes for the files matching `paths` (globs relative to the
/// configuration file's folder), as markdownlint-cli2 and ESLint have them.
public struct ConfigurationOverride: Sendable {
    public var paths: [String]
    public var changes: RuleChanges
    public var location: RuleLocation

    static func read(_ node: Node, reader: YAMLReader) throws -> ConfigurationOverride {
        let entries = try reader.entries(node, allowed: RuleChanges.keys.union(["paths"]), what: "an override")
        guard let pathsNode = entries.first(where: { $0.key == "paths" })?.value else {
            throw reader.error(node, "an override needs 'paths:', the globs of the files it applies to")
        }
        let paths = try reader.strings(pathsNode, "paths")
        guard !paths.isEmpty else { throw reader.error(pathsNode, "paths must name at least one glob") }
        var changes = RuleChanges()
        for (key, _, value) in entries where key != "paths" { try changes.read(key, value, reader: reader) }
        return ConfigurationOverride(paths: paths, changes: changes, location: reader.location(node))
    }

    /// Whether a path, relative to the configuration's folder, is one this override is for.
    public func applies(to relativePath: String) -> Bool {
        paths.contains { Glob.matches($0, relativePath) }
    }
}
