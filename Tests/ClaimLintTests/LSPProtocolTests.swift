import Foundation
import Testing

@testable import ClaimLintLSP

/// The language server's text layers in process: positions in each encoding, edits, framing, JSON.
@Suite("LSP protocol")
struct LSPProtocolTests {
    struct PositionCase: CustomTestStringConvertible, Sendable {
        var text: String
        /// The byte offset, and the expected (line, character) in UTF-8, UTF-16 and UTF-32.
        var offset: Int
        var line: Int
        var utf8: Int
        var utf16: Int
        var utf32: Int
        var testDescription: String { "\(text.debugDescription) @\(offset)" }
    }

    static let positionCases: [PositionCase] = [
        PositionCase(text: "plain", offset: 3, line: 0, utf8: 3, utf16: 3, utf32: 3),
        // é is 2 bytes, 1 UTF-16 unit, 1 scalar.
        PositionCase(text: "café cures", offset: 6, line: 0, utf8: 6, utf16: 5, utf32: 5),
        // 🌿 is 4 bytes, 2 UTF-16 units (a surrogate pair), 1 scalar.
        PositionCase(text: "🌿 cures", offset: 5, line: 0, utf8: 5, utf16: 3, utf32: 2),
        // ⅔ is 3 bytes, 1 unit, 1 scalar.
        PositionCase(text: "⅔ of people", offset: 4, line: 0, utf8: 4, utf16: 2, utf32: 2),
        // Line breaks: \n, \r\n and a lone \r each end a line.
        PositionCase(text: "a\nb🌿c", offset: 7, line: 1, utf8: 5, utf16: 3, utf32: 2),
        PositionCase(text: "a\r\nbc", offset: 4, line: 1, utf8: 1, utf16: 1, utf32: 1),
        PositionCase(text: "a\rbc", offset: 3, line: 1, utf8: 1, utf16: 1, utf32: 1),
        PositionCase(text: "end\n", offset: 4, line: 1, utf8: 0, utf16: 0, utf32: 0),
    ]

    @Test("Byte offsets and positions convert both ways in each encoding", arguments: positionCases)
    func positions(_ example: PositionCase) {
        let document = TextDocument(text: example.text, version: 1)
        for (encoding, character) in [
            (PositionEncoding.utf8, example.utf8), (.utf16, example.utf16), (.utf32, example.utf32),
        ] {
            let position = LSPPosition(line: example.line, character: character)
            #expect(document.position(ofOffset: example.offset, in: encoding) == position, "\(encoding)")
            #expect(document.offset(of: position, in: encoding) == example.offset, "\(encoding)")
        }
    }

    @Test("Positions past the end of a line or of the text clamp; one inside a surrogate pair lands before it")
    func clamping() {
        let document = TextDocument(text: "ab\r\n🌿x", version: 1)
        #expect(document.offset(of: LSPPosition(line: 0, character: 99), in: .utf16) == 2)
        #expect(document.offset(of: LSPPosition(line: 9, character: 0), in: .utf16) == document.bytes.count)
        #expect(document.offset(of: LSPPosition(line: 1, character: 1), in: .utf16) == 4)
        #expect(document.lineText(0) == "ab")
        #expect(document.lineText(1) == "🌿x")
    }

    struct EditCase: Sendable, CustomTestStringConvertible {
        var text: String
        var range: (Int, Int, Int, Int)?
        var replacement: String
        var expected: String
        var testDescription: String { "\(text.debugDescription) → \(expected.debugDescription)" }
    }

    static let editCases: [EditCase] = [
        EditCase(
            text: "🌿 Guaranteed results", range: (0, 3, 0, 13), replacement: "Friendly", expected: "🌿 Friendly results"),
        EditCase(text: "one\ntwo\nthree", range: (0, 2, 2, 1), replacement: "X", expected: "onXhree"),
        EditCase(text: "ab", range: (0, 2, 0, 2), replacement: "\nc", expected: "ab\nc"),
        EditCase(text: "old", range: nil, replacement: "new text", expected: "new text"),
    ]

    @Test("Incremental and full edits", arguments: editCases)
    func edits(_ example: EditCase) {
        var document = TextDocument(text: example.text, version: 1)
        let range = example.range.map {
            LSPRange(start: LSPPosition(line: $0.0, character: $0.1), end: LSPPosition(line: $0.2, character: $0.3))
        }
        document.replace(range, with: example.replacement, encoding: .utf16)
        #expect(document.text == example.expected)
        #expect(document.lineStarts == TextDocument(text: example.expected, version: 1).lineStarts)
    }

