import Foundation
@testable import PorticoCore
import Testing

private let startTime = Date(timeIntervalSince1970: 1_795_000_000.125)

private func record(
    method: String = "GET", url: String = "https://api.example.com/users?page=2",
    requestHeaders: [HTTPField] = [], requestBody: HistoryRecord.Body? = nil,
    response: HistoryRecord.Response? = HistoryRecord.Response(status: 200, reason: "OK", url: "https://api.example.com/users?page=2", headers: [HTTPField("Content-Type", "application/json")], body: HistoryRecord.Body(size: 2, text: "[]")),
    timing: HistoryRecord.Timing = HistoryRecord.Timing(ttfbMs: 40.25, totalMs: 55.5), error: HistoryRecord.Failure? = nil
) -> HistoryRecord {
    HistoryRecord(
        id: HistoryRecord.newID(), time: startTime, source: "cli",
        request: HistoryRecord.Request(method: method, url: url, headers: requestHeaders, body: requestBody, timeout: 30, followRedirects: true, maxRedirects: 10),
        response: response, timing: timing, error: error
    )
}

/// Inline bodies as the store would give them back; `sha256` bodies are not available here.
private func inlineBody(_ body: HistoryRecord.Body) -> Data? {
    if let text = body.text { return Data(text.utf8) }
    return body.base64.flatMap { Data(base64Encoded: $0) }
}

/// The archive of `records`, parsed back as plain JSON objects.
private func archive(_ records: [HistoryRecord]) throws -> [String: Any] {
    let data = try HARExport.document(records: records, bodies: inlineBody)
    return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
}

private func entries(_ records: [HistoryRecord]) throws -> [[String: Any]] {
    let log = try #require(try archive(records)["log"] as? [String: Any])
    return try #require(log["entries"] as? [[String: Any]])
}

