import Foundation
@testable import PorticoCore
import PorticoDemoServer
import Testing

private func detect(_ contentType: String?, _ bytes: [UInt8], size: Int? = nil) -> BodyContent {
    BodyContent.detect(contentType: contentType, leading: Data(bytes), size: size ?? bytes.count)
}

private func detect(_ contentType: String?, _ text: String) -> BodyContent {
    detect(contentType, Array(text.utf8))
}

private func le16(_ value: Int) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF)] }
private func le24(_ value: Int) -> [UInt8] { le16(value) + [UInt8(value >> 16 & 0xFF)] }
private func le32(_ value: Int) -> [UInt8] { le16(value) + le16(value >> 16) }
private func be16(_ value: Int) -> [UInt8] { [UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)] }
private func be32(_ value: Int) -> [UInt8] { be16(value >> 16) + be16(value) }

/// Image headers built byte by byte, each as small as its format allows.
enum ImageBytes {
    static func png(width: Int, height: Int) -> [UInt8] {
        func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
            let typed = Array(type.utf8) + data
            return be32(data.count) + typed + be32(Int(CRC32.checksum(Data(typed))))
        }
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + chunk("IHDR", be32(width) + be32(height) + [8, 6, 0, 0, 0]) + chunk("IEND", [])
    }

    static func gif(width: Int, height: Int) -> [UInt8] {
        // Header, logical screen descriptor without a colour table, trailer.
        Array("GIF89a".utf8) + le16(width) + le16(height) + [0x00, 0x00, 0x00, 0x3B]
    }

    /// SOI, a JFIF APP0, an EXIF-like APP1, fill bytes, then a baseline (or other) frame header.
    static func jpeg(width: Int, height: Int, frame: UInt8 = 0xC0, fill: Int = 0) -> [UInt8] {
        let app0: [UInt8] = [0xFF, 0xE0] + be16(16) + Array("JFIF".utf8) + [0, 1, 1, 0, 0, 1, 0, 1, 0, 0]
        let app1: [UInt8] = [0xFF, 0xE1] + be16(2 + 20) + Array(repeating: 0xFF, count: 20)
        let table: [UInt8] = [0xFF, 0xC4] + be16(2 + 3) + [0, 1, 2]
        let sof: [UInt8] = Array(repeating: 0xFF, count: fill) + [0xFF, frame] + be16(17) + [8] + be16(height) + be16(width) + [3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]
        return [0xFF, 0xD8] + app0 + app1 + table + sof + [0xFF, 0xDA] + be16(2) + [0xFF, 0xD9]
    }

    static func webpLossy(width: Int, height: Int) -> [UInt8] {
        let frame: [UInt8] = [0x30, 0x01, 0x00, 0x9D, 0x01, 0x2A] + le16(width) + le16(height)
        return riff(Array("VP8 ".utf8) + le32(frame.count) + frame)
    }

    static func webpLossless(width: Int, height: Int) -> [UInt8] {
        let data: [UInt8] = [0x2F] + le32((width - 1) | (height - 1) << 14)
        return riff(Array("VP8L".utf8) + le32(data.count) + data)
    }

    static func webpExtended(width: Int, height: Int) -> [UInt8] {
        let data: [UInt8] = [0x10, 0, 0, 0] + le24(width - 1) + le24(height - 1)
        return riff(Array("VP8X".utf8) + le32(data.count) + data)
    }

    private static func riff(_ chunk: [UInt8]) -> [UInt8] {
        Array("RIFF".utf8) + le32(4 + chunk.count) + Array("WEBP".utf8) + chunk
    }

    static func bmp(width: Int, height: Int) -> [UInt8] {
        let info = le32(40) + le32(width) + le32(height) + le16(1) + le16(24) + Array(repeating: 0, count: 24)
        return Array("BM".utf8) + le32(14 + info.count) + [0, 0, 0, 0] + le32(14 + info.count) + info
    }

    static func ico(sizes: [(Int, Int)]) -> [UInt8] {
        var bytes: [UInt8] = [0, 0, 1, 0] + le16(sizes.count)
        for (width, height) in sizes {
            bytes += [UInt8(width & 0xFF), UInt8(height & 0xFF), 0, 0] + le16(1) + le16(32) + le32(40) + le32(6 + 16 * sizes.count)
        }
        return bytes
    }
}

