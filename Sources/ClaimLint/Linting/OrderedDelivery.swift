import Foundation

/// Hands results produced in parallel to a consumer in input order, as soon as each one and all
/// before it are ready, then forgets them: output starts at once and memory does not grow with
/// the number of files. The consumer runs under a lock, one result at a time.
final class OrderedDelivery<Result>: @unchecked Sendable {
    private let lock = NSLock()
    private var waiting: [Int: Result] = [:]
    private var next = 0
    private let consume: (Result) -> Void

    init(_ consume: @escaping (Result) -> Void) {
        self.consume = consume
    }

    func deliver(_ result: Result, at index: Int) {
        lock.lock()
        defer { lock.unlock() }
        waiting[index] = result
        while let ready = waiting.removeValue(forKey: next) {
            consume(ready)
            next += 1
        }
    }
}
