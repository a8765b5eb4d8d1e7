/// Reports are built as UTF-8 bytes rather than Strings: appending to a String re-checks its
/// storage and recounts its flags for every piece, and interpolating a number makes a String for
/// every line and column. Those were most of what the markup formats cost beyond the text
/// report (issue 10).
extension Array where Element == UInt8 {
    /// `value` in decimal, its digits written in place.
    mutating func appendDecimal(_ value: Int) {
        guard value >= 0 else {
            self += String(value).utf8
            return
        }
        var digits:
            (
                UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                UInt8, UInt8, UInt8, UInt8, UInt8
            ) =
                (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        Swift.withUnsafeMutableBytes(of: &digits) { buffer in
            var position = buffer.count
            var rest = value
            repeat {
                position -= 1
                buffer[position] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
            } while rest > 0
            append(contentsOf: buffer[position...])
        }
    }
}