@Suite("Images read from their headers")
struct ImageInfoTests {
    @Test("each format gives its type and size", arguments: [
        (ImageBytes.png(width: 640, height: 480), ImageInfo(format: .png, width: 640, height: 480)),
        (ImageBytes.gif(width: 1, height: 1), ImageInfo(format: .gif, width: 1, height: 1)),
        (ImageBytes.jpeg(width: 1920, height: 1080), ImageInfo(format: .jpeg, width: 1920, height: 1080)),
        (ImageBytes.jpeg(width: 33, height: 17, frame: 0xC2, fill: 5), ImageInfo(format: .jpeg, width: 33, height: 17)),
        (ImageBytes.webpLossy(width: 550, height: 368), ImageInfo(format: .webp, width: 550, height: 368)),
        (ImageBytes.webpLossless(width: 16383, height: 1), ImageInfo(format: .webp, width: 16383, height: 1)),
        (ImageBytes.webpExtended(width: 16_777_216, height: 3), ImageInfo(format: .webp, width: 16_777_216, height: 3)),
        (ImageBytes.bmp(width: 7, height: 5), ImageInfo(format: .bmp, width: 7, height: 5)),
        (ImageBytes.bmp(width: 7, height: -5), ImageInfo(format: .bmp, width: 7, height: 5)),
        (ImageBytes.ico(sizes: [(16, 16), (0, 0), (32, 32)]), ImageInfo(format: .ico, width: 256, height: 256)),
    ])
    func formats(_ bytes: [UInt8], _ expected: ImageInfo) {
        #expect(ImageInfo.read(Data(bytes)) == expected)
    }

    @Test func anSVGIsKnownByItsRootElementAndSizedOnlyInPixels() {
        let svg = "<?xml version=\"1.0\"?>\n<!-- a logo -->\n<!DOCTYPE svg>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"120px\" height='40'><rect/></svg>"
        #expect(ImageInfo.read(Data(svg.utf8)) == ImageInfo(format: .svg, width: 120, height: 40))
        #expect(ImageInfo.read(Data("<svg:svg xmlns:svg='x' viewBox='0 0 10 10'/>".utf8)) == ImageInfo(format: .svg))
        #expect(ImageInfo.read(Data("<svg width=\"50%\" height=\"2em\">".utf8)) == ImageInfo(format: .svg))
        #expect(ImageInfo.read(Data("<html><svg width='1' height='1'/></html>".utf8)) == nil)
        #expect(ImageInfo.read(Data("<svg width='1".utf8)) == nil)
    }

    @Test func textThatIsNoImageIsNone() {
        for text in ["", "hello", "BM is a band", "RIFF", "GIF8", "{\"a\":1}"] {
            #expect(ImageInfo.read(Data(text.utf8)) == nil, "\(text)")
        }
    }

    @Test("every prefix of a header is read without a trap, giving the size or none", arguments: [
        ImageBytes.png(width: 3, height: 4), ImageBytes.gif(width: 3, height: 4), ImageBytes.jpeg(width: 3, height: 4, fill: 2),
        ImageBytes.webpLossy(width: 3, height: 4), ImageBytes.webpLossless(width: 3, height: 4), ImageBytes.webpExtended(width: 3, height: 4),
        ImageBytes.bmp(width: 3, height: 4), ImageBytes.ico(sizes: [(3, 4)]),
    ])
    func truncated(_ bytes: [UInt8]) throws {
        let whole = try #require(ImageInfo.read(Data(bytes)))
        #expect(whole.width == 3 && whole.height == 4)
        for length in 0..<bytes.count {
            guard let info = ImageInfo.read(Data(bytes.prefix(length))) else { continue }
            #expect(info.format == whole.format)
            #expect(info.width == nil || (info.width == 3 && info.height == 4), "\(length) bytes: \(info)")
        }
    }

    @Test func hostileHeadersGiveNoSize() {
        // Zero and out-of-range sizes.
        #expect(ImageInfo.read(Data(ImageBytes.png(width: 0, height: 10))) == ImageInfo(format: .png))
        #expect(ImageInfo.read(Data(ImageBytes.png(width: 0xFFFF_FFFF, height: 10))) == ImageInfo(format: .png))
        #expect(ImageInfo.read(Data(ImageBytes.gif(width: 0, height: 0))) == ImageInfo(format: .gif))
        #expect(ImageInfo.read(Data(ImageBytes.bmp(width: 1, height: Int(Int32.min)))) == ImageInfo(format: .bmp))
        #expect(ImageInfo.read(Data(ImageBytes.jpeg(width: 10, height: 0))) == ImageInfo(format: .jpeg))
        // A PNG whose first chunk is not IHDR.
        var png = ImageBytes.png(width: 5, height: 5)
        png.replaceSubrange(12..<16, with: Array("IDAT".utf8))
        #expect(ImageInfo.read(Data(png)) == ImageInfo(format: .png))
        // JPEG segments that are too short, that run past the end, or that end in fill bytes.
        for segments: [UInt8] in [[0xFF, 0xE0, 0x00, 0x00], [0xFF, 0xE0, 0x00, 0x01], [0xFF, 0xE0, 0xFF, 0xFF, 0x00], Array(repeating: 0xFF, count: 5000)] {
            #expect(ImageInfo.read(Data([0xFF, 0xD8] + segments)) == ImageInfo(format: .jpeg), "\(segments.prefix(5))")
        }
        // The scan starts before any frame header.
        #expect(ImageInfo.read(Data([0xFF, 0xD8, 0xFF, 0xDA, 0x00, 0x02, 0xFF, 0xC0] + be16(17) + [8] + be16(9) + be16(9))) == ImageInfo(format: .jpeg))
        // An icon directory claiming 65535 entries, with one present.
        #expect(ImageInfo.read(Data([0, 0, 1, 0, 0xFF, 0xFF] + ImageBytes.ico(sizes: [(48, 48)]).dropFirst(6))) == ImageInfo(format: .ico, width: 48, height: 48))
        #expect(ImageInfo.read(Data([0, 0, 1, 0, 0, 0])) == nil)
        // A lossy WebP without its start code.
        var webp = ImageBytes.webpLossy(width: 5, height: 5)
        webp[23] = 0
        #expect(ImageInfo.read(Data(webp)) == ImageInfo(format: .webp))
    }

