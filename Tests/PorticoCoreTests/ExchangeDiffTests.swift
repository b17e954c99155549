import Foundation
@testable import PorticoCore
import Testing

private func exchange(
    method: String = "GET", url: String = "https://api.example.com/users/1", status: Int? = 200, reason: String = "OK",
    headers: [HTTPField] = [HTTPField("Content-Type", "application/json")], body: HistoryRecord.Body? = nil,
    ttfb: Double? = 100, total: Double = 120, error: HistoryRecord.Failure? = nil
) -> HistoryRecord {
    HistoryRecord(
        id: HistoryRecord.newID(), time: Date(timeIntervalSince1970: 1_800_000_000), source: "cli",
        request: HistoryRecord.Request(method: method, url: url, headers: [], body: nil, timeout: 30, followRedirects: true, maxRedirects: 10),
        response: status.map { HistoryRecord.Response(status: $0, reason: reason, url: url, headers: headers, body: body) },
        timing: HistoryRecord.Timing(ttfbMs: ttfb, totalMs: total),
        error: error
    )
}

private func diff(_ old: HistoryRecord, _ oldBody: String?, _ new: HistoryRecord, _ newBody: String?) -> [ExchangeDiff.Line] {
    ExchangeDiff.lines(old: old, oldBody: oldBody.map { Data($0.utf8) }, new: new, newBody: newBody.map { Data($0.utf8) })
}

/// The lines of one section, without its heading.
private func section(_ name: String, of lines: [ExchangeDiff.Line]) -> [ExchangeDiff.Line] {
    guard let start = lines.firstIndex(of: ExchangeDiff.Line(kind: .heading, text: name)) else { return [] }
    return Array(lines[(start + 1)...].prefix { $0.kind != .heading })
}

private func line(_ kind: ExchangeDiff.Line.Kind, _ text: String) -> ExchangeDiff.Line {
    ExchangeDiff.Line(kind: kind, text: text)
}

@Suite("Diffing two exchanges")
struct ExchangeDiffTests {
    @Test func sectionsComeInOrder() {
        let lines = diff(exchange(), "{}", exchange(), "{}")
        #expect(lines.filter { $0.kind == .heading }.map(\.text) == ["Request", "Status", "Headers", "Timing", "Body"])
    }

