import Foundation

/// Hands results produced in parallel to a consumer in input order, as soon as each one and all
/// before it are ready, then forgets them: output starts at once and memory does not grow with
/// the number of files. The consumer runs one result at a time but outside the lock: the worker
/// that finds the next result ready becomes the one that drains, and the others leave their
/// results and go back to linting instead of waiting for a report to be written.
final class OrderedDelivery<Result>: @unchecked Sendable {
    private let lock = NSLock()
    private var waiting: [Int: Result] = [:]
    private var next = 0
    private var draining = false
    private let consume: (Result) -> Void

    init(_ consume: @escaping (Result) -> Void) {
        self.consume = consume
    }

    func deliver(_ result: Result, at index: Int) {
        lock.lock()
        waiting[index] = result
        guard !draining else {
            lock.unlock()
            return
        }
        draining = true
        while let ready = waiting.removeValue(forKey: next) {
            next += 1
            lock.unlock()
            consume(ready)
            lock.lock()
        }
        draining = false
        lock.unlock()
    }
}
