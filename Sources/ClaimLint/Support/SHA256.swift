import Crypto

/// SHA-256 (FIPS 180-4), for the run record: which bytes of a page and which rules were judged,
/// and SARIF's fingerprints. The one file that talks to swift-crypto (BoringSSL on Linux, whose
/// blocks go through the x86 SHA extensions where the processor has them; CryptoKit on Apple's
/// systems): every format but text hashes every input, so a well-kept, fast implementation
/// matters more here than one fewer dependency.
public enum SHA256 {
    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// The digest in lowercase hex, written straight into the string's storage (a per-byte
    /// `String` and a `joined()` cost more than hashing a short input).
    public static func hex(_ bytes: [UInt8]) -> String {
        let digest = Crypto.SHA256.hash(data: bytes)
        return hexDigits.withUnsafeBufferPointer { digits in
            digest.withUnsafeBytes { digest in
                String(unsafeUninitializedCapacity: 64) { buffer in
                    for index in 0..<32 {
                        buffer[index * 2] = digits[Int(digest[index] >> 4)]
                        buffer[index * 2 + 1] = digits[Int(digest[index] & 0x0F)]
                    }
                    return 64
                }
            }
        }
    }

    public static func digest(_ bytes: [UInt8]) -> [UInt8] { Array(Crypto.SHA256.hash(data: bytes)) }
}
