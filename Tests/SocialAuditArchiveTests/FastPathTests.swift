import Foundation
import Testing
@testable import SocialAuditArchive
import SocialAuditCore
import SocialAuditTestSupport

/// Everything a reading gave, for comparing two ways of reading.
struct Everything: Equatable {
    var reading: Data
    var records: [String]

    init(_ url: URL, fast: Bool, workers: Int = 1) {
        var reader = ArchiveReader(url: url)
        reader.fastTweets = fast
        reader.partWorkers = workers
        var records: [String] = []
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let reading = reader.read { record in
            switch record {
            case let .tweet(tweet): records.append(String(decoding: try! encoder.encode(tweet), as: UTF8.self))
            // The other records do not pass the tweet path; their kind and order are what must agree.
            case .manifest: records.append("manifest")
            case .account: records.append("account")
            case .profile: records.append("profile")
            case .conversation: records.append("conversation")
            case .application: records.append("application")
            case .login: records.append("login")
            }
        }
        self.reading = try! encoder.encode(reading)
        // Part files read at once hand tweets on in another order; the set is what must agree.
        self.records = workers > 1 ? records.sorted() : records
    }
}

/// Tweet records that are not the plain case, each with what makes it so. The fast path must
/// leave every one of them to the general path, or read it exactly as that path does.
let awkwardTweets: [String] = [
    // Escapes in the kept text, and in skipped fields.
    #"{"tweet":{"id_str":"1","full_text":"line\none \"quoted\" \/ tab\t \u00e9 \ud83d\ude00 &amp;lt;","source":"<a href=\"x\">"}}"#,
    // A lone surrogate (repaired and reported by the general path), in the text and in a skipped field.
    #"{"tweet":{"id_str":"2","full_text":"lone \ud83d here"}}"#,
    #"{"tweet":{"id_str":"3","full_text":"ok","source":"\udc00"}}"#,
    // Repeated keys: the last wins.
    #"{"tweet":{"id_str":"5","id_str":"55","full_text":"a","full_text":"b"}}"#,
    #"{"tweet":{"id_str":"6","full_text":"x","entities":{"user_mentions":[{"screen_name":"a"}]},"entities":{"user_mentions":[{"screen_name":"b"}]}}}"#,
    #"{"tweet":{"id_str":"7","full_text":"x"},"tweet":{"id_str":"77","full_text":"y"}}"#,
    // A tweet member that is not an object; no wrapper at all; the wrapper beside other fields.
    #"{"tweet":"7"}"#,
    #"{"id_str":"8","full_text":"unwrapped","retweeted_status":{"user":{"screen_name":"orig","id_str":"9"}}}"#,
    #"{"id_str":"81","full_text":"outer","tweet":{"id_str":"82","full_text":"inner"}}"#,
    // Numbers for ids, -1 ids, empty strings, wrong types.
    #"{"tweet":{"id":1234567890123456789,"full_text":"n","in_reply_to_status_id":-1,"in_reply_to_user_id":42,"in_reply_to_screen_name":""}}"#,
    #"{"tweet":{"id_str":"","id":"10","full_text":true,"text":"from text","lang":null,"created_at":7}}"#,
    #"{"tweet":{"id_str":"11","full_text":"","entities":[],"edit_info":"no"}}"#,
    #"{"tweet":{"id_str":"12","full_text":"m","entities":{"user_mentions":[1,"x",null,{"screen_name":""},{"screen_name":"real","id":5,"name":"R"}],"urls":[{},{"url":"https://t.co/a"},{"expanded_url":"https://x.com/jo/status/99","url":"u"},3]}}}"#,
    // Keys with escapes are never the wanted ones.
    #"{"tweet":{"id_str":"13","full\u005ftext":"escaped key","text":"plain"}}"#,
    // Retweets and quotes every way.
    #"{"tweet":{"id_str":"14","full_text":"RT @Someone: hi","entities":{"user_mentions":[{"screen_name":"someone","id_str":"3"}]}}}"#,
    #"{"tweet":{"id_str":"15","full_text":"q","quoted_status_id_str":"16","quoted_status":{"user":{"screen_name":"qq"}}}}"#,
    #"{"tweet":{"id_str":"17","full_text":"r","retweeted_status":"no","in_reply_to_status_id_str":"3"}}"#,
    #"{"tweet":{"id_str":"18","full_text":"r","retweeted_status":{"user":"no"}}}"#,
    #"{"tweet":{"id_str":"19","full_text":"e","edit_info":{"edit":{"initialTweetId":"1","editControlInitial":{}}}}}"#,
    // Syntax errors of every kind, at the record's end and in its middle.
    #"{"tweet":{"id_str":"20","full_text":"x",}}"#,
    #"{"tweet":{"id_str":"21","full_text":"x" "lang":"en"}}"#,
    #"{"tweet":{"id_str":"22","full_text":"bad escape \q"}}"#,
    #"{"tweet":{"id_str":"23","full_text":"x","n":01.2e+-},"extra":[tru]}"#,
    #"{"tweet":{"id_str":"24","full_text":"x","n":-}}"#,
    "{\"tweet\":{\"id_str\":\"25\",\"full_text\":\"raw\tcontrol\"}}",
    #"{"tweet":{"id_str":"26","full_text":"x","deep":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}}"#,
    #"{"tweet":{"full_text":"no id"}}"#,
    #"{"tweet":{"id_str":"28"}}"#,
    #"{"tweet":{"id_str":"29","full_text":"x","deleted_at":"Mon Nov 14 17:20:11 +0000 2022","created_at":"2022-11-14T17:20:11.000Z"}}"#,
    "[1,2]",
    "\"a string record\"",
]

