import Foundation
import Yams

/// A project's `.claimlint.yml`: changes to the rule set in force for the files below it.
///
/// ```yaml
/// version: 1
/// disable: [superlative]                 # rule ids to turn off
/// severity: {uncited-statistic: error}   # new severities
/// sources:
///   untrusted: [our-clinic.example]      # links that never count as citations
/// lexicons:
///   health: [cryotherapy]                # terms added to a lexicon
/// rules: [...]                           # extra rules, as in a rules file
/// exclude: ["drafts/**"]                 # paths (globs) not to lint
/// root: true                             # no configuration above this one applies
/// approved-claims: approved.yml          # the approved-claims library (docs/adoption.md)
/// ```
public struct ProjectConfiguration: Sendable {
    public static let fileName = ".claimlint.yml"

    public var file: String
    public var disable: [(id: String, location: RuleLocation)] = []
    public var severity: [(id: String, severity: Severity, location: RuleLocation)] = []
    public var untrustedSources: [String] = []
    public var lexicons: [String: [String]] = [:]
    public var rules: [Rule] = []
    public var exclude: [String] = []
    /// `root: true`: the search for configurations stops here (`ConfigurationSearch`).
    public var isRoot = false
    /// The approved-claims library for the files below this configuration (`approved-claims:`).
    public var approvedClaims: String?
    var yaml: String

    public static func load(yaml: String, file: String) throws -> ProjectConfiguration {
        let reader = YAMLReader(file: file)
        var configuration = ProjectConfiguration(file: file, yaml: yaml)
        guard let root = try reader.root(of: yaml) else { return configuration }
        let entries = try reader.entries(
            root,
            allowed: [
                "version", "root", "disable", "severity", "sources", "lexicons", "rules", "exclude", "approved-claims",
            ], what: "the configuration")
        try RulesLoader.checkVersion(entries, root: root, reader: reader)
        for (key, _, value) in entries {
            switch key {
            case "disable":
                guard let sequence = value.sequence else {
                    throw reader.error(value, "disable must be a list of rule ids")
                }
                configuration.disable = try sequence.map {
                    (try reader.nonEmptyString($0, "a rule id"), reader.location($0))
                }
            case "severity":
                guard let mapping = value.mapping else {
                    throw reader.error(value, "severity must map rule ids to error, warning or info")
                }
                configuration.severity = try mapping.map { keyNode, level in
                    (
                        try reader.nonEmptyString(keyNode, "a rule id"),
                        try reader.oneOf(level, "severity", as: Severity.self), reader.location(keyNode)
                    )
                }
            case "sources":
                var sources = RuleSet()
                try RulesLoader.readSources(value, into: &sources, reader: reader)
                configuration.untrustedSources = sources.untrustedSources
            case "lexicons":
                configuration.lexicons = try RulesLoader.lexicons(value, reader: reader)
            case "rules":
                configuration.rules = try RulesLoader.rules(value, reader: reader)
            case "approved-claims":
                // Relative to the configuration file's folder, as `exclude:` is.
                let named = try reader.nonEmptyString(value, "approved-claims")
                let folder = (file as NSString).deletingLastPathComponent
                configuration.approvedClaims = named.hasPrefix("/") || folder.isEmpty ? named : folder + "/" + named
            case "exclude":
                configuration.exclude = try reader.strings(value, "exclude")
            case "root":
                configuration.isRoot = try reader.bool(value, "root")
            default:
                break
            }
        }
        return configuration
    }

    /// Whether `path` matches one of this configuration's `exclude` globs, taken relative to the
    /// configuration's folder (as `check` applies them).
    public func excludes(_ path: String) -> Bool {
        let folder = URL(fileURLWithPath: file).deletingLastPathComponent().standardizedFileURL.path
        let full = URL(fileURLWithPath: path).standardizedFileURL.path
        let relative = full.hasPrefix(folder + "/") ? String(full.dropFirst(folder.count + 1)) : path
        return exclude.contains { Glob.matches($0, relative) }
    }

    /// The rule set in force: `base` with this configuration's changes.
    public func applied(to base: RuleSet) throws -> RuleSet {
        var set = base
        set.origins.append(yaml)
        set.untrustedSources += untrustedSources
        for (name, terms) in lexicons { set.lexicons[name, default: []] += terms }
        set.rules += rules
        for (id, location) in disable {
            guard set.rule(withID: id) != nil else { throw location.error("disable: no rule has the id '\(id)'") }
            set.rules.removeAll { $0.id == id }
            set.disabledRuleIDs.insert(id)
        }
        for (id, severity, location) in severity {
            guard let index = set.rules.firstIndex(where: { $0.id == id }) else {
                throw location.error("severity: no rule has the id '\(id)'")
            }
            set.rules[index].severity = severity
        }
        try RulesLoader.validate(set)
        return set
    }
}
