// libFuzzer target: the whole pipeline on arbitrary bytes. Validation, parse, segmentation and
// matching through `Linter.lint(bytes:path:)`, then every reporter in `ReportFormat.allCases`.
// Built and run by `Scripts/fuzz.sh pipeline SECONDS`; see docs/fuzzing.md.
@_spi(Stages) import ClaimLint
import FuzzSupport

private let path = "/fuzz/site/page.md"
private let workingDirectory = "/fuzz"

private let linter: Linter = {
    do {
        return try Linter(ruleSet: RulesLoader.defaultRules())
    } catch {
        fatalError("the default rules do not load: \(error)")
    }
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPipeline(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let report = linter.lint(bytes: bytes, path: path)
    Invariants.checkFileReport(report, bytes: bytes, path: path, ruleSet: linter.ruleSet)
    Invariants.require(
        linter.lint(bytes: bytes, path: path) == report, "linting the same bytes twice gave different reports")
    let run = LintReport(files: [report], rulesDigest: linter.rulesDigest)
    Invariants.checkReporters(run, ruleSet: linter.ruleSet, workingDirectory: workingDirectory)
    return 0
}
