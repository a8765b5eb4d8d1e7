#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A bump allocator for libcmark, one per thread. cmark allocates every node, inline and string
/// buffer of a page with its own calloc, then frees them one by one; most of a bare cmark parse
/// is spent in malloc and free. Here a page's small blocks come from 64 KB chunks by bumping a
/// pointer, `free` of a small block does nothing, and the whole page is released at once by
/// `reset()`. Blocks over 4 KB (a long paragraph's growing text) are real mallocs, freed when
/// cmark frees them, so a 5 MB paragraph does not leave copies of itself behind.
///
/// cmark's allocator callbacks carry no context, so the arena is found through a thread-local
/// key; `MarkdownParser` resets it after each page. It is used only from the thread that made it,
/// through a pointer rather than as a class, so that its fields need no exclusivity checks.
struct ParseArena {
    private static let chunkSize = 64 * 1024
    /// Blocks up to this size are bumped; larger ones are malloc'd.
    private static let largeBlock = 4 * 1024
    /// Chunks kept across pages, so small pages never call malloc for the arena at all.
    private static let keptChunks = 4
    private static let alignment = 16
    /// Each block is preceded by a 16-byte header: its size, and whether it is large.
    private static let headerSize = 16

    private var chunks: [UnsafeMutableRawPointer] = []
    private var chunkIndex = 0
    private var used = 0
    /// The most recent small block, which `realloc` may grow in place.
    private var lastBlock: UnsafeMutableRawPointer?
    /// Large blocks still alive, by address, freed at `reset()` if cmark left any.
    private var largeBlocks: Set<UnsafeMutableRawPointer> = []

    /// Releases everything allocated since the last reset.
    mutating func reset() {
        for block in largeBlocks { free(block - Self.headerSize) }
        largeBlocks.removeAll(keepingCapacity: true)
        while chunks.count > Self.keptChunks { free(chunks.removeLast()) }
        chunkIndex = 0
        used = 0
        lastBlock = nil
    }

    mutating func allocate(_ size: Int) -> UnsafeMutableRawPointer? {
        if size > Self.largeBlock {
            guard let raw = malloc(Self.headerSize + size) else { return nil }
            raw.storeBytes(of: size, as: Int.self)
            raw.storeBytes(of: 1, toByteOffset: MemoryLayout<Int>.size, as: Int.self)
            let block = raw + Self.headerSize
            largeBlocks.insert(block)
            return block
        }
        let needed = Self.headerSize + ((size + Self.alignment - 1) & ~(Self.alignment - 1))
        if chunks.isEmpty || used + needed > Self.chunkSize {
            chunkIndex = chunks.isEmpty ? 0 : chunkIndex + 1
            if chunkIndex == chunks.count {
                guard let chunk = malloc(Self.chunkSize) else { return nil }
                chunks.append(chunk)
            }
            used = 0
        }
        let raw = chunks[chunkIndex] + used
        used += needed
        raw.storeBytes(of: size, as: Int.self)
        raw.storeBytes(of: 0, toByteOffset: MemoryLayout<Int>.size, as: Int.self)
        lastBlock = raw + Self.headerSize
        return lastBlock
    }

    mutating func reallocate(_ block: UnsafeMutableRawPointer?, _ size: Int) -> UnsafeMutableRawPointer? {
        guard let block else { return allocate(size) }
        let oldSize = (block - Self.headerSize).load(as: Int.self)
        if isLarge(block) {
            guard size > Self.largeBlock else { return copy(block, oldSize: oldSize, to: size) }
            largeBlocks.remove(block)
            guard let raw = realloc(block - Self.headerSize, Self.headerSize + size) else {
                largeBlocks.insert(block)
                return nil
            }
            raw.storeBytes(of: size, as: Int.self)
            largeBlocks.insert(raw + Self.headerSize)
            return raw + Self.headerSize
        }
        // The last small block grows in place while its chunk has room.
        if block == lastBlock, size <= Self.largeBlock {
            let start = block - Self.headerSize - chunks[chunkIndex]
            let needed = Self.headerSize + ((size + Self.alignment - 1) & ~(Self.alignment - 1))
            if start + needed <= Self.chunkSize {
                used = start + needed
                (block - Self.headerSize).storeBytes(of: size, as: Int.self)
                return block
            }
        }
        return copy(block, oldSize: oldSize, to: size)
    }

    mutating func release(_ block: UnsafeMutableRawPointer?) {
        guard let block, isLarge(block) else { return }
        largeBlocks.remove(block)
        free(block - Self.headerSize)
    }

    private func isLarge(_ block: UnsafeMutableRawPointer) -> Bool {
        (block - Self.headerSize).load(fromByteOffset: MemoryLayout<Int>.size, as: Int.self) != 0
    }

    private mutating func copy(_ block: UnsafeMutableRawPointer, oldSize: Int, to size: Int) -> UnsafeMutableRawPointer? {
        guard let moved = allocate(size) else { return nil }
        moved.copyMemory(from: block, byteCount: min(oldSize, size))
        release(block)
        return moved
    }

    // MARK: The thread's arena, for cmark's context-free callbacks

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key) { pointer in
            let arena = pointer!.assumingMemoryBound(to: ParseArena.self)
            arena.pointee.reset()
            for chunk in arena.pointee.chunks { free(chunk) }
            arena.deinitialize(count: 1)
            arena.deallocate()
        }
        return key
    }()

    /// This thread's arena, made on first use.
    static var current: UnsafeMutablePointer<ParseArena> {
        if let pointer = pthread_getspecific(key) { return pointer.assumingMemoryBound(to: ParseArena.self) }
        let arena = UnsafeMutablePointer<ParseArena>.allocate(capacity: 1)
        arena.initialize(to: ParseArena())
        pthread_setspecific(key, arena)
        return arena
    }
}

/// cmark's `calloc`, `realloc` and `free`, backed by the thread's arena.
let parseArenaCalloc: @convention(c) (Int, Int) -> UnsafeMutableRawPointer? = { count, size in
    let (bytes, overflow) = count.multipliedReportingOverflow(by: size)
    guard !overflow, let block = ParseArena.current.pointee.allocate(bytes) else { abort() }
    block.initializeMemory(as: UInt8.self, repeating: 0, count: bytes)
    return block
}

let parseArenaRealloc: @convention(c) (UnsafeMutableRawPointer?, Int) -> UnsafeMutableRawPointer? = { block, size in
    // cmark treats a failed allocation as fatal too (it aborts in its own allocator).
    guard let moved = ParseArena.current.pointee.reallocate(block, size) else { abort() }
    return moved
}

let parseArenaFree: @convention(c) (UnsafeMutableRawPointer?) -> Void = { block in
    ParseArena.current.pointee.release(block)
}
