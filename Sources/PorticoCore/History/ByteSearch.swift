import Foundation

/// Finds bytes in bytes, for scanning history segments without decoding them. (glibc's memmem is a
/// GNU extension Swift does not import.) memchr finds candidates for the first byte, memcmp checks them.
enum ByteSearch {
    /// The offset of the first occurrence of `needle` in `count` bytes at `base`.
    static func find(_ needle: UnsafeRawBufferPointer, in base: UnsafeRawPointer, count: Int) -> Int? {
        guard let first = needle.first, let needleBase = needle.baseAddress else { return 0 }
        guard count >= needle.count else { return nil }
        let lastStart = count - needle.count
        var offset = 0
        while offset <= lastStart {
            guard let hit = memchr(base + offset, Int32(first), lastStart - offset + 1) else { return nil }
            let position = base.distance(to: UnsafeRawPointer(hit))
            if memcmp(base + position, needleBase, needle.count) == 0 { return position }
            offset = position + 1
        }
        return nil
    }

    static func find(_ needle: [UInt8], in base: UnsafeRawPointer, count: Int) -> Int? {
        needle.withUnsafeBytes { find($0, in: base, count: count) }
    }
}
