/// Rejects YAML anchors (`&name`), aliases (`*name`) and complex keys (`? `) in rules and
/// configuration files before Yams sees them. An alias bomb (aliases of aliases, 800 bytes) used
/// as a mapping key hangs Yams for weeks: `compose` hashes every mapping key for its duplicate
/// check, and Yams offers no event API to stop it earlier. Neither file format needs them.
///
/// A light scan of the text, not a YAML parser: it follows quotes, comments, block scalars
/// (`|`, `>`), plain scalars continued on later lines and flow collections, and looks for an
/// indicator only where a YAML node may start (a line's text, after `- `, `: `, `? `, `[`, `{`,
/// `,`, or a tag). `&` and `*` inside text (`A & B`, `*only*` on a wrapped line) are not indicators.
enum YAMLAliasGuard {
    static func check(_ yaml: String, file: String) throws {
        var scanner = Scanner(bytes: Array(yaml.utf8))
        if let problem = scanner.firstProblem() {
            throw RulesError(file: file, line: problem.line, column: problem.column, message: problem.message)
        }
    }

    struct Problem: Equatable {
        var line: Int
        var column: Int
        var message: String
    }

    private struct Scanner {
        let bytes: [UInt8]
        var index = 0
        var line = 1
        var lineStart = 0
        /// Open `[` and `{`.
        var flowDepth = 0
        /// Inside a quoted scalar that may run over lines: its quote.
        var quote: UInt8?
        /// The indentation of the line holding a block scalar's `|` or `>`, while its content runs.
        var blockScalarIndent: Int?
        /// The indentation of the line where a plain scalar value started (it may continue on
        /// more indented lines).
        var plainIndent: Int?

        init(bytes: [UInt8]) { self.bytes = bytes }

        mutating func firstProblem() -> Problem? {
            while index < bytes.count {
                if let problem = scanLine() { return problem }
            }
            return nil
        }

        private func isSpace(_ at: Int) -> Bool { at < bytes.count && (bytes[at] == 0x20 || bytes[at] == 0x09) }
        private func isBreak(_ at: Int) -> Bool { at >= bytes.count || bytes[at] == 0x0A || bytes[at] == 0x0D }
        private func isBlank(_ at: Int) -> Bool { isSpace(at) || isBreak(at) }

        private mutating func nextLine() {
            while !isBreak(index) { index += 1 }
            if index < bytes.count, bytes[index] == 0x0D { index += 1 }
            if index < bytes.count, bytes[index] == 0x0A { index += 1 }
            line += 1
            lineStart = index
        }

        private func problem(at position: Int, _ message: String) -> Problem {
            // Columns count characters, as Yams's do.
            let column = String(decoding: bytes[lineStart..<position], as: UTF8.self).count + 1
            return Problem(line: line, column: column, message: message)
        }

        private mutating func scanLine() -> Problem? {
            var indent = 0
            while index + indent < bytes.count, bytes[index + indent] == 0x20 { indent += 1 }
            let contentStart = index + indent
            let isEmpty = isBreak(contentStart) || bytes[contentStart] == UInt8(ascii: "#") && quote == nil
            if let blockIndent = blockScalarIndent {
                if isBreak(contentStart) || indent > blockIndent {
                    nextLine()
                    return nil
                }
                blockScalarIndent = nil
            }
            if quote == nil, flowDepth == 0, let parent = plainIndent {
                if isEmpty || indent > parent {
                    // A plain scalar continued: text, whatever it starts with.
                    nextLine()
                    return nil
                }
                plainIndent = nil
            }
            index = contentStart
            // A document marker (`---`, `...`) may have a node after it on the same line.
            if quote == nil, indent == 0, index + 3 <= bytes.count, isBlank(index + 3),
                bytes[index..<(index + 3)].elementsEqual("---".utf8)
                    || bytes[index..<(index + 3)].elementsEqual("...".utf8)
            {
                index += 3
            }
            return scanNodes(lineIndent: indent, atNodeStart: quote == nil)
        }

        /// Scans the rest of the line; `atNodeStart` says a node may begin at `index`.
        private mutating func scanNodes(lineIndent: Int, atNodeStart startsNode: Bool) -> Problem? {
            var atNodeStart = startsNode
            // The column of the `-` or the key the next value belongs to, and whether one came
            // before it on this line; and where the last token started.
            var parentColumn = lineIndent
            var afterIndicator = false
            var tokenColumn = lineIndent
            while !isBreak(index) {
                if let open = quote {
                    // Inside a quoted scalar: find its end ('' and \" escape).
                    if bytes[index] == UInt8(ascii: "\\"), open == UInt8(ascii: "\"") {
                        index += 2
                        continue
                    }
                    if bytes[index] == open {
                        if open == UInt8(ascii: "'"), index + 1 < bytes.count, bytes[index + 1] == open {
                            index += 2
                            continue
                        }
                        quote = nil
                    }
                    index += 1
                    continue
                }
                let byte = bytes[index]
                if isSpace(index) {
                    index += 1
                    continue
                }
                if byte == UInt8(ascii: "#") {
                    break
                }
                if atNodeStart {
                    switch byte {
                    case UInt8(ascii: "&"):
                        return problem(
                            at: index, "YAML anchors (&name) are not allowed in this file; write the value out")
                    case UInt8(ascii: "*"):
                        return problem(
                            at: index, "YAML aliases (*name) are not allowed in this file; write the value out")
                    case UInt8(ascii: "?") where isBlank(index + 1):
                        return problem(at: index, "YAML complex keys ('? ') are not allowed in this file")
                    case UInt8(ascii: "!"):
                        // A tag: a node's properties may go on after it.
                        while !isBlank(index) { index += 1 }
                        continue
                    case UInt8(ascii: "-") where isBlank(index + 1):
                        parentColumn = index - lineStart
                        afterIndicator = true
                        index += 1
                        continue
                    case UInt8(ascii: "\""), UInt8(ascii: "'"):
                        tokenColumn = index - lineStart
                        quote = byte
                        index += 1
                        atNodeStart = false
                        continue
                    case UInt8(ascii: "|"), UInt8(ascii: ">"):
                        if flowDepth == 0 {
                            // Its content is the lines indented past the key (or the `-`) it belongs to.
                            blockScalarIndent = afterIndicator ? parentColumn : lineIndent
                            return skipRest()
                        }
                    case UInt8(ascii: "["), UInt8(ascii: "{"):
                        flowDepth += 1
                        index += 1
                        continue
                    default:
                        break
                    }
                }
                switch byte {
                case UInt8(ascii: "[") where flowDepth > 0, UInt8(ascii: "{") where flowDepth > 0:
                    flowDepth += 1
                    atNodeStart = true
                case UInt8(ascii: "]") where flowDepth > 0, UInt8(ascii: "}") where flowDepth > 0:
                    flowDepth -= 1
                    atNodeStart = false
                case UInt8(ascii: ",") where flowDepth > 0:
                    atNodeStart = true
                case UInt8(ascii: ":") where isBlank(index + 1) || flowDepth > 0:
                    atNodeStart = true
                    plainIndent = nil
                    parentColumn = tokenColumn
                    afterIndicator = true
                default:
                    if atNodeStart {
                        tokenColumn = index - lineStart
                        // A plain scalar: its later lines are those indented past its key or `-`.
                        if flowDepth == 0 { plainIndent = afterIndicator ? parentColumn : max(tokenColumn - 1, 0) }
                    }
                    atNodeStart = false
                }
                index += 1
            }
            nextLine()
            return nil
        }

        private mutating func skipRest() -> Problem? {
            nextLine()
            return nil
        }
    }
}
