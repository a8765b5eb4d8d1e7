import Foundation

/// Where the rules in force come from, and the one place that loads them: the embedded defaults or
/// a `--rules` file, extended by the `.claimlint.yml` files above each page unless project files are turned off.
/// `claimlint check` asks it once per folder; `rules` and `explain` ask it for the current folder,
/// so all three see the same rules for the same options.
public struct RuleSource: Sendable {
    /// A rules file that builds on the embedded defaults (or replaces them: its `extends` key).
    public var rulesFile: String?
    /// Look for `.claimlint.yml` in a file's folder and above it.
    public var useProjectConfiguration: Bool

    public init(rulesFile: String? = nil, useProjectConfiguration: Bool = true) {
        self.rulesFile = rulesFile
        self.useProjectConfiguration = useProjectConfiguration
    }

    /// The rules before any project file: the defaults, or the `--rules` file on what it extends.
    public func baseRules() throws -> RuleSet {
        guard let rulesFile else { return try RulesLoader.defaultRules() }
        return try RulesLoader.loadExtendingDefaults(yaml: try Self.readText(rulesFile), file: rulesFile)
    }

    /// The nearest project file for files in `folder`, or nil when there is none or project files are off.
    public func configurationFile(governing folder: String) -> String? {
        useProjectConfiguration ? Self.nearestConfiguration(above: folder) : nil
    }

    /// Reads one project file.
    public func configuration(at path: String) throws -> ProjectConfiguration {
        try ProjectConfiguration.load(yaml: try Self.readText(path), file: path)
    }

    /// The project files that govern files in `folder`, farthest first (each extends the one above
    /// it), or nil when there are none or project files are off. `read` may cache what it reads.
    public func configurationStack(
        governing folder: String, read: ((String) throws -> ProjectConfiguration)? = nil
    ) throws -> ConfigurationStack? {
        guard useProjectConfiguration else { return nil }
        return try ConfigurationStack.load(above: folder, read: read ?? configuration(at:))
    }

    /// The rules in force for files in `folder`: the base rules with the governing project files
    /// applied (without any per-path override: those depend on the file).
    public func rules(inForceIn folder: String) throws -> RuleSet {
        let base = try baseRules()
        guard let stack = try configurationStack(governing: folder) else { return base }
        return try stack.applied(to: base, for: nil)
    }

    /// The nearest `.claimlint.yml` in `folder` or above it, within the repository (`ConfigurationSearch`).
    public static func nearestConfiguration(above folder: String) -> String? {
        ConfigurationSearch.candidates(above: folder).first
    }

    static func readText(_ path: String) throws -> String {
        // Read by its bytes: a folder whose name is not UTF-8 still has its configuration read.
        guard case .success(let bytes) = InputFile.read(path, sizeLimit: InputFile.largestSizeLimit) else {
            throw RulesError(file: path, message: "cannot read this file")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw RulesError(file: path, message: "is not valid UTF-8")
        }
        return text
    }
}
