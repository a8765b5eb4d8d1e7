/// One of N contiguous slices of the file list, so a CI matrix of N jobs can lint a large site in
/// parallel. Slices are contiguous and in order, so the shards' JSON reports, merged in shard
/// order (`claimlint merge`), are exactly the report one job would have written.
public struct Shard: Sendable, Equatable, CustomStringConvertible {
    /// 1-based.
    public var index: Int
    public var count: Int

    public init?(_ text: String) {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), count >= 1,
            (1...count).contains(index)
        else { return nil }
        self.index = index
        self.count = count
    }

    public init(index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    public var description: String { "\(index)/\(count)" }

    /// This shard's part of `items`: the same split on every machine for the same list.
    public func slice<T>(_ items: [T]) -> ArraySlice<T> {
        let lower = items.count * (index - 1) / count
        let upper = items.count * index / count
        return items[lower..<upper]
    }
}