@Suite("The fast tweet path reads exactly what the general path reads")
struct FastPathTests {
    func compare(_ url: URL, workers: [Int] = [1]) {
        for count in workers {
            let fast = Everything(url, fast: true, workers: count)
            let plain = Everything(url, fast: false, workers: count)
            #expect(fast.records == plain.records, "\(url.lastPathComponent), \(count) worker(s)")
            #expect(fast.reading == plain.reading, "\(url.lastPathComponent): \(String(decoding: fast.reading, as: UTF8.self))")
        }
    }

    @Test("the fast path takes plain records and leaves broken ones")
    func takesPlainRecords() {
        func extracted(_ record: String) -> RawTweet? {
            Array(record.utf8).withUnsafeBufferPointer { TweetExtractor.extract($0) }
        }
        let plain = extracted(TwitterJS.tweet(id: "5", text: "hi @a", mentions: [("a", "77")], replyToUser: "77",
                                              urls: ["https://example.org"]))
        #expect(plain?.id == "5")
        #expect(plain?.text == "hi @a")
        #expect(plain?.mentions == [Mention(screenName: "a", userId: "77", name: "a")])
        #expect(plain?.inReplyToUserId == "77")
        #expect(plain?.urls == ["https://example.org"])
        #expect(extracted(awkwardTweets[0])?.text == "line\none \"quoted\" / tab\t é 😀 &amp;lt;")
        for broken in awkwardTweets where broken.contains("\\q") || broken.contains(",}") || broken.contains("\\ud83d here")
            || broken.contains("\"id_str\":\"55\"") || broken.hasPrefix("[") {
            #expect(extracted(broken) == nil, "\(broken)")
        }
        // A record that goes on past the buffer is left to the scan.
        let record = TwitterJS.tweet(id: "6", text: "cut")
        #expect(Array(record.utf8.dropLast(3)).withUnsafeBufferPointer { TweetExtractor.extract(prefixOf: $0) } == nil)
        let twice = Array((record + ", " + record).utf8)
        let first = twice.withUnsafeBufferPointer { TweetExtractor.extract(prefixOf: $0) }
        #expect(first?.length == record.utf8.count)
        #expect(first?.newlines == record.filter { $0 == "\n" }.count)
    }

