import Foundation
import PorticoCore

// History at scale (issue 4's budgets): fills a fresh store with N exchanges through the real
// append path (fsync included), then times listing the newest 100, text searches across all,
// an id lookup and appends, each beside a reference measured in the same run: a plain write+fdatasync
// of the same bytes, a plain read of every segment, and grep over the same files.
// Usage: HistoryBench [count] (default 100000). Nothing is asserted; figures are printed.

let count = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 100_000 : 100_000
let folder = FileManager.default.temporaryDirectory.appendingPathComponent("portico-history-bench-\(getpid())")
defer { try? FileManager.default.removeItem(at: folder) }
let store = HistoryStore(folder: folder, retention: nil)

func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }
func ms(_ nanoseconds: UInt64) -> Double { Double(nanoseconds) / 1e6 }
func percentile(_ sorted: [Double], _ p: Double) -> Double { sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))] }
func peakRSSMB() -> Double {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    return Double(usage.ru_maxrss) / 1024
}
func currentRSSMB() -> Double {
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8),
          let pages = Double(text.split(separator: " ")[1]) else { return 0 }
    return pages * Double(sysconf(Int32(_SC_PAGESIZE))) / 1_048_576
}

/// A typical API exchange: a few headers each way, a JSON body of about 600 bytes; one in 50
/// carries a 20 KB body (stored apart), one in 20 failed with a 5xx.
func exchange(_ index: Int) -> Exchange {
    let user = index % 977
    let url = URL(string: "https://api.example.com/v2/users/\(user)/orders?page=\(index % 13)&sort=created")!
    var body = #"{"id":\#(user),"name":"User \#(user)","email":"user\#(user)@example.com","orders":["#
    body += (0..<8).map { #"{"sku":"SKU-\#((index + $0) % 5000)","qty":\#($0 + 1),"price":"\#(Double(index % 100) + 0.99)"}"# }.joined(separator: ",")
    body += "]}"
    if index % 50 == 0 { body += String(repeating: " ", count: 20_000 + index % 7) }
    let responseBody = ResponseBody()
    try? responseBody.receive(Data(body.utf8))
    return Exchange(
        request: ResolvedRequest(method: index % 7 == 0 ? .post : .get, url: url, headers: [
            HTTPField("Accept", "application/json"), HTTPField("Authorization", "Bearer secret-\(index)"), HTTPField("User-Agent", "portico/bench"),
        ]),
        response: ResponseHead(status: index % 20 == 0 ? 503 : 200, headers: [
            HTTPField("Content-Type", "application/json"), HTTPField("Date", "Sun, 29 Nov 2026 06:00:00 GMT"),
            HTTPField("X-Request-Id", "req-\(index)"), HTTPField("Cache-Control", "no-store"),
        ], url: url),
        body: responseBody, redirects: [],
        timing: ExchangeTiming(startedAt: Date(timeIntervalSince1970: 1_790_000_000 + Double(index)), timeToFirstByte: .milliseconds(12), total: .milliseconds(15)),
        error: nil)
}

let context = HistoryContext(source: "bench")
print("History with \(count) exchanges (store in \(folder.path))")
var appendTimes: [Double] = []
appendTimes.reserveCapacity(count)
let fillStart = now()
for index in 0..<count {
    let draft = HistoryDraft(exchange: exchange(index), context: context)
    let start = now()
    _ = try store.append(draft)
    appendTimes.append(ms(now() - start))
}
let fillSeconds = ms(now() - fillStart) / 1000
let segments = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("records").path).filter { $0.hasSuffix(".jsonl") }.sorted()
let recordBytes = segments.reduce(0) { $0 + ((try? FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent("records/\($1)").path)[.size] as? Int) ?? 0) }
print(String(format: "filled in %.1f s: %d segments, %.1f MB of records", fillSeconds, segments.count, Double(recordBytes) / 1e6))

