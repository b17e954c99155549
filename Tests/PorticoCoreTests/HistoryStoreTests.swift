import Foundation
import Testing
@testable import PorticoCore

/// The history store on a real folder: what goes in comes back, damaged lines are skipped, private
/// values never reach the disk, pruning removes the oldest and the bodies nobody uses.
@Suite struct HistoryStoreTests {
    static func exchange(
        method: HTTPMethod = .get, url: String = "http://127.0.0.1:8642/users", requestHeaders: [HTTPField] = [],
        requestBody: ResolvedBody = .none, status: Int = 200, responseHeaders: [HTTPField] = [HTTPField("Content-Type", "application/json")],
        body: Data? = Data(#"{"ok":true}"#.utf8), started: Date = Date()
    ) throws -> Exchange {
        let responseBody = body.map { data -> ResponseBody in
            let spool = ResponseBody(memoryLimit: 1024)
            try? spool.receive(data)
            return spool
        }
        return Exchange(
            request: ResolvedRequest(method: method, url: URL(string: url)!, headers: requestHeaders, body: requestBody),
            response: ResponseHead(status: status, headers: responseHeaders, url: URL(string: url)!),
            body: responseBody, redirects: [],
            timing: ExchangeTiming(startedAt: started, timeToFirstByte: .milliseconds(3), total: .milliseconds(5)),
            error: nil)
    }

    static func record(_ store: HistoryStore, _ exchange: Exchange, context: HistoryContext = HistoryContext(source: "cli")) throws -> HistoryRecord {
        try store.append(HistoryDraft(exchange: exchange, context: context))
    }

    /// Every regular file and folder under `url`, recursively.
    static func allFiles(_ url: URL) -> [URL] {
        let enumerator = FileManager.default.enumerator(at: url, includingPropertiesForKeys: nil)
        return (enumerator?.allObjects as? [URL]) ?? []
    }

    @Test func recordsComeBackNewestFirstExactlyAsWritten() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = HistoryStore(folder: folder.path("history"))
        let first = try Self.record(store, Self.exchange(url: "http://127.0.0.1:8642/first", started: Date(timeIntervalSince1970: 1_800_000_000.123)))
        let second = try Self.record(store, Self.exchange(method: .post, url: "http://127.0.0.1:8642/second", requestBody: .data(Data("name=Ada".utf8)), status: 201))
        let listing = try store.list()
        #expect(listing.records.map(\.id) == [second.id, first.id])
        #expect(listing.warnings.isEmpty)
        #expect(listing.records[1] == first)
        #expect(listing.records[1].time.timeIntervalSince1970 == 1_800_000_000.123)
        #expect(listing.records[0].request.body?.text == "name=Ada")
        #expect(try store.bodyData(listing.records[0].response?.body) == Data(#"{"ok":true}"#.utf8))
        #expect(try store.list(limit: 1).records.map(\.id) == [second.id])
    }

