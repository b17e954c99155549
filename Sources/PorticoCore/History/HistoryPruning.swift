import Foundation

/// What a prune removed.
public struct HistoryPruneResult: Sendable, Equatable {
    public var removedRecords: Int
    public var remainingRecords: Int
    public var removedBodies: Int
    public var freedBytes: Int
}

extension HistoryStore {
    /// Removes the oldest records until `retention` holds, then the body files no record uses.
    public func prune(_ retention: HistoryRetention, now: Date = Date()) throws(PorticoError) -> HistoryPruneResult {
        guard FileManager.default.fileExists(atPath: recordsFolder.path) else {
            return HistoryPruneResult(removedRecords: 0, remainingRecords: 0, removedBodies: 0, freedBytes: 0)
        }
        try prepareFolders()
        return try withWriteLock { () throws(PorticoError) -> HistoryPruneResult in try pruneLocked(retention, now: now) }
    }

    /// A line as pruning sees it: enough to decide without decoding the record.
    private struct LineSummary {
        var range: Range<Int>
        var time: Date?
        var bodies: [String]
    }

    /// The caller holds the write lock. Retention keeps the newest records, so what goes is
    /// always the oldest part: whole segments, and the older lines of one segment.
    func pruneLocked(_ retention: HistoryRetention, now: Date = Date()) throws(PorticoError) -> HistoryPruneResult {
        let segments = try segmentFiles()
        let cutoff = retention.olderThan.map { now.addingTimeInterval(-$0) }
        var kept = 0
        var keptSize = 0
        var removed = 0
        var freed = 0
        var stillKeeping = true
        var referenced = Set<String>()
        var countedBodies = Set<String>()
        for segment in segments.reversed() {
            let data: Data
            do { data = try Data(contentsOf: segment) } catch {
                throw .input("cannot read \(segment.path): \(FileErrors.reason(error))")
            }
            let summaries = data.withUnsafeBytes { bytes in
                Self.lines(in: bytes).map { range in
                    let line = UnsafeRawBufferPointer(rebasing: bytes[range])
                    return LineSummary(range: range, time: HistoryLine.time(of: line), bodies: HistoryLine.bodyDigests(in: line))
                }
            }
            // The index of the oldest line kept in this segment.
            var firstKept = summaries.count
            for (index, summary) in summaries.enumerated().reversed() where stillKeeping {
                var size = summary.range.count + 1
                for digest in summary.bodies where !countedBodies.contains(digest) {
                    size += bodyFileSize(digest)
                }
                let tooMany = retention.keep.map { kept >= $0 } ?? false
                let tooOld = cutoff.map { cutoff in summary.time.map { $0 < cutoff } ?? false } ?? false
                let tooBig = retention.maxSize.map { keptSize + size > $0 } ?? false
                if tooMany || tooOld || tooBig {
                    stillKeeping = false
                    break
                }
                kept += 1
                keptSize += size
                countedBodies.formUnion(summary.bodies)
                firstKept = index
            }
            for summary in summaries[firstKept...] { referenced.formUnion(summary.bodies) }
            let dropped = summaries[..<firstKept]
            guard !dropped.isEmpty else { continue }
            removed += dropped.count
            freed += dropped.reduce(0) { $0 + $1.range.count + 1 }
            if firstKept >= summaries.count {
                unlink(segment.path)
            } else {
                let rest = data[summaries[firstKept].range.lowerBound...]
                try AtomicFile.write(Data(rest), to: segment, permissions: 0o600)
            }
        }
        var removedBodies = 0
        if removed > 0 || retention.isEmpty {
            (removedBodies, freed) = sweepBodies(keeping: referenced, freed: freed)
        }
        return HistoryPruneResult(removedRecords: removed, remainingRecords: kept, removedBodies: removedBodies, freedBytes: freed)
    }

    private func bodyFileSize(_ digest: String) -> Int {
        var info = stat()
        return stat(bodyURL(digest).path, &info) == 0 ? Int(info.st_size) : 0
    }

    /// Removes body files no remaining record references (also those a crash left between
    /// storing a body and appending its record).
    private func sweepBodies(keeping referenced: Set<String>, freed: Int) -> (Int, Int) {
        var removed = 0
        var freed = freed
        let manager = FileManager.default
        guard let prefixes = try? manager.contentsOfDirectory(atPath: bodiesFolder.path) else { return (0, freed) }
        for prefix in prefixes where prefix.count == 2 {
            let folder = bodiesFolder.appendingPathComponent(prefix)
            guard let names = try? manager.contentsOfDirectory(atPath: folder.path) else { continue }
            for name in names where !referenced.contains(name) {
                let path = folder.appendingPathComponent(name).path
                var info = stat()
                let size = stat(path, &info) == 0 ? Int(info.st_size) : 0
                if unlink(path) == 0 {
                    removed += 1
                    freed += size
                }
            }
        }
        return (removed, freed)
    }
}

extension HistoryLine {
    /// The record's time, read at its place after the id without decoding the line.
    static func time(of line: UnsafeRawBufferPointer) -> Date? {
        let marker = #""time":""#
        guard let start = ByteSearch(marker, ignoringCase: false).find(in: line, range: 0..<min(line.count, 80)) else { return nil }
        let from = start + marker.utf8.count
        guard let end = line[from...].firstIndex(of: UInt8(ascii: "\"")) else { return nil }
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: line[from..<end]), as: UTF8.self)
        return parseTime(text)
    }

    /// The body files a line references.
    static func bodyDigests(in line: UnsafeRawBufferPointer) -> [String] {
        let marker = ByteSearch(#""sha256":""#, ignoringCase: false)
        var digests: [String] = []
        var from = 0
        while from < line.count, let start = marker.find(in: line, range: from..<line.count) {
            let digestStart = start + 10
            guard digestStart + 64 <= line.count else { break }
            digests.append(String(decoding: UnsafeRawBufferPointer(rebasing: line[digestStart..<(digestStart + 64)]), as: UTF8.self))
            from = digestStart + 64
        }
        return digests
    }
}
