import Foundation
import Testing

@testable import ClaimLint

/// Issue 10, item 11: a file whose name is not UTF-8 (Linux allows any bytes but `/` and NUL) is
/// linted, in a folder and when named, and each format names it in a form that keeps its bytes.
@Suite("File names that are not UTF-8")
struct NonUTF8FileNameTests {
    /// `caf\xE9.md`: "café" written by a Latin-1 tool.
    static let name: [UInt8] = Array("caf".utf8) + [0xE9] + Array(".md".utf8)

    @Test("a name's bytes survive the String it travels as, whatever they are")
    func roundTrip() {
        var generator = SystemRandomNumberGenerator()
        let samples: [[UInt8]] =
            [Self.name, [0xFF], [0xC3], [0xC3, 0x28], [0xED, 0xA0, 0x80], Array("plain-é.md".utf8)]
            + (0..<200).map { _ in
                (0..<Int.random(in: 1...12, using: &generator)).map { _ in UInt8.random(in: 1...255, using: &generator)
                }
            }
        for bytes in samples {
            let path = FileName.string(bytes)
            #expect(FileName.bytes(of: path) == bytes, "\(bytes)")
            #expect(FileName.hasRawBytes(path) == (String(validating: bytes, as: UTF8.self) == nil))
        }
        #expect(FileName.escaped(FileName.string(Self.name)) == "caf\\xE9.md")
        #expect(ControlCharacters.escaped(FileName.string(Self.name) + "\u{1B}") == "caf\\xE9.md\\x1B")
        #expect(ReportPath.uriEncoded(FileName.string(Self.name)) == "caf%E9.md")
    }

    /// A folder holding `caf\xE9.md` (a claim) and, with `broken`, `bad\xFF.md` holding a NUL byte.
    static func folder(broken: Bool = false) throws -> URL {
        let folder = try TestSupport.temporaryFolder()
        func write(_ name: [UInt8], _ text: String) throws {
            // The name's bytes straight to open(2), never through FileName: its conversions are what
            // is tested, and a fixture made with them would agree with them whatever they did.
            let path = (Array(folder.path.utf8) + [UInt8(ascii: "/")] + name + [0]).map { CChar(bitPattern: $0) }
            let descriptor = path.withUnsafeBufferPointer { open($0.baseAddress!, O_WRONLY | O_CREAT | O_TRUNC, 0o644) }
            try #require(descriptor >= 0)
            _ = Array(text.utf8).withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
            close(descriptor)
        }
        try write(name, "Our ketamine infusions are FDA-approved.\n")
        if broken { try write(Array("bad".utf8) + [0xFF] + Array(".md".utf8), "Nul \u{0} here.\n") }
        return folder
    }

    /// Runs claimlint through the shell, so arguments can hold bytes a Swift String cannot pass.
    static func run(_ script: String, in folder: URL) throws -> TestSupport.Output {
        try TestSupport.runProgram("/bin/sh", ["-c", script, "sh", TestSupport.binary.path], in: folder)
    }

    @Test("linted in a folder and when named, and shown escaped in text and on standard error")
    func lintedAndEscaped() throws {
        let folder = try Self.folder(broken: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let walked = try Self.run(#""$1" check --no-config --no-color ."#, in: folder)
        #expect(walked.status == 2, "\(walked.stderr)")  // the NUL file cannot be linted
        #expect(walked.stdout.contains("caf\\xE9.md:1:"), "\(walked.stdout)")
        #expect(walked.stderr.contains("bad\\xFF.md"), "\(walked.stderr)")
        #expect(walked.stdout.contains("1 file linted: 1 error") || walked.stdout.contains("1 file linted: 2 errors"))
        #expect(walked.stdout.contains("1 input not linted"), "\(walked.stdout)")
        let named = try Self.run(#""$1" check --no-config --no-color "$(printf 'caf\351.md')""#, in: folder)
        #expect(named.status == 1, "\(named.stderr)")
        #expect(named.stdout.hasPrefix("caf\\xE9.md:1:"), "\(named.stdout)")
        #expect(!named.stderr.contains("no such file"), "\(named.stderr)")
    }

    @Test("JSON keeps the bytes (pathBytes) through merge and baselines; SARIF percent-encodes them")
    func reportsKeepTheBytes() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let json = try Self.run(#""$1" check --no-config --format json ."#, in: folder)
        #expect(json.status == 1, "\(json.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let file = try #require((report["files"] as? [[String: Any]])?.first)
        #expect(file["path"] as? String == "./caf\\xE9.md")
        #expect(file["pathBytes"] as? String == Data(Array("./".utf8) + Self.name).base64EncodedString())

        // A shard's report merged gives the one-job report, byte for byte, bytes of the name included.
        let merged = try Self.run(
            #""$1" check --no-config --format json --shard 1/1 . > shard.json; "$1" merge --no-config --format json shard.json"#,
            in: folder)
        #expect(merged.stdout == json.stdout, "\(merged.stderr)")
        let sarif = try Self.run(#""$1" merge --no-config --format sarif shard.json"#, in: folder)
        #expect(sarif.stdout.contains("caf%E9.md"), "\(sarif.stdout.prefix(400))")

        let baselined = try Self.run(
            #""$1" check --no-config --write-baseline base.json . && "$1" check --no-config --baseline base.json ."#,
            in: folder)
        #expect(baselined.status == 0, "\(baselined.stdout)\(baselined.stderr)")
        let baseline = try String(contentsOf: folder.appendingPathComponent("base.json"), encoding: .utf8)
        #expect(baseline.contains(#""path": "caf\\xE9.md", "pathBytes": ""#), "\(baseline)")
    }
}