    @Test("Encoding negotiation: UTF-16 unless UTF-8 or UTF-32 is offered")
    func negotiation() {
        #expect(PositionEncoding.negotiate(offered: nil) == .utf16)
        #expect(PositionEncoding.negotiate(offered: []) == .utf16)
        #expect(PositionEncoding.negotiate(offered: ["utf-16"]) == .utf16)
        #expect(PositionEncoding.negotiate(offered: ["utf-16", "utf-8"]) == .utf8)
        #expect(PositionEncoding.negotiate(offered: ["utf-32", "utf-16"]) == .utf32)
        #expect(PositionEncoding.negotiate(offered: ["utf-7"]) == .utf16)
    }

    @Test("Framing: messages split across reads and joined in one read; a bad header is skipped and reading resumes")
    func framing() {
        let first = MessageFramer.frame(Array(#"{"a":1}"#.utf8))
        let second = MessageFramer.frame(Array(#"{"b":"é"}"#.utf8))
        let stream = first + Array("Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n".utf8) + second
        // Every split point, byte by byte.
        for split in 0...stream.count {
            var framer = MessageFramer()
            let events = framer.append(stream[..<split]) + framer.append(stream[split...])
            #expect(
                events == [.message(Array(#"{"a":1}"#.utf8)), .message(Array(#"{"b":"é"}"#.utf8))], "split at \(split)")
        }
        var framer = MessageFramer()
        let events = framer.append(Array("Content-Lenght: 7\r\n\r\n{\"a\":1}".utf8) + second)
        #expect(events.count == 2)
        #expect(events.first.map { if case .badHeader = $0 { true } else { false } } == true)
        #expect(events.last == .message(Array(#"{"b":"é"}"#.utf8)))
    }

    @Test("JSON: parsed and written back; strings escaped; ids keep their type")
    func json() throws {
        let text = #"{"id":7,"s":"a\"b\\c\n\u0001é🌿","n":null,"t":true,"f":1.5,"list":[1,"x"]}"#
        let value = try #require(JSON.parse(Array(text.utf8)))
        #expect(value["id"] == .int(7))
        #expect(value["s"]?.string == "a\"b\\c\n\u{1}é🌿")
        #expect(value["t"] == .bool(true))
        #expect(value["f"] == .double(1.5))
        #expect(JSON.parse(value.bytes) == value)
        #expect(JSON.string("a\"\n\u{1}").text == #""a\"\n\u0001""#)
        #expect(JSON.parse(Array("{oops".utf8)) == nil)
    }

    /// Foundation's reading of JSON text, for comparing values (NSObject equality: keys unordered).
    static func foundationReading(_ text: [UInt8]) -> NSObject? {
        (try? JSONSerialization.jsonObject(with: Data(text), options: [.fragmentsAllowed])) as? NSObject
    }

    @Test(
        "JSON: the hand-written parser reads what Foundation reads, and refuses what it refuses",
        arguments: [
            #"{"a":[1,-2,0,3.25,-0.5e-3,1E2,true,false,null],"b":{"c":"\/\"\b\f\n\r\t"}}"#,
            #"  ["\u00e9\ud83c\udf3f", "plain é🌿", [], {}, [[[]]]]  "#, "12", #""x""#, "-0", "1e400x",
            "{oops", "[1 2]", #"{"a" 1}"#, "01", "1.", ".5", "+1", "-", "\"tab\u{9}\"",
            #""\x""#, #""\u12""#, "[", "]", "nul", "true false", "", "   ", #"{"a":"b"}x"#,
        ])
    func jsonParser(_ text: String) throws {
        let ours = JSON.parse(Array(text.utf8))
        let theirs = Self.foundationReading(Array(text.utf8))
        #expect(
            (ours == nil) == (theirs == nil),
            "\(text): ours \(String(describing: ours)), Foundation's \(String(describing: theirs))")
        guard let ours, let theirs else { return }
        // What we read, written back, is what Foundation read.
        #expect(Self.foundationReading(ours.bytes)?.isEqual(theirs) == true, "\(text) → \(ours.text)")
    }

    @Test(
        "JSON: keys keep their order; nesting past the limit, bad UTF-8, trailing commas and trailing text are refused")
    func jsonParserLimits() {
        #expect(JSON.parse(Array(#"{"z":1,"a":2}"#.utf8))?.text == #"{"z":1,"a":2}"#)
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(JSON.parse(Array(deep.utf8)) == nil)
        let fine = String(repeating: "[", count: 500) + String(repeating: "]", count: 500)
        #expect(JSON.parse(Array(fine.utf8)) != nil)
        #expect(JSON.parse([0x22, 0xC0, 0x22]) == nil)
        // Trailing commas, which Foundation lets pass, are not JSON.
        #expect(JSON.parse(Array("[1,]".utf8)) == nil)
        #expect(JSON.parse(Array(#"{"a":1,}"#.utf8)) == nil)
        // Text after the value is refused, not read as null.
        #expect(JSON.parse(Array("null x".utf8)) == nil)
        #expect(JSON.parse(Array("null".utf8)) == .null)
        #expect(JSON.parse(Array(#""\ud800""#.utf8)) == .string("\u{FFFD}"))
    }
}
