import Foundation

/// A record about to be stored, with its bodies still where they are (memory, a spooled response,
/// a file being uploaded): the store reads them once, inlining small ones and hashing large ones.
public struct HistoryDraft: Sendable {
    public var record: HistoryRecord
    public var requestBody: BodySource?
    public var responseBody: BodySource?

    public init(record: HistoryRecord, requestBody: BodySource? = nil, responseBody: BodySource? = nil) {
        self.record = record
        self.requestBody = requestBody
        self.responseBody = responseBody
    }

    /// Bytes read in chunks, passed through a masker when secrets must not reach the disk.
    public struct BodySource: Sendable {
        public enum Origin: Sendable {
            case data(Data)
            case response(ResponseBody)
            case file(URL)
        }

        public var origin: Origin
        /// Replaces secret values by `{{name}}`; nil stores the bytes as they are.
        public var secrets: [(value: String, replacement: String)]
        /// The whole body's size when the origin holds only its first bytes (a capture).
        public var wholeSize: Int?

        public init(_ origin: Origin, secrets: [(value: String, replacement: String)] = [], wholeSize: Int? = nil) {
            self.origin = origin
            self.secrets = secrets
            self.wholeSize = wholeSize
        }

        /// The size on the wire (before masking).
        public var size: Int {
            if let wholeSize { return wholeSize }
            return switch origin {
            case .data(let data): data.count
            case .response(let body): body.size
            case .file(let url): (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
            }
        }

        /// How many bytes the origin holds (less than `size` for a capture).
        var availableSize: Int {
            switch origin {
            case .data(let data): data.count
            case .response(let body): body.size
            case .file: size
            }
        }

        /// Hands over at most `limit` bytes of the body (masked), chunk by chunk.
        func read(limit: Int, _ visit: (Data) throws(PorticoError) -> Void) throws(PorticoError) {
            let masker = secrets.isEmpty ? nil : SecretMasker(replacements: secrets)
            var remaining = limit
            func pass(_ chunk: Data) throws(PorticoError) {
                guard remaining > 0 else { return }
                let piece = chunk.prefix(remaining)
                remaining -= piece.count
                try visit(masker?.process(piece) ?? piece)
            }
            switch origin {
            case .data(let data):
                try pass(data)
            case .response(let body):
                try body.forEachChunk { (chunk: Data) throws(PorticoError) in try pass(chunk) }
            case .file(let url):
                let reader: FileHandle
                do { reader = try FileHandle(forReadingFrom: url) } catch {
                    throw .input("cannot read \(url.path) for history: \(FileErrors.reason(error))")
                }
                defer { try? reader.close() }
                while remaining > 0 {
                    let chunk: Data
                    do { chunk = try reader.read(upToCount: min(remaining, 1 << 20)) ?? Data() } catch {
                        throw .input("cannot read \(url.path) for history: \(FileErrors.reason(error))")
                    }
                    if chunk.isEmpty { break }
                    try pass(chunk)
                }
            }
            if let masker {
                let rest = masker.finish()
                if !rest.isEmpty { try visit(rest) }
            }
        }
    }
}

/// How much history to keep: records newer than `olderThan`, at most `keep` records, at most
/// `maxSize` bytes of records and bodies; each limit applies when set.
public struct HistoryRetention: Sendable, Hashable {
    public var keep: Int?
    public var olderThan: TimeInterval?
    public var maxSize: Int?

    public init(keep: Int? = nil, olderThan: TimeInterval? = nil, maxSize: Int? = nil) {
        self.keep = keep
        self.olderThan = olderThan
        self.maxSize = maxSize
    }

    /// What Portico keeps unless config.yaml says otherwise.
    public static let `default` = HistoryRetention(keep: 50_000)

    public var isEmpty: Bool { keep == nil && olderThan == nil && maxSize == nil }

    /// An age such as `30d`, `12h`, `90m`, `45s` or `2w`.
    public static func parseAge(_ text: String) throws(PorticoError) -> TimeInterval {
        let units: [Character: TimeInterval] = ["s": 1, "m": 60, "h": 3600, "d": 86_400, "w": 604_800]
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let unit = trimmed.last, let scale = units[unit], let value = Double(trimmed.dropLast()), value > 0, value.isFinite else {
            throw .input("'\(text)' is not an age: write a number and a unit, s, m, h, d or w (e.g. 30d)")
        }
        return value * scale
    }

    /// A size such as `500MB`, `2GB`, `64KiB` or `1000` (bytes); KB/MB/GB are powers of 1000, KiB/MiB/GiB of 1024.
    public static func parseSize(_ text: String) throws(PorticoError) -> Int {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let digits = trimmed.prefix { $0.isNumber || $0 == "." }
        let unit = trimmed.dropFirst(digits.count).trimmingCharacters(in: .whitespaces).lowercased()
        let scales: [String: Double] = ["": 1, "b": 1, "kb": 1e3, "mb": 1e6, "gb": 1e9, "tb": 1e12, "k": 1024, "kib": 1024, "m": 1_048_576, "mib": 1_048_576, "g": 1_073_741_824, "gib": 1_073_741_824]
        guard let value = Double(digits), let scale = scales[unit], value > 0, value * scale < 9e18 else {
            throw .input("'\(text)' is not a size: write a number and a unit, e.g. 500MB, 2GB or 64KiB")
        }
        return Int(value * scale)
    }
}
