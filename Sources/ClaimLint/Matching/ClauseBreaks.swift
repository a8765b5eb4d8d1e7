/// Where clause punctuation stands between a sentence's tokens. The tokenizer drops punctuation,
/// so a phrase gap (`...`) would otherwise join a verb at the end of one clause to a noun in the
/// next ("Before the laser technology improved, laser hair removal …" is not "improve … hair").
/// Commas, semicolons, brackets and dashes (an em or en dash, or a hyphen with spaces
/// around it) break; a hyphen inside a word ("FDA-approved"), an apostrophe or a full stop inside
/// an abbreviation does not.
enum ClauseBreaks {
    /// Sets `breaks[p]` to whether clause punctuation stands between tokens p − 1 and p.
    static func mark(_ tokens: [Token], in text: [UInt8], into breaks: inout [Bool]) {
        // Resized only when the length changes, and written once through a pointer: clearing and
        // refilling the array for every sentence cost more than looking at the gaps.
        let count = tokens.count + 1
        if breaks.count > count {
            breaks.removeSubrange(count...)
        } else if breaks.count < count {
            breaks.append(contentsOf: repeatElement(false, count: count - breaks.count))
        }
        breaks.withUnsafeMutableBufferPointer { breaks in
            breaks[0] = false
            breaks[count - 1] = false
            guard tokens.count > 1 else { return }
            for index in 1..<tokens.count {
                breaks[index] = hasBreak(text, tokens[index - 1].end..<tokens[index].start)
            }
        }
    }

    private static func hasBreak(_ text: [UInt8], _ between: Range<Int>) -> Bool {
        guard between.count > 0 else { return false }
        var index = between.lowerBound
        while index < between.upperBound {
            switch text[index] {
            case UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "("), UInt8(ascii: ")"),
                UInt8(ascii: "["), UInt8(ascii: "]"):
                return true
            case UInt8(ascii: "-"):
                // A hyphen with a space on either side is a dash.
                if index > between.lowerBound, text[index - 1] == UInt8(ascii: " ") { return true }
                if index + 1 < between.upperBound, text[index + 1] == UInt8(ascii: " ") { return true }
            case 0xE2:
                // U+2013 EN DASH and U+2014 EM DASH are E2 80 93 and E2 80 94 in UTF-8.
                if index + 2 < text.count, text[index + 1] == 0x80, text[index + 2] == 0x93 || text[index + 2] == 0x94 {
                    return true
                }
            default:
                break
            }
            index += 1
        }
        return false
    }
}