    @Test func randomBytesAfterEverySignatureNeverTrap() {
        let signatures: [[UInt8]] = [
            [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], Array("GIF89a".utf8), [0xFF, 0xD8, 0xFF], Array("RIFF\0\0\0\0WEBPVP8 ".utf8),
            Array("RIFF\0\0\0\0WEBPVP8L".utf8), Array("RIFF\0\0\0\0WEBPVP8X".utf8), Array("BM".utf8), [0, 0, 1, 0], Array("<svg ".utf8),
        ]
        var random = SplitMix64(seed: 7)
        for round in 0..<3000 {
            let signature = signatures[round % signatures.count]
            let tail = (0..<Int(random.next() % 80)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            let info = ImageInfo.read(Data(signature + tail))
            if let width = info?.width { #expect(width >= 1) }
        }
    }
}

@Suite("What a body is")
struct BodyContentTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var type: String?
        var body: [UInt8]
        var kind: BodyContent.Kind
        var testDescription: String { "\(type ?? "no type"): \(kind.name)" }

        init(_ type: String?, _ body: String, _ kind: BodyContent.Kind) {
            self.init(type, Array(body.utf8), kind)
        }

        init(_ type: String?, _ body: [UInt8], _ kind: BodyContent.Kind) {
            self.type = type
            self.body = body
            self.kind = kind
        }
    }

    static let lines = "{\"id\":1,\"name\":\"a\"}\n{\"id\":2,\"name\":\"b\"}\n[3,\"c\"]\n"
    static let png = ImageBytes.png(width: 2, height: 3)

    @Test("the declared type says", arguments: [
        Case("application/json", "{\"a\": 1}", .json),
        Case("application/json; charset=utf-8", "[1, 2]", .json),
        Case("application/problem+json", "{\"title\": \"Not found\"}", .json),
        Case("text/json", "{}", .json),
        Case("Application/JSON", "{}", .json),
        Case("application/x-ndjson", BodyContentTests.lines, .jsonLines),
        Case("application/jsonl", BodyContentTests.lines, .jsonLines),
        Case("application/jsonlines", BodyContentTests.lines, .jsonLines),
        Case("application/x-jsonlines", BodyContentTests.lines, .jsonLines),
        Case("text/xml", "<a/>", .xml),
        Case("application/xml", "<a/>", .xml),
        Case("application/soap+xml; charset=utf-8", "<env:Envelope/>", .xml),
        Case("application/atom+xml", "<feed/>", .xml),
        Case("application/xhtml+xml", "<html/>", .xml),
        Case("image/svg+xml", "<svg width='2' height='2'/>", .xml),
        Case("text/html; charset=utf-8", "<p>hi</p>", .html),
        Case("text/plain", "hello", .text),
        Case("text/csv", "a,b\n1,2\n", .text),
        Case("text/markdown", "[a link](x) and {braces}", .text),
        Case("text/css", "{ }", .text),
        Case("application/x-www-form-urlencoded", "a=1&b=2", .form),
        Case("image/png", BodyContentTests.png, .image(ImageInfo(format: .png, width: 2, height: 3))),
        Case("application/octet-stream", Array(0...255), .binary),
        Case("application/pdf", "%PDF-1.7\n1 0 obj\n", .binary),
        Case("font/woff2", "wOF2", .binary),
    ])
    func byType(_ example: Case) {
        #expect(detect(example.type, example.body).kind == example.kind)
    }

