import Foundation
import Yams

/// A project's `.claimlint.yml`: changes to the rule set in force for the files below it. A file
/// extends the configurations above it (up to the repository root or a `root: true` file); the
/// whole chain, applied in order, is a `ConfigurationStack`.
///
/// ```yaml
/// version: 1
/// disable: [superlative]                 # rule ids to turn off (added to those the files above turned off)
/// enable: [testimonial]                  # rule ids a file above turned off, turned back on
/// severity: {uncited-statistic: error}   # new severities
/// sources:
///   untrusted: [our-clinic.example]      # links that never count as citations
/// lexicons:
///   health: [cryotherapy]                # terms added to a lexicon
/// rules: [...]                           # extra rules, as in a rules file
/// overrides:                             # changes for some paths only (globs relative to this file)
///   - paths: ["blog/**"]
///     disable: [superlative]
/// exclude: ["drafts/**"]                 # paths (globs) not to lint
/// root: true                             # no configuration above this one applies
/// approved-claims: approved.yml          # the approved-claims library (docs/adoption.md)
/// baseline: claimlint-baseline.json      # the baseline `check` judges by (`--baseline` wins)
/// max-findings-per-file: 2000            # findings reported per page (default 10,000; `RuleChanges`)
/// ```
public struct ProjectConfiguration: Sendable {
    public static let fileName = ".claimlint.yml"

    public var file: String
    /// What the top level of the file changes, for every file below it.
    public var changes = RuleChanges()
    /// What it changes for some paths only, in file order (the last matching one wins per key).
    public var overrides: [ConfigurationOverride] = []
    public var exclude: [String] = []
    /// `root: true`: the search for configurations stops here (`ConfigurationSearch`).
    public var isRoot = false
    /// The approved-claims library for the files below this configuration (`approved-claims:`),
    /// resolved against this file's folder.
    public var approvedClaims: String?
    /// Where `approved-claims:` is, for `claimlint config`.
    public var approvedClaimsLocation: RuleLocation?
    /// The baseline `check` judges the files below this configuration by (`baseline:`), resolved
    /// against this file's folder; `--baseline` on the command line wins.
    public var baseline: String?
    var yaml: String

    public var disable: [(id: String, location: RuleLocation)] {
        get { changes.disable }
        set { changes.disable = newValue }
    }
    public var severity: [(id: String, severity: Severity, location: RuleLocation)] {
        get { changes.severity }
        set { changes.severity = newValue }
    }
    public var untrustedSources: [String] {
        get { changes.untrustedSources }
        set { changes.untrustedSources = newValue }
    }
    public var lexicons: [String: [String]] {
        get { changes.lexicons }
        set { changes.lexicons = newValue }
    }
    public var rules: [Rule] {
        get { changes.rules }
        set { changes.rules = newValue }
    }

    static let keys: Set<String> = RuleChanges.keys.union([
        "version", "root", "exclude", "approved-claims", "baseline", "overrides",
    ])

    public static func load(yaml: String, file: String) throws -> ProjectConfiguration {
        let reader = YAMLReader(file: file)
        var configuration = ProjectConfiguration(file: file, yaml: yaml)
        guard let root = try reader.root(of: yaml) else { return configuration }
        let entries = try reader.entries(root, allowed: keys, what: "the configuration")
        try RulesLoader.checkVersion(entries, root: root, reader: reader)
        for (key, _, value) in entries {
            switch key {
            case _ where RuleChanges.keys.contains(key):
                try configuration.changes.read(key, value, reader: reader)
            case "overrides":
                guard let sequence = value.sequence else {
                    throw reader.error(value, "overrides must be a list of {paths: [globs], disable, severity, …}")
                }
                configuration.overrides = try sequence.map { try ConfigurationOverride.read($0, reader: reader) }
            case "approved-claims":
                configuration.approvedClaims = resolved(try reader.nonEmptyString(value, key), in: file)
                configuration.approvedClaimsLocation = reader.location(value)
            case "baseline":
                configuration.baseline = resolved(try reader.nonEmptyString(value, key), in: file)
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

    /// A path the file names, relative to its folder (as `exclude:` globs are), unless absolute.
    private static func resolved(_ named: String, in file: String) -> String {
        let folder = (file as NSString).deletingLastPathComponent
        return named.hasPrefix("/") || folder.isEmpty ? named : folder + "/" + named
    }

    /// The folder this file's globs (`exclude`, `overrides`) are relative to, absolute.
    public var folder: String {
        URL(fileURLWithPath: file).deletingLastPathComponent().standardizedFileURL.path
    }

    /// `path` relative to this file's folder (unchanged when it is not below it).
    public func relative(_ path: String) -> String {
        let full = URL(fileURLWithPath: path).standardizedFileURL.path
        let folder = self.folder
        if folder == "/" { return String(full.dropFirst()) }
        return full.hasPrefix(folder + "/") ? String(full.dropFirst(folder.count + 1)) : path
    }

    /// Whether `path` matches one of this configuration's `exclude` globs, taken relative to the
    /// configuration's folder (as `check` applies them).
    public func excludes(_ path: String) -> Bool {
        let relative = relative(path)
        return exclude.contains { Glob.matches($0, relative) }
    }

    /// The rule set in force with this file alone (no file above it, no override): `base` with
    /// its top-level changes.
    public func applied(to base: RuleSet) throws -> RuleSet {
        try ConfigurationStack(files: [self]).applied(to: base, for: nil)
    }
}
