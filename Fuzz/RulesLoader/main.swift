// libFuzzer target: the rules-file loader and the project configuration on arbitrary UTF-8.
// Whatever loads must build a linter that lints a fixed page (and the rules' own examples)
// without breaking any invariant; whatever does not load must fail with a `RulesError` that
// names the file and a place inside it. Built and run by `Scripts/fuzz.sh rules SECONDS`.
@_spi(Stages) import ClaimLint
import FuzzSupport

private let rulesFile = "fuzz/rules.yml"
private let configurationFile = "fuzz/.claimlint.yml"
private let pagePath = "fuzz/page.md"

private let defaults: RuleSet = {
    do {
        return try RulesLoader.defaultRules()
    } catch {
        fatalError("the default rules do not load: \(error)")
    }
}()

/// A short page with a claim, a statistic, a citation marker that resolves, one that does not,
/// a testimonial and a disclosure trigger, so that most kinds of rule have something to find.
private let page = Array(
    """
    # Ketamine therapy for depression

    Our ketamine infusions are FDA-approved and cure depression fast [1]. 70% of patients feel
    better in a week [7], and it is safe and effective with no side effects.

    > "After two sessions my anxiety was gone for good." — a patient

    - Guaranteed results, or your money back
    - Studies show it works better than antidepressants

    1. Smith J et al. Ketamine. *JAMA Psychiatry*. 2020. doi:10.1001/jamapsychiatry.2020.1
    """.utf8)

/// Rule examples linted per input, at most, so that a huge list cannot slow the fuzzer to a crawl.
private let exampleBudget = 64

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRulesLoader(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    guard let yaml = String(validating: bytes, as: UTF8.self) else { return -1 }  // not UTF-8: not kept in the corpus

    // As a rules file that replaces the defaults.
    if let rules = outcome({ try RulesLoader.load(yaml: yaml, file: rulesFile) }, file: rulesFile, yaml: yaml) {
        Invariants.require(rules.origins == [yaml], "a loaded rule set does not record its YAML")
        lint(with: rules)
    }

    // As a project configuration over the defaults.
    if let configuration = outcome(
        { try ProjectConfiguration.load(yaml: yaml, file: configurationFile) }, file: configurationFile, yaml: yaml),
        let rules = outcome({ try configuration.applied(to: defaults) }, file: configurationFile, yaml: yaml)
    {
        Invariants.require(
            rules.rules.count == defaults.rules.count + configuration.rules.count - configuration.disable.count,
            "applying a configuration lost or duplicated rules")
        lint(with: rules)
    }
    return 0
}

/// Runs `load`; an error must be a `RulesError` for `file`, at a line and column inside `yaml`.
private func outcome<T>(_ load: () throws -> T, file: String, yaml: String) -> T? {
    do {
        return try load()
    } catch let error as RulesError {
        Invariants.require(error.file == file, "error names \(error.file), not \(file)")
        Invariants.require(!error.message.isEmpty, "error without a message")
        // libyaml counts a lone CR, LF and CRLF, and (for some problems) points one line past the end.
        let lines = SourceText(yaml).lineCount + 1
        if let line = error.line {
            Invariants.require(line >= 1 && line <= lines, "error line \(line) outside 1...\(lines): \(error)")
        }
        if let column = error.column { Invariants.require(column >= 1, "error column \(column) below 1: \(error)") }
        Invariants.require(
            (error.line == nil) == (error.column == nil), "error with a line but no column, or the reverse: \(error)")
        return nil
    } catch {
        fatalError("invariant violated: \(file) failed with \(type(of: error)), not RulesError: \(error)")
    }
}

/// A rule set that loaded must make a linter, and lint the fixed page and its own examples sanely.
private func lint(with rules: RuleSet) {
    let ids = rules.rules.map(\.id)
    Invariants.require(Set(ids).count == ids.count, "a loaded rule set has duplicate ids")
    let linter: Linter
    do {
        linter = try Linter(ruleSet: rules)
    } catch {
        fatalError("invariant violated: a rule set that loaded cannot build a linter: \(error)")
    }
    var pages = [page]
    for rule in rules.rules {
        for example in rule.examples.trigger + rule.examples.pass where pages.count <= exampleBudget {
            pages.append(Array(example.utf8))
        }
    }
    for bytes in pages {
        let report = linter.lint(bytes: bytes, path: pagePath)
        Invariants.checkFileReport(report, bytes: bytes, path: pagePath, ruleSet: rules)
        Invariants.require(
            linter.lint(bytes: bytes, path: pagePath) == report, "linting the same bytes twice gave different reports")
    }
}