    @Test("with no type, the bytes say", arguments: [
        Case(nil, "{\"a\": [1, 2, {\"b\": null}]}", .json),
        Case(nil, "  \n[1, 2]", .json),
        Case(nil, BodyContentTests.lines, .jsonLines),
        Case(nil, "<?xml version=\"1.0\"?><a/>", .xml),
        Case(nil, "<note><to>Ada</to></note>", .xml),
        Case(nil, "<!-- first --><a/>", .xml),
        Case(nil, "<!DOCTYPE html>\n<html></html>", .html),
        Case(nil, "<!doctype HTML><p>", .html),
        Case(nil, "<html lang=\"en\">", .html),
        Case(nil, "Just words.\n", .text),
        Case(nil, "1 < 2", .text),
        Case(nil, "[INFO] started", .text),
        Case(nil, "{not json}", .text),
        Case(nil, [0x68, 0x69, 0x00, 0x21], .binary),
        Case(nil, BodyContentTests.png, .image(ImageInfo(format: .png, width: 2, height: 3))),
        Case("", "{}", .json),
        Case("application/octet-stream", "{\"a\": 1}", .json),
        Case("application/octet-stream", "plain words", .text),
        Case("binary/octet-stream", "<x/>", .xml),
    ])
    func bySniffing(_ example: Case) {
        #expect(detect(example.type, example.body).kind == example.kind)
    }

    @Test("text/plain and unknown types may turn out JSON, JSON Lines, XML or HTML", arguments: [
        Case("text/plain", "{\"a\": 1}", .json),
        Case("text/plain; charset=utf-8", BodyContentTests.lines, .jsonLines),
        Case("text/plain", "<?xml version=\"1.0\"?><a/>", .xml),
        Case("text/plain", "<!DOCTYPE html><html>", .html),
        // A bare tag is not enough where the server said text.
        Case("text/plain", "<b>bold</b> claims", .text),
        Case("text/plain", "[2024-05-01 12:00] started", .text),
        Case("application/vnd.example.v2", "{\"a\": 1}", .json),
        Case("application/vnd.example.v2", "some text", .text),
        Case("application/javascript", "console.log(1)", .text),
    ])
    func plainTextSniffing(_ example: Case) {
        #expect(detect(example.type, example.body).kind == example.kind)
    }

    @Test func binaryBytesWinOverADeclaredTextType() {
        for type in ["application/json", "application/xml", "text/html", "text/plain", "application/x-ndjson", "application/x-www-form-urlencoded"] {
            let content = detect(type, [0x00, 0x01, 0x7B, 0x7D])
            #expect(content.kind == .binary, "\(type)")
            #expect(content.note == "sent as \(type), but the bytes are binary")
        }
        // An image's signature wins over a text type only when the bytes are not text either.
        #expect(detect("application/json", Self.png).kind == .image(ImageInfo(format: .png, width: 2, height: 3)))
        #expect(detect("text/plain", "GIF89a is a format from 1989.").kind == .text)
        #expect(detect(nil, "GIF89a is a format from 1989.").kind == .text)
    }

    @Test func anImageSignatureWinsOverOctetStreamOrAnotherImageType() {
        let png = detect("application/octet-stream", Self.png)
        #expect(png.kind == .image(ImageInfo(format: .png, width: 2, height: 3)))
        #expect(png.note == "sent as application/octet-stream")
        let mislabelled = detect("image/jpeg", Self.png)
        #expect(mislabelled.kind == .image(ImageInfo(format: .png, width: 2, height: 3)))
        #expect(mislabelled.note == "sent as image/jpeg")
        #expect(detect("image/png", Self.png).note == nil)
        // A GIF sent as application/pdf: its little-endian size has NUL bytes.
        #expect(detect("application/pdf", ImageBytes.gif(width: 1, height: 1)).kind == .image(ImageInfo(format: .gif, width: 1, height: 1)))
    }

    @Test func aDeclaredImageOrBinaryTypeIsNeverReadAsText() {
        #expect(detect("image/png", "Not found").kind == .binary)
        #expect(detect("image/avif", "\0\0\0 ftypavif").summary == "binary, 12 B (image/avif)")
        #expect(detect("application/zip", "{}").kind == .binary)
    }

    @Test func aDeclaredTextTypeIsKeptWhenItsBytesDoNotParse() {
        // The document falls back to text by itself, saying where the JSON broke.
        #expect(detect("application/json", "<html><body>Bad gateway</body></html>").kind == .json)
        #expect(detect("application/xml", "{\"not\": \"xml\"}").kind == .xml)
    }

