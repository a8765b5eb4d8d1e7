import Foundation

/// File names are bytes, and on Linux not every name is UTF-8 (`caf\xE9.md`, written by a Latin-1
/// tool). Paths travel through claimlint as Strings, so a name's bytes are held losslessly: valid
/// UTF-8 as it is, and each byte of an invalid sequence as one private-use scalar, U+10FE80 to
/// U+10FEFF for bytes 0x80 to 0xFF (ASCII bytes are always valid). `bytes(of:)` turns such a
/// String back into the name's bytes for the system calls; reports show the byte as `\xE9`
/// (`escaped`), JSON adds the bytes in base64, and SARIF percent-encodes them (`%E9`).
public enum FileName {
    /// The scalar that stands for byte `0x80 + n` is `U+10FE80 + n`.
    static let base: UInt32 = 0x10FE00

    /// The String that holds these bytes of a file name.
    public static func string(_ bytes: some Collection<UInt8>) -> String {
        if let valid = String(validating: bytes, as: UTF8.self) { return valid }
        let bytes = Array(bytes)
        var out = String.UnicodeScalarView()
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var position = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                out.append(Unicode.UTF8.decode(encoded))
                position += encoded.count
            case .error(let length):
                for byte in bytes[position..<position + length] { out.append(Unicode.Scalar(base + UInt32(byte))!) }
                position += length
            case .emptyInput:
                return String(out)
            }
        }
    }

    @inline(__always)
    static func isByte(_ scalar: Unicode.Scalar) -> Bool { scalar.value >= base + 0x80 && scalar.value <= base + 0xFF }

    /// Whether the name holds bytes that are not UTF-8.
    /// Reporters ask this of every finding's message, explanation and fix, a few hundred bytes each.
    public static func hasRawBytes(_ path: String) -> Bool {
        var path = path
        return path.withUTF8 { bytes in
            // The scalars are 4 bytes in UTF-8 starting F4 8F BA or F4 8F BB. Most text has no F4 at
            // all, and a first pass says so eight bytes a step.
            guard ByteScan.contains(0xF4, in: bytes) else { return false }
            var previous: (UInt8, UInt8) = (0, 0)
            for byte in bytes {
                if previous == (0xF4, 0x8F), byte == 0xBA || byte == 0xBB { return true }
                previous = (previous.1, byte)
            }
            return false
        }
    }

    /// The file name's bytes.
    public static func bytes(of path: String) -> [UInt8] {
        guard hasRawBytes(path) else { return Array(path.utf8) }
        var out: [UInt8] = []
        out.reserveCapacity(path.utf8.count)
        for scalar in path.unicodeScalars {
            if isByte(scalar) {
                out.append(UInt8(scalar.value - base))
            } else {
                out.append(contentsOf: String(scalar).utf8)
            }
        }
        return out
    }

    /// Calls `body` with the name as the NUL-terminated bytes system calls take.
    public static func withCString<Result>(_ path: String, _ body: (UnsafePointer<CChar>) throws -> Result) rethrows
        -> Result
    {
        guard hasRawBytes(path) else { return try path.withCString(body) }
        let bytes = Self.bytes(of: path).map { CChar(bitPattern: $0) } + [0]
        return try bytes.withUnsafeBufferPointer { try body($0.baseAddress!) }
    }

    /// The name with each byte that is not UTF-8 written `\xE9`, for text output and standard error.
    public static func escaped(_ path: String) -> String {
        guard hasRawBytes(path) else { return path }
        var out = ""
        for scalar in path.unicodeScalars {
            if isByte(scalar) {
                let hex = String(scalar.value - base, radix: 16, uppercase: true)
                out += "\\x" + hex
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// The name's bytes in base64, for JSON (`pathBytes`), when they are not UTF-8; nil when they are.
    public static func base64Bytes(of path: String) -> String? {
        hasRawBytes(path) ? Data(bytes(of: path)).base64EncodedString() : nil
    }

    /// The name that base64 `pathBytes` hold, or nil when they are not base64.
    public static func string(base64 text: String) -> String? {
        Data(base64Encoded: text).map { string($0) }
    }

    /// Whether something exists at the path (`stat` succeeds: a broken symlink does not).
    static func exists(_ path: String) -> Bool {
        var status = stat()
        return withCString(path) { stat($0, &status) } == 0
    }

    /// The names in a folder, as `string(_:)` holds them (`.` and `..` left out); nil when the
    /// folder cannot be read. Foundation's listing drops names that are not UTF-8.
    static func contents(ofFolder folder: String) -> [String]? {
        guard let stream = withCString(folder, { opendir($0) }) else { return nil }
        defer { closedir(stream) }
        var names: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: &entry.pointee.d_name) { raw -> String in
                let bytes = raw.prefix { $0 != 0 }
                return string(bytes)
            }
            if name != ".", name != ".." { names.append(name) }
        }
        return names
    }
}
