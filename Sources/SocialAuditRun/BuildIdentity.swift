import Foundation
import SocialAuditSupport

/// The running program's build: its GNU build id (a hash of the linked binary, which the linker
/// writes into a note near the file's start), or, where there is none, its size and time.
/// Cached audits are keyed by it, so that an upgraded binary reads every archive again.
enum BuildIdentity {
    static let current: String = {
        let path = "/proc/self/exe"
        if let id = buildID(path) { return "build-id " + id }
        let status = ArchiveContent.sizeAndTime(CommandLine.arguments[0]) ?? ArchiveContent.sizeAndTime(path)
        return status.map { "size \($0.size) time \($0.modified)" } ?? "unknown"
    }()

    /// The build id in an ELF file's notes (64-bit, little-endian; nil for anything else).
    /// Read by hand: the program headers and notes are the first few kilobytes, and no library
    /// here reads ELF.
    static func buildID(_ path: String) -> String? {
        guard let file = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? file.close() }
        func bytes(_ offset: UInt64, _ count: Int) -> [UInt8]? {
            guard (try? file.seek(toOffset: offset)) != nil, let data = try? file.read(upToCount: count), data.count == count else { return nil }
            return [UInt8](data)
        }
        func integer(_ b: [UInt8], _ at: Int, _ size: Int) -> UInt64 {
            (0..<size).reduce(UInt64(0)) { $0 | UInt64(b[at + $1]) << (8 * $1) }
        }
        guard let header = bytes(0, 64), header[0..<4] == [0x7F, 0x45, 0x4C, 0x46], header[4] == 2, header[5] == 1 else { return nil }
        let (tableAt, entrySize, entries) = (integer(header, 32, 8), Int(integer(header, 54, 2)), Int(integer(header, 56, 2)))
        guard entrySize >= 56, entries < 256, let table = bytes(tableAt, entrySize * entries) else { return nil }
        for entry in 0..<entries where integer(table, entry * entrySize, 4) == 4 {  // PT_NOTE
            let (at, size) = (integer(table, entry * entrySize + 8, 8), Int(integer(table, entry * entrySize + 32, 8)))
            guard size < 1 << 16, let notes = bytes(at, size) else { continue }
            var note = 0
            while note + 12 <= size {
                let nameSize = Int(integer(notes, note, 4)), descSize = Int(integer(notes, note + 4, 4))
                let desc = note + 12 + (nameSize + 3) & ~3
                guard desc + descSize <= size else { break }
                if integer(notes, note + 8, 4) == 3, nameSize == 4, notes[note + 12..<note + 15] == [0x47, 0x4E, 0x55] {  // NT_GNU_BUILD_ID, "GNU"
                    return notes[desc..<desc + descSize].hexString
                }
                note = desc + (descSize + 3) & ~3
            }
        }
        return nil
    }
}
