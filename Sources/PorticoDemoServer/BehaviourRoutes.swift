import CompressNIO
import Foundation
import Hummingbird
import NIOCore

/// Endpoints that behave a certain way: a status, a delay, a size, a stream, compression, redirects.
enum BehaviourRoutes {
    static let maximumBytes = 1 << 30
    static let maximumDelayMilliseconds = 120_000

    static func register(on router: Router<BasicRequestContext>) {
        router.on("/status/:code", method: .get) { _, context in try status(context) }
        for method in [HTTPRequest.Method.post, .put, .patch, .delete, .head, .options] {
            router.on("/status/:code", method: method) { _, context in try status(context) }
        }

        router.get("/delay/:ms") { _, context in
            guard let ms = context.parameters.get("ms", as: Int.self), (0...maximumDelayMilliseconds).contains(ms) else {
                return DemoJSON.error(.badRequest, "delay must be 0 to \(maximumDelayMilliseconds) milliseconds")
            }
            try await Task.sleep(for: .milliseconds(ms))
            return DemoJSON.response(["delayed_ms": ms])
        }

        router.get("/bytes/:n") { _, context in
            guard let count = context.parameters.get("n", as: Int.self), (0...maximumBytes).contains(count) else {
                return DemoJSON.error(.badRequest, "n must be 0 to \(maximumBytes)")
            }
            return Response(status: .ok, headers: [.contentType: "application/octet-stream"], body: ResponseBody(contentLength: count) { writer in
                var generator = SplitMix64(seed: UInt64(count))
                var remaining = count
                while remaining > 0 {
                    let size = min(remaining, 64 << 10)
                    var buffer = ByteBufferAllocator().buffer(capacity: size)
                    for _ in 0..<(size / 8) { buffer.writeInteger(generator.next()) }
                    for _ in 0..<(size % 8) { buffer.writeInteger(UInt8(truncatingIfNeeded: generator.next())) }
                    try await writer.write(buffer)
                    remaining -= size
                }
                try await writer.finish(nil)
            })
        }

        router.get("/stream/:n") { _, context in
            guard let count = context.parameters.get("n", as: Int.self), (0...100_000).contains(count) else {
                return DemoJSON.error(.badRequest, "n must be 0 to 100000")
            }
            return Response(status: .ok, headers: [.contentType: "application/x-ndjson"], body: ResponseBody { writer in
                for index in 0..<count {
                    try await writer.write(ByteBuffer(string: "{\"index\":\(index),\"message\":\"chunk \(index + 1) of \(count)\"}\n"))
                }
                try await writer.finish(nil)
            })
        }

        router.get("/large.json") { request, _ in
            let megabytes = request.uri.queryParameters.get("mb", as: Int.self) ?? 10
            guard (1...1024).contains(megabytes) else { return DemoJSON.error(.badRequest, "mb must be 1 to 1024") }
            let shape = request.uri.queryParameters.get("shape") ?? "records"
            guard ["records", "digits"].contains(shape) else { return DemoJSON.error(.badRequest, "shape must be records or digits") }
            return Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody { writer in
                try await LargeJSON.write(megabytes: megabytes, digits: shape == "digits", to: &writer)
                try await writer.finish(nil)
            })
        }

        router.get("/gzip") { _, _ in
            let document = DemoJSON.encode(["gzipped": true, "message": "this body was sent with Content-Encoding: gzip", "numbers": Array(1...50)])
            var plain = ByteBuffer(data: document)
            let compressed = try plain.compress(with: .gzip())
            return Response(status: .ok, headers: [.contentType: "application/json", .contentEncoding: "gzip"], body: ResponseBody(byteBuffer: compressed))
        }

        router.get("/redirect/:n") { _, context in
            guard let count = context.parameters.get("n", as: Int.self), (0...100).contains(count) else {
                return DemoJSON.error(.badRequest, "n must be 0 to 100")
            }
            if count == 0 { return DemoJSON.response(["redirects": "done"]) }
            return Response(status: .found, headers: [.location: "/redirect/\(count - 1)"])
        }
        for method in [HTTPRequest.Method.get, .post, .put, .patch, .delete] {
            router.on("/redirect-to", method: method) { request, _ in
                guard let target = request.uri.queryParameters.get("url") else {
                    return DemoJSON.error(.badRequest, "give the target as ?url=")
                }
                let code = request.uri.queryParameters.get("status", as: Int.self) ?? 302
                guard [301, 302, 303, 307, 308].contains(code) else {
                    return DemoJSON.error(.badRequest, "status must be 301, 302, 303, 307 or 308")
                }
                return Response(status: .init(code: code), headers: [.location: target])
            }
        }
    }

    private static func status(_ context: BasicRequestContext) throws -> Response {
        guard let code = context.parameters.get("code", as: Int.self), (100...599).contains(code), code != 101 else {
            return DemoJSON.error(.badRequest, "code must be 100 to 599 (101 excluded)")
        }
        var headers: HTTPFields = [:]
        if code == 401 { headers[.wwwAuthenticate] = "Basic realm=\"portico-demo\"" }
        if code == 407 { headers[.proxyAuthenticate] = "Basic realm=\"portico-demo\"" }
        if (300..<400).contains(code), code != 304 { headers[.location] = "/echo" }
        if code == 429 || code == 503 { headers[.retryAfter] = "30" }
        if code == 204 || code == 304 || code < 200 {
            return Response(status: .init(code: code), headers: headers)
        }
        return DemoJSON.response(["status": code], status: .init(code: code), headers: headers)
    }
}

/// A small, fast, seeded generator, so `/bytes/n` is the same every time without costing the CPU
/// (the tests' fuzzing uses it too, so a failure reproduces).
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// `/large.json?mb=N`: a minified JSON array of records (one line, as APIs send it), generated and
/// streamed, about N megabytes. The last record is named "the last record", for a search to find.
enum LargeJSON {
    /// `digits`: one-digit numbers instead of records (`[0,1,2,…,9,0,…]`), two bytes a value: the
    /// densest a viewer's line index gets.
    static func write(megabytes: Int, digits: Bool = false, to writer: inout any ResponseBodyWriter) async throws {
        let target = megabytes << 20
        var written = 0
        var index = 0
        var buffer = ByteBufferAllocator().buffer(capacity: 70 << 10)
        buffer.writeString("[")
        while true {
            let separator = index == 0 ? "" : ","
            let last = written + buffer.readableBytes + 200 >= target
            if digits {
                buffer.writeString("\(separator)\(index % 10)")
            } else {
                let name = last ? "the last record" : "record \(index)"
                buffer.writeString("\(separator){\"id\":\(index),\"name\":\"\(name)\",\"active\":\(index % 3 != 0),\"score\":\(Double(index % 1000) / 10),\"tags\":[\"alpha\",\"beta\"],\"owner\":{\"id\":\(index % 97),\"email\":\"user\(index % 97)@example.com\"}}")
            }
            index += 1
            if last { break }
            if buffer.readableBytes >= 64 << 10 {
                written += buffer.readableBytes
                try await writer.write(buffer)
                buffer.clear()
            }
        }
        buffer.writeString("]")
        try await writer.write(buffer)
    }
}
