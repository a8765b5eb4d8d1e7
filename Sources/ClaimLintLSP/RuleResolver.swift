import ClaimLint
import Foundation

/// Which linter judges each document: the base rules (the embedded defaults, or the rules file
/// named in `initializationOptions`) extended by the `.claimlint.yml` files above the document
/// (each extending the one above it, with the overrides that match the document), as `claimlint
/// check` does. Linters are compiled once per stack of configuration files and set of matching
/// overrides, and kept until a configuration changes, so a re-lint costs only the lint. What
/// accepts findings after the lint is `check`'s too: the approved-claims library the nearest
/// configuration names (read once), and the baseline named in `initializationOptions`.
///
/// A broken rules or configuration file never stops linting: its error is reported (the server
/// shows it at the file's line and column) and the documents it governs are linted with the rules
/// below it (the base rules, or the embedded defaults under a broken rules file).
///
/// Used only on the server's lint queue: not thread-safe by itself.
final class RuleResolver {
    struct Resolution {
        var linter: Linter
        /// The linter's rules by id, for what diagnostics and hovers say of each finding's rule.
        var rules: RulesByID
        /// The configuration file in force, if any.
        var configurationFile: String?
        /// The document matches the configuration's `exclude`: it gets no diagnostics.
        var excluded = false
        /// What the lint's findings are judged by afterwards (`Acceptance.judge`): the baseline, if any.
        var acceptance = Acceptance()
    }

    /// The library's one place that loads rules (what `claimlint check` uses).
    let source: RuleSource
    var rulesFile: String? { source.rulesFile }
    /// A baseline file (`initializationOptions.baseline`): the findings it records are not shown.
    let baselineFile: String?
    /// Every rules or configuration file that could not be used, by path, as of the last resolution.
    private(set) var problems: [String: RulesError] = [:]

    private var base: (linter: Linter, rules: RulesByID)?
    private var linters: [String: (linter: Linter, rules: RulesByID, stack: ConfigurationStack?)] = [:]
    private var stackOfFolder: [String: ConfigurationStack?] = [:]
    private var libraries: [String: ApprovedClaims] = [:]
    /// The baseline as last read: nil until read, `.some(nil)` when there is none or it is broken.
    private var baseline: Baseline??
    /// Made at most once a minute, not per lint: only its date (for expiry) changes, once a day.
    private var acceptance: (value: Acceptance, madeAt: Date)?

    init(source: RuleSource, baselineFile: String? = nil) {
        self.source = source
        self.baselineFile = baselineFile
    }

    /// Forgets every compiled rule set, so the next resolution reads the files again.
    func invalidate() {
        base = nil
        linters.removeAll()
        stackOfFolder.removeAll()
        libraries.removeAll()
        baseline = nil
        acceptance = nil
        problems.removeAll()
    }

    /// The linter for a document at `path` (nil for a document that is not a file: an unsaved buffer).
    func resolve(path: String?) -> Resolution? {
        guard let base = baseLinter() else { return nil }
        let acceptance = currentAcceptance()
        guard let path else { return Resolution(linter: base.linter, rules: base.rules, acceptance: acceptance) }
        let folder = (path as NSString).deletingLastPathComponent
        if stackOfFolder[folder] == nil {
            do {
                stackOfFolder[folder] = .some(try source.configurationStack(governing: folder))
            } catch {
                // A file that cannot be read or parsed: the folder is linted with the base rules.
                let nearest = source.configurationFile(governing: folder) ?? folder
                let problem = Self.rulesError(error, file: nearest)
                problems[problem.file] = problem
                stackOfFolder[folder] = .some(nil)
                return Resolution(
                    linter: base.linter, rules: base.rules, configurationFile: nearest, acceptance: acceptance)
            }
        }
        guard let stack = stackOfFolder[folder] ?? nil else {
            return Resolution(linter: base.linter, rules: base.rules, acceptance: acceptance)
        }
        let overrides = stack.overrides(for: path)
        let key = stack.paths.joined(separator: "\n") + overrides.map { "\n#\($0.file).\($0.index)" }.joined()
        if linters[key] == nil {
            do {
                // The configurations' rules and the approved-claims library, as `check` builds them.
                let linter = try Linter(stack: stack, overrides: overrides, base: base.linter.ruleSet) { file in
                    if libraries[file] == nil { libraries[file] = try ApprovedClaims.load(file: file) }
                    return libraries[file]!
                }
                linters[key] = (linter, RulesByID(linter.ruleSet), stack)
                for file in stack.paths { problems[file] = nil }
            } catch {
                // Shown at the file that is wrong: a configuration, or the library it names.
                let problem = Self.rulesError(error, file: stack.paths.last!)
                problems[problem.file] = problem
                linters[key] = (base.linter, base.rules, nil)
            }
        }
        let entry = linters[key]!
        return Resolution(
            linter: entry.linter, rules: entry.rules, configurationFile: stack.paths.last,
            excluded: entry.stack?.exclusion(of: path) != nil, acceptance: acceptance)
    }

    private func currentAcceptance() -> Acceptance {
        let now = Date()
        if let acceptance, now.timeIntervalSince(acceptance.madeAt) < 60 { return acceptance.value }
        let value = Acceptance(baseline: loadedBaseline())
        acceptance = (value, now)
        return value
    }

    /// The baseline named in `initializationOptions`, read once; a broken one is a problem shown at
    /// its line and column, and pages are shown without it until it is fixed.
    private func loadedBaseline() -> Baseline? {
        if let baseline { return baseline }
        guard let baselineFile else {
            baseline = .some(nil)
            return nil
        }
        do {
            let loaded = try Baseline.load(file: baselineFile)
            baseline = .some(loaded)
            return loaded
        } catch {
            problems[baselineFile] = Self.rulesError(error, file: baselineFile)
            baseline = .some(nil)
            return nil
        }
    }

    private func baseLinter() -> (linter: Linter, rules: RulesByID)? {
        if let base { return base }
        var linter: Linter
        do {
            linter = try Linter(ruleSet: RulesLoader.defaultRules())
        } catch {
            // The embedded rules are tested on every build; this would be a broken build, not bad input.
            problems["<default rules>"] = Self.rulesError(error, file: "<default rules>")
            return nil
        }
        if let rulesFile {
            do {
                linter = try Linter(ruleSet: source.baseRules())
                problems[rulesFile] = nil
            } catch {
                problems[rulesFile] = Self.rulesError(error, file: rulesFile)
            }
        }
        base = (linter, RulesByID(linter.ruleSet))
        return base
    }

    private static func rulesError(_ error: Error, file: String) -> RulesError {
        (error as? RulesError) ?? RulesError(file: file, message: String(describing: error))
    }
}
