import Foundation

/// A growable run of bytes for the writers that append thousands of small pieces (findings.json,
/// the pages). Written here because `Array.append(contentsOf:)` goes through generic code that
/// checks the array's uniqueness and capacity on every call (about a hundred instructions, a
/// quarter of writing findings.json); this appends with one capacity check and a copy.
///
/// The bytes live in one `malloc` block that grows by `realloc`: a large block is the system's
/// to move (glibc remaps its pages rather than copying them), and a report is written to its file
/// from here (``withUnsafeBytes(_:)``) rather than copied into an array first. Each copy of a
/// page's megabyte was first-touch page faults, a sixth of an unchanged nightly run's.
final class ByteBuffer {
    private var base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int = 4096) {
        self.capacity = max(capacity, 64)
        guard let block = malloc(self.capacity) else { fatalError("out of memory for \(self.capacity) bytes") }
        base = block.assumingMemoryBound(to: UInt8.self)
    }

    deinit {
        free(base)
    }

    @inline(__always)
    func append(_ byte: UInt8) {
        if count == capacity { grow(to: count + 1) }
        base[count] = byte
        count += 1
    }

    @inline(__always)
    func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, bytes.count > 0 else { return }
        if count + bytes.count > capacity { grow(to: count + bytes.count) }
        (base + count).update(from: source, count: bytes.count)
        count += bytes.count
    }

    func append(_ text: StaticString) {
        text.withUTF8Buffer { append($0) }
    }

    func append(_ text: String) {
        var text = text
        text.withUTF8 { append($0) }
    }

    func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { append($0) }
    }

    func append(_ other: ByteBuffer) {
        append(UnsafeBufferPointer(start: other.base, count: other.count))
    }

    /// `count` bytes written in place by `write`, which is handed where they go (room made first).
    @inline(__always)
    func append(count written: Int, _ write: (UnsafeMutablePointer<UInt8>) -> Void) {
        if count + written > capacity { grow(to: count + written) }
        write(base + count)
        count += written
    }

    /// `byte` `times` times.
    func append(repeating byte: UInt8, count times: Int) {
        guard times > 0 else { return }
        if count + times > capacity { grow(to: count + times) }
        (base + count).update(repeating: byte, count: times)
        count += times
    }

    subscript(index: Int) -> UInt8 {
        precondition(index >= 0 && index < count)
        return base[index]
    }

    /// `bytes` put in at `index`, the bytes after it moved along.
    func insert(_ bytes: [UInt8], at index: Int) {
        precondition(index >= 0 && index <= count)
        guard !bytes.isEmpty else { return }
        if count + bytes.count > capacity { grow(to: count + bytes.count) }
        (base + index + bytes.count).update(from: base + index, count: count - index)  // overlapping: moves like memmove
        bytes.withUnsafeBufferPointer { (base + index).update(from: $0.baseAddress!, count: bytes.count) }
        count += bytes.count
    }

    /// The bytes written, as an array.
    var bytes: [UInt8] {
        Array(UnsafeBufferPointer(start: base, count: count))
    }

    /// The bytes written, in place (valid only inside `body`).
    func withUnsafeBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try body(UnsafeRawBufferPointer(start: base, count: count))
    }

    private func grow(to minimum: Int) {
        var newCapacity = capacity * 2
        while newCapacity < minimum { newCapacity *= 2 }
        guard let grown = realloc(base, newCapacity) else { fatalError("out of memory for \(newCapacity) bytes") }
        base = grown.assumingMemoryBound(to: UInt8.self)
        capacity = newCapacity
    }
}
