import CompressNIO
import Foundation
import NIOCore

/// The routes of the `HostileServer`, each an attack a server can make on the client that talks to
/// it. `/` lists them.
enum HostileRoutes {
    struct Route: Sendable {
        var path: String
        var summary: String
        var answer: @Sendable (HostileResponseWriter) async throws -> Void
    }

    /// Every kind of escape sequence that acts on a terminal: the window title (OSC 0 and 2), the
    /// clipboard (OSC 52, "PWNED-CLIPBOARD" in base64), the screen and cursor (CSI), a device
    /// control string that asks the terminal to answer (DCS), tmux's passthrough, 8-bit C1
    /// controls, bidi overrides and isolates, and zero-width characters.
    static let escapes = "\u{1B}]0;PWNED-TITLE\u{07}"
        + "\u{1B}]2;PWNED-TITLE-2\u{1B}\\"
        + "\u{1B}]52;c;UFdORUQtQ0xJUEJPQVJE\u{07}"
        + "\u{1B}[2J\u{1B}[H\u{1B}[10;10H\u{1B}[?1049l\u{1B}[?25l\u{1B}[31m"
        + "\u{1B}P+q544e\u{1B}\\"
        + "\u{1B}Ptmux;\u{1B}\u{1B}]0;PWNED-TMUX\u{07}\u{1B}\\"
        + "\u{9B}2J\u{9D}0;PWNED-C1\u{9C}"
        + "\u{202E}exe.txt\u{202C} \u{2066}isolated\u{2069} pay\u{200B}pal\u{2060}\u{FEFF}"

    static let all: [Route] = [
        Route(path: "/escapes/body", summary: "escape sequences in a text/plain body") { writer in
            try await writer.write(response(body: Array("before the escapes\n\(escapes)\nafter the escapes\n".utf8)))
        },
        Route(path: "/escapes/json", summary: "escape sequences inside the strings of a JSON body") { writer in
            let body = "{\"title\": \"\(escapes)\", \"ok\": true}\n"
            try await writer.write(response(headers: [("Content-Type", "application/json")], body: Array(body.utf8)))
        },
        Route(path: "/escapes/header", summary: "escape sequences in header values") { writer in
            try await writer.write(response(headers: [("X-Escapes", escapes), ("X-Title", "\u{1B}]0;PWNED-HEADER\u{07}")],
                                            body: Array("the headers carry escapes\n".utf8)))
        },
        Route(path: "/escapes/reason", summary: "escape sequences in the reason phrase") { writer in
            try await writer.write(response(statusLine: "HTTP/1.1 200 OK \(escapes)", body: Array("the reason phrase carries escapes\n".utf8)))
        },
        Route(path: "/escapes/location", summary: "a redirect whose Location carries escape sequences") { writer in
            try await writer.write(response(statusLine: "HTTP/1.1 302 Found", headers: [("Location", "/escapes/body?\(escapes)")], body: []))
        },
        Route(path: "/escapes/cookie", summary: "cookies whose names and values carry escape sequences") { writer in
            try await writer.write(response(headers: [("Set-Cookie", "session=\(escapes); Path=/"), ("Set-Cookie", "\u{1B}]0;PWNED-COOKIE\u{07}=1; Path=/")],
                                            body: Array("the cookies carry escapes\n".utf8)))
        },
        Route(path: "/invalid-utf8", summary: "invalid UTF-8 and NUL bytes in a text/plain body and a header") { writer in
            let bytes: [UInt8] = Array("valid, then invalid: ".utf8) + [0xFF, 0xFE, 0xC0, 0xAF, 0xED, 0xA0, 0x80, 0xC3] + Array(" then NUL: ".utf8) + [0x00, 0x00] + Array(" end\n".utf8)
            try await writer.write(response(headers: [("X-Bytes", String(decoding: [0x61, 0xFF, 0x62], as: UTF8.self))], body: bytes))
        },
        Route(path: "/nul-header", summary: "a NUL byte inside a header value") { writer in
            try await writer.write(Array("HTTP/1.1 200 OK\r\nContent-Length: 3\r\nX-Nul: a".utf8) + [0x00] + Array("b\r\nConnection: close\r\n\r\nok\n".utf8))
        },
        Route(path: "/huge-header", summary: "one header line of 1 MB") { writer in
            try await writer.write(response(headers: [("X-Huge", String(repeating: "a", count: 1 << 20))], body: Array("after a 1 MB header\n".utf8)))
        },
        Route(path: "/many-headers", summary: "100,000 headers") { writer in
            var head = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 21\r\nConnection: close\r\n"
            for index in 0..<100_000 { head += "X-Header-\(index): \(index)\r\n" }
            try await writer.write(head + "\r\nafter 100000 headers\n")
        },
        Route(path: "/endless", summary: "a chunked body that never ends") { writer in
            try await writer.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n")
            let line = "an endless body: it stops only when the client stops reading\n"
            let text = String(repeating: line, count: (64 << 10) / line.utf8.count)
            let chunk = ByteBuffer(string: String(text.utf8.count, radix: 16) + "\r\n" + text + "\r\n")
            while true { try await writer.write(chunk) }
        },
        Route(path: "/slowloris", summary: "the whole response, head included, one byte per second") { writer in
            let bytes = Array(response(body: Array(String(repeating: "slow ", count: 40).utf8)))
            for byte in bytes {
                try await writer.write([byte])
                try await Task.sleep(for: .seconds(1))
            }
        },
        Route(path: "/gzip-bomb", summary: "10 MB of gzip that inflates to 10 GiB") { writer in
            try await writer.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n")
            try await writeGzipBomb(gibibytes: 10, to: writer)
        },
        Route(path: "/reset", summary: "a connection reset (TCP RST) after 64 KiB of a 1 MiB body") { writer in
            try await writer.write(response(headers: [("Content-Length", String(1 << 20))], body: Array(repeating: UInt8(ascii: "r"), count: 64 << 10), length: false))
            // On loopback the bytes written are already with the client: the reset follows them.
            try await writer.reset()
        },
        Route(path: "/content-length/short", summary: "a Content-Length smaller than the body sent") { writer in
            try await writer.write(response(headers: [("Content-Length", "5")], body: Array("hello, and bytes nobody announced\n".utf8), length: false))
        },
        Route(path: "/content-length/long", summary: "a Content-Length larger than the body sent, then a close") { writer in
            try await writer.write(response(headers: [("Content-Length", "1000")], body: Array("only this much\n".utf8), length: false))
        },
        Route(path: "/garbage", summary: "bytes that are not HTTP at all") { writer in
            try await writer.write(Array("SSH-2.0-OpenSSH_9.6\r\n".utf8) + [0x00, 0xFF, 0x1B] + Array("]0;PWNED-GARBAGE\u{07}\u{1B}[2J".utf8) + (0..<512).map { UInt8(truncatingIfNeeded: $0 &* 37) })
        },
        Route(path: "/redirect-loop", summary: "a redirect to itself") { writer in
            try await writer.write(response(statusLine: "HTTP/1.1 302 Found", headers: [("Location", "/redirect-loop")], body: []))
        },
        Route(path: "/redirect/file", summary: "a redirect to file:///etc/passwd") { writer in
            try await writer.write(response(statusLine: "HTTP/1.1 302 Found", headers: [("Location", "file:///etc/passwd")], body: []))
        },
        Route(path: "/redirect/ftp", summary: "a redirect to an ftp:// URL") { writer in
            try await writer.write(response(statusLine: "HTTP/1.1 301 Moved Permanently", headers: [("Location", "ftp://127.0.0.1/pub/file")], body: []))
        },
        Route(path: "/redirect/javascript", summary: "a redirect to a javascript: URL") { writer in
            try await writer.write(response(statusLine: "HTTP/1.1 307 Temporary Redirect", headers: [("Location", "javascript:alert(document.cookie)")], body: []))
        },
        Route(path: "/redirect/data", summary: "a redirect to a data: URL") { writer in
            try await writer.write(response(statusLine: "HTTP/1.1 308 Permanent Redirect", headers: [("Location", "data:text/plain;base64,UFdORUQ=")], body: []))
        },
    ]

