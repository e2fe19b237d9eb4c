import Foundation
import SocialAuditCore
import SocialAuditSupport

/// One run at a time per state file: advisory locks, released by the system when the holder
/// exits or is killed, so a killed run never blocks the next. The lock is the file's, not the
/// name's: the state file itself is locked (flock locks the inode), so a hard link or another
/// path to it is held too; `<state>.lock`, beside the real file, says which process holds it.
public final class StateLock: @unchecked Sendable {
    private let descriptor: Int32
    private let stateDescriptor: Int32
    public let url: URL

    public typealias Failure = StateError

    public init(state: URL) throws {
        let real = RealPath.of(state)
        url = URL(fileURLWithPath: real + ".lock")
        try? StateFiles.makeFolders(url.deletingLastPathComponent())
        descriptor = open(url.path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, StateFiles.fileMode)
        guard descriptor >= 0 else {
            throw StateError.cannotOpen(path: url.path, reason: String(cString: strerror(errno)))
        }
        StateFiles.restrict(descriptor)
        if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            var buffer = [UInt8](repeating: 0, count: 64)
            let count = pread(descriptor, &buffer, 64, 0)
            let text = String(decoding: buffer.prefix(max(0, count)), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            close(descriptor)
            throw StateError.held(path: state.path, holder: text.isEmpty ? "another process" : "process \(text)")
        }
        // The state file itself, made here (0640) when it is new: SQLite takes an empty file as a new database.
        stateDescriptor = open(real, O_RDWR | O_CREAT | O_CLOEXEC, StateFiles.fileMode)
        if stateDescriptor < 0 {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            throw errno == EACCES || errno == EROFS ? StateError.notWritable(path: state.path, reason: reason)
                : StateError.cannotOpen(path: state.path, reason: reason)
        }
        StateFiles.restrict(stateDescriptor)
        if flock(stateDescriptor, LOCK_EX | LOCK_NB) != 0 {
            close(stateDescriptor)
            close(descriptor)
            throw StateError.held(path: state.path, holder: "another process, through another path to the same file")
        }
        let pid = "\(getpid())\n"
        _ = ftruncate(descriptor, 0)
        _ = pid.withCString { pwrite(descriptor, $0, strlen($0), 0) }
    }


    /// Gives the lock up now (else when the lock is released): the file is emptied and unlocked.
    public func release() {
        releasing.lock()
        let first = !released
        released = true
        releasing.unlock()
        guard first else { return }
        _ = ftruncate(descriptor, 0)
        flock(stateDescriptor, LOCK_UN)
        close(stateDescriptor)
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }

    private let releasing = NSLock()
    private var released = false

    deinit {
        release()
    }
}
