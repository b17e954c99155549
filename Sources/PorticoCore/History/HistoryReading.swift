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
        var candidates = Set<String>()
        var warnings: [String] = []
        try forEachSegmentNewestFirst { segment, bytes in
            Self.lines(in: bytes).forEach { range in
                let line = UnsafeRawBufferPointer(rebasing: bytes[range])
                guard let id = HistoryLine.id(of: line), id.hasPrefix(wanted), !candidates.contains(String(id)) else { return }
                switch HistoryLine.decode(line) {
                case .success(let record):
                    candidates.insert(record.id)
                    found.append(record)
                case .failure:
                    warnings.append("\(segment.lastPathComponent): a damaged record was skipped")
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
            var lowered: [UInt8] = []
            if needles.lowered != nil { lowered = bytes.map(HistoryFilter.asciiLower) }
            let allLines = Self.lines(in: bytes)
            if let last = allLines.last, last.upperBound == bytes.count, bytes.last != UInt8(ascii: "\n") {
                collected.append("\(segment.path): the last record is incomplete (an interrupted write) and was skipped")
            }
            for (index, range) in allLines.enumerated().reversed() {
                if range.upperBound == bytes.count, bytes.last != UInt8(ascii: "\n") { continue }
                if let exact = needles.exact, !Self.contains(bytes, range, exact) { continue }
                if let text = needles.lowered, !Self.contains(lowered, range, text) { continue }
                switch HistoryLine.decode(UnsafeRawBufferPointer(rebasing: bytes[range])) {
                case .success(let record):
                    if !visit(record) { return false }
                case .failure(let damage):
                    let reason = damage == .checksum ? "its checksum does not match" : "it is not a valid record"
                    collected.append("\(segment.path):\(index + 1): a damaged record was skipped (\(reason))")
                }
            }
            return true
        }
        warnings += collected
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
    static func lines(in bytes: UnsafeRawBufferPointer) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        guard let base = bytes.baseAddress else { return ranges }
        var start = 0
        while start < bytes.count {
            if let found = memchr(base + start, 0x0A, bytes.count - start) {
                let end = base.distance(to: UnsafeRawPointer(found))
                if end > start { ranges.append(start..<end) }
                start = end + 1
            } else {
                ranges.append(start..<bytes.count)
                break
            }
        }
        return ranges
    }

    private static func contains(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>, _ needle: [UInt8]) -> Bool {
        ByteSearch.find(needle, in: bytes.baseAddress! + range.lowerBound, count: range.count) != nil
    }

    private static func contains(_ bytes: [UInt8], _ range: Range<Int>, _ needle: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { contains($0, range, needle) }
    }
}
