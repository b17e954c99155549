import Foundation
@testable import PorticoCore
import PorticoDemoServer
import Testing

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
