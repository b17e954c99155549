import Foundation

/// What image a body is and its size in pixels, read from the header alone: the viewer can say
/// "PNG image, 640 × 480" without decoding a pixel. Every read is bounds-checked, so a cut-off or
/// hostile header (huge lengths, zero sizes, loops) gives an image without dimensions, never a trap.
public struct ImageInfo: Hashable, Sendable {
    public enum Format: String, Hashable, Sendable {
        case png = "PNG", gif = "GIF", jpeg = "JPEG", webp = "WebP", bmp = "BMP", ico = "ICO", svg = "SVG"
    }

    public var format: Format
    /// Pixels across and down; nil when the header is cut off or broken, or does not say (an SVG
    /// without plain `width` and `height`).
    public var width: Int?
    public var height: Int?

    public init(format: Format, width: Int? = nil, height: Int? = nil) {
        self.format = format
        self.width = width
        self.height = height
    }

    /// "PNG image, 640 × 480", or "SVG image" when the size is unknown.
    public var description: String {
        guard let width, let height else { return "\(format.rawValue) image" }
        return "\(format.rawValue) image, \(width) × \(height)"
    }

    /// The image that `bytes` (the start of a body) begin, or nil when they begin none that
    /// Portico knows. A raster format is known by its signature; SVG only by its root element.
    public static func read(_ bytes: Data) -> ImageInfo? {
        let header = HeaderBytes(Array(bytes.prefix(1 << 16)))
        return png(header) ?? gif(header) ?? jpeg(header) ?? webp(header) ?? bmp(header) ?? ico(header) ?? svg(bytes.prefix(1 << 16))
    }

    /// Both sizes when both are real (above zero and within what any format allows), else neither.
    private static func sized(_ format: Format, _ width: Int?, _ height: Int?) -> ImageInfo {
        guard let width, let height, (1...Int(Int32.max)).contains(width), (1...Int(Int32.max)).contains(height) else {
            return ImageInfo(format: format)
        }
        return ImageInfo(format: format, width: width, height: height)
    }

    private static func png(_ header: HeaderBytes) -> ImageInfo? {
        guard header.matches(0, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) else { return nil }
        // The first chunk must be IHDR: width and height, four bytes each, big-endian.
        guard header.matches(12, Array("IHDR".utf8)) else { return ImageInfo(format: .png) }
        return sized(.png, header.uint32BE(16), header.uint32BE(20))
    }

    private static func gif(_ header: HeaderBytes) -> ImageInfo? {
        guard header.matches(0, Array("GIF87a".utf8)) || header.matches(0, Array("GIF89a".utf8)) else { return nil }
        return sized(.gif, header.uint16LE(6), header.uint16LE(8))
    }

    /// Walks the segments to the first start-of-frame (SOF0 to SOF15 but DHT, JPG and DAC), which
    /// holds the size; stops at the scan or the end, since a frame header comes before both.
    private static func jpeg(_ header: HeaderBytes) -> ImageInfo? {
        guard header.matches(0, [0xFF, 0xD8, 0xFF]) else { return nil }
        var position = 2
        while header.byte(position) == 0xFF {
            // Any number of 0xFF fill bytes may come before a marker.
            while header.byte(position) == 0xFF { position += 1 }
            guard let marker = header.byte(position) else { break }
            position += 1
            switch marker {
            case 0x01, 0xD0...0xD8: continue
            case 0x00, 0xD9, 0xDA: return ImageInfo(format: .jpeg)
            default: break
            }
            guard let length = header.uint16BE(position), length >= 2 else { break }
            if (0xC0...0xCF).contains(marker), ![0xC4, 0xC8, 0xCC].contains(marker) {
                return sized(.jpeg, header.uint16BE(position + 5), header.uint16BE(position + 3))
            }
            position += length
        }
        return ImageInfo(format: .jpeg)
    }

