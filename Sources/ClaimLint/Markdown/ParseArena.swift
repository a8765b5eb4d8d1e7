#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A small-block allocator for libcmark, one per thread. cmark allocates every node, inline and
/// string buffer of a page with its own calloc and frees them one by one; most of a bare cmark
/// parse is spent in malloc and free. Here small blocks come from 64 KB chunks in 20 size classes
/// (16 to 256 bytes by 16, then 512 to 4,096 by doubling): a free pushes the block on its class's
/// list, an allocation pops one or bumps a pointer, and the whole page is released at once by
/// `reset()` without walking the tree. Blocks over 4 KB (a long paragraph's growing text) are real
/// mallocs, freed when cmark frees them, so a 5 MB paragraph leaves no copies of itself behind.
///
/// cmark's allocator callbacks carry no context, so the arena is found through a thread-local
/// key; `MarkdownParser` resets it after each page. It is used only from the thread that made it,
/// through a pointer rather than as a class, so that its fields need no exclusivity checks.
struct ParseArena {
    private static let chunkSize = 64 * 1024
    /// Blocks up to this size come from chunks; larger ones are malloc'd.
    private static let largeBlock = 4 * 1024
    /// Chunks kept across pages, so small pages never call malloc for the arena at all.
    private static let keptChunks = 4
    /// Each block is preceded by a 16-byte header: its size, then the address of the arena that
    /// made it shifted left by 8, with its class + 1 in the low byte (0 for a large block). The
    /// owner lets `free` and `realloc` skip the thread-local look-up.
    private static let headerSize = 16
    private static let classCount = 20

    /// The bytes this page's parse holds: the chunks it has reached and its large blocks. What
    /// `CmarkReader` bounds (`claimlint_cmark_parse_bounded` reads it after every allocation).
    /// A stored field at a fixed offset, so C can read it through a pointer.
    var footprint = 0
    private var chunks: [UnsafeMutableRawPointer] = []
    private var chunkIndex = 0
    private var used = 0
    /// Freed blocks of each class, linked through their first bytes.
    private var freeLists = [UnsafeMutableRawPointer?](repeating: nil, count: classCount)
    /// Large blocks still alive, freed at `reset()` if cmark left any.
    private var largeBlocks: Set<UnsafeMutableRawPointer> = []
    /// This arena's own address, for block headers (set by `current`; 0 for an arena on the stack).
    private var address: UInt = 0

    private func tag(_ sizeClass: Int) -> UInt { address << 8 | UInt(sizeClass + 1) }

    /// The class of a block of `size` bytes (at most `largeBlock`).
    @inline(__always)
    private static func sizeClass(_ size: Int) -> Int {
        if size <= 256 { return max(size - 1, 0) >> 4 }
        return 16 + (Int.bitWidth - (size - 1).leadingZeroBitCount) - 9  // 512 → 16, …, 4,096 → 19
    }

    @inline(__always)
    private static func classSize(_ sizeClass: Int) -> Int {
        sizeClass < 16 ? (sizeClass + 1) << 4 : 512 << (sizeClass - 16)
    }

    /// Releases everything allocated since the last reset.
    mutating func reset() {
        for block in largeBlocks { free(block - Self.headerSize) }
        largeBlocks.removeAll(keepingCapacity: true)
        while chunks.count > Self.keptChunks { free(chunks.removeLast()) }
        for index in freeLists.indices { freeLists[index] = nil }
        chunkIndex = 0
        used = 0
        footprint = 0
    }

    /// Where `footprint` is, for C to read while cmark parses (the arena never moves).
    static func footprintAddress(_ arena: UnsafeMutablePointer<ParseArena>) -> UnsafePointer<Int> {
        UnsafeRawPointer(arena).advanced(by: MemoryLayout<ParseArena>.offset(of: \.footprint)!)
            .assumingMemoryBound(to: Int.self)
    }

