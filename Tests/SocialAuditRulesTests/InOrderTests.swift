import Testing
import SocialAuditSupport

/// What `--jobs N` promises: at most N archives audited at once, their outcomes in the folder's
/// order whichever finishes first (the pages and the archives' identities go the same way).
@Suite("Pieces of a run in child tasks")
struct InOrderTests {
    /// How many pieces are running, and the most there were at once.
    actor InFlight {
        private(set) var now = 0
        private(set) var most = 0

        func start() {
            now += 1
            most = max(most, now)
        }

        func end() { now -= 1 }
    }

    @Test("at most the given number run at once, and the results keep the pieces' order though the last finish first")
    func atOnceInOrder() async {
        let inFlight = InFlight()
        let results = await InOrder.map(12, atOnce: 3) { index in
            await inFlight.start()
            try? await Task.sleep(for: .milliseconds(12 - index))
            await inFlight.end()
            return index * index
        }
        #expect(results == (0..<12).map { $0 * $0 })
        #expect(await inFlight.most <= 3)
        #expect(await InOrder.map(0) { $0 }.isEmpty)
    }
}
