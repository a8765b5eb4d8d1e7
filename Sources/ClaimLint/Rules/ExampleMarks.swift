/// The marks a rule's trigger example puts around the words its finding must land on:
/// `"Our infusions {{cure}} depression."`. Double braces, because Markdown gives them no meaning
/// while brackets are links, footnotes and citation markers (`[3]` is itself a thing to flag).
enum ExampleMarks {
    static let open = Array("{{".utf8)
    static let close = Array("}}".utf8)

    /// Why a text's marks cannot be read.
    enum Problem: Error, Equatable {
        case unclosed
        case unopened
        case nested
        case empty
    }

    /// The text without its marks, and the byte range each mark enclosed in that text.
    static func strip(_ text: String) throws(Problem) -> (text: String, marks: [Range<Int>]) {
        let bytes = Array(text.utf8)
        guard bytes.count >= 2 else { return (text, []) }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var marks: [Range<Int>] = []
        var openedAt: Int?
        var index = 0
        while index < bytes.count {
            if index + 1 < bytes.count, bytes[index] == open[0], bytes[index + 1] == open[1] {
                guard openedAt == nil else { throw .nested }
                openedAt = out.count
                index += 2
            } else if index + 1 < bytes.count, bytes[index] == close[0], bytes[index + 1] == close[1] {
                guard let start = openedAt else { throw .unopened }
                guard out.count > start else { throw .empty }
                marks.append(start..<out.count)
                openedAt = nil
                index += 2
            } else {
                out.append(bytes[index])
                index += 1
            }
        }
        guard openedAt == nil else { throw .unclosed }
        return (marks.isEmpty ? text : String(decoding: out, as: UTF8.self), marks)
    }
}

extension ExampleMarks.Problem {
    var message: String {
        switch self {
        case .unclosed: "a '{{' mark is never closed with '}}'"
        case .unopened: "a '}}' mark closes nothing"
        case .nested: "'{{' marks cannot nest"
        case .empty: "a '{{}}' mark encloses nothing"
        }
    }
}
