/// A byte buffer written through a pointer, for the text report: its two dozen pieces per
/// finding, appended one by one to an `[UInt8]`, cost about a hundred instructions each
/// (uniqueness and capacity checks, a call per piece). Room is made once per finding
/// (`makeRoom`), and each write checks it and stops the program rather than write past it.
/// Not copyable, so that one buffer has one owner, which frees it.
struct ByteRoom: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int) {
        self.capacity = max(capacity, 64)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// Makes sure `bytes` more bytes fit.
    mutating func makeRoom(for bytes: Int) {
        guard bytes > capacity - count else { return }
        let grown = max(capacity * 2, count + bytes)
        let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
        moved.moveInitialize(from: base, count: count)
        base.deallocate()
        base = moved
        capacity = grown
    }

    /// The bytes written, as an array.
    var array: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }

    /// The bytes written, as a string (they are UTF-8 where every piece written was).
    var string: String { String(decoding: UnsafeBufferPointer(start: base, count: count), as: UTF8.self) }

    /// `text`, with room made for it first: for text built of pieces whose sizes are not added up beforehand.
    mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            makeRoom(for: bytes.count)
            write(bytes)
        }
    }

    @inline(__always)
    private func checkRoom(_ bytes: Int) {
        precondition(bytes <= capacity - count, "ByteRoom: more bytes than the room made for them")
    }

    @inline(__always)
    mutating func write(_ byte: UInt8) {
        checkRoom(1)
        base[count] = byte
        count += 1
    }

    /// `times` copies of one byte (nothing for zero or less).
    @inline(__always)
    mutating func write(_ byte: UInt8, times: Int) {
        guard times > 0 else { return }
        checkRoom(times)
        (base + count).initialize(repeating: byte, count: times)
        count += times
    }

    @inline(__always)
    mutating func write(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        checkRoom(bytes.count)
        (base + count).initialize(from: source, count: bytes.count)
        count += bytes.count
    }

    @inline(__always)
    mutating func write(_ text: String) {
        var text = text
        text.withUTF8 { write($0) }
    }

    /// A string literal's bytes (`" | "`), without making a `String`.
    @inline(__always)
    mutating func write(literal: StaticString) {
        write(UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }

    /// A number's decimal digits (`decimalWidth(value)` bytes).
    mutating func writeDecimal(_ value: Int) {
        guard value >= 0 else {
            write(String(value))
            return
        }
        let width = Self.decimalWidth(value)
        checkRoom(width)
        var rest = value
        var index = count + width - 1
        while rest >= 10 {
            base[index] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: rest % 10)
            rest /= 10
            index -= 1
        }
        base[index] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: rest)
        count += width
    }

    /// How many characters `String(value)` has.
    static func decimalWidth(_ value: Int) -> Int {
        guard value >= 0 else { return String(value).utf8.count }
        var width = 1
        var rest = value
        while rest >= 10 {
            rest /= 10
            width += 1
        }
        return width
    }
}
