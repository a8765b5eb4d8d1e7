import Foundation
import Testing

/// Material some tests need from outside the repository: the project's shared folder beside the
/// clone (`../shared`: the seed page, the SARIF schema, the benchmark generator) and Python tools.
/// A user's fresh clone has none of `../shared`, so those tests skip with a message naming what is
/// missing; `CLAIMLINT_REQUIRE_TEST_MATERIAL=1` (set by `.ci/run`, which has it all) makes them
/// run regardless, so a missing file there is a failure, never a silent skip.
enum TestMaterial {
    static let isMandatory = ProcessInfo.processInfo.environment["CLAIMLINT_REQUIRE_TEST_MATERIAL"] == "1"

    /// A file in the shared folder.
    static func shared(_ relativePath: String) -> URL {
        TestSupport.shared.appendingPathComponent(relativePath)
    }

    static func hasShared(_ relativePath: String) -> Bool {
        FileManager.default.fileExists(atPath: shared(relativePath).path)
    }

    /// `python3` on the PATH can import these modules.
    static func pythonCanImport(_ modules: [String]) -> Bool {
        let key = modules.joined(separator: ",")
        return pythonCache.withLock { cache in
            if let known = cache[key] { return known }
            let status =
                (try? TestSupport.runProgram("/usr/bin/env", ["python3", "-c", "import " + key]).status) ?? 127
            cache[key] = status == 0
            return status == 0
        }
    }

    private static let pythonCache = Mutex<[String: Bool]>([:])
}

/// A tiny lock-protected value (Synchronization's Mutex needs macOS 15).
final class Mutex<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()

    init(_ value: Value) { self.value = value }

    func withLock<Result>(_ body: (inout Value) -> Result) -> Result {
        lock.lock()
        defer { lock.unlock() }
        return body(&value)
    }
}

extension Trait where Self == ConditionTrait {
    /// Runs only when `../shared/PATH` is there (or the material is mandatory).
    static func needsShared(_ relativePath: String) -> Self {
        .enabled(
            if: TestMaterial.isMandatory || TestMaterial.hasShared(relativePath),
            Comment(
                rawValue:
                    "needs ../shared/\(relativePath), the project's shared material beside the clone (not part of the repository)"
            )
        )
    }

    /// Runs only when `python3` can import these modules (or the material is mandatory).
    static func needsPython(_ modules: String...) -> Self {
        let what =
            modules == ["sys"]
            ? "python3" : "python3 with \(modules.joined(separator: ", ")) (Scripts/bootstrap.sh installs it)"
        return .enabled(
            if: TestMaterial.isMandatory || TestMaterial.pythonCanImport(modules),
            Comment(rawValue: "needs \(what)")
        )
    }
}
