import Yams

/// Reads Yams nodes strictly: every key is known, every value has the right shape, and every
/// error carries the file, line and column of the node at fault.
struct YAMLReader {
    let file: String

    func location(_ node: Node?) -> RuleLocation {
        RuleLocation(file: file, line: node?.mark?.line, column: node?.mark?.column)
    }

    func error(_ node: Node?, _ message: String) -> RulesError {
        location(node).error(message)
    }

    /// Parses a document; YAML syntax errors keep libyaml's line and column.
    func root(of yaml: String) throws -> Node? {
        try YAMLAliasGuard.check(yaml, file: file)
        do {
            // The basic resolver: every scalar stays a string and this reader converts what it needs.
            // The default one runs a regular expression on every scalar, which was half of start-up.
            return try Yams.compose(yaml: yaml, .basic)
        } catch let error as YamlError {
            switch error {
            case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
                .composer(_, let problem, let mark, _):
                throw RulesError(file: file, line: mark.line, column: mark.column, message: "invalid YAML: \(problem)")
            case .reader(let problem, let offset, let value, _):
                // libyaml's reader (a NUL or other control character) gives a byte offset, not a mark.
                let place = offset.map { Self.lineAndColumn(ofByte: $0, in: yaml) }
                let hex = String(value, radix: 16, uppercase: true)
                let character =
                    value >= 0 ? " (U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + ")" : ""
                throw RulesError(
                    file: file, line: place?.line, column: place?.column,
                    message: "invalid YAML: \(problem)\(character)")
            case .duplicatedKeysInMapping(let duplicates, let context):
                let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
                let place =
                    Self.secondOccurrence(of: duplicates.first ?? "", in: yaml, from: context.mark.line) ?? (
                        context.mark.line, context.mark.column
                    )
                throw RulesError(
                    file: file, line: place.line, column: place.column, message: "duplicate key \(keys) in one mapping")
            default:
                throw RulesError(file: file, message: "invalid YAML: \(error)")
            }
        }
    }

    /// The 1-based line and column (in characters) of a byte offset.
    static func lineAndColumn(ofByte offset: Int, in text: String) -> (line: Int, column: Int) {
        let bytes = Array(text.utf8.prefix(offset))
        let lineStart = (bytes.lastIndex(of: UInt8(ascii: "\n")) ?? -1) + 1
        let line = bytes.count { $0 == UInt8(ascii: "\n") } + 1
        return (line, String(decoding: bytes[lineStart...], as: UTF8.self).count + 1)
    }

    /// Yams names the mapping that holds a duplicate key; the user wants the duplicate itself: the
    /// second line, from the mapping on, that starts with `key:` at the first one's indentation.
    static func secondOccurrence(of key: String, in yaml: String, from line: Int) -> (line: Int, column: Int)? {
        var firstColumn: Int?
        for (index, text) in yaml.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
        where index + 1 >= line {
            var rest = Substring(text)
            var column = 1
            while let first = rest.first, first == " " || first == "-" {
                rest = rest.dropFirst()
                column += 1
            }
            guard rest.hasPrefix(key + ":") || rest.hasPrefix("\"\(key)\":") else { continue }
            if let firstColumn {
                if column == firstColumn { return (index + 1, column) }
            } else {
                firstColumn = column
            }
        }
        return nil
    }

    /// The entries of a mapping, rejecting keys outside `allowed`.
    func entries(_ node: Node, allowed: Set<String>, what: String) throws -> [(key: String, keyNode: Node, value: Node)]
    {
        guard let mapping = node.mapping else { throw error(node, "\(what) must be a mapping") }
        var seen: Set<String> = []
        var result: [(String, Node, Node)] = []
        for (keyNode, value) in mapping {
            guard let key = keyNode.scalar?.string else { throw error(keyNode, "keys of \(what) must be strings") }
            guard allowed.contains(key) else {
                let known = allowed.sorted().joined(separator: ", ")
                throw error(keyNode, "unknown key '\(key)' in \(what) (known keys: \(known))")
            }
            guard seen.insert(key).inserted else { throw error(keyNode, "duplicate key '\(key)' in \(what)") }
            result.append((key, keyNode, value))
        }
        return result
    }

    func string(_ node: Node, _ what: String) throws -> String {
        guard let scalar = node.scalar else { throw error(node, "\(what) must be a string") }
        return scalar.string
    }

    func nonEmptyString(_ node: Node, _ what: String) throws -> String {
        let value = try string(node, what).trimmingSpaces
        guard !value.isEmpty else { throw error(node, "\(what) must not be empty") }
        return value
    }

    func strings(_ node: Node, _ what: String) throws -> [String] {
        guard let sequence = node.sequence else { throw error(node, "\(what) must be a list of strings") }
        return try sequence.map { try nonEmptyString($0, "each entry of \(what)") }
    }

    func bool(_ node: Node, _ what: String) throws -> Bool {
        switch node.scalar?.string.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw error(node, "\(what) must be true or false")
        }
    }

    func int(_ node: Node, _ what: String) throws -> Int {
        guard let text = node.scalar?.string, let value = Int(text) else {
            throw error(node, "\(what) must be a whole number")
        }
        return value
    }

    func oneOf<T: RawRepresentable & CaseIterable>(_ node: Node, _ what: String, as type: T.Type) throws -> T
    where T.RawValue == String {
        let text = try string(node, what)
        guard let value = T(rawValue: text) else {
            let allowed = T.allCases.map(\.rawValue).joined(separator: ", ")
            throw error(node, "\(what) must be one of \(allowed), not '\(text)'")
        }
        return value
    }

    /// A rule's `kind`, with `disclosure` accepted as the documented name of `disclaimer`.
    func kind(_ node: Node) throws -> Rule.Kind {
        let text = try string(node, "kind")
        guard let kind = Rule.Kind(name: text) else {
            let allowed = Rule.Kind.allCases.map(\.rawValue).joined(separator: ", ")
            throw error(node, "kind must be one of \(allowed) (or disclosure, the same as disclaimer), not '\(text)'")
        }
        return kind
    }
}

extension String {
    var trimmingSpaces: String {
        // Text that starts and ends with printable ASCII has nothing to trim (the usual value).
        if let first = utf8.first, let last = utf8.last, (0x21...0x7E).contains(first), (0x21...0x7E).contains(last) {
            return self
        }
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars = scalars.dropFirst() }
        while let last = scalars.last, last.isWhitespace { scalars = scalars.dropLast() }
        return String(scalars)
    }
}
