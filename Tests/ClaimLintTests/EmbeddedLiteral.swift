import Foundation
import Testing

/// The generated Swift files that hold a compiled form as one raw string literal
/// (`CompiledDefaults+Generated.swift`, `CompiledVocabulary+Generated.swift`), written and checked
/// the same way: `CLAIMLINT_EMBED_RULES=1` (Scripts/embed-rules.sh) writes them, otherwise the
/// file on disk must be what its test generates.
enum EmbeddedLiteral {
    /// A generated file: two header lines, then `enum name` with a `UInt64` constant saying what it
    /// was compiled from and `static let text`, the compiled form.
    static func source(
        header: [String], enumName: String, key: (name: String, doc: String, value: UInt64), textDoc: String,
        text: String
    ) -> String {
        let delimiter = String(repeating: "#", count: 4)
        precondition(!text.contains("\"\"\"" + delimiter), "the compiled text contains the literal's delimiter")
        let value = String(key.value, radix: 16, uppercase: true)
        return header.map { "// \($0)\n" }.joined() + """

            enum \(enumName) {
                /// \(key.doc)
                static let \(key.name): UInt64 = 0x\(value)
                /// \(textDoc)
                static let text = \(delimiter)\"\"\"

            """ + text + "\n\"\"\"\(delimiter)\n}\n"
    }

    /// Writes `expected` to the package's `file` under `CLAIMLINT_EMBED_RULES`, else expects the
    /// file to hold it; true when it compared (the caller's further checks then apply).
    @discardableResult
    static func checkUpToDate(_ file: String, expected: String) throws -> Bool {
        let url = TestSupport.packageRoot.appendingPathComponent(file)
        if ProcessInfo.processInfo.environment["CLAIMLINT_EMBED_RULES"] != nil {
            try expected.write(to: url, atomically: true, encoding: .utf8)
            return false
        }
        let onDisk = try String(contentsOf: url, encoding: .utf8)
        #expect(onDisk == expected, "\(file) is out of date: run Scripts/embed-rules.sh")
        return true
    }
}
