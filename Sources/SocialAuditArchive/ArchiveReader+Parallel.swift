import Foundation
import SocialAuditCore
import Synchronization

/// Tweet part files read at once, each on a thread of its own.
extension ReadingSession {
    /// Reads tweet part files on worker threads, each with its own view of the archive; their
    /// tweets go to the worker's own consumer where there is one, else come back through a
    /// bounded queue and are handed on here, so memory stays bounded and the handler is never
    /// called from two threads. Counts and problems are merged in the
    /// files' order, so the reading is the same as a sequential one.
    ///
    /// Threads rather than a task group: `read` is synchronous and its handler must stay on the
    /// calling thread, so that thread would still block on a queue, and the cooperative pool has a
    /// thread per core where uneven parts want twice as many (below).
    mutating func readTweetsInParallel(_ tweetFiles: [DataFile]) {
        let queue = RecordQueue(capacity: 8)
        let results = WorkerResults(count: tweetFiles.count)
        // Each worker copies the session (a value) and reads only through its own copy. The copy
        // must not hold this session's handler: that closure may not outlive `read`, and the
        // worker threads may be torn down a moment after they finish.
        var template = self
        template.handle = { _ in }
        template.makeTweetConsumer = nil
        // Up to twice as many threads as cores given: part files differ in size and number (three
        // parts on two cores would leave one core idle for a third of the time), and the system
        // shares the cores between threads fairly, so the parts finish together.
        let workers = min(partWorkers * 2, tweetFiles.count)
        // Each consumer is made here and then used by its worker thread alone.
        let consumers = makeTweetConsumer.map { make in (0..<workers).map { _ in make() } }
        let shared = Unchecked((session: template, files: tweetFiles, consumers: consumers))
        let threads = (0..<workers).map { workerIndex in
            let thread = Thread {
                Self.readParts(shared.value.files, with: shared.value.session, consumer: shared.value.consumers?[workerIndex],
                               queue: queue, results: results)
            }
            thread.stackSize = 8 << 20
            return thread
        }
        queue.producers = workers
        for thread in threads { thread.start() }
        while let batch = queue.pop() {
            // By index: the handler borrows each record, with no copy (and no reference counting
            // of every field of a tweet made on another thread).
            for index in batch.indices { handle(batch[index]) }
        }
        mergeParts(results, count: tweetFiles.count)
    }

    /// One worker thread's loop: it takes the next part file not yet taken until none is left,
    /// reads it through a copy of `template`, and sends its records on in batches.
    static func readParts(_ tweetFiles: [DataFile], with template: ReadingSession, consumer: (any TweetConsumer)?,
                          queue: RecordQueue, results: WorkerResults) {
        var batch: [ArchiveRecord] = []
        // One view of the zip per thread, sharing the one listing of its entries.
        var files = template.files
        var reopening: String?
        if let zip = files as? ZipArchiveFiles {
            do { files = try zip.reopened() } catch { (files, reopening) = (nil, (error as? ArchiveFileError)?.message ?? "\(error)") }
        }
        while let index = results.claim() {
            var worker = template
            worker.reading = ArchiveReading(source: template.reading.source)
            worker.files = files
            if let reopening {
                worker.problem("the zip could not be opened again to read this part (\(reopening))", file: tweetFiles[index].path)
            }
            worker.tweetConsumer = consumer
            worker.handle = { record in
                batch.append(record)
                if batch.count >= 256 {
                    queue.push(batch)
                    batch.removeAll(keepingCapacity: true)
                }
            }
            worker.readTweets(tweetFiles[index], deleted: false)
            if !batch.isEmpty {
                queue.push(batch)
                batch.removeAll(keepingCapacity: true)
            }
            results.set(index, worker.reading, worker.longPosts.leftovers)
        }
        queue.finishProducer()
    }

    /// The parts' counts, files, digests, problems and long-post leftovers, in the files' order.
    mutating func mergeParts(_ results: WorkerResults, count: Int) {
        for index in 0..<count {
            guard let (part, leftovers) = results.get(index) else { continue }
            reading.tweets += part.tweets
            reading.filesRead += part.filesRead
            reading.digests.merge(part.digests) { first, _ in first }
            reading.problems += part.problems
            longPosts.leftovers.merge(leftovers)
        }
    }
}

/// A bounded queue of record batches from part-file workers to the reading thread.
final class RecordQueue: @unchecked Sendable {
    private let condition = NSCondition()
    private var batches: [[ArchiveRecord]] = []
    private let capacity: Int
    var producers = 0
    private var finished = 0

    init(capacity: Int) {
        self.capacity = capacity
    }

    func push(_ batch: [ArchiveRecord]) {
        condition.lock()
        while batches.count >= capacity { condition.wait() }
        batches.append(batch)
        condition.broadcast()
        condition.unlock()
    }

    func finishProducer() {
        condition.lock()
        finished += 1
        condition.broadcast()
        condition.unlock()
    }

    /// The next batch, or nil once every producer has finished and the queue is empty.
    func pop() -> [ArchiveRecord]? {
        condition.lock()
        defer { condition.unlock() }
        while batches.isEmpty && finished < producers { condition.wait() }
        guard !batches.isEmpty else { return nil }
        let batch = batches.removeFirst()
        condition.broadcast()
        return batch
    }
}

/// What each part-file worker read, by file, and the next file to take.
final class WorkerResults: Sendable {
    private struct State {
        var readings: [(ArchiveReading, LongPosts.Leftovers)?]
        var next = 0
    }

    private let state: Mutex<State>

    init(count: Int) {
        state = Mutex(State(readings: Array(repeating: nil, count: count)))
    }

    func claim() -> Int? {
        state.withLock { state in
            guard state.next < state.readings.count else { return nil }
            state.next += 1
            return state.next - 1
        }
    }

    func set(_ index: Int, _ reading: ArchiveReading, _ leftovers: LongPosts.Leftovers) {
        state.withLock { $0.readings[index] = (reading, leftovers) }
    }

    func get(_ index: Int) -> (ArchiveReading, LongPosts.Leftovers)? {
        state.withLock { $0.readings[index] }
    }
}

/// A value handed to a worker thread that only reads its own copy of it.
final class Unchecked<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) {
        self.value = value
    }
}
