/// A reader for the approved-claims library's usual shape that does not build a YAML node tree.
/// A 5,000-entry library through Yams took 0.16 s, a fifth of a 20 MB run: half of it Yams' node
/// for every scalar, most of the rest reading fields back out of those nodes.
///
/// It reads a strict subset of YAML: `version:` and `claims:` at the top, a block list of block
/// mappings whose keys are the library's, each value on its key's line (a plain, single- or
/// double-quoted scalar, or for `paths` a one-line flow list or a block list of scalars), comments
/// and blank lines. Anything else (anchors, tags, block scalars, multi-line scalars, tabs, CRs, a
/// byte libyaml would reject, an unknown key, a bad date, a duplicate) makes it answer nil, and
/// the library is read again by Yams, whose errors carry file:line:column. So it never accepts a
/// file Yams would reject, and what it accepts it reads as Yams does (`ApprovedClaimsTests`
/// compares the two on many shapes, locations included).
enum ApprovedClaimsFastReader {
    /// One entry's fields as written, and where its mapping starts (the line and column Yams gives
    /// the mapping node: its first key).
    struct RawEntry {
        /// By `Field` number: a key looked up by name per field was a tenth of reading a library.
        var fields = [Value?](repeating: nil, count: Field.allCases.count)
        var line: Int
        var column: Int

        subscript(_ field: Field) -> Value? { fields[field.rawValue] }
    }

    /// An entry's keys (`ApprovedClaims.keys`), numbered.
    enum Field: Int, CaseIterable {
        case id, text, reference, approvedBy, approvedOn, expires, paths

        var name: String {
            switch self {
            case .id: "id"
            case .text: "text"
            case .reference: "reference"
            case .approvedBy: "approved-by"
            case .approvedOn: "approved-on"
            case .expires: "expires"
            case .paths: "paths"
            }
        }

        /// Each key's bytes, for reading a key without making a string of it.
        static let spellings: [[UInt8]] = allCases.map { Array($0.name.utf8) }
    }

    enum Value {
        case scalar(String)
        case list([String])
    }

    /// The entries, or nil where the file is not in the subset (or not valid).
    static func read(_ yaml: String, file: String) -> [ApprovedClaims.Entry]? {
        var bytes = Array(yaml.utf8)
        guard acceptable(bytes) else { return nil }
        bytes.append(UInt8(ascii: "\n"))
        var parser = Parser(bytes: bytes)
        guard let raw = parser.document() else { return nil }
        return entries(raw, file: file)
    }