private func object(_ value: Any?) throws -> [String: Any] { try #require(value as? [String: Any]) }

private func pairs(_ value: Any?) throws -> [[String: String]] { try #require(value as? [[String: String]]) }

@Suite("Exporting history as HAR")
struct HARExportTests {
    @Test func logHasVersionCreatorAndEntriesInOrder() throws {
        let log = try object(try archive([record(url: "https://a.example/1"), record(url: "https://a.example/2")])["log"])
        #expect(log["version"] as? String == "1.2")
        let creator = try object(log["creator"])
        #expect(creator["name"] as? String == "Portico")
        #expect(creator["version"] as? String == PorticoVersion.current)
        let urls = try #require(log["entries"] as? [[String: Any]]).map { try object($0["request"])["url"] as? String }
        #expect(urls == ["https://a.example/1", "https://a.example/2"])
        #expect(try entries([]).isEmpty)
    }

    @Test func entryHasEveryRequiredField() throws {
        let entry = try #require(try entries([record()]).first)
        #expect(entry["startedDateTime"] as? String == "2026-11-18T11:06:40.125Z")
        #expect(entry["time"] as? Double == 55.5)
        #expect(try object(entry["cache"]).isEmpty)
        let timings = try object(entry["timings"])
        #expect(timings["blocked"] as? Double == -1)
        #expect(timings["dns"] as? Double == -1)
        #expect(timings["connect"] as? Double == -1)
        #expect(timings["send"] as? Double == 0)
        #expect(timings["wait"] as? Double == 40.25)
        #expect(timings["receive"] as? Double == 15.25)

        let request = try object(entry["request"])
        #expect(request["method"] as? String == "GET")
        #expect(request["httpVersion"] as? String == "HTTP/1.1")
        #expect(request["headersSize"] as? Int == -1)
        #expect(request["bodySize"] as? Int == 0)
        #expect(request["postData"] == nil)
        for key in ["cookies", "headers", "queryString"] { #expect(request[key] is [Any], "\(key)") }

        let response = try object(entry["response"])
        #expect(response["status"] as? Int == 200)
        #expect(response["statusText"] as? String == "OK")
        #expect(response["httpVersion"] as? String == "HTTP/1.1")
        #expect(response["redirectURL"] as? String == "")
        #expect(response["headersSize"] as? Int == -1)
        #expect(response["bodySize"] as? Int == 2)
        #expect(response["_error"] == nil)
        #expect(try pairs(response["headers"]) == [["name": "Content-Type", "value": "application/json"]])
        let content = try object(response["content"])
        #expect(content["size"] as? Int == 2)
        #expect(content["mimeType"] as? String == "application/json")
        #expect(content["text"] as? String == "[]")
        #expect(content["encoding"] == nil)
    }

    @Test func queryStringIsParsedAndDecoded() throws {
        let url = "https://api.example.com/search?q=caf%C3%A9+au+lait&tag=a%26b&tag=c&flag&empty=&eq=a=b#frag?x=1"
        let request = try object(try entries([record(url: url)]).first?["request"])
        #expect(try pairs(request["queryString"]) == [
            ["name": "q", "value": "café au lait"],
            ["name": "tag", "value": "a&b"],
            ["name": "tag", "value": "c"],
            ["name": "flag", "value": ""],
            ["name": "empty", "value": ""],
            ["name": "eq", "value": "a=b"],
        ])
        #expect(try pairs(try object(try entries([record(url: "https://a.example/")]).first?["request"])["queryString"]).isEmpty)
    }

    @Test func cookiesComeFromCookieAndSetCookieHeaders() throws {
        let response = HistoryRecord.Response(status: 302, reason: "Found", url: "https://a.example/login", headers: [
            HTTPField("Location", "https://a.example/home"),
            HTTPField("Set-Cookie", "session=abc123; Path=/; Domain=a.example; Expires=Wed, 21 Oct 2026 07:28:00 GMT; HttpOnly; Secure"),
            HTTPField("set-cookie", "theme=dark"),
            HTTPField("Set-Cookie", HistoryRecord.redactedValue),
        ], body: nil)
        let entry = try #require(try entries([record(requestHeaders: [HTTPField("Cookie", "a=1; b=two=2"), HTTPField("cookie", "c=")], response: response)]).first)
        let request = try object(entry["request"])
        #expect(try pairs(request["cookies"]) == [["name": "a", "value": "1"], ["name": "b", "value": "two=2"], ["name": "c", "value": ""]])

        let harResponse = try object(entry["response"])
        #expect(harResponse["redirectURL"] as? String == "https://a.example/home")
        let cookies = try #require(harResponse["cookies"] as? [[String: Any]])
        #expect(cookies.count == 2)
        #expect(cookies[0]["name"] as? String == "session")
        #expect(cookies[0]["value"] as? String == "abc123")
        #expect(cookies[0]["path"] as? String == "/")
        #expect(cookies[0]["domain"] as? String == "a.example")
        #expect(cookies[0]["expires"] as? String == "2026-10-21T07:28:00.000Z")
        #expect(cookies[0]["httpOnly"] as? Bool == true)
        #expect(cookies[0]["secure"] as? Bool == true)
        #expect(cookies[1]["name"] as? String == "theme")
        #expect(cookies[1]["httpOnly"] == nil)
        #expect(harResponse["bodySize"] as? Int == 0)
        #expect(try object(harResponse["content"])["text"] == nil)
    }

    @Test func redactedCookieHeaderGivesNoCookies() throws {
        let request = try object(try entries([record(requestHeaders: [HTTPField("Cookie", HistoryRecord.redactedValue)])]).first?["request"])
        #expect(try pairs(request["cookies"]).isEmpty)
        #expect(try pairs(request["headers"]) == [["name": "Cookie", "value": "[redacted]"]])
    }

    @Test func binaryBodiesAreBase64() throws {
        let bytes = Data([0x89, 0x50, 0x4E, 0x47, 0x00, 0xFF])
        let response = HistoryRecord.Response(status: 200, reason: "OK", url: "https://a.example/i.png", headers: [HTTPField("Content-Type", "image/png")], body: HistoryRecord.Body(size: 6, base64: bytes.base64EncodedString()))
        let upload = HistoryRecord.Body(size: 6, base64: bytes.base64EncodedString())
        let entry = try #require(try entries([record(method: "PUT", requestHeaders: [HTTPField("Content-Type", "application/octet-stream")], requestBody: upload, response: response)]).first)

        let content = try object(try object(entry["response"])["content"])
        #expect(content["encoding"] as? String == "base64")
        #expect(content["text"] as? String == bytes.base64EncodedString())
        #expect(content["size"] as? Int == 6)
        #expect(content["mimeType"] as? String == "image/png")

        let request = try object(entry["request"])
        #expect(request["bodySize"] as? Int == 6)
        let postData = try object(request["postData"])
        #expect(postData["mimeType"] as? String == "application/octet-stream")
        #expect(postData["text"] as? String == bytes.base64EncodedString())
        #expect(postData["_encoding"] as? String == "base64")
        #expect(postData["encoding"] == nil)
    }

    @Test func textRequestBodyIsPostDataText() throws {
        let body = HistoryRecord.Body(size: 13, text: #"{"name":"é"}"#)
        let request = try object(try entries([record(method: "POST", requestHeaders: [HTTPField("Content-Type", "application/json")], requestBody: body)]).first?["request"])
        let postData = try object(request["postData"])
        #expect(postData["text"] as? String == #"{"name":"é"}"#)
        #expect(postData["mimeType"] as? String == "application/json")
        #expect(postData["_encoding"] == nil)
        #expect(request["bodySize"] as? Int == 13)
    }

    @Test func recordWithoutResponseStillHasAResponse() throws {
        let failed = record(response: nil, timing: HistoryRecord.Timing(ttfbMs: nil, totalMs: 3001.5), error: HistoryRecord.Failure(kind: "timeout", message: "no response within 3 s"))
        let entry = try #require(try entries([failed]).first)
        let response = try object(entry["response"])
        #expect(response["status"] as? Int == 0)
        #expect(response["statusText"] as? String == "")
        #expect(response["_error"] as? String == "no response within 3 s")
        #expect(try pairs(response["headers"]).isEmpty)
        #expect(response["cookies"] is [Any])
        #expect(response["redirectURL"] as? String == "")
        #expect(try object(response["content"])["size"] as? Int == 0)
        let timings = try object(entry["timings"])
        #expect(timings["wait"] as? Double == 3001.5)
        #expect(timings["receive"] as? Double == 0)
        #expect(entry["time"] as? Double == 3001.5)
    }

    @Test func unavailableAndTruncatedBodiesAreExplained() throws {
        let stored = HistoryRecord.Response(status: 200, reason: "OK", url: "https://a.example/", headers: [], body: HistoryRecord.Body(size: 9_000_000, sha256: String(repeating: "0", count: 64)))
        let content = try object(try object(try entries([record(response: stored)]).first?["response"])["content"])
        #expect(content["size"] as? Int == 9_000_000)
        #expect(content["text"] == nil)
        #expect(content["comment"] as? String == "the body (9000000 bytes) is not available")

        let cut = HistoryRecord.Response(status: 200, reason: "OK", url: "https://a.example/", headers: [], body: HistoryRecord.Body(size: 100, text: "abc", truncated: true))
        let cutContent = try object(try object(try entries([record(response: cut)]).first?["response"])["content"])
        #expect(cutContent["text"] as? String == "abc")
        #expect(cutContent["comment"] as? String == "only the first 3 of 100 bytes were kept")
    }

    @Test func errorsFromLoadingBodiesPropagate() {
        struct Unreadable: Error {}
        let stored = HistoryRecord.Response(status: 200, reason: "OK", url: "https://a.example/", headers: [], body: HistoryRecord.Body(size: 5, sha256: String(repeating: "1", count: 64)))
        #expect(throws: Unreadable.self) {
            try HARExport.document(records: [record(response: stored)]) { _ in throw Unreadable() }
        }
    }
}
