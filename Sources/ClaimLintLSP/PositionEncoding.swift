/// The unit an LSP `character` offset counts (LSP 3.17 `PositionEncodingKind`). UTF-16 is the
/// protocol's default and what a client that offers nothing gets; UTF-8 and UTF-32 are used
/// when the client offers them, since they are cheaper for both sides.
public enum PositionEncoding: String, Sendable, CaseIterable {
    case utf8 = "utf-8"
    case utf16 = "utf-16"
    case utf32 = "utf-32"

    /// The client's `general.positionEncodings`, in its order of preference; we take UTF-8, then
    /// UTF-32, then UTF-16, among those it offers.
    public static func negotiate(offered: [String]?) -> PositionEncoding {
        guard let offered, !offered.isEmpty else { return .utf16 }
        for preferred in [PositionEncoding.utf8, .utf32] where offered.contains(preferred.rawValue) { return preferred }
        return .utf16
    }

    /// How many units the scalar that starts with `lead` (a UTF-8 lead byte) takes.
    @inline(__always)
    func units(leadByte lead: UInt8) -> Int {
        switch self {
        case .utf8: lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
        case .utf16: lead >= 0xF0 ? 2 : 1
        case .utf32: 1
        }
    }
}

/// A zero-based line and character, the protocol's `Position`.
public struct LSPPosition: Sendable, Hashable, Comparable {
    public var line: Int
    public var character: Int

    public init(line: Int, character: Int) {
        self.line = line
        self.character = character
    }

    public static func < (lhs: LSPPosition, rhs: LSPPosition) -> Bool {
        (lhs.line, lhs.character) < (rhs.line, rhs.character)
    }

    var json: JSON { ["line": .int(line), "character": .int(character)] }

    init?(_ json: JSON?) {
        guard let line = json?["line"]?.int, let character = json?["character"]?.int, line >= 0, character >= 0 else {
            return nil
        }
        self.init(line: line, character: character)
    }
}

/// The protocol's `Range`: `end` is exclusive.
public struct LSPRange: Sendable, Hashable {
    public var start: LSPPosition
    public var end: LSPPosition

    public init(start: LSPPosition, end: LSPPosition) {
        self.start = start
        self.end = end
    }

    var json: JSON { ["start": start.json, "end": end.json] }

    init?(_ json: JSON?) {
        guard let start = LSPPosition(json?["start"]), let end = LSPPosition(json?["end"]), start <= end else {
            return nil
        }
        self.init(start: start, end: end)
    }

    func contains(_ position: LSPPosition) -> Bool {
        start <= position && (position < end || start == end && position == start)
    }

    func overlaps(_ other: LSPRange) -> Bool { start <= other.end && other.start <= end }
}
