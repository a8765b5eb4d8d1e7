/// The text report's escaped copies (`ControlCharacters.escaped`) of the strings its findings
/// repeat: every finding of a rule carries the rule's message and fix (the same string), and
/// escaping one scans each of its bytes, a few hundred per finding. Kept for one file's findings;
/// a string is looked up by its length first, so finding a rule's message costs a few integer
/// comparisons (and equal strings that share storage compare at once), and a string not seen
/// before is escaped as it always was.
struct EscapedTextCache {
    /// A page's findings name a handful of rules; past this many strings, the others are escaped each time.
    static let capacity = 32
    private var entries: [(text: String, escaped: String)] = []

    mutating func escaped(_ text: String) -> String {
        let count = text.utf8.count
        for entry in entries where entry.text.utf8.count == count && entry.text == text { return entry.escaped }
        let escaped = ControlCharacters.escaped(text)
        if entries.count < Self.capacity { entries.append((text, escaped)) }
        return escaped
    }
}
