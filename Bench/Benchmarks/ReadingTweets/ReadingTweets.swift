import Benchmark
import Foundation
import SocialAuditArchive

// Reading one archive's tweets in the process, without the rules and the reports (the data
// files' records through JSONParser and RecordDecoding), on the 20 000-tweet zip that
// `make bench` generates (scripts/make-bench-archive.py).
let archive = URL(fileURLWithPath: ProcessInfo.processInfo.environment["SOCIALAUDIT_BENCH_ZIP"]
                  ?? "../.build/bench/reading-20k.zip")

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident, .throughput],
        maxDuration: .seconds(10), maxIterations: 10)

    Benchmark("tweets of a 20k zip") { benchmark in
        let reader = ArchiveReader(url: archive)
        var tweets = 0
        let reading = reader.read { record in
            if case .tweet = record { tweets += 1 }
        }
        precondition(tweets > 0 && reading.problems.isEmpty, "no tweets read from \(archive.path): run make bench")
        blackHole(tweets)
    }
}
