/// Paths as CI systems want them: relative to the working directory (the repository root in CI),
/// because code scanning and annotations resolve them against the checkout, not this machine.
/// Pure string work, so reporters stay pure: nothing is looked up on disk.
enum ReportPath {
    /// `path` relative to `workingDirectory`, or nil when it lies outside it (or no directory is known).
    /// `./a/../b.md` is cleaned to `b.md`.
    static func relative(_ path: String, to workingDirectory: String) -> String? {
        if path.hasPrefix("/") {
            let base = clean(workingDirectory)
            let full = clean(path)
            guard !base.isEmpty, base.hasPrefix("/") else { return nil }
            if base == "/" { return String(full.dropFirst()) }
            return full.hasPrefix(base + "/") ? String(full.dropFirst(base.count + 1)) : nil
        }
        let cleaned = clean(path)
        return cleaned.hasPrefix("../") || cleaned == ".." ? nil : cleaned
    }

    /// Removes `.` components and folds `..` into its parent where it has one.
    static func clean(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." {
                parts.removeLast()
            } else if part == "..", path.hasPrefix("/") {
                continue  // "/.." is "/"
            } else {
                parts.append(part)
            }
        }
        let joined = parts.joined(separator: "/")
        return path.hasPrefix("/") ? "/" + joined : joined
    }

    /// A URI reference for a path: percent-encodes everything but unreserved characters and `/`
    /// (RFC 3986), so spaces, `#`, `?` and non-ASCII names survive, and a name's bytes that are not
    /// UTF-8 are encoded as the bytes they are (`%E9`).
    static func uriEncoded(_ path: String) -> String {
        var out = ""
        for byte in FileName.bytes(of: path) {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF")
                out += "%" + String(hex[Int(byte >> 4)]) + String(hex[Int(byte & 0x0F)])
            }
        }
        return out
    }
}
