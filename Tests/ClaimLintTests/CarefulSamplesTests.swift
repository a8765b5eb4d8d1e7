import Foundation
import Testing

@testable import ClaimLint

/// The careful sample pages (docs/samples.md) are written the way a compliance reviewer wants:
/// they set traps (ages, schedules, prices, "a safe, welcoming space") but make no uncited claim,
/// so no finding at or above warning may appear on them. A detector that starts flagging one is wrong.
@Suite("Careful samples")
struct CarefulSamplesTests {
    @Test(
        "the careful samples give no warning or error",
        arguments: ["med-spa.md", "weight-loss-clean.md", "tms-depression-cited.md"])
    func carefulSampleIsClean(name: String) throws {
        let url = TestSupport.packageRoot.appendingPathComponent("Samples").appendingPathComponent(name)
        let bytes = try [UInt8](Data(contentsOf: url))
        let findings = TestSupport.defaultLinter.lint(bytes: bytes, path: "Samples/\(name)").findings
        let serious = findings.filter { $0.severity >= .warning }
        #expect(
            serious.isEmpty,
            "\(name): \(serious.map { "\($0.range.start.line):\($0.range.start.column) \($0.ruleID) '\($0.matchedText)'" })"
        )
    }
}
