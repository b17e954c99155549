import Foundation

/// CRC-32 as zlib and IEEE 802.3 compute it (reflected polynomial 0xEDB88320), so a record's
/// checksum can be checked by any tool; table-driven because history checks one per line. Public
/// for the demo server, which writes the PNG chunks it serves with it.
public enum CRC32 {
    private static let table: [UInt32] = (0..<256).map { index in
        var value = UInt32(index)
        for _ in 0..<8 { value = value & 1 == 1 ? (value >> 1) ^ 0xEDB8_8320 : value >> 1 }
        return value
    }

    static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        continuing(0, bytes)
    }

    /// The checksum of the bytes already summed into `previous` followed by `bytes`.
    static func continuing(_ previous: UInt32, _ bytes: UnsafeRawBufferPointer) -> UInt32 {
        var crc = previous ^ 0xFFFF_FFFF
        table.withUnsafeBufferPointer { table in
            for byte in bytes { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        }
        return crc ^ 0xFFFF_FFFF
    }

    public static func checksum(_ data: Data) -> UInt32 {
        data.withUnsafeBytes { checksum($0) }
    }
}
