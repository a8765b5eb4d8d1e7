/// Negation earlier in a clause: "not FDA-approved", "has not been approved by the FDA", "no
/// treatment is 100% safe". The words are the rules' `negation` lexicon.
struct Negation: Sendable {
    private let words: KeySet
    /// How many words before a match a negation may stand.
    static let reach = 6

    init(words: [String]) {
        self.words = KeySet(words: words)
    }

    /// Is the word with this key a negation ("not", "never")?
    func isNegation(_ key: UInt64) -> Bool { words.contains(key) }

    /// Is the match starting at token `start` negated within `reach` words of the same clause?
    /// A comma, semicolon, colon or dash ends the clause, so "No waiting room, fast relief" still counts.
    func negates(start: Int, tokens: [Token], text: [UInt8], sentenceStart: Int) -> Bool {
        var index = start - 1
        while index >= max(sentenceStart, start - Self.reach) {
            let gap = text[tokens[index].end..<tokens[index + 1].start]
            if gap.contains(where: {
                $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: ";") || $0 == UInt8(ascii: ":") || $0 == 0xE2
            }) {
                return false
            }
            if words.contains(tokens[index].key) { return true }
            index -= 1
        }
        return false
    }
}