    @Test("a record read straight from a chunk counts its own line breaks, wherever the chunk ends (a fuzzer's find)")
    func lineBreaksAtChunkEnds() throws {
        // The fast path once took the white space after a record as its own when the chunk ended
        // there, and counted its line breaks short: every later record's line was off by one.
        let found: [UInt8] = Array("windo".utf8) + [UInt8](repeating: 0x95, count: 65) + [0x77, 0xFF, 0xE5]
            + [UInt8](repeating: 0xFF, count: 27) + Array("Sequ = [\n  {\n    }\n    },]".utf8)
        let file = Array(TwitterJS.file("tweets", [TwitterJS.tweet(id: "1", text: "one"), "{\n  }", TwitterJS.tweet(id: "2", text: "two")]).utf8)
            + Array("\n\n\n".utf8)
        for bytes in [found, file] {
            // Every chunk size: DataFileCheck stops the process if the paths disagree on a record
            // or on its line breaks.
            var outcomes: Set<String> = []
            for chunk in 1...bytes.count {
                let outcome = DataFileCheck.read(bytes, chunk: chunk)
                outcomes.insert("\(outcome.records) \(outcome.tweets) \(outcome.badRecords) \(outcome.faults)")
            }
            #expect(outcomes.count == 1, "the same reading whatever the chunks: \(outcomes)")
        }
        // And through the reader: the record after the white space is reported at its own line.
        var archive = fullArchive()
        archive["data/tweets.js"] = "window.YTD.tweets.part0 = [ " + TwitterJS.tweet(id: "1", text: "one") + "\n\n,\n" + #"{"tweet":{"id_str":"2"}}"# + " ]"
        for url in [try archive.writeZip(), try archive.writeFolder()] {
            for fast in [true, false] {
                var reader = ArchiveReader(url: url)
                reader.fastTweets = fast
                let reading = reader.read { _ in }
                let problem = reading.problems.first { $0.file == "data/tweets.js" }
                #expect(problem?.line == 1 + TwitterJS.tweet(id: "1", text: "one").filter { $0 == "\n" }.count + 3, "fast: \(fast)")
            }
        }
    }

    @Test("every sample archive")
    func samples() throws {
        let folder = Invocation.repository.appendingPathComponent("samples/archives")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(names.count >= 10)
        for name in names { compare(folder.appendingPathComponent(name)) }
    }

    @Test("every archive of the hostile corpus")
    func hostile() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: HostileCorpus.folder.path).sorted()
        #expect(names.count >= 10)
        for name in names where !name.hasPrefix(".") { compare(HostileCorpus.folder.appendingPathComponent(name)) }
    }

    @Test("awkward records: escapes, repeats, wrong types, syntax errors, in zip and folder, one by one and together")
    func awkward() throws {
        var archive = fullArchive()
        // Plain records around the awkward ones, so the fast path is in use when they come.
        var records: [String] = []
        for (index, awkward) in awkwardTweets.enumerated() {
            records.append(TwitterJS.tweet(id: "9\(index)", text: "plain \(index)"))
            records.append(awkward)
        }
        archive["data/tweets-part1.js"] = TwitterJS.file("tweets", part: 1, records)
        // A file cut inside a record, and one whose records are separated by CRLF and indented.
        archive["data/tweets-part2.js"] = String(TwitterJS.file("tweets", part: 2, Array(records.prefix(9))).dropLast(25))
        archive["data/tweets-part3.js"] = TwitterJS.file("tweets", part: 3, records).replacingOccurrences(of: "\n", with: "\r\n  ")
        for url in [try archive.writeZip(), try archive.writeFolder()] {
            compare(url, workers: [1, 3])
        }
        // Each awkward record alone in a file.
        for (index, awkward) in awkwardTweets.enumerated() {
            var one = fullArchive()
            one["data/tweets.js"] = TwitterJS.file("tweets", [awkward])
            let url = try one.writeFolder(named: "awkward\(index)")
            compare(url)
        }
    }

    @Test("a generated archive of several megabytes, whose records straddle the zip's chunks")
    func generated() throws {
        let folder = ArchiveFixture.temporaryFolder()
        for (name, extra) in [("bench.zip", [String]()), ("bench-folder", ["--folder"])] {
            let out = folder.appendingPathComponent(name)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", Invocation.repository.appendingPathComponent("scripts/make-bench-archive.py").path,
                                 out.path, "--tweets", "6000", "--parts", "3"] + extra
            try process.run()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
            compare(out, workers: [1, 2])
            let fast = Everything(out, fast: true)
            #expect(fast.records.count > 6000)
        }
    }
}