    @Test func jsonLinesAreSniffedConservatively() {
        #expect(detect(nil, "{\"a\":1}\n").kind == .json)
        #expect(detect(nil, "{\"a\":1}\n\n{\"a\":2}\r\n").kind == .jsonLines)
        // Pretty-printed JSON: the first line alone is no value.
        #expect(detect(nil, "{\n  \"a\": 1\n}\n").kind == .json)
        #expect(detect("application/json", "{\n  \"a\": 1\n}\n").kind == .json)
        // One line that is not JSON spoils it.
        #expect(detect(nil, "{\"a\":1}\n{oops\n").kind == .text)
        // Lines of scalars are JSON Lines by the letter, but not by sniffing.
        #expect(detect(nil, "1\n2\n3\n").kind == .text)
        // A line cut off at the end of the sample is left out.
        let sample = Array("{\"a\":1}\n{\"a\":2}\n{\"a\":".utf8)
        #expect(detect(nil, sample, size: 10_000).kind == .jsonLines)
        // Declared JSON whose lines are separate values: JSON Lines, and said so.
        let declared = detect("application/json", "{\"a\":1}\n{\"a\":2}\n")
        #expect(declared.kind == .jsonLines)
        #expect(declared.note == "sent as application/json, but each line is a JSON value of its own")
    }

    @Test func binaryIsJudgedByShareNotByOneOddByte() {
        // A few control characters or invalid bytes in a text stay text.
        let text = Array(String(repeating: "plain text ", count: 10).utf8)
        #expect(detect(nil, text + [0x01, 0xFF] + text).kind == .text)
        #expect(detect(nil, "\u{1B}[31mred\u{1B}[0m log line\n\tindented\r\n\u{0C}").kind == .text)
        // Many of them make it binary.
        #expect(detect(nil, Array("abc".utf8) + [0x01, 0x02, 0x03, 0xFE, 0xFF]).kind == .binary)
        #expect(detect(nil, (0..<512).map { UInt8(truncatingIfNeeded: $0 &* 37 | 0x80) }).kind == .binary)
        // A character cut by the end of the sample is not held against it.
        let cut = Array("éé".utf8) + [0xC3]
        #expect(detect(nil, cut, size: 100).kind == .text)
        #expect(detect(nil, cut).kind == .binary)
    }

    @Test func mutatedBodiesUnderAnyTypeNeverTrap() {
        let types: [String?] = [nil, "application/json", "application/x-ndjson", "text/plain; charset=utf-16", "text/plain; charset=iso-8859-1",
                                "image/png", "application/octet-stream", "image/svg+xml", "text/html", "application/x-www-form-urlencoded"]
        let seeds: [[UInt8]] = [
            Self.png, ImageBytes.jpeg(width: 9, height: 9, fill: 1), ImageBytes.webpExtended(width: 2, height: 2), ImageBytes.ico(sizes: [(1, 1)]),
            Array(Self.lines.utf8), [0xFF, 0xFE] + Array("{\"a\": \"é\"}".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] },
            Array("<?xml version='1.0'?><svg width='3' height='4'/>".utf8), Array("a=1&b=%zz+c".utf8),
        ]
        var random = SplitMix64(seed: 11)
        for round in 0..<3000 {
            var bytes = seeds[round % seeds.count]
            for _ in 0...(random.next() % 4) where !bytes.isEmpty {
                let at = Int(random.next() % UInt64(bytes.count))
                switch random.next() % 3 {
                case 0: bytes[at] = UInt8(truncatingIfNeeded: random.next())
                case 1: bytes.insert(UInt8(truncatingIfNeeded: random.next()), at: at)
                default: bytes.removeSubrange(at...)
                }
            }
            // Now and then the bytes are only the start of a longer body.
            let size = bytes.count + Int(random.next() % 2) * 1000
            let content = detect(types[round % types.count], bytes, size: size)
            #expect(!content.summary.isEmpty)
            if case .image(let info) = content.kind, let width = info.width { #expect(width >= 1) }
        }
    }

    @Test func anEmptyBodyIsEmptyText() {
        let content = detect("image/png", [])
        #expect(content.kind == .text)
        #expect(content.summary == "empty body")
    }

    @Test func summariesSayWhatItIsForPeople() {
        #expect(detect("image/png", ImageBytes.png(width: 640, height: 480), size: 12_595).summary == "PNG image, 640 × 480, 12.3 KiB")
        #expect(detect("application/octet-stream", Array(0...255), size: 1_258_291).summary == "binary, 1.2 MiB (application/octet-stream)")
        #expect(detect(nil, [0, 1, 2]).summary == "binary, 3 B (no Content-Type)")
        #expect(detect("text/plain; charset=ISO-8859-1", (0xA0...0xFF).map { UInt8($0) } + Array("ok".utf8)).summary == "windows-1252 text, converted to UTF-8, 98 B")
        #expect(detect("application/json", "{}").summary == "JSON, 2 B")
        #expect(detect("image/svg+xml", "<svg width='20' height='10'/>").summary == "SVG image, 20 × 10, 29 B")
        #expect(detect("text/plain", "{}").summary == "JSON, 2 B; sent as text/plain")
        #expect(detect(nil, "hi").summary == "text, 2 B; no Content-Type")
        #expect(detect("application/x-ndjson", Self.lines).summary == "JSON Lines, \(Self.lines.utf8.count) B")
        #expect(detect("application/x-www-form-urlencoded", "a=1").summary == "form data, 3 B")
    }
}

