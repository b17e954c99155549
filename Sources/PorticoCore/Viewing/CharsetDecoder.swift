/// Converts bytes in one charset to UTF-8 a block at a time, carrying what a block boundary cuts
/// (half a UTF-16 code unit, the first half of a surrogate pair) over to the next block, so any
/// split gives the same text as converting the whole. What cannot be decoded (an unpaired
/// surrogate, an odd last byte) becomes U+FFFD. UTF-8 passes through as it is: the viewer decodes
/// it leniently and shows U+FFFD for invalid bytes itself.
public struct CharsetDecoder: Sendable {
    public let charset: BodyCharset
    private var pendingByte: UInt8?
    private var pendingHighSurrogate: UInt16?

    public init(_ charset: BodyCharset) {
        self.charset = charset
    }

    /// Appends the UTF-8 of `bytes`, which follow those decoded before, to `output`.
    public mutating func decode(_ bytes: UnsafeRawBufferPointer, into output: inout [UInt8]) {
        switch charset {
        case .utf8:
            output.append(contentsOf: bytes)
        case .windows1252:
            output.reserveCapacity(output.count + bytes.count * 2)
            for byte in bytes {
                Self.append((0x80...0x9F).contains(byte) ? Self.windows1252High[Int(byte) - 0x80] : UInt32(byte), to: &output)
            }
        case .utf16LittleEndian, .utf16BigEndian:
            output.reserveCapacity(output.count + bytes.count * 3 / 2 + 4)
            let bigEndian = charset == .utf16BigEndian
            var position = 0
            if let first = pendingByte, !bytes.isEmpty {
                pendingByte = nil
                take(Self.unit(first, bytes[0], bigEndian: bigEndian), into: &output)
                position = 1
            }
            while position + 1 < bytes.count {
                take(Self.unit(bytes[position], bytes[position + 1], bigEndian: bigEndian), into: &output)
                position += 2
            }
            if position < bytes.count { pendingByte = bytes[position] }
        }
    }

    /// Appends what is left once the last block was decoded: U+FFFD for a cut-off character.
    public mutating func finish(into output: inout [UInt8]) {
        if pendingHighSurrogate != nil { Self.append(0xFFFD, to: &output) }
        if pendingByte != nil { Self.append(0xFFFD, to: &output) }
        pendingHighSurrogate = nil
        pendingByte = nil
    }

    private static func unit(_ first: UInt8, _ second: UInt8, bigEndian: Bool) -> UInt16 {
        bigEndian ? UInt16(first) << 8 | UInt16(second) : UInt16(second) << 8 | UInt16(first)
    }

    private mutating func take(_ unit: UInt16, into output: inout [UInt8]) {
        if let high = pendingHighSurrogate {
            pendingHighSurrogate = nil
            if (0xDC00...0xDFFF).contains(unit) {
                Self.append(0x10000 + (UInt32(high - 0xD800) << 10) + UInt32(unit - 0xDC00), to: &output)
                return
            }
            Self.append(0xFFFD, to: &output)
        }
        switch unit {
        case 0xD800...0xDBFF: pendingHighSurrogate = unit
        case 0xDC00...0xDFFF: Self.append(0xFFFD, to: &output)
        default: Self.append(UInt32(unit), to: &output)
        }
    }

    private static func append(_ scalar: UInt32, to output: inout [UInt8]) {
        switch scalar {
        case ..<0x80:
            output.append(UInt8(scalar))
        case ..<0x800:
            output.append(0xC0 | UInt8(scalar >> 6))
            output.append(0x80 | UInt8(scalar & 0x3F))
        case ..<0x10000:
            output.append(0xE0 | UInt8(scalar >> 12))
            output.append(0x80 | UInt8(scalar >> 6 & 0x3F))
            output.append(0x80 | UInt8(scalar & 0x3F))
        default:
            output.append(0xF0 | UInt8(scalar >> 18))
            output.append(0x80 | UInt8(scalar >> 12 & 0x3F))
            output.append(0x80 | UInt8(scalar >> 6 & 0x3F))
            output.append(0x80 | UInt8(scalar & 0x3F))
        }
    }

    /// windows-1252's 0x80 to 0x9F, as the WHATWG Encoding Standard maps them: the five bytes it
    /// leaves undefined keep their Latin-1 meaning (C1 controls), as browsers decode them.
    private static let windows1252High: [UInt32] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]
}
