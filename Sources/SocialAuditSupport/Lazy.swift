import Synchronization

/// A value made the first time it is asked for, once, whichever thread asks first (another
/// thread asking meanwhile waits for it). For what a run may not need at all: a nightly run
/// whose archives are all unchanged reads no tweet, so never builds the lexicon's matcher.
/// A lock, not an actor or a task: the rules are synchronous, and ask for it inside a rule pass.
public final class Lazy<Value: Sendable>: Sendable {
    private let made = Mutex<Value?>(nil)
    private let make: @Sendable () -> Value

    public init(_ make: @escaping @Sendable () -> Value) {
        self.make = make
    }

    public var value: Value {
        made.withLock { made in
            if let made { return made }
            let value = make()
            made = value
            return value
        }
    }
}