    /// Every byte one the subset allows: no tab, CR or other control character, no byte-order
    /// mark, and none of the characters libyaml rejects or treats as a line break (NEL, U+2028,
    /// U+2029), so that lines and columns are counted as libyaml counts them.
    private static func acceptable(_ bytes: [UInt8]) -> Bool {
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case 0x0A, 0x20...0x7E:
                break
            case 0xC2 where index + 1 < bytes.count && bytes[index + 1] < 0xA0:
                return false  // C1 controls and NEL
            case 0xE2
            where index + 2 < bytes.count && bytes[index + 1] == 0x80
                && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9):
                return false  // line and paragraph separators
            case 0xEF
            where index + 2 < bytes.count
                && (bytes[index + 1] == 0xBB && bytes[index + 2] == 0xBF
                    || bytes[index + 1] == 0xBF && bytes[index + 2] >= 0xBE):
                return false  // U+FEFF, U+FFFE, U+FFFF
            case 0x80...:
                break
            default:
                return false
            }
            index += 1
        }
        return true
    }

    /// The checks `ApprovedClaims.load(yaml:file:)` makes, as yes or no.
    private static func entries(_ raw: (version: String, claims: [RawEntry]), file: String) -> [ApprovedClaims.Entry]? {
        guard Int(raw.version) == ApprovedClaims.formatVersion, !raw.claims.isEmpty else { return nil }
        var seen: Set<String> = []
        var exact: Set<String> = []
        var entries: [ApprovedClaims.Entry] = []
        entries.reserveCapacity(raw.claims.count)
        for claim in raw.claims {
            func string(_ key: Field) -> String? {
                guard case .scalar(let value)? = claim[key] else { return nil }
                let trimmed = value.trimmingSpaces
                return trimmed.isEmpty ? nil : trimmed
            }
            func date(_ key: Field) -> CalendarDate? { string(key).flatMap(CalendarDate.init) }
            guard let id = string(.id), seen.insert(id).inserted, let text = string(.text),
                let reference = string(.reference), let approvedBy = string(.approvedBy),
                let approvedOn = date(.approvedOn)
            else { return nil }
            let (words, key) = ClaimWords.wordsAndKey(text)
            guard !words.isEmpty, exact.insert(key).inserted else { return nil }
            var expires: CalendarDate?
            if claim[.expires] != nil {
                guard let date = date(.expires), !(date < approvedOn) else { return nil }
                expires = date
            }
            var paths: [String] = []
            switch claim[.paths] {
            case nil: break
            case .list(let items)?:
                for item in items {
                    let trimmed = item.trimmingSpaces
                    guard !trimmed.isEmpty else { return nil }
                    paths.append(trimmed)
                }
            case .scalar?: return nil
            }
            entries.append(
                ApprovedClaims.Entry(
                    id: id, text: text, reference: reference, approvedBy: approvedBy, approvedOn: approvedOn,
                    expires: expires, paths: paths, words: words, key: key,
                    location: RuleLocation(file: file, line: claim.line, column: claim.column)))
        }
        return entries
    }

    /// Reads the subset line by line; every `nil` means "not in the subset".
    private struct Parser {
        let bytes: [UInt8]
        var index = 0
        /// 1-based, as Yams reports them.
        var line = 1
        var lineStart = 0

        init(bytes: [UInt8]) { self.bytes = bytes }

        private static let space = UInt8(ascii: " ")
        private static let newline = UInt8(ascii: "\n")
        private static let hash = UInt8(ascii: "#")
        private static let dash = UInt8(ascii: "-")
        private static let colon = UInt8(ascii: ":")

        /// Skips blank and comment-only lines; afterwards `index` is a line's first byte, or the end.
        private mutating func skipEmptyLines() {
            while index < bytes.count {
                var probe = index
                while bytes[probe] == Self.space { probe += 1 }
                guard bytes[probe] == Self.newline || bytes[probe] == Self.hash else { return }
                while bytes[probe] != Self.newline { probe += 1 }
                index = probe + 1
                line += 1
                lineStart = index
            }
        }

        private func indentation() -> Int {
            var probe = index
            while bytes[probe] == Self.space { probe += 1 }
            return probe - index
        }

        /// Moves past the line break that ends this line.
        private mutating func endLine() {
            index += 1
            line += 1
            lineStart = index
        }

        mutating func document() -> (version: String, claims: [RawEntry])? {
            var version: String?
            var claims: [RawEntry]?
            while true {
                skipEmptyLines()
                guard index < bytes.count else { break }
                guard indentation() == 0, let key = key() else { return nil }
                switch key {
                case "version":
                    guard version == nil, case .scalar(let value)? = inlineValue(listAllowed: false) else { return nil }
                    version = value
                case "claims":
                    guard claims == nil, atLineEnd() else { return nil }
                    endLine()
                    guard let list = entries() else { return nil }
                    claims = list
                default:
                    return nil
                }
            }
            guard let version, let claims else { return nil }
            return (version, claims)
        }

        /// A key (letters and dashes) and the `:` after it, leaving `index` after the colon.
        private mutating func key() -> String? {
            keyBytes().map { String(decoding: bytes[$0], as: UTF8.self) }
        }

        /// An entry's key, one of `Field`'s, and the `:` after it, leaving `index` after the colon.
        private mutating func field() -> Field? {
            guard let key = keyBytes() else { return nil }
            return Field.allCases.first { Field.spellings[$0.rawValue].elementsEqual(bytes[key]) }
        }

        /// Where a key (letters and dashes) followed by `:` is, leaving `index` after the colon.
        private mutating func keyBytes() -> Range<Int>? {
            let start = index
            while index < bytes.count,
                bytes[index] >= UInt8(ascii: "a") && bytes[index] <= UInt8(ascii: "z") || bytes[index] == Self.dash
            {
                index += 1
            }
            guard index > start, bytes[index] == Self.colon,
                bytes[index + 1] == Self.space || bytes[index + 1] == Self.newline
            else { return nil }
            index += 1
            return start..<(index - 1)
        }

        /// Whether only spaces and perhaps a comment are left on the line (a comment needs a space before it).
        private mutating func atLineEnd() -> Bool {
            while bytes[index] == Self.space { index += 1 }
            if bytes[index] == Self.hash, bytes[index - 1] == Self.space {
                while bytes[index] != Self.newline { index += 1 }
            }
            return bytes[index] == Self.newline
        }

        /// The claims' block list: each item `- key: value` at one indentation, its further keys
        /// lined up with the first.
        private mutating func entries() -> [RawEntry]? {
            var list: [RawEntry] = []
            var itemIndent: Int?
            while true {
                skipEmptyLines()
                guard index < bytes.count else { break }
                let indent = indentation()
                guard let expected = itemIndent else {
                    guard bytes[index + indent] == Self.dash else { return nil }
                    itemIndent = indent
                    continue
                }
                if indent < expected || indent == 0 && bytes[index] != Self.dash { break }
                guard indent == expected, bytes[index + indent] == Self.dash, bytes[index + indent + 1] == Self.space
                else { return nil }
                index += indent + 1
                while bytes[index] == Self.space { index += 1 }
                let keyColumn = index - lineStart
                guard let entry = entry(keyColumn: keyColumn) else { return nil }
                list.append(entry)
            }
            return list
        }

        /// One claim's mapping, from its first key (at `keyColumn`, 0-based) on.
        private mutating func entry(keyColumn: Int) -> RawEntry? {
            var entry = RawEntry(line: line, column: keyColumn + 1)
            var first = true
            while true {
                if !first {
                    skipEmptyLines()
                    guard index < bytes.count else { break }
                    let indent = indentation()
                    if indent < keyColumn { break }
                    guard indent == keyColumn else { return nil }
                    index += indent
                }
                first = false
                guard let field = field(), entry[field] == nil,
                    let value = inlineValue(listAllowed: field == .paths, keyColumn: keyColumn)
                else { return nil }
                entry.fields[field.rawValue] = value
            }
            return entry
        }

        /// The value after `key:` on the key's line, the line ended. With `listAllowed`, a flow
        /// list, or an empty value followed by a block list of scalars.
        private mutating func inlineValue(listAllowed: Bool, keyColumn: Int = 0) -> Value? {
            guard bytes[index] == Self.space || bytes[index] == Self.newline else { return nil }
            while bytes[index] == Self.space { index += 1 }
            if listAllowed, bytes[index] == Self.newline || bytes[index] == Self.hash && bytes[index - 1] == Self.space
            {
                guard atLineEnd() else { return nil }
                endLine()
                return blockList(keyColumn: keyColumn).map(Value.list)
            }
            if listAllowed, bytes[index] == UInt8(ascii: "[") {
                guard let items = flowList(), atLineEnd() else { return nil }
                endLine()
                return .list(items)
            }
            guard let value = scalar(flow: false), atLineEnd() else { return nil }
            endLine()
            return .scalar(value)
        }

        /// `- item` lines, each a scalar, at one indentation no less than the key's.
        private mutating func blockList(keyColumn: Int) -> [String]? {
            var items: [String] = []
            var itemIndent: Int?
            while true {
                skipEmptyLines()
                guard index < bytes.count else { break }
                let indent = indentation()
                if let itemIndent {
                    if indent < itemIndent { break }
                    guard indent == itemIndent else { return nil }
                } else {
                    guard indent >= keyColumn else { return nil }
                    itemIndent = indent
                }
                guard bytes[index + indent] == Self.dash, bytes[index + indent + 1] == Self.space else {
                    // The next key of the entry, at the key's column, ends a list written there.
                    if indent == keyColumn, !items.isEmpty { break }
                    return nil
                }
                index += indent + 2
                while bytes[index] == Self.space { index += 1 }
                guard let item = scalar(flow: false), atLineEnd() else { return nil }
                endLine()
                items.append(item)
            }
            return items.isEmpty ? nil : items
        }

        /// `[a, "b", 'c']` on one line.
        private mutating func flowList() -> [String]? {
            index += 1
            var items: [String] = []
            while true {
                while bytes[index] == Self.space { index += 1 }
                if bytes[index] == UInt8(ascii: "]"), items.isEmpty {
                    index += 1
                    return items
                }
                guard let item = scalar(flow: true) else { return nil }
                items.append(item)
                while bytes[index] == Self.space { index += 1 }
                switch bytes[index] {
                case UInt8(ascii: ","): index += 1
                case UInt8(ascii: "]"):
                    index += 1
                    return items
                default: return nil
                }
            }
        }

        /// A scalar on this line: quoted, or plain (which in a flow list also ends at `,` and `]`).
        private mutating func scalar(flow: Bool) -> String? {
            switch bytes[index] {
            case UInt8(ascii: "\""), UInt8(ascii: "'"): return quoted()
            default: return plain(flow: flow)
            }
        }

        /// A plain scalar that cannot be read as anything else: it does not start with an
        /// indicator, holds no `: ` and no ` #`, ends before trailing spaces, and (in a flow list)
        /// holds none of `[]{},`. Its next line must not continue it (the callers check).
        private mutating func plain(flow: Bool) -> String? {
            let start = index
            switch bytes[index] {
            case UInt8(ascii: "-"), UInt8(ascii: "?"), UInt8(ascii: ":"), UInt8(ascii: ","), UInt8(ascii: "["),
                UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "#"), UInt8(ascii: "&"),
                UInt8(ascii: "*"), UInt8(ascii: "!"), UInt8(ascii: "|"), UInt8(ascii: ">"), UInt8(ascii: "%"),
                UInt8(ascii: "@"), UInt8(ascii: "`"), Self.newline:
                return nil
            default: break
            }
            var end = index
            while bytes[index] != Self.newline {
                let byte = bytes[index]
                if byte == Self.colon, bytes[index + 1] == Self.space || bytes[index + 1] == Self.newline { return nil }
                if byte == Self.hash, bytes[index - 1] == Self.space { break }
                if flow {
                    switch byte {
                    case UInt8(ascii: ","), UInt8(ascii: "]"):
                        return String(decoding: bytes[start..<end], as: UTF8.self)
                    case UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: "}"), Self.colon:
                        return nil
                    default: break
                    }
                }
                index += 1
                if byte != Self.space { end = index }
            }
            if flow { return nil }
            index = end
            return String(decoding: bytes[start..<end], as: UTF8.self)
        }

        /// `'…'` or `"…"` on one line: in single quotes `''` stands for a quote; in double quotes
        /// the escapes a wording needs (`\"`, `\\`, `\/`, `\t`, `\n`, `\uXXXX` outside the
        /// surrogates and controls) are read, and any other is left to Yams.
        private mutating func quoted() -> String? {
            let quote = bytes[index]
            index += 1
            // Most values hold neither an escape nor a doubled quote: the bytes up to the closing
            // quote are the value, made into a string at once rather than byte by byte.
            var end = index
            while bytes[end] != quote, bytes[end] != Self.newline, bytes[end] != UInt8(ascii: "\\") { end += 1 }
            // (In single quotes `''` is a quote, read below; the newline appended to the text
            // stands after any last quote.)
            if bytes[end] == quote, quote == UInt8(ascii: "\"") || bytes[end + 1] != quote {
                let value = String(decoding: bytes[index..<end], as: UTF8.self)
                index = end + 1
                return value
            }
            var value: [UInt8] = []
            while true {
                let byte = bytes[index]
                if byte == Self.newline { return nil }
                index += 1
                if byte == quote {
                    guard quote == UInt8(ascii: "'"), bytes[index] == quote else { break }
                    index += 1
                } else if byte == UInt8(ascii: "\\"), quote == UInt8(ascii: "\"") {
                    guard escape(into: &value) else { return nil }
                    continue
                }
                value.append(byte)
            }
            return String(decoding: value, as: UTF8.self)
        }

        private mutating func escape(into value: inout [UInt8]) -> Bool {
            let escaped = bytes[index]
            index += 1
            switch escaped {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): value.append(escaped)
            case UInt8(ascii: "t"): value.append(0x09)
            case UInt8(ascii: "n"): value.append(0x0A)
            case UInt8(ascii: "u"):
                // No surrogates (libyaml rejects them; YAML writes `\U` for those) and no controls.
                guard let (code, end) = UnicodeEscape.decode(bytes, at: index, pairingSurrogates: false),
                    let scalar = Unicode.Scalar(code), code >= 0x20, code != 0x7F, !(0x80..<0xA0).contains(code)
                else { return false }
                index = end
                UnicodeEscape.appendUTF8(scalar, to: &value)
            default: return false
            }
            return true
        }
    }
}
