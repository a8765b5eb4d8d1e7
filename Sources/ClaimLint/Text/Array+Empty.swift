extension Array {
    /// `removeAll(keepingCapacity: true)`, and nothing at all when the array is empty already: the
    /// generic call costs about sixty instructions, and the checker empties a dozen reused buffers
    /// for every sentence, most of them holding nothing (no lexicon term, no candidate, no match).
    @inline(__always)
    mutating func removeAllKeepingCapacity() {
        if !isEmpty { removeAll(keepingCapacity: true) }
    }
}
