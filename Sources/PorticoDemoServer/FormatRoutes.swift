import CompressNIO
import Foundation
import Hummingbird
import NIOCore
import PorticoCore

/// Bodies in the formats and charsets the viewer tells apart: Latin-1 and UTF-16 text, a PNG,
/// raw bytes, JSON Lines and form data.
enum FormatRoutes {
    static let latin1Text = "Café crème, naïve façade, Straße, Ærøskøbing: £5, ½ price, © 2024, «guillemets».\n"
    static let utf16JSON = "{\n  \"greeting\": \"こんにちは\",\n  \"owl\": \"🦉\",\n  \"city\": \"Zürich\"\n}\n"
    static let pngSize = (width: 32, height: 16)
    static let binaryCount = 4096
    static let records = [
        #"{"id":1,"event":"signup","user":"ada","at":"2024-05-01T09:00:00Z"}"#,
        #"{"id":2,"event":"login","user":"ada","at":"2024-05-01T09:00:05Z"}"#,
        #"{"id":3,"event":"upload","user":"ada","at":"2024-05-01T09:01:12Z","bytes":18432}"#,
        #"{"id":4,"event":"logout","user":"ada","at":"2024-05-01T09:30:00Z"}"#,
    ]
    static let formFields = [("name", "Ada Lovelace"), ("city", "London"), ("note", "a&b=c"), ("lang", "café"), ("empty", "")]

    static func register(on router: Router<BasicRequestContext>) {
        router.get("/formats/latin1") { _, _ in
            // Every character of the text is in Latin-1, so the conversion cannot fail.
            let bytes = latin1Text.data(using: .isoLatin1) ?? Data()
            return response("text/plain; charset=ISO-8859-1", bytes)
        }
        router.get("/formats/utf16") { _, _ in
            // A byte order mark, then big-endian code units: the owl is a surrogate pair.
            response("application/json; charset=utf-16", Data([0xFE, 0xFF]) + (utf16JSON.data(using: .utf16BigEndian) ?? Data()))
        }
        router.get("/formats/image.png") { _, _ in
            response("image/png", try png())
        }
        router.get("/formats/binary") { _, _ in
            response("application/octet-stream", Data((0..<binaryCount).map { UInt8(truncatingIfNeeded: $0) }))
        }
        router.get("/formats/ndjson") { _, _ in
            response("application/x-ndjson", Data(records.map { $0 + "\n" }.joined().utf8))
        }
        router.get("/formats/form") { _, _ in
            let text = formFields.map { "\(FormURLEncoding.encode($0.0))=\(FormURLEncoding.encode($0.1))" }.joined(separator: "&")
            return response("application/x-www-form-urlencoded", Data(text.utf8))
        }
    }

    private static func response(_ contentType: String, _ body: Data) -> Response {
        Response(status: .ok, headers: [.contentType: contentType], body: ResponseBody(byteBuffer: ByteBuffer(data: body)))
    }

    /// A real PNG drawn here: an 8-bit RGB gradient, each row led by filter byte 0 (none), the
    /// rows zlib-compressed into one IDAT chunk.
    static func png() throws -> Data {
        var rows: [UInt8] = []
        for y in 0..<pngSize.height {
            rows.append(0)
            for x in 0..<pngSize.width {
                rows += [UInt8(x * 255 / (pngSize.width - 1)), UInt8(y * 255 / (pngSize.height - 1)), 160]
            }
        }
        var raw = ByteBuffer(bytes: rows)
        let compressed = try raw.compress(with: .zlib())
        var header = Data()
        for value in [UInt32(pngSize.width), UInt32(pngSize.height)] { header += bigEndian(value) }
        // Bit depth 8, colour type 2 (RGB), deflate, adaptive filtering, no interlace.
        header += [8, 2, 0, 0, 0]
        return Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
            + chunk("IHDR", header) + chunk("IDAT", Data(compressed.readableBytesView)) + chunk("IEND", Data())
    }

    /// Length, type, data, and the CRC-32 of type and data.
    private static func chunk(_ type: String, _ data: Data) -> Data {
        let typed = Data(type.utf8) + data
        return bigEndian(UInt32(data.count)) + typed + bigEndian(CRC32.checksum(typed))
    }

    private static func bigEndian(_ value: UInt32) -> Data {
        withUnsafeBytes(of: value.bigEndian) { Data($0) }
    }
}
