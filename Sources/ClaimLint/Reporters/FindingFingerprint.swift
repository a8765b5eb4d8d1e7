/// A finding's identity across commits, for SARIF `partialFingerprints`: code scanning uses it to
/// say "the same alert" when a page changes. It hashes the rule, the matched words normalized
/// (lowercased, runs of whitespace as one space) and which occurrence of that same rule and text
/// on the page this is. Lines and columns are left out on purpose, so inserting lines above a
/// finding or re-wrapping its paragraph keeps the fingerprint.
enum FindingFingerprint {
    /// The key under `partialFingerprints`; bump the version if the recipe ever changes, or when
    /// the default rules move where findings start and end. v2: the claim grammar of issue 9
    /// reports the same claims over other words (its spans), so a v1 fingerprint and a v2 one of
    /// one claim differ; the new key tells code scanning not to pair them. v3: the health context
    /// gained the vocabulary and the authority grammar its source-and-verb frame (and, landed
    /// with them before any release, a claim resting "on the latest science", population shares and
    /// "its efficacy"), so some findings of a sentence cover other words (a rule's matches there
    /// are one finding over their union).
    static let key = "claimlintRuleText/v3"

    /// One fingerprint per finding of `file`, in the file's finding order.
    static func fingerprints(of file: FileReport) -> [String] {
        var seen: [[UInt8]: Int] = [:]
        var identity: [UInt8] = []
        return file.findings.map { finding in
            identity.removeAll(keepingCapacity: true)
            identity += finding.ruleID.utf8
            identity.append(0)
            appendNormalized(finding.matchedText, to: &identity)
            let occurrence = seen[identity, default: 0]
            seen[identity] = occurrence + 1
            var hashed = identity
            hashed.append(0)
            hashed += String(occurrence).utf8
            return SHA256.hex(hashed)
        }
    }

    static func normalized(_ text: String) -> String {
        text.lowercased().split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// `normalized(text)`'s bytes: byte by byte for ASCII text (most matched words), where
    /// lowercasing is A–Z and whitespace is tab to carriage return and space, as for `Character`.
    static func appendNormalized(_ text: String, to out: inout [UInt8]) {
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else {
            out += normalized(text).utf8
            return
        }
        var pendingSpace = false
        var wroteWord = false
        for byte in text.utf8 {
            if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) {
                pendingSpace = wroteWord
                continue
            }
            if pendingSpace {
                out.append(0x20)
                pendingSpace = false
            }
            out.append(byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte)
            wroteWord = true
        }
    }
}
