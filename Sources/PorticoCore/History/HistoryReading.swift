import Foundation

/// Records newest first, with what was skipped and why.
public struct HistoryListing: Sendable {
    public var records: [HistoryRecord]
    /// Damaged or torn lines that were skipped (file and line number).
    public var warnings: [String]
}

extension HistoryStore {
    /// The newest records matching `filter`, newest first; reads segments from the newest and
    /// stops at `limit`, decoding only lines that can match.
    public func list(_ filter: HistoryFilter = HistoryFilter(), limit: Int? = nil) throws(PorticoError) -> HistoryListing {
        var listing = HistoryListing(records: [], warnings: [])
        if let limit, limit <= 0 { return listing }
        try forEachLineNewestFirst(filter: filter, warnings: &listing.warnings) { record in
            guard filter.matches(record) else { return true }
            listing.records.append(record)
            return limit.map { listing.records.count < $0 } ?? true
        }
        return listing
    }

    /// The record whose id is `prefix` or starts with it; an error when none or several do.
    public func record(id prefix: String) throws(PorticoError) -> HistoryRecord {
        let wanted = prefix.lowercased()
        guard !wanted.isEmpty, wanted.allSatisfy({ $0.isHexDigit }), wanted.count <= 16 else {
            throw .input("'\(prefix)' is not a history id (hex digits, as `portico history list` shows)")
        }
        var found: [HistoryRecord] = []
        var warnings: [String] = []
        // The id sits right after the checksum, so this needle matches nowhere else in a line.
        let needle = ByteSearch(#"","id":"\#(wanted)"#, ignoringCase: false)
        try forEachSegmentNewestFirst { segment, bytes in
            for range in Self.candidateLines(in: bytes, needles: [needle]) where !found.contains(where: { HistoryLine.id(of: UnsafeRawBufferPointer(rebasing: bytes[range])) == Substring($0.id) }) {
                switch HistoryLine.decode(UnsafeRawBufferPointer(rebasing: bytes[range])) {
                case .success(let record): found.append(record)
                case .failure: warnings.append("\(segment.lastPathComponent): a damaged record was skipped")
                }
            }
            return true
        }
        if found.isEmpty { throw .input("no history entry has an id starting with '\(prefix)'") }
        if found.count > 1 {
            throw .input("'\(prefix)' is ambiguous: it starts \(found.prefix(5).map { String($0.id.prefix(wanted.count + 2)) }.joined(separator: ", "))\(found.count > 5 ? ", …" : ""); give more digits")
        }
        return found[0]
    }

    /// Calls `visit` with each decodable record that may match `filter`, newest first, until it returns false.
    func forEachLineNewestFirst(filter: HistoryFilter, warnings: inout [String], _ visit: (HistoryRecord) -> Bool) throws(PorticoError) {
        let needles = filter.lineNeedles
        var collected: [String] = []
        try forEachSegmentNewestFirst { segment, bytes in
            // A last line without its newline is a torn write: never decoded.
            let complete = bytes.last == UInt8(ascii: "\n") ? bytes.count : (Self.lastNewline(in: bytes).map { $0 + 1 } ?? 0)
            if complete < bytes.count {
                collected.append("\(segment.path): the last record is incomplete (an interrupted write) and was skipped")
            }
            let ranges = needles.isEmpty ? Self.lines(in: bytes, upTo: complete) : Self.candidateLines(in: bytes, needles: needles, upTo: complete)
            // Decoding is most of a search's time when many lines match: lines are decoded a batch at
            // a time on every core, then visited in order, so a listing that stops early decodes little more.
            let newestFirst = Array(ranges.reversed())
            var batchSize = 16
            var start = 0
            while start < newestFirst.count {
                let batch = newestFirst[start..<min(start + batchSize, newestFirst.count)]
                for decoded in Self.decode(batch, in: bytes) {
                    switch decoded {
                    case .success(let record):
                        if !visit(record) { return false }
                    case .failure(let damage):
                        let reason = switch damage {
                        case .checksum: "its checksum does not match"
                        case .json(let problem): "it is not a valid record: \(problem)"
                        }
                        collected.append("\(segment.path): a damaged record was skipped (\(reason))")
                    }
                }
                start += batch.count
                batchSize = min(batchSize * 4, 1024)
            }
            return true
        }
        warnings += collected
    }

    /// Decodes lines in parallel, results in the order of `ranges`.
    private static func decode(_ ranges: ArraySlice<Range<Int>>, in bytes: UnsafeRawBufferPointer) -> [Result<HistoryRecord, HistoryLine.Damage>] {
        let lines = Array(ranges)
        guard lines.count > 4 else { return lines.map { HistoryLine.decode(UnsafeRawBufferPointer(rebasing: bytes[$0])) } }
        let results = UnsafeMutableBufferPointer<Result<HistoryRecord, HistoryLine.Damage>?>.allocate(capacity: lines.count)
        results.initialize(repeating: nil)
        defer { results.deallocate() }
        // Each iteration writes only its own slot; the segment's bytes outlive the call.
        nonisolated(unsafe) let slots = results
        nonisolated(unsafe) let segment = bytes
        DispatchQueue.concurrentPerform(iterations: lines.count) { index in
            slots[index] = HistoryLine.decode(UnsafeRawBufferPointer(rebasing: segment[lines[index]]))
        }
        return results.map { $0! }
    }

    /// The lines holding every needle, found by searching the segment for the first needle and
    /// checking the others within each line it hits.
    static func candidateLines(in bytes: UnsafeRawBufferPointer, needles: [ByteSearch], upTo end: Int? = nil) -> [Range<Int>] {
        let end = end ?? bytes.count
        guard let first = needles.first, let base = bytes.baseAddress else { return [] }
        var ranges: [Range<Int>] = []
        var from = 0
        while from < end, let hit = first.find(in: bytes, range: from..<end) {
            var start = hit
            while start > 0, bytes[start - 1] != UInt8(ascii: "\n") { start -= 1 }
            let stop = memchr(base + hit, 0x0A, end - hit).map { base.distance(to: UnsafeRawPointer($0)) } ?? end
            let line = start..<stop
            if needles.dropFirst().allSatisfy({ $0.contains(bytes, range: line) }) { ranges.append(line) }
            from = stop + 1
        }
        return ranges
    }

    private static func lastNewline(in bytes: UnsafeRawBufferPointer) -> Int? {
        var index = bytes.count - 1
        while index >= 0 {
            if bytes[index] == UInt8(ascii: "\n") { return index }
            index -= 1
        }
        return nil
    }

    /// Reads each segment whole (they are small), newest first, until `visit` returns false.
    func forEachSegmentNewestFirst(_ visit: (URL, UnsafeRawBufferPointer) throws(PorticoError) -> Bool) throws(PorticoError) {
        for segment in try segmentFiles().reversed() {
            let data: Data
            do { data = try Data(contentsOf: segment) } catch {
                // Pruning may have removed it since it was listed.
                if !FileManager.default.fileExists(atPath: segment.path) { continue }
                throw .input("cannot read \(segment.path): \(FileErrors.reason(error))")
            }
            let keepGoing = try data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> Result<Bool, PorticoError> in
                do throws(PorticoError) { return .success(try visit(segment, bytes)) } catch { return .failure(error) }
            }.get()
            if !keepGoing { return }
        }
    }

    /// The byte ranges of the lines of a segment, newlines excluded; a last line without its
    /// newline is included (callers decide what a torn line means).
    static func lines(in bytes: UnsafeRawBufferPointer, upTo end: Int? = nil) -> [Range<Int>] {
        let end = end ?? bytes.count
        var ranges: [Range<Int>] = []
        guard let base = bytes.baseAddress else { return ranges }
        var start = 0
        while start < end {
            if let found = memchr(base + start, 0x0A, end - start) {
                let stop = base.distance(to: UnsafeRawPointer(found))
                if stop > start { ranges.append(start..<stop) }
                start = stop + 1
            } else {
                ranges.append(start..<end)
                break
            }
        }
        return ranges
    }
}
