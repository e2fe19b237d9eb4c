/// Independent pieces of a run (archives, pages) each done in a child task, at most `width` at
/// once, their results kept in the pieces' order: the output never depends on which finished first.
public enum InOrder {
    /// `work(index)` for every index below `count`; a new piece starts as each one finishes.
    public static func map<Value: Sendable>(_ count: Int, atOnce width: Int = .max,
                                            _ work: @escaping @Sendable (Int) async -> Value) async -> [Value] {
        await withTaskGroup(of: (index: Int, value: Value).self) { group in
            var results = [Value?](repeating: nil, count: count)
            var next = 0
            func start() {
                let index = next
                next += 1
                group.addTask { (index, await work(index)) }
            }
            while next < min(count, max(1, width)) { start() }
            while let done = await group.next() {
                results[done.index] = done.value
                if next < count { start() }
            }
            return results.map { $0! }
        }
    }
}