@Suite("Charsets")
struct BodyCharsetTests {
    @Test("charset parameters", arguments: [
        ("text/plain; charset=utf-8", BodyCharset.utf8), ("text/plain; charset=\"UTF-8\"", .utf8), ("text/plain;charset=US-ASCII", .utf8),
        // The Latin-1 labels read as windows-1252, as the WHATWG Encoding Standard reads them.
        ("text/plain; charset=iso-8859-1", .windows1252), ("text/plain; charset=latin1", .windows1252), ("text/plain; charset=ISO_8859-1", .windows1252),
        ("text/plain; charset=windows-1252", .windows1252), ("text/plain; charset=cp1252", .windows1252),
        ("text/plain; charset=utf-16le", .utf16LittleEndian), ("text/plain; charset=UTF-16BE", .utf16BigEndian),
        // No byte order mark: big-endian (RFC 2781).
        ("text/plain; charset=utf-16", .utf16BigEndian),
        ("text/plain", .utf8), (nil, .utf8),
    ] as [(String?, BodyCharset)])
    func parameters(_ type: String?, _ charset: BodyCharset) {
        // Text in which every other byte is zero would be UTF-16 without the parameter: avoided here.
        #expect(detect(type, "ab").charset == charset)
    }

    @Test func anUnknownCharsetIsReadAsUTF8AndSaidSo() {
        let content = detect("text/plain; charset=x-klingon", "Qapla'")
        #expect(content.charset == .utf8)
        #expect(content.note == "unknown charset \"x-klingon\", read as UTF-8")
        #expect(content.summary == "text, 6 B; unknown charset \"x-klingon\", read as UTF-8")
    }

    @Test func aByteOrderMarkWinsOverTheParameter() {
        let littleEndian = detect("application/json; charset=iso-8859-1", [0xFF, 0xFE, 0x7B, 0x00, 0x7D, 0x00])
        #expect(littleEndian.charset == .utf16LittleEndian)
        #expect(littleEndian.byteOrderMarkLength == 2)
        #expect(littleEndian.kind == .json)
        #expect(littleEndian.note == "the byte order mark says UTF-16LE, not charset=iso-8859-1")
        // A bare utf-16 leaves the byte order to the mark: nothing to note.
        let bare = detect("application/json; charset=utf-16", [0xFF, 0xFE, 0x7B, 0x00, 0x7D, 0x00])
        #expect(bare.charset == .utf16LittleEndian && bare.note == nil)
        let bigEndian = detect("text/plain", [0xFE, 0xFF, 0x00, 0x68, 0x00, 0x69])
        #expect(bigEndian.charset == .utf16BigEndian && bigEndian.kind == .text)
        #expect(bigEndian.summary == "UTF-16BE text, converted to UTF-8, 6 B")
        let utf8 = detect("application/json", [0xEF, 0xBB, 0xBF] + Array("{}".utf8))
        #expect(utf8.charset == .utf8 && utf8.byteOrderMarkLength == 3 && utf8.needsTranscoding && utf8.kind == .json)
        #expect(!detect("application/json", "{}").needsTranscoding)
    }

    @Test func utf16WithoutAMarkIsKnownByItsZeroBytes() {
        let json = Array("{\"a\": 1}".utf16)
        let little = detect(nil, json.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        #expect(little.charset == .utf16LittleEndian && little.kind == .json)
        #expect(little.note == "no Content-Type; no charset given; the bytes look like UTF-16LE")
        let big = detect("application/json", json.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] })
        #expect(big.charset == .utf16BigEndian && big.kind == .json)
        // Zero bytes in a declared charset's body are binary, not a guess.
        #expect(detect("text/plain; charset=utf-8", json.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }).kind == .binary)
    }

    @Test func imagesAndBinaryBodiesHaveNoCharset() {
        let content = detect("image/png; charset=utf-16", ImageBytes.png(width: 1, height: 1))
        #expect(content.charset == .utf8 && content.byteOrderMarkLength == 0 && content.note == nil)
    }
}

@Suite("Converting a body to UTF-8")
struct BodyTranscodingTests {
    private func converted(_ bytes: [UInt8], _ charset: BodyCharset, skipping: Int = 0, blockSize: Int = 1 << 20) throws -> String {
        let result = try BodyTranscoding.utf8(BodyBytes(Data(bytes)), from: charset, skipping: skipping, blockSize: blockSize)
        return String(decoding: result.read(0..<result.count), as: UTF8.self)
    }

