import Foundation
import Testing

@testable import ClaimLint

/// The byte-level fast paths the reporters take (issue 10, per-format speed) give exactly what the
/// plain code gave: SARIF fingerprints and digests must never change between versions.
@Suite("Reporter fast paths")
struct ReportSpeedPathsTests {
    @Test("a fingerprint's ASCII normalisation is the one String's lowercased and split give")
    func normalisation() {
        let samples = [
            "FDA-Approved", "  Clinically\n\tPROVEN  ", "a\r\nb", "x\u{0B}y\u{0C}z", "safe", "", "   ", "A\u{1C}B",
            "Café Naïve", "ÉCOLE\u{00A0}É", "1 in 5 ADULTS", "9 out of 10",
        ]
        for text in samples {
            var bytes: [UInt8] = []
            FindingFingerprint.appendNormalized(text, to: &bytes)
            #expect(bytes == Array(FindingFingerprint.normalized(text).utf8), "\(text.debugDescription)")
        }
    }

    @Test("SHA-256 of inputs of every length around the block and padding edges")
    func digests() throws {
        // FIPS 180-4 test vectors, then lengths 0…200 against the system's sha256sum.
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        let text = String(repeating: "abcdefghijklmnopqrstuvwxyz0123456789", count: 6)
        var script = ""
        for length in 0...200 { script += "printf %s '\(text.prefix(length))' | sha256sum | cut -d' ' -f1\n" }
        let output = try TestSupport.runProgram("/bin/sh", ["-c", script])
        let expected = output.stdout.split(separator: "\n").map(String.init)
        try #require(expected.count == 201)
        for length in 0...200 {
            #expect(SHA256.hex(Array(text.prefix(length).utf8)) == expected[length], "length \(length)")
        }
    }
}
