import PorticoCore

/// Feeds `bytes` to `indexer` `blockSize` bytes at a time, as a document feeds a body, and
/// finishes it: the index it made, or where the body stopped being its format.
func indexInBlocks<Indexer: LineIndexing>(_ indexer: Indexer, _ bytes: [UInt8], blockSize: Int) -> Result<LineIndex, NotThisFormat> {
    var indexer = indexer
    var index = LineIndex()
    var start = 0
    while start < bytes.count {
        let end = min(bytes.count, start + blockSize)
        // A copy of the block, so an indexer that reads past what it was given is caught.
        let consumed = Array(bytes[start..<end]).withUnsafeBytes { block in
            Result { () throws(NotThisFormat) in try indexer.consume(block, at: start, into: &index) }
        }
        if case .failure(let problem) = consumed { return .failure(problem) }
        start = end
    }
    do throws(NotThisFormat) {
        try indexer.finish(at: bytes.count, into: &index)
    } catch {
        return .failure(error)
    }
    return .success(index)
}
