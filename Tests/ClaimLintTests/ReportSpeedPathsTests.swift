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

    @Test("SHA-256 of inputs of several blocks, up to 1 MB, is the system's sha256sum's")
    func longDigests() throws {
        var generator = SystemRandomNumberGenerator()
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for length in [1_000, 4_096, 65_535, 65_536, 1 << 20] {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let file = folder.appendingPathComponent("\(length).bin")
            try Data(bytes).write(to: file)
            let output = try TestSupport.runProgram("/bin/sh", ["-c", "sha256sum '\(file.path)' | cut -d' ' -f1"])
            #expect(
                SHA256.hex(bytes) == output.stdout.trimmingCharacters(in: .whitespacesAndNewlines), "length \(length)")
            #expect(SHA256.digest(bytes).count == 32)
        }
    }

    /// Texts that reach every escape: markup, quotes, line breaks, C0 and C1 controls, DEL, the
    /// non-characters U+FFFE and U+FFFF beside their neighbours, other multi-byte text, mentions.
    static let hostile = [
        "", "plain words", "<b>\"a\" & 'b'</b>", "line\nbreak\ttab\r\nCRLF", "\u{0}\u{1B}[2J\u{7}\u{7F}",
        "C1 \u{85}\u{9F} and ¡\u{A0}©°", "\u{FFFD}\u{FFFE}\u{FFFF}\u{FFFC}\u{EFFF}", "Café — 70% of ≥ 5 patients 🙂",
        "50% off: a,b", "@team fix|this `now` *please*", "x\u{1C}y\u{1F}z", "\u{FFFF}", "end\u{FFFE}",
    ]

    @Test("markup escaping over bytes is the per-character escaping it replaced")
    func markupEscaping() {
        for text in Self.hostile {
            for inAttribute in [true, false] {
                #expect(
                    MarkupEscaping.escape(text, inAttribute: inAttribute)
                        == Self.referenceMarkup(text, inAttribute: inAttribute), "\(text.debugDescription)")
            }
        }
    }

    @Test("GitHub escaping over bytes is the per-character escaping it replaced")
    func githubEscaping() {
        for text in Self.hostile {
            let data = Self.referenceGitHubData(text)
            #expect(GitHubReporter.escapeData(text) == data, "\(text.debugDescription)")
            let property = data.replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
            #expect(GitHubReporter.escapeProperty(text) == property, "\(text.debugDescription)")
        }
    }

    @Test("the HTML highlight's byte search finds what the search by characters finds")
    func highlightSearch() {
        let sentences = [
            "Within a day, 70% of  patients feel better.", "It is FDA-approved\tand\nsafe.", "aaab aab ab",
            "Café clinically PROVEN", "a\r\nb c", "Ketamine cures", "",
        ]
        let needles = [
            "70% of\npatients", "fda-APPROVED and safe", "aab", "ab", "clinically proven", "b c", "x", " ", "",
        ]
        for sentence in sentences {
            for needle in needles {
                let characters = Array(sentence)
                let expected = HTMLReporter.find(Array(needle), in: characters).map { range in
                    let lower = String(characters[..<range.lowerBound]).utf8.count
                    return lower..<(lower + String(characters[range]).utf8.count)
                }
                #expect(
                    HTMLReporter.matchRange(of: needle, in: sentence) == expected,
                    "\(needle.debugDescription) in \(sentence.debugDescription)")
            }
        }
    }

    @Test("a marked paragraph cut inside a character shows it as decoding the piece would")
    func markedPieces() {
        let text = "Café 🙂 <now>"
        let utf8 = Array(text.utf8)
        for (lower, upper) in [(0, 4), (3, 5), (4, 6), (6, 8), (7, 12), (12, 16), (2, 20)] {
            let clipped = min(upper, utf8.count)
            let expected =
                Self.referenceMarkup(String(decoding: utf8[..<lower], as: UTF8.self), inAttribute: false) + "<mark>"
                + Self.referenceMarkup(String(decoding: utf8[lower..<clipped], as: UTF8.self), inAttribute: false)
                + "</mark>"
                + Self.referenceMarkup(String(decoding: utf8[clipped...], as: UTF8.self), inAttribute: false)
            #expect(HTMLReporter.marked(text, [lower..<upper]) == expected, "\(lower)..<\(upper)")
        }
    }

    @Test("a rule's HTML anchor over bytes is the one made character by character")
    func ruleAnchors() {
        for id in ["regulatory-status", "Cures_2", "a b\"c<d>", "é-clinic", "x🙂y", "ǅ", "", "rule.with.dots"] {
            let reference =
                "rule-"
                + String(
                    id.unicodeScalars.map { scalar in
                        (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "-"
                            || scalar == "_")
                            && scalar.isASCII ? Character(scalar) : "_"
                    })
            #expect(HTMLReporter.ruleAnchor(id) == reference, "\(id.debugDescription)")
        }
    }

    @Test("decimal numbers written in place are String's")
    func decimals() {
        for value in [0, 7, 10, 99, 100, 12345, Int.max, -1, Int.min] {
            var bytes: [UInt8] = []
            bytes.appendDecimal(value)
            #expect(bytes == Array(String(value).utf8))
        }
    }

    /// MarkupEscaping as it was written before it worked over bytes.
    static func referenceMarkup(_ text: String, inAttribute: Bool) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\n": out += inAttribute ? "&#10;" : "\n"
            case "\t": out += inAttribute ? "&#9;" : "\t"
            case "\r": out += "&#13;"
            default:
                out.unicodeScalars.append(
                    scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF ? "\u{FFFD}" : scalar)
            }
        }
        return out
    }

    /// GitHubReporter.escapeData as it was written before it worked over bytes.
    static func referenceGitHubData(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "%": out += "%25"
            case "\r": out += "%0D"
            case "\n": out += "%0A"
            case _ where ControlCharacters.isControl(scalar): out += ControlCharacters.percentEncoded(scalar)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