    @Test func identicalExchangesHaveOnlySameLines() {
        let lines = diff(exchange(), #"{"a": 1}"#, exchange(), #"{"a": 1}"#)
        #expect(lines.allSatisfy { $0.kind == .heading || $0.kind == .same })
        #expect(section("Request", of: lines) == [line(.same, "GET https://api.example.com/users/1")])
        #expect(section("Status", of: lines) == [line(.same, "200 OK")])
        #expect(section("Headers", of: lines) == [line(.same, "identical (1 header)")])
        #expect(section("Body", of: lines) == [line(.same, "identical (8 bytes)")])
    }

    @Test func requestLineShowsBothWhenDifferent() {
        let lines = diff(exchange(), nil, exchange(method: "POST", url: "https://api.example.com/users"), nil)
        #expect(section("Request", of: lines) == [
            line(.removed, "GET https://api.example.com/users/1"),
            line(.added, "POST https://api.example.com/users"),
        ])
    }

    @Test func statusChangeAndFailures() {
        let notFound = diff(exchange(), nil, exchange(status: 404, reason: "Not Found"), nil)
        #expect(section("Status", of: notFound) == [line(.changed, "200 OK → 404 Not Found")])
        let failed = exchange(status: nil, ttfb: nil, error: HistoryRecord.Failure(kind: "network", message: "connection refused"))
        let lines = diff(exchange(), nil, failed, nil)
        #expect(section("Status", of: lines) == [line(.changed, "200 OK → no response; network: connection refused")])
        #expect(section("Headers", of: lines) == [line(.removed, "Content-Type: application/json")])
        #expect(section("Timing", of: lines).first == line(.changed, "time to first byte: 100.0 ms → none"))
    }

    @Test func headersAreMatchedCaseInsensitively() {
        let old = exchange(headers: [HTTPField("Content-Type", "application/json"), HTTPField("ETag", "\"1\""), HTTPField("X-Old", "a"), HTTPField("Server", "nginx")])
        let new = exchange(headers: [HTTPField("server", "nginx"), HTTPField("etag", "\"2\""), HTTPField("content-type", "application/json"), HTTPField("X-New", "b")])
        #expect(section("Headers", of: diff(old, nil, new, nil)) == [
            line(.changed, "ETag: \"1\" → \"2\""),
            line(.removed, "X-Old: a"),
            line(.added, "X-New: b"),
            line(.same, "2 other headers identical"),
        ])
        // Only the names' case differs: the same headers.
        let renamed = exchange(headers: [HTTPField("CONTENT-TYPE", "application/json")])
        #expect(section("Headers", of: diff(exchange(), nil, renamed, nil)) == [line(.same, "identical (1 header)")])
    }

    @Test func repeatedHeadersCompareAsTheirListOfValues() {
        let old = exchange(headers: [HTTPField("Set-Cookie", "a=1"), HTTPField("Set-Cookie", "b=2")])
        let new = exchange(headers: [HTTPField("set-cookie", "a=1"), HTTPField("set-cookie", "b=3")])
        #expect(section("Headers", of: diff(old, nil, new, nil)) == [
            line(.removed, "Set-Cookie: a=1"), line(.removed, "Set-Cookie: b=2"),
            line(.added, "set-cookie: a=1"), line(.added, "set-cookie: b=3"),
        ])
    }

    @Test func escapeSequencesFromTheNetworkComeOutEscaped() {
        let hostile = "\u{1B}]0;pwned\u{07}\u{1B}[2J\r\nX-Injected: 1\u{202E}"
        let old = exchange(headers: [HTTPField("X-Note", "fine")])
        let new = exchange(reason: "OK\u{1B}[31m", headers: [HTTPField("X-Note", hostile)], error: HistoryRecord.Failure(kind: "protocol", message: "bad\u{9B}31m"))
        let lines = diff(old, "line\u{1B}[1m\n", new, "other\u{1B}[1m\n")
        for text in lines.map(\.text) {
            #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\t" || (0x7F...0x9F).contains($0.value) || $0 == "\u{202E}" }, "\(text)")
        }
        #expect(section("Headers", of: lines).first == line(.changed, "X-Note: fine → ␛]0;pwned␇␛[2J␍␊X-Injected: 1<U+202E>"))
        #expect(section("Body", of: lines).contains(line(.added, "other␛[1m")))
    }

    @Test func timingShowsBothAndTheDifference() {
        let lines = diff(exchange(ttfb: 100, total: 120), nil, exchange(ttfb: 80.5, total: 120), nil)
        #expect(section("Timing", of: lines) == [
            line(.changed, "time to first byte: 100.0 ms → 80.5 ms (-19.5 ms)"),
            line(.same, "total: 120.0 ms"),
        ])
    }

    @Test func jsonBodiesAreDiffedStructurally() {
        let old = #"{"user": {"name": "Ada", "age": 36}, "tags": ["a", "b"]}"#
        let new = #"{"tags": ["a", "b", "x"], "user": {"name": "Grace"}}"#
        #expect(section("Body", of: diff(exchange(), old, exchange(), new)) == [
            line(.changed, #"$['user']['name']: "Ada" → "Grace""#),
            line(.removed, "$['user']['age']: 36"),
            line(.added, #"$['tags'][2]: "x""#),
        ])
    }

    @Test func jsonBodiesThatDifferOnlyInLayoutAreEqual() {
        #expect(section("Body", of: diff(exchange(), #"{"a":1,"b":2}"#, exchange(), "{\n  \"b\": 2,\n  \"a\": 1.0\n}")) == [
            line(.same, "equal as JSON (only the formatting differs)"),
        ])
    }

    @Test func longJSONValuesAreCut() throws {
        let long = String(repeating: "x", count: 500)
        let lines = section("Body", of: diff(exchange(), #"{"v": "short"}"#, exchange(), "{\"v\": \"\(long)\"}"))
        #expect(lines.count == 1)
        let text = try #require(lines.first?.text)
        #expect(text == "$['v']: \"short\" → \"" + String(repeating: "x", count: ExchangeDiff.maximumValueLength - 1) + "…")
    }

    @Test func textBodiesGetALineDiffWithContext() {
        let old = (1...20).map { "line \($0)" }.joined(separator: "\n") + "\n"
        var newLines = (1...20).map { "line \($0)" }
        newLines[9] = "line ten"
        newLines.insert("inserted", at: 15)
        let lines = section("Body", of: diff(exchange(headers: []), old, exchange(headers: []), newLines.joined(separator: "\n") + "\n"))
        #expect(lines == [
            line(.same, "⋯ 6 unchanged lines"),
            line(.same, "line 7"), line(.same, "line 8"), line(.same, "line 9"),
            line(.removed, "line 10"), line(.added, "line ten"),
            line(.same, "line 11"), line(.same, "line 12"), line(.same, "line 13"), line(.same, "line 14"), line(.same, "line 15"),
            line(.added, "inserted"),
            line(.same, "line 16"), line(.same, "line 17"), line(.same, "line 18"),
            line(.same, "⋯ 2 unchanged lines"),
        ])
    }

    @Test func lineDiffIsAShortestEditScript() {
        let old = ["a", "b", "c", "a", "b", "b", "a"]
        let new = ["c", "b", "a", "b", "a", "c"]
        let edits = LineDiff.edits(old, new)
        // Replaying the edits must rebuild both sides, a kept line standing for the next new line...
        var rebuiltOld: [String] = []
        var rebuiltNew: [String] = []
        var newIndex = 0
        for edit in edits {
            switch edit {
            case .same(let index):
                #expect(old[index] == new[newIndex])
                rebuiltOld.append(old[index])
                rebuiltNew.append(new[newIndex])
                newIndex += 1
            case .removed(let index):
                rebuiltOld.append(old[index])
            case .added(let index):
                rebuiltNew.append(new[index])
                newIndex = index + 1
            }
        }
        #expect(rebuiltOld == old)
        #expect(rebuiltNew == new)
        // ...keeping a longest common subsequence (4 lines, e.g. "b a b a").
        #expect(edits.count { !$0.isChange } == 4)
    }

    @Test func lineEndingsAloneAreReported() {
        #expect(section("Body", of: diff(exchange(headers: []), "a\nb\n", exchange(headers: []), "a\r\nb\r\n")) == [
            line(.changed, "the lines are the same; the bytes differ (line endings or encoding)"),
        ])
    }

    @Test func veryLongTextsAreComparedBySize() {
        let old = String(repeating: "row\n", count: ExchangeDiff.maximumDiffedLines + 1)
        let lines = section("Body", of: diff(exchange(headers: []), old, exchange(headers: []), "row\n"))
        #expect(lines == [line(.changed, "too long to compare line by line (5001 lines → 1 line); 20004 bytes → 4 bytes, contents differ")])
    }

    @Test func manyBodyChangesAreCountedBeyondTheLimit() throws {
        let limit = ExchangeDiff.maximumBodyChanges
        let old = "[" + (0..<(limit + 5)).map(String.init).joined(separator: ",") + "]"
        let new = "[" + (0..<(limit + 5)).map { String($0 + 1) }.joined(separator: ",") + "]"
        let jsonLines = section("Body", of: diff(exchange(), old, exchange(), new))
        #expect(jsonLines.count == limit + 1)
        #expect(jsonLines.last == line(.same, "… and 5 more changes"))

        let oldText = (0..<(limit + 5)).map { "a\($0)" }.joined(separator: "\n")
        let newText = (0..<(limit + 5)).map { "b\($0)" }.joined(separator: "\n")
        let textLines = section("Body", of: diff(exchange(headers: []), oldText, exchange(headers: []), newText))
        #expect(textLines.count { $0.kind == .removed || $0.kind == .added } == limit)
        #expect(textLines.last == line(.same, "… and \(2 * (limit + 5) - limit) more changed lines"))
    }

    @Test func binaryBodiesAreComparedBySize() {
        let png = [HTTPField("Content-Type", "image/png")]
        let old = exchange(headers: png, body: HistoryRecord.Body(size: 4, base64: "AAECAw=="))
        let new = exchange(headers: png, body: HistoryRecord.Body(size: 3, base64: "AAEC"))
        let differing = ExchangeDiff.lines(old: old, oldBody: Data([0, 1, 2, 3]), new: new, newBody: Data([0, 1, 2]))
        #expect(section("Body", of: differing) == [line(.changed, "binary content differs: 4 bytes → 3 bytes")])
        let same = ExchangeDiff.lines(old: old, oldBody: Data([0, 1, 2, 3]), new: old, newBody: Data([0, 1, 2, 3]))
        #expect(section("Body", of: same) == [line(.same, "identical (4 bytes)")])
    }

    @Test func missingAndTruncatedBodiesAreSaid() {
        let stored = exchange(body: HistoryRecord.Body(size: 10_000, sha256: String(repeating: "ab", count: 32)))
        #expect(section("Body", of: diff(stored, nil, exchange(), nil)) == [line(.same, "the old body (10000 bytes) is not available")])
        let truncated = exchange(body: HistoryRecord.Body(size: 10, text: "[1, 2", truncated: true))
        let lines = section("Body", of: diff(truncated, "[1, 2", exchange(), "[1, 2]"))
        #expect(lines.first == line(.same, "the old body was kept only in part (5 of 10 bytes); comparing what was kept"))
    }

    @Test func plainTextRenderingHasMarkers() {
        #expect(line(.heading, "Body").description == "Body")
        #expect(line(.added, "x").description == "+ x")
        #expect(line(.removed, "x").description == "- x")
        #expect(line(.changed, "x").description == "~ x")
        #expect(line(.same, "x").description == "  x")
    }
}
