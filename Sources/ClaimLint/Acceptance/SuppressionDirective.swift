import Foundation

/// One `<!-- claimlint-… -->` comment on a page:
///
///     <!-- claimlint-disable-next-line efficacy, superlative -- reviewed by J. Ortiz, ticket 41 -->
///     <!-- claimlint-disable uncited-statistic -- figures from our own audit, see /audit -->
///     <!-- claimlint-enable uncited-statistic -->
///     <!-- claimlint-disable-file all -- archived page, kept for the record -->
///
/// Rule ids are separated by commas or spaces; `--` starts the reason. No rule id means `all`.
struct SuppressionDirective: Sendable, Equatable {
    enum Action: String, Sendable, CaseIterable {
        case disableNextLine = "claimlint-disable-next-line"
        case disable = "claimlint-disable"
        case enable = "claimlint-enable"
        case disableFile = "claimlint-disable-file"
    }

    var action: Action
    /// The rule ids named, in order; `["all"]` when the directive names none.
    var rules: [String]
    /// What follows `--`, trimmed; empty when there is none.
    var reason: String
    /// The comment as written, from `<!--` to `-->`.
    var text: String
    /// 1-based lines of the comment's first and last character.
    var line: Int
    var endLine: Int

    var coversAll: Bool { rules.contains(Self.all) }

    static let all = "all"

    /// The directives in one HTML comment node's text (a block of HTML may hold several comments).
    static func parse(_ comment: ProseDocument.Comment) -> [SuppressionDirective] {
        // Most comments are not directives: look for the prefix before building anything.
        guard comment.text.utf8.count >= 14, ByteSearch.contains(comment.text, "claimlint-") else { return [] }
        var directives: [SuppressionDirective] = []
        var line = comment.line
        var rest = Substring(comment.text)
        while let open = rest.range(of: "<!--") {
            line += rest[..<open.lowerBound].count { $0 == "\n" }
            let body = rest[open.upperBound...]
            let close = body.range(of: "-->")
            let inner = close.map { body[..<$0.lowerBound] } ?? body
            let whole = rest[open.lowerBound..<(close?.upperBound ?? rest.endIndex)]
            let lines = whole.count { $0 == "\n" }
            if let directive = parse(inner: inner, text: String(whole), line: line, endLine: line + lines) {
                directives.append(directive)
            }
            line += lines
            guard let close else { break }
            rest = rest[close.upperBound...]
        }
        return directives
    }

    /// `claimlint-disable-next-line a, b -- reason` (the text between `<!--` and `-->`).
    static func parse(inner: Substring, text: String, line: Int, endLine: Int) -> SuppressionDirective? {
        let trimmed = inner.drop { $0.isWhitespace }
        let keyword = trimmed.prefix { !$0.isWhitespace }
        guard let action = Action(rawValue: String(keyword)) else { return nil }
        var after = trimmed.dropFirst(keyword.count)
        var reason = ""
        if let separator = after.range(of: "--") {
            reason = after[separator.upperBound...].trimmingSpaces
            after = after[..<separator.lowerBound]
        }
        let rules = after.split { $0 == "," || $0.isWhitespace }.map { String($0).lowercased() }
        return SuppressionDirective(
            action: action, rules: rules.isEmpty ? [all] : rules, reason: reason, text: text, line: line,
            endLine: endLine)
    }
}

extension Substring {
    var trimmingSpaces: String { String(self).trimmingSpaces }
}