    @Test func eachLineIsPlainJSONWithItsChecksumAndIDFirst() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = HistoryStore(folder: folder.path("history"))
        let saved = try Self.record(store, Self.exchange())
        let line = try folder.text("history/records/000001.jsonl")
        #expect(line.hasPrefix(#"{"crc32":""#))
        #expect(line.contains(#"","id":"\#(saved.id)","time":""#))
        #expect(line.hasSuffix("}\n"))
        let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        #expect(object?["id"] as? String == saved.id)
        #expect(try folder.text("history/FORMAT") == "portico-history 1\n")
    }

    @Test func filesArePrivate() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = HistoryStore(folder: folder.path("history"))
        _ = try Self.record(store, Self.exchange(body: Data(repeating: 0x41, count: 100_000)))
        let paths = [folder.path("history")] + Self.allFiles(folder.path("history"))
        #expect(paths.count >= 7)
        for url in paths {
            var info = stat()
            #expect(stat(url.path, &info) == 0)
            let mode = info.st_mode & 0o777
            let isFolder = info.st_mode & S_IFMT == S_IFDIR
            #expect(mode == (isFolder ? 0o700 : 0o600), "\(url.path) has mode \(String(mode, radix: 8))")
        }
    }

    @Test func largeBodiesAreStoredOnceUnderTheirHash() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = HistoryStore(folder: folder.path("history"))
        let body = Data((0..<50_000).map { UInt8($0 % 251) })
        let first = try Self.record(store, Self.exchange(body: body))
        let second = try Self.record(store, Self.exchange(body: body))
        let digest = try #require(first.response?.body?.sha256)
        #expect(second.response?.body?.sha256 == digest)
        #expect(first.response?.body?.size == 50_000)
        let stored = Self.allFiles(folder.path("history/bodies")).filter { !$0.hasDirectoryPath && $0.lastPathComponent.count == 64 }
        #expect(stored.map(\.lastPathComponent) == [digest])
        #expect(try store.bodyData(store.record(id: second.id).response?.body) == body)
    }

    @Test func bodiesBeyondTheLimitAreCutAndSaySo() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = HistoryStore(folder: folder.path("history"), maxBodySize: 10_000)
        let saved = try Self.record(store, Self.exchange(body: Data(repeating: 0x42, count: 30_000)))
        #expect(saved.response?.body?.size == 30_000)
        #expect(saved.response?.body?.truncated == true)
        #expect(try store.bodyData(saved.response?.body)?.count == 10_000)
    }

    @Test func idsCanBeAbbreviatedWhileUnambiguous() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = HistoryStore(folder: folder.path("history"))
        let context = HistoryContext(source: "cli")
        try store.append(HistoryDraft(exchange: Self.exchange(), context: context, id: "abc1000000000000"))
        try store.append(HistoryDraft(exchange: Self.exchange(), context: context, id: "abc2000000000000"))
        #expect(try store.record(id: "abc1").id == "abc1000000000000")
        #expect(try store.record(id: "ABC2").id == "abc2000000000000")
        #expect(throws: PorticoError.self) { try store.record(id: "abc") }
        #expect(throws: PorticoError.self) { try store.record(id: "ffff") }
        #expect(throws: PorticoError.self) { try store.record(id: "zz") }
        do {
            _ = try store.record(id: "abc")
        } catch {
            #expect(error.message.contains("ambiguous"))
        }
    }

    @Test func searchFindsTextInURLsHeadersAndBodiesIgnoringCase() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = HistoryStore(folder: folder.path("history"))
        let users = try Self.record(store, Self.exchange(url: "http://127.0.0.1:8642/Users/7"))
        let header = try Self.record(store, Self.exchange(url: "http://127.0.0.1:8642/a", responseHeaders: [HTTPField("X-Trace", "Needle-42")]))
        let body = try Self.record(store, Self.exchange(url: "http://127.0.0.1:8642/b", responseHeaders: [HTTPField("Content-Type", "text/plain")], body: Data(#"she said "hi""#.utf8)))
        let failed = try Self.record(store, Self.exchange(url: "http://127.0.0.1:8642/c", status: 503))
        #expect(try store.list(HistoryFilter(text: "users/7")).records.map(\.id) == [users.id])
        #expect(try store.list(HistoryFilter(text: "needle-42")).records.map(\.id) == [header.id])
        // A quote is escaped in the file, so the text is checked on the decoded record.
        #expect(try store.list(HistoryFilter(text: #"said "HI""#)).records.map(\.id) == [body.id])
        // Member names of the JSON do not match: "status" is not in any record's values.
        #expect(try store.list(HistoryFilter(text: "requestName")).records.isEmpty)
        #expect(try store.list(HistoryFilter(statusClass: 5)).records.map(\.id) == [failed.id])
        #expect(try store.list(HistoryFilter(method: "post")).records.isEmpty)
    }

    @Test func aTornLastLineIsSkippedWithAWarningAndTheNextWriterCutsItOff() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = HistoryStore(folder: folder.path("history"))
        let kept = try Self.record(store, Self.exchange())
        let segment = folder.path("history/records/000001.jsonl")
        let handle = try FileHandle(forWritingTo: segment)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(#"{"crc32":"00000000","id":"dead"#.utf8))
        try handle.close()
        let torn = try store.list()
        #expect(torn.records.map(\.id) == [kept.id])
        #expect(torn.warnings.count == 1)
        #expect(torn.warnings.first?.contains("incomplete") == true)
        // The torn record was never reported saved: the next writer removes it, so nothing warns again.
        let next = try Self.record(store, Self.exchange())
        let after = try store.list()
        #expect(after.records.map(\.id) == [next.id, kept.id])
        #expect(after.warnings.isEmpty)
        #expect(try folder.text("history/records/000001.jsonl").split(separator: "\n").count == 2)
    }

    @Test func aChangedByteIsCaughtByTheChecksum() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = HistoryStore(folder: folder.path("history"))
        _ = try Self.record(store, Self.exchange(url: "http://127.0.0.1:8642/aaaa"))
        let segment = "history/records/000001.jsonl"
        let text = try folder.text(segment).replacingOccurrences(of: "/aaaa", with: "/aaab")
        try folder.write(text, to: segment)
        let listing = try store.list()
        #expect(listing.records.isEmpty)
        #expect(listing.warnings.first?.contains("checksum does not match") == true)
    }

    @Test func privateValuesNeverReachTheDisk() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = HistoryStore(folder: folder.path("history"))
        var collection = Collection(name: "api", variables: [Variable("token", "s3cr3t-T0KEN", isSecret: true), Variable("other", "0ther-S3CRET", isSecret: true)], auth: .apiKey(name: "X-Api-Key", value: "k3y-VALUE", location: .header))
        collection.history.redact = ["X-Session"]
        let template = RequestTemplate(name: "login", url: "http://127.0.0.1:8642/login")
        let scope = VariableScope(collection: collection.variables)
        let context = HistoryContext(source: "tui", template: template, collection: collection, environment: nil, scope: scope)
        let exchange = try Self.exchange(
            url: "http://127.0.0.1:8642/login?access=s3cr3t-T0KEN",
            requestHeaders: [HTTPField("Authorization", "Bearer abc.def"), HTTPField("X-Api-Key", "k3y-VALUE"), HTTPField("Cookie", "sid=c00kie"), HTTPField("X-Session", "sess-1")],
            requestBody: .data(Data(#"{"token":"s3cr3t-T0KEN"}"#.utf8)),
            responseHeaders: [HTTPField("Set-Cookie", "sid=n3w-c00kie"), HTTPField("X-Echo", "s3cr3t-T0KEN")],
            body: Data(("0ther-S3CRET " + "x".padding(toLength: 6000, withPad: "x", startingAt: 0) + "s3cr3t-T0KEN").utf8))
        let saved = try store.append(HistoryDraft(exchange: exchange, context: context))
        for url in Self.allFiles(folder.url) where !url.hasDirectoryPath {
            let content = String(decoding: try Data(contentsOf: url), as: UTF8.self)
            for secret in ["s3cr3t-T0KEN", "0ther-S3CRET", "abc.def", "k3y-VALUE", "c00kie", "sess-1"] {
                #expect(!content.contains(secret), "\(secret) found in \(url.path)")
            }
        }
        #expect(saved.redactedHeaders == ["authorization", "cookie", "set-cookie", "x-api-key", "x-session"])
        // Only the secret the request carried is one a replay must put back; the response's is masked all the same.
        #expect(saved.redactedSecrets == ["token"])
        #expect(saved.request.url == "http://127.0.0.1:8642/login?access={{token}}")
        #expect(saved.request.body?.text == #"{"token":"{{token}}"}"#)
        #expect(saved.response?.headers.first(named: "X-Echo") == "{{token}}")
        #expect(String(decoding: try store.bodyData(saved.response?.body) ?? Data(), as: UTF8.self).hasSuffix("x{{token}}"))
    }

    @Test func aCollectionCanKeepADefaultRedactedHeaderAndRedactAQueryParameter() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = HistoryStore(folder: folder.path("history"))
        var collection = Collection(name: "api", auth: .apiKey(name: "api_key", value: "v", location: .query))
        collection.history.keep = ["Cookie"]
        let context = HistoryContext(source: "cli", template: RequestTemplate(name: "r", url: "x"), collection: collection, scope: VariableScope())
        let saved = try store.append(HistoryDraft(exchange: Self.exchange(url: "http://127.0.0.1:8642/x?api_key=zzz&page=2", requestHeaders: [HTTPField("Cookie", "theme=dark")]), context: context))
        #expect(saved.request.headers.first(named: "Cookie") == "theme=dark")
        #expect(saved.request.url == "http://127.0.0.1:8642/x?api_key=%5Bredacted%5D&page=2")
        #expect(saved.redactedQuery == ["api_key"])
    }

    @Test func aLineWithAGoodChecksumButNoRecordInItIsSkippedAndNamed() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = HistoryStore(folder: folder.path("history"))
        let kept = try Self.record(store, Self.exchange())
        // Another tool wrote valid JSON Lines with a correct checksum, but no request in it.
        let payload = Data(#"{"id":"00000000000000aa","time":"2026-11-29T06:10:00.000Z","source":"other"}"#.utf8)
        let line = #"{"crc32":""# + String(format: "%08x", CRC32.checksum(payload)) + "\",\"" + String(decoding: payload.dropFirst(2), as: UTF8.self) + "\n"
        let handle = try FileHandle(forWritingTo: folder.path("history/records/000001.jsonl"))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(line.utf8))
        try handle.close()
        let listing = try store.list()
        #expect(listing.records.map(\.id) == [kept.id])
        #expect(listing.warnings.count == 1)
        #expect(listing.warnings.first?.contains("not a valid record") == true, "\(listing.warnings)")
    }

    @Test func pruneKeepsTheNewestAndRemovesUnusedBodies() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = HistoryStore(folder: folder.path("history"), retention: nil)
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        var ids: [String] = []
        for day in 0..<10 {
            let body = Data(repeating: UInt8(day), count: 8000)
            ids.append(try Self.record(store, Self.exchange(body: body, started: start.addingTimeInterval(Double(day) * 86_400))).id)
        }
        let byCount = try store.prune(HistoryRetention(keep: 6))
        #expect(byCount.removedRecords == 4)
        #expect(byCount.remainingRecords == 6)
        #expect(byCount.removedBodies == 4)
        #expect(try store.list().records.map(\.id) == Array(ids.suffix(6).reversed()))

        let byAge = try store.prune(HistoryRetention(olderThan: 3.5 * 86_400), now: start.addingTimeInterval(9 * 86_400))
        #expect(byAge.removedRecords == 2)
        #expect(try store.list().records.map(\.id) == Array(ids.suffix(4).reversed()))

        let bySize = try store.prune(HistoryRetention(maxSize: 20_000))
        #expect(bySize.remainingRecords == 2)
        #expect(try store.list().records.map(\.id) == Array(ids.suffix(2).reversed()))
        let bodies = Self.allFiles(folder.path("history/bodies")).filter { $0.lastPathComponent.count == 64 }
        #expect(bodies.count == 2)
    }

    @Test func pruneWorksAcrossSegments() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = HistoryStore(folder: folder.path("history"), retention: nil)
        // Each record carries a 4 KB inline body, so a thousand fill a segment.
        let body = Data(repeating: 0x61, count: 4000)
        for _ in 0..<1500 { _ = try Self.record(store, Self.exchange(body: body)) }
        let segments = try store.segmentFiles()
        #expect(segments.count == 2)
        let result = try store.prune(HistoryRetention(keep: 100))
        #expect(result.removedRecords == 1400)
        #expect(try store.list().records.count == 100)
        #expect(try store.segmentFiles().count == 1)
    }

    @Test func theDefaultLimitIsAppliedWhenANewSegmentStarts() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = HistoryStore(folder: folder.path("history"), retention: HistoryRetention(keep: 300))
        let body = Data(repeating: 0x61, count: 4000)
        for _ in 0..<1100 { _ = try Self.record(store, Self.exchange(body: body)) }
        let count = try store.list().records.count
        // The segment filled after about a thousand records; the next append kept the newest 300.
        #expect(count >= 300 && count < 500, "\(count) records")
    }

    @Test func aNewerFormatIsLeftAlone() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("portico-history 2\n", to: "history/FORMAT")
        let store = HistoryStore(folder: folder.path("history"))
        #expect(throws: PorticoError.self) { try Self.record(store, Self.exchange()) }
        #expect(!folder.exists("history/records/000001.jsonl"))
    }

    @Test func theFirstFormatFixtureStillReads() throws {
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/history-v1")
        let store = HistoryStore(folder: fixture)
        let listing = try store.list()
        #expect(listing.warnings.isEmpty)
        #expect(listing.records.count == 3)
        let login = try #require(listing.records.first { $0.requestName == "Log in" })
        #expect(login.request.method == "POST")
        #expect(login.redactedHeaders == ["authorization"])
        #expect(login.response?.status == 200)
        #expect(try store.bodyData(listing.records.first { $0.response?.body?.sha256 != nil }?.response?.body)?.count == 6000)
        #expect(listing.records.contains { $0.error?.kind == "connect" && $0.response == nil })
    }
}

@Suite struct HistoryTimeTests {
    @Test func writtenTimesReadBackToTheMillisecond() throws {
        let reference = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        for seconds in [0.0, 951_782_400.5, 1_709_164_799.999, 1_800_000_000.123, 4_102_444_800.001, -86_400.25] {
            let date = Date(timeIntervalSince1970: seconds)
            let text = HistoryLine.format(date)
            #expect(HistoryLine.parseTime(text) == HistoryLine.millisecondPrecision(date), "\(text)")
            #expect(abs(try reference.parse(text).timeIntervalSince1970 - seconds) < 0.001, "\(text)")
        }
        // Other ISO 8601 shapes are still read.
        #expect(HistoryLine.parseTime("2026-11-29T06:10:00Z") == Date(timeIntervalSince1970: 1_795_932_600))
        #expect(HistoryLine.parseTime("2026-13-29T06:10:00.000Z") == nil)
    }
}