    static func route(for path: String) -> Route {
        if path == "/" {
            return Route(path: "/", summary: "this list") { writer in
                let lines = all.map { "\($0.path)  \($0.summary)" }
                try await writer.write(response(body: Array(("Hostile routes: every one attacks the client.\n" + lines.joined(separator: "\n") + "\n").utf8)))
            }
        }
        return all.first { $0.path == path } ?? Route(path: path, summary: "not found") { writer in
            try await writer.write(response(statusLine: "HTTP/1.1 404 Not Found", body: Array("no such hostile route; / lists them\n".utf8)))
        }
    }

    /// A response as bytes. `length: false` leaves Content-Length to the headers given (wrong on purpose).
    static func response(statusLine: String = "HTTP/1.1 200 OK", headers: [(String, String)] = [], body: [UInt8], length: Bool = true) -> [UInt8] {
        var head = statusLine + "\r\n"
        if !headers.contains(where: { $0.0 == "Content-Type" }) { head += "Content-Type: text/plain; charset=utf-8\r\n" }
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if length { head += "Content-Length: \(body.count)\r\n" }
        head += "Connection: close\r\n\r\n"
        return Array(head.utf8) + body
    }

    /// A gzip stream of `gibibytes` GiB of the letter A, compressed as it is sent (about 1 KiB per
    /// MiB), in HTTP chunks; it stops when the client stops reading.
    private static func writeGzipBomb(gibibytes: Int, to writer: HostileResponseWriter) async throws {
        let compressor = CompressionAlgorithm.gzip().compressor
        try compressor.startStream()
        defer { try? compressor.finishStream() }
        let block = ByteBuffer(repeating: UInt8(ascii: "A"), count: 1 << 20)
        let blocks = gibibytes << 10
        var output = ByteBufferAllocator().buffer(capacity: compressor.maxSize(from: block))
        for index in 0..<blocks {
            var input = block
            output.clear()
            try input.compressStream(to: &output, with: compressor, flush: index == blocks - 1 ? .finish : .sync)
            var chunk = ByteBuffer(string: String(output.readableBytes, radix: 16) + "\r\n")
            chunk.writeImmutableBuffer(output)
            chunk.writeString("\r\n")
            try await writer.write(chunk)
        }
        try await writer.write("0\r\n\r\n")
    }
}
