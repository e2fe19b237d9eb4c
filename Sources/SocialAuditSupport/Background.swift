import Foundation

/// Work started on a thread of its own, whose result is taken when it is needed: for the
/// independent steps of a run (parsing the templates while the inventory is read, hashing an
/// archive while it is parsed, composing the e-mail while the pages are rendered), which would
/// otherwise add up one after the other.
public final class Background<Value>: @unchecked Sendable {
    private var result: Value?
    private let done = DispatchSemaphore(value: 0)

    public init(_ work: @escaping @Sendable () -> Value) {
        // A thread rather than a dispatch queue: the work may itself use every core through
        // `concurrentPerform`, and must not wait behind it for a queue's thread.
        let thread = Thread { [self] in
            result = work()
            done.signal()
        }
        thread.start()
    }

    /// Waits for the work to finish (at once when it has), and gives its result.
    public var value: Value {
        done.wait()
        done.signal()
        return result!
    }
}

/// A value made the first time it is asked for, once, whichever thread asks first (another
/// thread asking meanwhile waits for it). For what a run may not need at all: a nightly run
/// whose archives are all unchanged reads no tweet, so never builds the lexicon's matcher.
public final class Lazy<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var made: Value?
    private let make: @Sendable () -> Value

    public init(_ make: @escaping @Sendable () -> Value) {
        self.make = make
    }

    public var value: Value {
        lock.lock()
        defer { lock.unlock() }
        if let made { return made }
        let value = make()
        made = value
        return value
    }
}