    mutating func allocate(_ size: Int) -> UnsafeMutableRawPointer? {
        if size > Self.largeBlock {
            guard let raw = malloc(Self.headerSize + size) else { return nil }
            raw.storeBytes(of: size, as: Int.self)
            raw.storeBytes(of: tag(-1), toByteOffset: MemoryLayout<Int>.size, as: UInt.self)
            let block = raw + Self.headerSize
            largeBlocks.insert(block)
            footprint += Self.headerSize + size
            return block
        }
        let sizeClass = Self.sizeClass(size)
        if let block = freeLists[sizeClass] {
            freeLists[sizeClass] = block.load(as: UnsafeMutableRawPointer?.self)
            (block - Self.headerSize).storeBytes(of: size, as: Int.self)
            return block
        }
        let needed = Self.headerSize + Self.classSize(sizeClass)
        if chunks.isEmpty || used + needed > Self.chunkSize {
            chunkIndex = chunks.isEmpty ? 0 : chunkIndex + 1
            if chunkIndex == chunks.count {
                guard let chunk = malloc(Self.chunkSize) else { return nil }
                chunks.append(chunk)
            }
            used = 0
            footprint += Self.chunkSize
        }
        let raw = chunks[chunkIndex] + used
        used += needed
        raw.storeBytes(of: size, as: Int.self)
        raw.storeBytes(of: tag(sizeClass), toByteOffset: MemoryLayout<Int>.size, as: UInt.self)
        return raw + Self.headerSize
    }

    mutating func reallocate(_ block: UnsafeMutableRawPointer?, _ size: Int) -> UnsafeMutableRawPointer? {
        guard let block else { return allocate(size) }
        let oldSize = (block - Self.headerSize).load(as: Int.self)
        let sizeClass = Self.sizeClass(of: block)
        if sizeClass < 0, size > Self.largeBlock {
            largeBlocks.remove(block)
            guard let raw = realloc(block - Self.headerSize, Self.headerSize + size) else {
                largeBlocks.insert(block)
                return nil
            }
            raw.storeBytes(of: size, as: Int.self)
            largeBlocks.insert(raw + Self.headerSize)
            footprint += size - oldSize
            return raw + Self.headerSize
        }
        // A small block grows in place up to its class's size.
        if sizeClass >= 0, size <= Self.classSize(sizeClass) {
            (block - Self.headerSize).storeBytes(of: size, as: Int.self)
            return block
        }
        guard let moved = allocate(size) else { return nil }
        moved.copyMemory(from: block, byteCount: min(oldSize, size))
        release(block)
        return moved
    }

    mutating func release(_ block: UnsafeMutableRawPointer?) {
        guard let block else { return }
        let sizeClass = Self.sizeClass(of: block)
        if sizeClass < 0 {
            largeBlocks.remove(block)
            footprint -= Self.headerSize + (block - Self.headerSize).load(as: Int.self)
            free(block - Self.headerSize)
        } else {
            block.storeBytes(of: freeLists[sizeClass], as: UnsafeMutableRawPointer?.self)
            freeLists[sizeClass] = block
        }
    }

    private static func sizeClass(of block: UnsafeMutableRawPointer) -> Int {
        Int((block - headerSize).load(fromByteOffset: MemoryLayout<Int>.size, as: UInt.self) & 0xFF) - 1
    }

    /// The arena that made a block.
    static func owner(of block: UnsafeMutableRawPointer) -> UnsafeMutablePointer<ParseArena> {
        let tag = (block - headerSize).load(fromByteOffset: MemoryLayout<Int>.size, as: UInt.self)
        return UnsafeMutablePointer(bitPattern: tag >> 8)!
    }

    // MARK: The thread's arena, for cmark's context-free callbacks

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key) { pointer in
            // Glibc passes the value as optional, Darwin as non-optional; this reads both.
            let value: UnsafeMutableRawPointer? = pointer
            guard let arena = value?.assumingMemoryBound(to: ParseArena.self) else { return }
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
        arena.pointee.address = UInt(bitPattern: arena)
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
    guard let block else {
        guard let fresh = ParseArena.current.pointee.allocate(size) else { abort() }
        return fresh
    }
    guard let moved = ParseArena.owner(of: block).pointee.reallocate(block, size) else { abort() }
    return moved
}

let parseArenaFree: @convention(c) (UnsafeMutableRawPointer?) -> Void = { block in
    guard let block else { return }
    ParseArena.owner(of: block).pointee.release(block)
}
