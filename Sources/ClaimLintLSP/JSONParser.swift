import ClaimLint

/// Reads JSON text into `JSON`, by hand: one pass over the bytes with no intermediate tree, which
/// costs a small fraction of Foundation's `JSONDecoder` on the protocol's many small messages (a
/// keystroke's `didChange`). Strict RFC 8259: nothing after the value but whitespace, strings are
/// valid UTF-8 with valid escapes, and nesting is bounded so a hostile message cannot exhaust
/// the stack.
struct JSONParser {
    /// Deeper than any protocol message; `[[[[…` past it is refused rather than recursed into.
    static let maximumDepth = 512

    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0
    private var depth = 0

    private init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    struct Invalid: Error {}

    /// The value `text` holds, or nil when it is not exactly one JSON value.
    static func parse(_ text: [UInt8]) -> JSON? {
        // `JSON` is `ExpressibleByNilLiteral`: a bare `nil` here could become `JSON.null`, so the
        // absence of a value is spelled out.
        text.withUnsafeBufferPointer { buffer -> JSON? in
            var parser = JSONParser(buffer)
            guard let value = try? parser.value() else { return Optional<JSON>.none }
            parser.skipWhitespace()
            guard parser.index == buffer.count else { return Optional<JSON>.none }
            return .some(value)
        }
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    private mutating func value() throws(Invalid) -> JSON {
        skipWhitespace()
        guard index < bytes.count else { throw Invalid() }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try object()
        case UInt8(ascii: "["): return try array()
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): return try literal("true", .bool(true))
        case UInt8(ascii: "f"): return try literal("false", .bool(false))
        case UInt8(ascii: "n"): return try literal("null", .null)
        default: return try number()
        }
    }

    private mutating func literal(_ word: StaticString, _ value: JSON) throws(Invalid) -> JSON {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { throw Invalid() }
        for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] { throw Invalid() }
        index += count
        return value
    }

    private mutating func enter() throws(Invalid) {
        depth += 1
        if depth > Self.maximumDepth { throw Invalid() }
        index += 1
    }

    private mutating func object() throws(Invalid) -> JSON {
        try enter()
        var members: [(String, JSON)] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            depth -= 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw Invalid() }
            let key = try string()
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw Invalid() }
            index += 1
            members.append((key, try value()))
            skipWhitespace()
            guard index < bytes.count else { throw Invalid() }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
            } else if bytes[index] == UInt8(ascii: "}") {
                index += 1
                depth -= 1
                return .object(members)
            } else {
                throw Invalid()
            }
        }
    }

    private mutating func array() throws(Invalid) -> JSON {
        try enter()
        var items: [JSON] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            depth -= 1
            return .array(items)
        }
        while true {
            items.append(try value())
            skipWhitespace()
            guard index < bytes.count else { throw Invalid() }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
            } else if bytes[index] == UInt8(ascii: "]") {
                index += 1
                depth -= 1
                return .array(items)
            } else {
                throw Invalid()
            }
        }
    }

    /// A string at `index` (its opening quote). Runs without escapes are copied in one go.
    private mutating func string() throws(Invalid) -> String {
        index += 1
        var out: [UInt8] = []
        var runStart = index
        while true {
            guard index < bytes.count else { throw Invalid() }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") { break }
            if byte < 0x20 { throw Invalid() }
            guard byte == UInt8(ascii: "\\") else {
                index += 1
                continue
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
            index += 1
            guard index < bytes.count else { throw Invalid() }
            let escape = bytes[index]
            index += 1
            switch escape {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escape)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"): try unicodeEscape(into: &out)
            default: throw Invalid()
            }
            runStart = index
        }
        let text: String?
        if out.isEmpty {
            text = String(validating: UnsafeBufferPointer(rebasing: bytes[runStart..<index]), as: UTF8.self)
        } else {
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
            text = String(validating: out, as: UTF8.self)
        }
        index += 1
        guard let text else { throw Invalid() }
        return text
    }

    /// `\uXXXX` (after the `u`), with a surrogate pair as one scalar; a lone surrogate is U+FFFD,
    /// as Foundation reads it.
    private mutating func unicodeEscape(into out: inout [UInt8]) throws(Invalid) {
        guard let (code, end) = UnicodeEscape.decode(bytes, at: index, pairingSurrogates: true) else { throw Invalid() }
        index = end
        UnicodeEscape.appendUTF8(Unicode.Scalar(code) ?? "\u{FFFD}", to: &out)
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`: an `int` when it has no fraction or
    /// exponent and fits, else a `double`.
    private mutating func number() throws(Invalid) -> JSON {
        let start = index
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < bytes.count, isDigit(bytes[index]) else { throw Invalid() }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
        } else {
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        var integral = true
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            integral = false
            index += 1
            guard index < bytes.count, isDigit(bytes[index]) else { throw Invalid() }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            integral = false
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                index += 1
            }
            guard index < bytes.count, isDigit(bytes[index]) else { throw Invalid() }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        if integral, let value = Int(text) { return .int(value) }
        guard let value = Double(text) else { throw Invalid() }
        return .double(value)
    }

    private func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }
}
