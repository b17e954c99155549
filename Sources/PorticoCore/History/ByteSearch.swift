import Foundation

/// Finds a byte string in a segment without decoding it: Boyer–Moore–Horspool, optionally ignoring
/// ASCII case, so a search reads each segment once and skips ahead by up to the needle's length.
/// (glibc's memmem is a GNU extension Swift does not import, and has no case-insensitive form.)
struct ByteSearch: Sendable {
    private let needle: [UInt8]
    private let ignoresCase: Bool
    private let skip: [Int]

    init(_ text: String, ignoringCase: Bool) {
        self.init(Array(text.utf8), ignoringCase: ignoringCase)
    }

    init(_ bytes: [UInt8], ignoringCase: Bool) {
        ignoresCase = ignoringCase
        needle = ignoringCase ? bytes.map(Self.lower) : bytes
        var skip = [Int](repeating: max(1, needle.count), count: 256)
        for index in 0..<max(0, needle.count - 1) {
            let byte = needle[index]
            let distance = needle.count - 1 - index
            skip[Int(byte)] = distance
            if ignoringCase, byte >= 97, byte <= 122 { skip[Int(byte - 32)] = distance }
        }
        self.skip = skip
    }

    static func lower(_ byte: UInt8) -> UInt8 { byte >= 65 && byte <= 90 ? byte + 32 : byte }

    /// The offset of the first occurrence in `bytes[range]`.
    func find(in bytes: UnsafeRawBufferPointer, range: Range<Int>) -> Int? {
        let count = needle.count
        guard count > 0 else { return range.lowerBound }
        guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return nil }
        return needle.withUnsafeBufferPointer { needle in
            skip.withUnsafeBufferPointer { skip in
                var position = range.lowerBound
                let last = count - 1
                while position + count <= range.upperBound {
                    var index = last
                    while true {
                        let byte = ignoresCase ? Self.lower(base[position + index]) : base[position + index]
                        guard byte == needle[index] else { break }
                        if index == 0 { return position }
                        index -= 1
                    }
                    position += skip[Int(base[position + last])]
                }
                return nil
            }
        }
    }

    func contains(_ bytes: UnsafeRawBufferPointer, range: Range<Int>) -> Bool {
        find(in: bytes, range: range) != nil
    }
}
