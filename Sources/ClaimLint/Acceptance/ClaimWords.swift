/// The words of a sentence as the baseline and the approved-claims library compare them: letters
/// and digits only, lower-cased, so case, whitespace, line breaks, punctuation and inline markup
/// never make two sentences differ ("FDA-cleared." and "fda cleared" are the same two words).
enum ClaimWords {
    static func words(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        for character in text.lowercased() {
            if character.isLetter || character.isNumber {
                current.append(character)
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    /// The words joined by single spaces: the form keys and entries are compared in.
    static func normalised(_ text: String) -> String {
        words(text).joined(separator: " ")
    }
}
