import CStemmer

/// Snowball's English stemmer ("porter2", from libstemmer): the one file that talks to it.
/// It reduces a word to the stem its inflections share: cure, cures, cured, curing → cure;
/// study, studies → studi; disorder, disorders → disord.
///
/// A libstemmer object writes each result into its own buffer, so one must never be shared
/// between threads: each `StemCache` (one per thread) owns one.
final class SnowballStemmer {
    private let stemmer: OpaquePointer?

    init() {
        // Every libstemmer build has "english" in UTF-8; nil would mean no memory, and then words
        // are left as they are rather than failing the run.
        stemmer = sb_stemmer_new("english", "UTF_8")
    }

    deinit {
        if let stemmer { sb_stemmer_delete(stemmer) }
    }

    /// The stem of a lowercased UTF-8 word, valid until the next call; the word itself if stemming failed.
    func stem(_ word: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        guard let stemmer, let base = word.baseAddress,
            let result = sb_stemmer_stem(stemmer, base, Int32(word.count))
        else { return word }
        return UnsafeBufferPointer(start: result, count: Int(sb_stemmer_length(stemmer)))
    }
}