// Reference for appends: the same kind of line written with write()+fdatasync to a plain file.
let sample = try Data(contentsOf: folder.appendingPathComponent("records/\(segments.last!)")).prefix(1400)
let plainPath = folder.appendingPathComponent("plain-append").path
let plainDescriptor = open(plainPath, O_WRONLY | O_CREAT | O_APPEND, 0o600)
var plainTimes: [Double] = []
for _ in 0..<2000 {
    let start = now()
    sample.withUnsafeBytes { _ = write(plainDescriptor, $0.baseAddress, $0.count) }
    fdatasync(plainDescriptor)
    plainTimes.append(ms(now() - start))
}
close(plainDescriptor)
// Appends into the full store, measured apart from the fill (which grew the store from empty).
var fullAppends: [Double] = []
for index in count..<(count + 2000) {
    let draft = HistoryDraft(exchange: exchange(index), context: context)
    let start = now()
    _ = try store.append(draft)
    fullAppends.append(ms(now() - start))
}
appendTimes.sort()
fullAppends.sort()
plainTimes.sort()
print(String(format: "append, all %d: p50 %.3f ms, p99 %.3f ms, p99.9 %.3f ms, max %.1f ms", count, percentile(appendTimes, 0.5), percentile(appendTimes, 0.99), percentile(appendTimes, 0.999), appendTimes.last!))
print(String(format: "append into the full store (2000): p50 %.3f ms, p99 %.3f ms   | plain write+fdatasync p50 %.3f ms, p99 %.3f ms (ratio p99 %.1fx)",
             percentile(fullAppends, 0.5), percentile(fullAppends, 0.99), percentile(plainTimes, 0.5), percentile(plainTimes, 0.99), percentile(fullAppends, 0.99) / percentile(plainTimes, 0.99)))

func best(_ runs: Int = 7, _ body: () throws -> Void) rethrows -> Double {
    var times: [Double] = []
    for _ in 0..<runs {
        let start = now()
        try body()
        times.append(ms(now() - start))
    }
    return times.min()!
}

// Reference: reading every segment's bytes, which any search must at least do.
let plainRead = try best {
    for name in segments {
        let data = try Data(contentsOf: folder.appendingPathComponent("records/\(name)"))
        precondition(!data.isEmpty)
    }
}
let newestRead = try best { _ = try Data(contentsOf: folder.appendingPathComponent("records/\(segments.last!)")) }
let rssBefore = currentRSSMB()
var listed = 0
let listing = try best { listed = try store.list(limit: 100).records.count }
print(String(format: "list newest 100: %.2f ms (%d records)   | plain read of the newest segment %.2f ms", listing, listed, newestRead))

for (label, text) in [("rare text (one user's email)", "user976@example.com"), ("common text (a 5xx status)", "503"), ("absent text", "no-such-thing-anywhere")] {
    var found = 0
    let time = try best(3) { found = try store.list(HistoryFilter(text: text)).records.count }
    print(String(format: "search %@: %.1f ms, %d matches   | plain read of all segments %.1f ms (ratio %.1fx)", label, time, found, plainRead, time / plainRead))
}
var firstMatches = 0
let newest500 = try best(3) { firstMatches = try store.list(HistoryFilter(text: "503"), limit: 500).records.count }
print(String(format: "search common text, newest 500 matches (the explorer's history view): %.1f ms, %d matches", newest500, firstMatches))
let (grepMs, grepCount) = {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", "cat \(folder.path)/records/*.jsonl | grep -i -c -F -- 'user976@example.com'"]
    let pipe = Pipe()
    process.standardOutput = pipe
    let start = now()
    try? process.run()
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (ms(now() - start), String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
}()
print(String(format: "reference: grep -i -F of the rare text over the same files: %.1f ms (%@ lines)", grepMs, grepCount))
let someID = try store.list(limit: 5000).records.last!.id
let lookup = try best(3) { _ = try store.record(id: String(someID.prefix(8))) }
print(String(format: "id lookup by 8-digit prefix: %.1f ms", lookup))
print(String(format: "memory: resident %.1f MB before listing and searching, %.1f MB after; peak %.1f MB (records on disk: %.1f MB)",
             rssBefore, currentRSSMB(), peakRSSMB(), Double(recordBytes) / 1e6))
