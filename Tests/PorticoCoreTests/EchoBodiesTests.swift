import Foundation
import PorticoCore
import Testing

/// What the demo server's `/echo` says it received.
struct Echo {
    var method: String
    var path: String
    var query: [[String]]
    var headers: [[String]]
    var body: Data

    init(_ exchange: Exchange) throws {
        let json = exchange.bodyJSON
        method = try #require(json["method"] as? String)
        path = try #require(json["path"] as? String)
        query = try #require(json["query"] as? [[String]])
        headers = try #require(json["headers"] as? [[String]])
        if let text = json["body"] as? String {
            body = Data(text.utf8)
        } else {
            let base64 = try #require(json["body_base64"] as? String)
            body = try #require(Data(base64Encoded: base64))
        }
        #expect(json["body_size"] as? Int == body.count)
    }

    func header(_ name: String) -> [String] {
        headers.filter { $0.first?.lowercased() == name.lowercased() }.map { $0.count > 1 ? $0[1] : "" }
    }
}

/// Renders like `portico send` does and sends to the demo server.
private func send(_ template: RequestTemplate, variables: [Variable] = [], baseDirectory: URL = FileManager.default.temporaryDirectory) async throws -> (ResolvedRequest, Exchange) {
    let base = Variable("base", try await TestServer.baseURL())
    let renderer = RequestRenderer(scope: VariableScope(collection: [base] + variables), baseDirectory: baseDirectory)
    let request = try renderer.render(template)
    let exchange = await TestServer.engine.send(request)
    #expect(exchange.error == nil, "\(exchange.error?.message ?? "")")
    #expect(exchange.response?.status == 200)
    return (request, exchange)
}