    private static func webp(_ header: HeaderBytes) -> ImageInfo? {
        guard header.matches(0, Array("RIFF".utf8)), header.matches(8, Array("WEBP".utf8)) else { return nil }
        if header.matches(12, Array("VP8 ".utf8)) {
            // A lossy key frame: a 3-byte frame tag, the start code, then 14-bit sizes.
            guard header.matches(23, [0x9D, 0x01, 0x2A]) else { return ImageInfo(format: .webp) }
            return sized(.webp, header.uint16LE(26).map { $0 & 0x3FFF }, header.uint16LE(28).map { $0 & 0x3FFF })
        }
        if header.matches(12, Array("VP8L".utf8)) {
            // Lossless: a signature byte, then width - 1 and height - 1 in 14 bits each.
            guard header.byte(20) == 0x2F, let bits = header.uint32LE(21) else { return ImageInfo(format: .webp) }
            return sized(.webp, (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1)
        }
        if header.matches(12, Array("VP8X".utf8)) {
            // Extended: flags and reserved bytes, then canvas width - 1 and height - 1 in 24 bits.
            return sized(.webp, header.uint24LE(24).map { $0 + 1 }, header.uint24LE(27).map { $0 + 1 })
        }
        return ImageInfo(format: .webp)
    }

    /// "BM" alone is two letters a text may start with: the info header's size must be one of
    /// the known ones too.
    private static func bmp(_ header: HeaderBytes) -> ImageInfo? {
        guard header.matches(0, Array("BM".utf8)), let infoSize = header.uint32LE(14) else { return nil }
        if infoSize == 12 { return sized(.bmp, header.uint16LE(18), header.uint16LE(20)) }
        guard [40, 52, 56, 64, 108, 124].contains(infoSize) else { return nil }
        // Signed: a negative height is an image stored top row first.
        let height = header.uint32LE(22).map { Int(Int32(truncatingIfNeeded: $0).magnitude) }
        return sized(.bmp, header.uint32LE(18).map { Int(Int32(truncatingIfNeeded: $0)) }, height)
    }

    /// An icon file holds several images; the largest whose directory entry is at hand is named.
    private static func ico(_ header: HeaderBytes) -> ImageInfo? {
        guard header.matches(0, [0x00, 0x00, 0x01, 0x00]), let count = header.uint16LE(4), count > 0,
              header.byte(6 + 3) == 0 else { return nil }
        var largest: (width: Int, height: Int)?
        for entry in 0..<count {
            let at = 6 + entry * 16
            // A size byte of 0 means 256.
            guard let width = header.byte(at), let height = header.byte(at + 1), header.byte(at + 3) == 0 else { break }
            let size = (width == 0 ? 256 : Int(width), height == 0 ? 256 : Int(height))
            if largest.map({ size.0 * size.1 > $0.width * $0.height }) ?? true { largest = size }
        }
        return sized(.ico, largest?.width, largest?.height)
    }

    /// An XML document whose root element is `svg`; its size only from plain `width` and
    /// `height` attributes (a number, or pixels), since other units depend on where it is shown.
    private static func svg(_ bytes: Data) -> ImageInfo? {
        var text = Substring(String(decoding: bytes, as: UTF8.self))
        if text.first == "\u{FEFF}" { text = text.dropFirst() }
        // Skip the prolog: the declaration, comments, processing instructions and a doctype.
        while true {
            text = text.drop { $0.isWhitespace }
            if text.hasPrefix("<?") {
                guard let end = text.range(of: "?>") else { return nil }
                text = text[end.upperBound...]
            } else if text.hasPrefix("<!--") {
                guard let end = text.range(of: "-->") else { return nil }
                text = text[end.upperBound...]
            } else if text.hasPrefix("<!") {
                guard let end = text.firstIndex(of: ">") else { return nil }
                text = text[text.index(after: end)...]
            } else {
                break
            }
        }
        guard text.hasPrefix("<") else { return nil }
        let name = text.dropFirst().prefix { !$0.isWhitespace && $0 != ">" && $0 != "/" }
        guard name == "svg" || name.hasSuffix(":svg"), let end = text.firstIndex(of: ">") else { return nil }
        let attributes = text[name.endIndex..<end]
        func size(_ attribute: String) -> Int? {
            guard let value = attributeValue(attribute, in: attributes) else { return nil }
            let number = value.hasSuffix("px") ? value.dropLast(2) : Substring(value)
            guard let pixels = Double(number.trimmingCharacters(in: .whitespaces)), pixels.isFinite, pixels >= 1, pixels <= Double(Int32.max) else { return nil }
            return Int(pixels.rounded())
        }
        return sized(.svg, size("width"), size("height"))
    }

    /// The value of attribute `name` (unprefixed) in a start tag's attribute text.
    private static func attributeValue(_ name: String, in attributes: Substring) -> String? {
        var rest = attributes
        while let equals = rest.firstIndex(of: "=") {
            let key = rest[..<equals].split(whereSeparator: \.isWhitespace).last ?? ""
            let afterEquals = rest[rest.index(after: equals)...].drop { $0.isWhitespace }
            guard let quote = afterEquals.first, quote == "\"" || quote == "'" else { return nil }
            let valueStart = afterEquals.index(after: afterEquals.startIndex)
            guard let valueEnd = afterEquals[valueStart...].firstIndex(of: quote) else { return nil }
            if key == name { return String(afterEquals[valueStart..<valueEnd]) }
            rest = afterEquals[afterEquals.index(after: valueEnd)...]
        }
        return nil
    }
}

/// The first bytes of a body with reads that give nil past the end rather than trapping.
private struct HeaderBytes {
    let bytes: [UInt8]

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    func byte(_ at: Int) -> UInt8? {
        at >= 0 && at < bytes.count ? bytes[at] : nil
    }

    func matches(_ at: Int, _ expected: [UInt8]) -> Bool {
        at >= 0 && at + expected.count <= bytes.count && bytes[at..<at + expected.count].elementsEqual(expected)
    }

    private func value(_ at: Int, count: Int, bigEndian: Bool) -> Int? {
        guard at >= 0, at + count <= bytes.count else { return nil }
        let slice = bytes[at..<at + count]
        return (bigEndian ? Array(slice) : slice.reversed()).reduce(0) { $0 << 8 | Int($1) }
    }

    func uint16BE(_ at: Int) -> Int? { value(at, count: 2, bigEndian: true) }
    func uint32BE(_ at: Int) -> Int? { value(at, count: 4, bigEndian: true) }
    func uint16LE(_ at: Int) -> Int? { value(at, count: 2, bigEndian: false) }
    func uint24LE(_ at: Int) -> Int? { value(at, count: 3, bigEndian: false) }
    func uint32LE(_ at: Int) -> Int? { value(at, count: 4, bigEndian: false) }
}