    /// Text labelled Latin-1 with curly quotes, a euro sign and an ellipsis (0x80 to 0x9F) is text,
    /// not binary: browsers read it as windows-1252, and so does the viewer.
    @Test func aLatin1LabelledBodyWithWindows1252CharactersIsText() throws {
        let bytes: [UInt8] = Array("price ".utf8) + [0x80] + Array(" 5, ".utf8) + [0x93] + Array("quoted".utf8) + [0x94, 0x20, 0x85] + Array(" na".utf8) + [0xEF] + Array("ve".utf8)
        let content = BodyContent.detect(contentType: "text/plain; charset=ISO-8859-1", leading: Data(bytes), size: bytes.count)
        #expect(content.kind == .text && content.charset == .windows1252)
        #expect(try converted(bytes, content.charset) == "price € 5, “quoted” … naïve")
    }

    @Test func windows1252MatchesFoundationAndKeepsItsUndefinedBytesAsC1() throws {
        let undefined: Set<UInt8> = [0x81, 0x8D, 0x8F, 0x90, 0x9D]
        let defined = (0x20...0xFF).map { UInt8($0) }.filter { !undefined.contains($0) }
        #expect(try converted(defined, .windows1252) == String(data: Data(defined), encoding: .windowsCP1252))
        #expect(try converted(Array(undefined).sorted(), .windows1252).unicodeScalars.map(\.value) == [0x81, 0x8D, 0x8F, 0x90, 0x9D])
        #expect(try converted([0x80, 0x93, 0x94], .windows1252) == "€“”")
    }

    @Test("UTF-16 split at every block boundary", arguments: [BodyCharset.utf16LittleEndian, .utf16BigEndian])
    func utf16AtEveryBoundary(_ charset: BodyCharset) throws {
        let text = "a€🦉b😀\u{10FFFF}c é"
        let encoded = try #require(text.data(using: charset == .utf16LittleEndian ? .utf16LittleEndian : .utf16BigEndian))
        let mark: [UInt8] = charset == .utf16LittleEndian ? [0xFF, 0xFE] : [0xFE, 0xFF]
        let bytes = mark + Array(encoded)
        let content = BodyContent.detect(contentType: "text/plain", leading: Data(bytes), size: bytes.count)
        #expect(content.charset == charset)
        for blockSize in 1...bytes.count {
            #expect(try converted(bytes, content.charset, skipping: content.byteOrderMarkLength, blockSize: blockSize) == text, "block size \(blockSize)")
        }
    }

    @Test func unpairedSurrogatesAndAnOddLastByteBecomeReplacementCharacters() throws {
        func units(_ values: [UInt16]) -> [UInt8] { values.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] } }
        // A high surrogate before a letter, a lone low surrogate, two highs in a row, a high at the end.
        let bytes = units([0xD83D, 0x0041, 0xDC00, 0x0042, 0xD800, 0xD83D, 0xDE00, 0xD800])
        for blockSize in [1, 2, 3, 16] {
            #expect(try converted(bytes, .utf16LittleEndian, blockSize: blockSize) == "\u{FFFD}A\u{FFFD}B\u{FFFD}😀\u{FFFD}")
            #expect(try converted(units([0x0041]) + [0x42], .utf16LittleEndian, blockSize: blockSize) == "A\u{FFFD}")
        }
    }

    @Test func utf8IsLeftAloneUnlessItHasAMark() throws {
        let bytes = BodyBytes(Data("{}".utf8))
        #expect(try BodyTranscoding.utf8(bytes, from: .utf8) === bytes)
        let marked = try BodyTranscoding.utf8(BodyBytes(Data([0xEF, 0xBB, 0xBF] + Array("{}".utf8))), from: .utf8, skipping: 3)
        #expect(marked.read(0..<marked.count) == Data("{}".utf8))
    }

    @Test func aLargeBodyIsConvertedIntoAPrivateFileRemovedWithItsBytes() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        // 3 MiB of "é" in Latin-1, read from a file: 6 MiB of UTF-8, past the 4 MiB in memory.
        let count = 3 << 20
        let source = try folder.write(Data(repeating: 0xE9, count: count - 1) + [0x41], to: "source")
        var result: BodyBytes? = try BodyTranscoding.utf8(BodyBytes(file: source, count: count), from: .windows1252, directory: folder.url)
        #expect(result?.count == 2 * (count - 1) + 1)
        #expect(result?.read(0..<4) == Data("éé".utf8))
        #expect(result?.read(2 * (count - 1) - 2..<2 * (count - 1) + 1) == Data("éA".utf8))
        let spooled = folder.allFiles().filter { $0 != "source" }
        #expect(spooled.count == 1)
        let attributes = try FileManager.default.attributesOfItem(atPath: folder.path(try #require(spooled.first)).path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        result = nil
        #expect(folder.allFiles() == ["source"])
        // A small one stays in memory.
        let small = try BodyTranscoding.utf8(BodyBytes(Data(repeating: 0xE9, count: 1000)), from: .windows1252, directory: folder.url)
        #expect(small.count == 2000)
        #expect(folder.allFiles() == ["source"])
    }
}

