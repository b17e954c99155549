import Foundation
@testable import PorticoCore
import Testing

private let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/har")

/// A page load saved by Chrome's "Save all as HAR": a page, its CSS, JS, an image and a font,
/// a data: URL, an extension's script, a WebSocket, and the API calls the page made.
private func chromePageLoad() throws -> String {
    try String(contentsOf: fixtures.appendingPathComponent("chrome-page-load.har"), encoding: .utf8)
}

/// The imported requests in collection order (folders and files by name, as the collection
/// format has no order of its own), with ids cleared (they are new at each import).
private func requests(_ imported: ImportedCollection) -> [StoredRequest] {
    imported.collection.allRequests.map { stored in
        var stored = stored
        stored.template.id = ""
        return stored
    }
}

private func request(_ path: String, _ name: String, _ method: HTTPMethod, _ url: String, headers: [KeyValueRow], body: RequestBody = .none, description: String? = nil) -> StoredRequest {
    StoredRequest(relativePath: path, template: RequestTemplate(id: "", name: name, description: description, method: method, url: url, headers: headers, body: body, auth: .none))
}

private let userAgent = KeyValueRow("user-agent", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36")
private let fromShop = KeyValueRow("origin", "https://shop.example.com")
private let referredByShop = KeyValueRow("referer", "https://shop.example.com/")
private let cookie = KeyValueRow("cookie", "{{cookie}}")
private let authorization = KeyValueRow("authorization", "{{authorization}}")

/// The page and the API calls: what is left with --exclude-static.
private let pageAndAPI: [StoredRequest] = [
    request("api.shop.example.com/get-v1-products.yaml", "GET /v1/products", .get, "https://api.shop.example.com/v1/products?category=shoes&sort=price%20asc&page=2", headers: [
        KeyValueRow("accept", "application/json"), authorization, fromShop, userAgent,
    ]),
    request("api.shop.example.com/post-v1-orders.yaml", "POST /v1/orders", .post, "https://api.shop.example.com/v1/orders", headers: [
        KeyValueRow("accept", "application/json"), authorization, KeyValueRow("content-type", "application/json"), fromShop, userAgent,
    ], body: .json(#"{"items":[{"sku":"SHOE-42","quantity":1}],"coupon":"\{{WELCOME}}"}"#), description: "Checkout from the cart page"),
    request("api.shop.example.com/post-v1-uploads.yaml", "POST /v1/uploads", .post, "https://api.shop.example.com/v1/uploads", headers: [
        KeyValueRow("accept", "*/*"), authorization, fromShop, userAgent,
    ], body: .multipart([
        MultipartPart(name: "title", content: .text("March receipt")),
        MultipartPart(name: "file", content: .file(path: "receipt.pdf"), filename: "receipt.pdf", contentType: "application/pdf", isEnabled: false),
    ])),
    request("shop.example.com/get.yaml", "GET /", .get, "https://shop.example.com/", headers: [
        KeyValueRow("accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"), KeyValueRow("accept-language", "en-GB,en;q=0.9"),
        cookie, KeyValueRow("sec-fetch-mode", "navigate"), KeyValueRow("upgrade-insecure-requests", "1"), userAgent,
    ]),
    request("shop.example.com/post-account-login.yaml", "POST /account/login", .post, "https://shop.example.com/account/login", headers: [
        KeyValueRow("accept", "text/html"), KeyValueRow("cache-control", "max-age=0"), KeyValueRow("content-type", "application/x-www-form-urlencoded"),
        cookie, fromShop, userAgent,
    ], body: .formURLEncoded([KeyValueRow("email", "ann@example.com"), KeyValueRow("password", "{{password}}"), KeyValueRow("remember", "on")])),
]

/// Bodies as Firefox lists them (multipart `params`), and entries that cannot be imported whole.
private let firefoxBodies = """
{"log": {"version": "1.2", "creator": {"name": "Firefox", "version": "133.0"}, "entries": [
  {"request": {"method": "POST", "url": "http://localhost:8080/files", "headers": [
     {"name": "Host", "value": "localhost:8080"}, {"name": "Content-Type", "value": "multipart/form-data; boundary=---------------------------1234"},
     {"name": "Connection", "value": "keep-alive"}],
   "postData": {"mimeType": "multipart/form-data; boundary=---------------------------1234", "text": "…", "params": [
     {"name": "note", "value": "hi"},
     {"name": "data", "value": "a,b\\n1,2\\n", "fileName": "data.csv", "contentType": "text/csv"}]}},
   "response": {"status": 200}},
  {"request": {"method": "PUT", "url": "http://localhost:8080/doc", "comment": "the XML one",
   "postData": {"mimeType": "application/soap+xml; charset=utf-8", "text": "<a/>"}}},
  {"request": {"method": "PATCH", "url": "http://localhost:8080/doc",
   "postData": {"mimeType": "text/csv", "text": "x,y"}}},
  {"request": {"method": "POST", "url": "http://localhost:8080/raw",
   "postData": {"mimeType": "application/octet-stream", "text": "AAEC", "_encoding": "base64"}}},
  {"request": {"method": "BAD METHOD", "url": "http://localhost:8080/"}}
]}}
"""

private let skippedSchemes = [
    ImportWarning("log.entries[5]", "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAA… is not an http(s) request; skipped"),
    ImportWarning("log.entries[10]", "chrome-extension://gighmmpiobklfepjocnamgkkbiglidom/content… is not an http(s) request; skipped"),
    ImportWarning("log.entries[11]", "wss://api.shop.example.com/v1/live is not an http(s) request; skipped"),
]
private let fileWithoutContent = ImportWarning("log.entries[9].request.postData", "file part 'file': the archive does not hold the content of receipt.pdf; the part is off until you choose the file")

@Suite("Importing a HAR")
struct HARImportTests {
    @Test func aBrowserPageLoadBecomesAFolderPerHostWithoutStaticResources() throws {
        let result = try HARImport.parse(try chromePageLoad(), filter: HARImport.Filter(excludeStatic: true))
        let imported = result.imported
        #expect(imported.collection.name == "shop.example.com")
        #expect(imported.collection.folderPaths == ["", "api.shop.example.com", "shop.example.com"])
        #expect(requests(imported) == pageAndAPI)
        #expect(imported.collection.variables == [Variable("authorization", nil, isSecret: true), Variable("cookie", nil, isSecret: true), Variable("password", nil, isSecret: true)])
        #expect(imported.secrets == [
            ImportedSecret(name: "authorization", environment: nil, value: "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbm4ifQ.c2lnbmF0dXJl"),
            ImportedSecret(name: "cookie", environment: nil, value: "session=9f8e7d6c; theme=dark"),
            ImportedSecret(name: "password", environment: nil, value: "correct horse"),
        ], "the login form's password field too")
        #expect(imported.warnings == [skippedSchemes[0], fileWithoutContent, skippedSchemes[1], skippedSchemes[2]])
        #expect(result.skippedStatic == 4 && result.skippedOtherHosts == 0)
        #expect(result.skippedSummary == "skipped 4 entries: 4 static (images, fonts, CSS, JS)")
    }

    @Test func withoutAFilterEveryHTTPEntryIsARequest() throws {
        let result = try HARImport.parse(try chromePageLoad())
        #expect(result.imported.collection.folderPaths == ["", "api.shop.example.com", "cdn.shopimg.example", "fonts.example.net", "shop.example.com"])
        let names = result.imported.collection.allRequests.map { "\($0.relativePath) \($0.template.name)" }
        #expect(names == [
            "api.shop.example.com/get-v1-products.yaml GET /v1/products", "api.shop.example.com/post-v1-orders.yaml POST /v1/orders",
            "api.shop.example.com/post-v1-uploads.yaml POST /v1/uploads",
            "cdn.shopimg.example/get-products-42-main-webp.yaml GET /products/42/main.webp",
            "fonts.example.net/get-inter-v3-inter-latin-woff2.yaml GET /inter/v3/inter-latin.woff2",
            "shop.example.com/get-static-app-3f9a-css.yaml GET /static/app.3f9a.css", "shop.example.com/get-static-app-3f9a-js.yaml GET /static/app.3f9a.js",
            "shop.example.com/get.yaml GET /", "shop.example.com/post-account-login.yaml POST /account/login",
        ])
        let image = try #require(result.imported.collection.allRequests.first { $0.template.name.hasSuffix("main.webp") })
        #expect(image.template.url == "https://cdn.shopimg.example/products/42/main.webp?w=640")
        #expect(result.skippedSummary == nil)
    }

    @Test func onlyHostKeepsTheNamedHostsAndCountsTheRest() throws {
        let result = try HARImport.parse(try chromePageLoad(), filter: HARImport.Filter(onlyHosts: ["API.shop.example.com"], excludeStatic: true))
        #expect(requests(result.imported) == pageAndAPI.filter { $0.relativePath.hasPrefix("api.") })
        #expect(result.imported.collection.name == "api.shop.example.com")
        #expect(result.skippedOtherHosts == 6 && result.skippedStatic == 0)
        #expect(result.skippedSummary == "skipped 6 entries: 6 to other hosts")
    }

    @Test func multipartParamsAsFirefoxListsThemAndOtherBodies() throws {
        let imported = try HARImport.parse(firefoxBodies).imported
        let templates = imported.collection.allRequests.map(\.template)
        #expect(imported.collection.folderPaths == ["", "localhost:8080"])
        #expect(templates.map(\.name) == ["PATCH /doc", "POST /files", "POST /raw", "PUT /doc"])
        #expect(templates.map(\.headers) == [[], [], [], []], "Host, Connection and a multipart Content-Type are the transport's")
        #expect(templates.map(\.body) == [
            .raw(text: "x,y", contentType: "text/csv"),
            .multipart([MultipartPart(name: "note", content: .text("hi")), MultipartPart(name: "data", content: .text("a,b\n1,2\n"), contentType: "text/csv")]),
            .none, .xml("<a/>"),
        ])
        #expect(templates.map(\.description) == [nil, nil, nil, "the XML one"])
        #expect(imported.warnings == [
            ImportWarning("log.entries[0].request.postData", "file part 'data' (data.csv) is sent as a text field holding the file's content; save it to a file for a file part"),
            ImportWarning("log.entries[3].request.postData", "a binary body (base64) is not imported; save it to a file and choose it as the body"),
            ImportWarning("log.entries[4]", "invalid method 'BAD METHOD': a method is a token of letters, digits and !#$%&'*+-.^_`|~; skipped"),
        ])
    }

    @Test func longPathsAreShortenedToTheirLastSegments() {
        #expect(HARImport.shortenedPath("") == "/")
        #expect(HARImport.shortenedPath("/api/users") == "/api/users")
        #expect(HARImport.shortenedPath("/api/v2/organisations/acme/projects/portico/builds/1234") == "…/builds/1234")
    }

    @Test func malformedJSONSaysWhere() {
        #expect(throws: PorticoError.input(#"the file is not JSON: line 2, column 17: expected ',' or '}' after an object member but found '"'"#)) {
            try HARImport.parse("{\"log\": {\n  \"entries\": [] \"x\"}}")
        }
    }

    @Test func jsonThatIsNotAHARIsRefused() {
        let message = "the file is not a HAR archive: it has no log.entries (save one with your browser's developer tools, \"Save all as HAR\")"
        #expect(throws: PorticoError.input(message)) { try HARImport.parse(#"{"info": {"name": "a Postman collection"}, "item": []}"#) }
        #expect(throws: PorticoError.input(message)) { try HARImport.parse(#"{"log": {"entries": {}}}"#) }
    }

    /// What `portico history export` writes comes back as the requests that were sent.
    @Test func importsWhatHistoryExportWrites() throws {
        func record(_ method: String, _ url: String, _ headers: [HTTPField], _ body: HistoryRecord.Body?) -> HistoryRecord {
            HistoryRecord(
                id: HistoryRecord.newID(), time: Date(timeIntervalSince1970: 1_795_000_000), source: "cli",
                request: HistoryRecord.Request(method: method, url: url, headers: headers, body: body, timeout: 30, followRedirects: true, maxRedirects: 10),
                response: HistoryRecord.Response(status: 200, reason: "OK", url: url, headers: [HTTPField("Content-Type", "text/plain")], body: HistoryRecord.Body(size: 2, text: "ok")),
                timing: HistoryRecord.Timing(ttfbMs: 3, totalMs: 4), error: nil)
        }
        let records = [
            record("GET", "http://127.0.0.1:8421/users?page=2&q=a%20b", [HTTPField("Accept", "application/json"), HTTPField("Authorization", "[redacted]")], nil),
            record("POST", "http://127.0.0.1:8421/users", [HTTPField("Content-Type", "application/json"), HTTPField("Content-Length", "13")], HistoryRecord.Body(size: 13, text: #"{"name":"Ann"}"#)),
            record("POST", "http://127.0.0.1:8421/login", [HTTPField("Content-Type", "application/x-www-form-urlencoded")], HistoryRecord.Body(size: 18, text: "user=ann&pw=a+b%26c")),
            record("PUT", "http://127.0.0.1:8421/notes/1", [HTTPField("Content-Type", "text/plain; charset=utf-8")], HistoryRecord.Body(size: 7, text: "{{hi}} $")),
            record("DELETE", "https://api.example.com/notes/1", [HTTPField("Cookie", "sid=42")], nil),
        ]
        let document = try HARExport.document(records: records) { body in body.text.map { Data($0.utf8) } }
        let imported = try HARImport.parse(String(decoding: document, as: UTF8.self)).imported
        #expect(requests(imported) == [
            request("127.0.0.1:8421/get-users.yaml", "GET /users", .get, "http://127.0.0.1:8421/users?page=2&q=a%20b", headers: [
                KeyValueRow("Accept", "application/json"), KeyValueRow("Authorization", "", isEnabled: false),
            ]),
            request("127.0.0.1:8421/post-login.yaml", "POST /login", .post, "http://127.0.0.1:8421/login", headers: [KeyValueRow("Content-Type", "application/x-www-form-urlencoded")],
                    body: .formURLEncoded([KeyValueRow("user", "ann"), KeyValueRow("pw", "a b&c")])),
            request("127.0.0.1:8421/post-users.yaml", "POST /users", .post, "http://127.0.0.1:8421/users", headers: [KeyValueRow("Content-Type", "application/json")], body: .json(#"{"name":"Ann"}"#)),
            request("127.0.0.1:8421/put-notes-1.yaml", "PUT /notes/1", .put, "http://127.0.0.1:8421/notes/1", headers: [KeyValueRow("Content-Type", "text/plain; charset=utf-8")],
                    body: .raw(text: #"\{{hi}} $"#, contentType: "text/plain; charset=utf-8")),
            request("api.example.com/delete-notes-1.yaml", "DELETE /notes/1", .delete, "https://api.example.com/notes/1", headers: [KeyValueRow("Cookie", "{{cookie}}")]),
        ])
        #expect(imported.secrets == [ImportedSecret(name: "cookie", environment: nil, value: "sid=42")])
        #expect(imported.warnings == [
            ImportWarning("log.entries[0].request.headers", "Authorization was redacted when it was recorded: the row is kept empty and off; fill it in"),
        ])
    }

    /// Like every parser: damaged archives give an error or a collection, never a crash.
    @Test func damagedArchivesNeverCrashTheImporter() {
        var random = SeededRandom(seed: 0x5EED_4A12)
        for _ in 0..<2000 {
            _ = try? HARImport.parse(random.mutate(firefoxBodies), filter: HARImport.Filter(onlyHosts: ["localhost"], excludeStatic: true))
        }
        let multipart = "--b\r\nContent-Disposition: form-data; name=\"t\"\r\n\r\nx\r\n--b\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a.pdf\"\r\n\r\n\r\n--b--\r\n"
        #expect(HARImport.multipartParams(multipart, boundary: "b").map(\.name) == ["t", "f"])
        for _ in 0..<2000 {
            _ = HARImport.multipartParams(random.mutate(multipart), boundary: "b")
        }
    }
}
