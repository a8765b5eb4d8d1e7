import Foundation
import Testing

@testable import ClaimLint

/// Paths and helpers shared by the tests.
enum TestSupport {
    /// The package root, found from this file's path.
    static let packageRoot: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static let fixtures = packageRoot.appendingPathComponent("Tests/ClaimLintTests/Fixtures")

    /// The project's shared material, beside the clone (CI puts a copy there too).
    static let shared = packageRoot.deletingLastPathComponent().appendingPathComponent("shared")

    /// The `claimlint` binary built next to the test bundle, or the one `CLAIMLINT_TEST_BINARY`
    /// names: `Scripts/regressions-against.sh` runs the CLI tests against another build that way.
    static var binary: URL {
        if let other = ProcessInfo.processInfo.environment["CLAIMLINT_TEST_BINARY"], !other.isEmpty {
            return URL(fileURLWithPath: other)
        }
        let testBinary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var folder = testBinary.deletingLastPathComponent()
        // On Linux the runner is `.build/debug/claimlintPackageTests.xctest`; the CLI sits beside it.
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("claimlint")
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isFolder), !isFolder.boolValue {
                return candidate
            }
            folder = folder.deletingLastPathComponent()
        }
        return packageRoot.appendingPathComponent(".build/debug/claimlint")
    }

    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs the CLI in `directory` (default: the package root) and captures what it printed.
    static func run(_ arguments: [String], in directory: URL = packageRoot, stdin: String? = nil) throws -> Output {
        try runProgram(binary.path, arguments, in: directory, stdin: stdin)
    }

    /// Runs any program and captures what it printed.
    static func runProgram(
        _ program: String, _ arguments: [String], in directory: URL = packageRoot, stdin: String? = nil
    ) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        process.environment = environment
        let out = Pipe()
        let err = Pipe()
        let input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }

    /// A fresh temporary folder, removed by the caller's `defer`.
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("claimlint-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static let defaultLinter: Linter = {
        // A broken default rules file must fail loudly in every test that uses it.
        try! Linter(ruleSet: RulesLoader.defaultRules())
    }()

    /// Compares `actual` with a golden file; `CLAIMLINT_UPDATE_GOLDENS=1` rewrites it instead.
    static func assertGolden(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws
    {
        let url = fixtures.appendingPathComponent("golden").appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["CLAIMLINT_UPDATE_GOLDENS"] == "1" {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(
            actual == expected,
            "output differs from golden \(name); rerun with CLAIMLINT_UPDATE_GOLDENS=1 and review the diff",
            sourceLocation: sourceLocation)
    }
}
