import Dispatch
import Foundation
import Testing

@_spi(Stages) @testable import ClaimLint

/// The allocator libcmark parses with (Markdown/ParseArena.swift): blocks never overlap, grow
/// with their contents kept, are reused once freed, and pages parsed on many threads at once
/// come out as they do one at a time.
@Suite struct ParseArenaTests {
    @Test("blocks of every size class, and large ones, hold their bytes without overlapping")
    func blocksDoNotOverlap() {
        var arena = ParseArena()
        defer { arena.reset() }
        let sizes = Array(stride(from: 0, through: 600, by: 7)) + [1_000, 2_048, 4_096, 4_097, 9_000, 70_000]
        var blocks: [(UnsafeMutableRawPointer, Int, UInt8)] = []
        for (index, size) in sizes.enumerated() {
            let block = arena.allocate(size)!
            let fill = UInt8(truncatingIfNeeded: index)
            block.initializeMemory(as: UInt8.self, repeating: fill, count: size)
            blocks.append((block, size, fill))
        }
        for (block, size, fill) in blocks {
            let bytes = UnsafeRawBufferPointer(start: block, count: size)
            #expect(bytes.allSatisfy { $0 == fill })
            #expect(Int(bitPattern: block) % 16 == 0)
        }
    }

    @Test("reallocating keeps the contents, through small classes and into a large block and back")
    func reallocationKeepsContents() {
        var arena = ParseArena()
        defer { arena.reset() }
        var block = arena.allocate(10)!
        for index in 0..<10 { block.storeBytes(of: UInt8(index), toByteOffset: index, as: UInt8.self) }
        for size in [12, 300, 5_000, 200_000, 100] {
            block = arena.reallocate(block, size)!
            let kept = UnsafeRawBufferPointer(start: block, count: 10)
            #expect(Array(kept) == Array(0..<10))
        }
    }

    @Test("a freed block is handed out again for the same class")
    func freedBlocksAreReused() {
        var arena = ParseArena()
        defer { arena.reset() }
        let first = arena.allocate(100)!
        _ = arena.allocate(100)
        arena.release(first)
        #expect(arena.allocate(97) == first)
        #expect(arena.allocate(100) != first)
    }

    @Test("pages parsed on many threads at once give what they give one at a time")
    func threadsHaveTheirOwnArena() throws {
        let pages = (0..<16).map { index in
            (0..<200).map {
                "Paragraph \(index)-\($0) with *emphasis*, a [link](https://example.org/\($0)) and `code`."
            }
            .joined(separator: "\n\n") + "\n\n" + String(repeating: "A long line of a long paragraph. ", count: 2_000)
        }
        let expected = pages.map { MarkdownParser.parse(SourceText($0)).blocks.map(\.string) }
        let results = Results(count: pages.count)
        DispatchQueue.concurrentPerform(iterations: pages.count * 4) { turn in
            let index = turn % pages.count
            results.set(index, MarkdownParser.parse(SourceText(pages[index])).blocks.map(\.string) == expected[index])
        }
        #expect(results.all)
    }

    private final class Results: @unchecked Sendable {
        private var values: [Bool]
        private let lock = NSLock()
        init(count: Int) { values = Array(repeating: true, count: count) }
        func set(_ index: Int, _ value: Bool) { lock.withLock { values[index] = values[index] && value } }
        var all: Bool { lock.withLock { values.allSatisfy { $0 } } }
    }
}
