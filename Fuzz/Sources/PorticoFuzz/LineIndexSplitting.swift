@testable import PorticoCore

/// A line indexer fed the same bytes in blocks of different sizes must find the same lines.
enum LineIndexSplitting {
    /// Each line's start, depth and flags as `indexer` finds them in `bytes` fed `blockSize` at a
    /// time, or where it gave up.
    static func starts(_ bytes: [UInt8], blockSize: Int, _ indexer: some LineIndexing) -> [Int] {
        var indexer = indexer
        var index = LineIndex()
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + blockSize)
            // Each block in an array of its own, so that AddressSanitizer catches a read past its end.
            let consumed = Array(bytes[start..<end]).withUnsafeBytes { block in
                Result { () throws(NotThisFormat) in try indexer.consume(block, at: start, into: &index) }
            }
            if case .failure(let problem) = consumed { return [-1, problem.offset] }
            start = end
        }
        do throws(NotThisFormat) {
            try indexer.finish(at: bytes.count, into: &index)
        } catch {
            return [-1, error.offset]
        }
        return (0..<index.count).flatMap { [index.offset(of: $0), index.depth(of: $0), Int(index.flags(of: $0).rawValue)] }
    }
}