@Suite("Form bodies")
struct FormBodyTests {
    @Test func fieldsAreDecodedOneALine() {
        #expect(FormBody.lines(Data("name=Ada+Lovelace&note=a%26b%3Dc&lang=caf%C3%A9&empty=&flag\n".utf8)) == [
            "name = Ada Lovelace", "note = a&b=c", "lang = café", "empty = ", "flag = ",
        ])
        #expect(FormBody.lines(Data("&&a=1&&".utf8)) == ["a = 1"])
        #expect(FormBody.lines(Data()) == [])
    }

    @Test func invalidEscapesAreShownAsWritten() {
        #expect(FormBody.lines(Data("a=100%&b=%zz&c=%C3&%=%".utf8)) == ["a = 100%", "b = %zz", "c = %C3", "% = %"])
    }

    @Test func aLineBreakInAValueStaysOnItsLine() {
        #expect(FormBody.lines(Data("x=one%0D%0Atwo%09three%1B&y=%C2%85".utf8)) == ["x = one\\r\\ntwo\\tthree\\u{1B}", "y = \\u{85}"])
    }
}

@Suite("The demo server's formats, as the viewer reads them")
struct DemoFormatsTests {
    private func fetch(_ path: String) async throws -> (BodyContent, BodyBytes) {
        let exchange = await TestServer.send(ResolvedRequest(method: .get, url: try await TestServer.url(path)))
        let body = try #require(exchange.body)
        #expect(exchange.response?.status == 200)
        let content = BodyContent.detect(contentType: exchange.response?.headers.first(named: "Content-Type"),
                                         leading: try body.leading(BodyContent.sampleSize), size: body.size)
        return (content, try BodyBytes(body))
    }

    private func text(_ content: BodyContent, _ bytes: BodyBytes) throws -> String {
        let converted = try BodyTranscoding.utf8(bytes, from: content.charset, skipping: content.byteOrderMarkLength)
        return String(decoding: converted.read(0..<converted.count), as: UTF8.self)
    }

    @Test func latin1() async throws {
        let (content, bytes) = try await fetch("/formats/latin1")
        #expect(content.kind == .text && content.charset == .windows1252)
        #expect(content.summary.hasPrefix("windows-1252 text, converted to UTF-8"))
        #expect(try text(content, bytes).hasPrefix("Café crème, naïve façade, Straße"))
    }

    @Test func utf16() async throws {
        let (content, bytes) = try await fetch("/formats/utf16")
        #expect(content.kind == .json && content.charset == .utf16BigEndian && content.byteOrderMarkLength == 2 && content.note == nil)
        let converted = try BodyTranscoding.utf8(bytes, from: content.charset, skipping: content.byteOrderMarkLength)
        let document = BodyDocument(bytes: converted, layout: .json(sequence: false))
        document.indexAll()
        #expect(document.problem == nil)
        let json = try #require(try JSONSerialization.jsonObject(with: converted.read(0..<converted.count)) as? [String: String])
        #expect(json["owl"] == "🦉" && json["greeting"] == "こんにちは")
    }

    @Test func png() async throws {
        let (content, _) = try await fetch("/formats/image.png")
        #expect(content.kind == .image(ImageInfo(format: .png, width: 32, height: 16)))
        #expect(content.summary.hasPrefix("PNG image, 32 × 16, "))
    }

    @Test func binary() async throws {
        let (content, bytes) = try await fetch("/formats/binary")
        #expect(content.kind == .binary)
        #expect(content.summary == "binary, 4.0 KiB (application/octet-stream)")
        #expect(bytes.read(250..<260) == Data([250, 251, 252, 253, 254, 255, 0, 1, 2, 3]))
    }

    @Test func ndjson() async throws {
        let (content, bytes) = try await fetch("/formats/ndjson")
        #expect(content.kind == .jsonLines)
        // Sniffed without its type too.
        #expect(BodyContent.detect(contentType: nil, leading: bytes.read(0..<bytes.count), size: bytes.count).kind == .jsonLines)
        let document = BodyDocument(bytes: bytes, layout: .json(sequence: true))
        document.indexAll()
        #expect(document.problem == nil)
    }

    @Test func form() async throws {
        let (content, bytes) = try await fetch("/formats/form")
        #expect(content.kind == .form)
        #expect(FormBody.lines(bytes.read(0..<bytes.count)) == ["name = Ada Lovelace", "city = London", "note = a&b=c", "lang = café", "empty = "])
    }
}