@Suite("Requests as the server receives them")
struct EchoBodiesTests {
    @Test(arguments: ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "PURGE"])
    func everyMethodArrivesWithQueryHeadersAndBody(method: String) async throws {
        let httpMethod = try HTTPMethod(method)
        let sendsBody = httpMethod != .get
        let payload = "payload for \(method) with $ and {\"json\": true}"
        let template = RequestTemplate(
            name: method, method: httpMethod, url: "{{base}}/echo/m?z=1&a=2",
            params: [KeyValueRow("b", "x y"), KeyValueRow("off", "1", isEnabled: false), KeyValueRow("z", "{{three}}")],
            headers: [KeyValueRow("X-One", "v1"), KeyValueRow("X-Two", "{{two}}"), KeyValueRow("X-Repeat", "r1"), KeyValueRow("X-Repeat", "r2")],
            body: sendsBody ? .raw(text: payload, contentType: "text/plain; charset=utf-8") : .none)
        let (_, exchange) = try await send(template, variables: [Variable("three", "3"), Variable("two", "deux")])
        let echo = try Echo(exchange)
        #expect(echo.method == method)
        #expect(echo.path == "/echo/m")
        #expect(echo.query == [["z", "1"], ["a", "2"], ["b", "x y"], ["z", "3"]])
        #expect(echo.header("X-One") == ["v1"])
        #expect(echo.header("X-Two") == ["deux"])
        #expect(echo.header("X-Repeat").joined(separator: ",").replacingOccurrences(of: ", ", with: ",") == "r1,r2")
        #expect(echo.header("User-Agent") == ["portico/\(PorticoVersion.current)"])
        if sendsBody {
            #expect(echo.body == Data(payload.utf8))
            #expect(echo.header("Content-Type") == ["text/plain; charset=utf-8"])
        } else {
            #expect(echo.body.isEmpty)
        }
    }

    @Test func headGetsAnEmptyAnswer() async throws {
        let (_, exchange) = try await send(RequestTemplate(name: "head", method: .head, url: "{{base}}/echo/h"))
        #expect(exchange.response?.status == 200)
        #expect(try exchange.body?.data().isEmpty ?? true)
    }

    @Test func jsonBodyIsSentExactly() async throws {
        let json = "{\n  \"price\": \"$5\",\n  \"count\": {{n}},\n  \"nested\": {\"a\": {\"b\": [1, 2]}},\n  \"name\": \"Zoë 😀\"\n}\n"
        let (_, exchange) = try await send(RequestTemplate(name: "json", method: .post, url: "{{base}}/echo", body: .json(json)), variables: [Variable("n", "5")])
        let echo = try Echo(exchange)
        #expect(echo.body == Data(json.replacingOccurrences(of: "{{n}}", with: "5").utf8))
        #expect(echo.header("Content-Type") == ["application/json"])
    }

    @Test func xmlBodyIsSentExactly() async throws {
        let xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\r\n<a b=\"c\">\r\n  <d>&amp; é</d>\r\n</a>"
        let (_, exchange) = try await send(RequestTemplate(name: "xml", method: .put, url: "{{base}}/echo", body: .xml(xml)))
        let echo = try Echo(exchange)
        #expect(echo.body == Data(xml.utf8))
        #expect(echo.header("Content-Type") == ["application/xml"])
    }

    @Test func rawTextKeepsItsContentType() async throws {
        let csv = "name,city\nZoë,Zürich\n\"a,b\",€\n"
        let (_, exchange) = try await send(RequestTemplate(name: "csv", method: .post, url: "{{base}}/echo", body: .raw(text: csv, contentType: "text/csv; charset=utf-8")))
        let echo = try Echo(exchange)
        #expect(echo.body == Data(csv.utf8))
        #expect(echo.header("Content-Type") == ["text/csv; charset=utf-8"])
    }

    @Test func formBodyIsURLEncoded() async throws {
        let template = RequestTemplate(name: "form", method: .post, url: "{{base}}/echo", body: .formURLEncoded([
            KeyValueRow("a b", "c&d"), KeyValueRow("off", "x", isEnabled: false), KeyValueRow("e", "é=1+1"), KeyValueRow("e", "{{v}}"),
        ]))
        let (_, exchange) = try await send(template, variables: [Variable("v", "second value")])
        let echo = try Echo(exchange)
        #expect(String(decoding: echo.body, as: UTF8.self) == "a+b=c%26d&e=%C3%A9%3D1%2B1&e=second+value")
        #expect(echo.header("Content-Type") == ["application/x-www-form-urlencoded"])
    }

    @Test func multipartPartsArriveWithTheirHeadersAndContent() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let fileBytes = Data((0...255).map { UInt8($0) }) + Data("\r\n--not-the-boundary\r\n".utf8)
        try folder.write(fileBytes, to: "photo.jpg")
        try folder.write(Data("a,b\n1,2\n".utf8), to: "table.csv")
        let template = RequestTemplate(name: "multipart", method: .post, url: "{{base}}/echo", body: .multipart([
            MultipartPart(name: "title", content: .text("Holiday \"{{year}}\" é")),
            MultipartPart(name: "photo", content: .file(path: "photo.jpg")),
            MultipartPart(name: "hidden", content: .text("no"), isEnabled: false),
            MultipartPart(name: "table", content: .file(path: "table.csv"), filename: "data {{year}}.csv", contentType: "text/csv; charset=utf-8"),
            MultipartPart(name: "meta", content: .text("{\"a\": 1}"), contentType: "application/json"),
        ]))
        let (request, exchange) = try await send(template, variables: [Variable("year", "2024")], baseDirectory: folder.url)
        let echo = try Echo(exchange)
        let contentType = try #require(echo.header("Content-Type").first)
        #expect(contentType == request.headers.first(named: "Content-Type"))
        #expect(contentType.hasPrefix("multipart/form-data; boundary="))
        let boundary = try #require(multipartBoundary(of: contentType))
        let parts = try #require(parseMultipart(echo.body, boundary: boundary))
        try #require(parts.count == 4)

        #expect(parts[0].headers == ["content-disposition": #"form-data; name="title""#])
        #expect(parts[0].text == "Holiday \"2024\" é")

        #expect(parts[1].headers == ["content-disposition": #"form-data; name="photo"; filename="photo.jpg""#, "content-type": "image/jpeg"])
        #expect(parts[1].content == fileBytes)

        #expect(parts[2].headers == ["content-disposition": #"form-data; name="table"; filename="data 2024.csv""#, "content-type": "text/csv; charset=utf-8"])
        #expect(parts[2].text == "a,b\n1,2\n")

        #expect(parts[3].headers == ["content-disposition": #"form-data; name="meta""#, "content-type": "application/json"])
        #expect(parts[3].text == "{\"a\": 1}")
    }

    @Test func binaryFileBodyArrivesByteForByte() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let bytes = Data((0...255).map { UInt8($0) })
        try folder.write(bytes, to: "all-bytes.bin")
        let template = RequestTemplate(name: "file", method: .post, url: "{{base}}/echo", body: .binaryFile(path: "all-bytes.bin", contentType: nil))
        let (_, exchange) = try await send(template, baseDirectory: folder.url)
        let echo = try Echo(exchange)
        #expect(echo.body == bytes)
        #expect(echo.header("Content-Type") == ["application/octet-stream"])
    }

    @Test func aLargeFileBodyArrivesWhole() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var generator = SystemRandomNumberGenerator()
        let bytes = Data((0..<(3 << 20)).map { _ in UInt8.random(in: 0...255, using: &generator) })
        try folder.write(bytes, to: "large.bin")
        let template = RequestTemplate(name: "file", method: .put, url: "{{base}}/echo", body: .binaryFile(path: "large.bin", contentType: "application/x-test"))
        let (_, exchange) = try await send(template, baseDirectory: folder.url)
        let echo = try Echo(exchange)
        #expect(echo.body.count == bytes.count)
        #expect(echo.body == bytes)
        #expect(echo.header("Content-Type") == ["application/x-test"])
    }

    @Test func authArrivesAsConfigured() async throws {
        let basic = RequestTemplate(name: "basic", url: "{{base}}/echo", auth: .basic(username: "demo", password: "{{pw}}"))
        let basicEcho = try Echo(try await send(basic, variables: [Variable("pw", "s3cret", isSecret: true)]).1)
        #expect(basicEcho.header("Authorization") == ["Basic " + Data("demo:s3cret".utf8).base64EncodedString()])

        let apiKey = RequestTemplate(name: "key", url: "{{base}}/echo?a=1", params: [KeyValueRow("b", "2")], auth: .apiKey(name: "api_key", value: "k&1", location: .query))
        let keyEcho = try Echo(try await send(apiKey).1)
        #expect(keyEcho.query == [["a", "1"], ["b", "2"], ["api_key", "k&1"]])
        #expect(keyEcho.header("Authorization") == [])
    }
}
