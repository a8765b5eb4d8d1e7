/// A finding's identity across commits, for SARIF `partialFingerprints`: code scanning uses it to
/// say "the same alert" when a page changes. It hashes the rule, the matched words normalized
/// (lowercased, runs of whitespace as one space) and which occurrence of that same rule and text
/// on the page this is. Lines and columns are left out on purpose, so inserting lines above a
/// finding or re-wrapping its paragraph keeps the fingerprint.
enum FindingFingerprint {
    /// The key under `partialFingerprints`; bump the version if the recipe ever changes.
    static let key = "claimlintRuleText/v1"

    /// One fingerprint per finding of `file`, in the file's finding order.
    static func fingerprints(of file: FileReport) -> [String] {
        var seen: [String: Int] = [:]
        return file.findings.map { finding in
            let identity = finding.ruleID + "\u{0}" + normalized(finding.matchedText)
            let occurrence = seen[identity, default: 0]
            seen[identity] = occurrence + 1
            return SHA256.hex(Array((identity + "\u{0}" + String(occurrence)).utf8))
        }
    }

    static func normalized(_ text: String) -> String {
        text.lowercased().split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
