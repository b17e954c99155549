import Foundation

/// The largest response body Portico takes before it stops an exchange, counted after content
/// decoding, so a gzip bomb stops at the same size as a plain body. An endless body stops here or
/// at the request's total time limit, whichever comes first.
public enum BodySizeLimit {
    /// 1 GiB: above any API response people read and most downloads made with `-o`, below what
    /// fills a temporary folder (bodies over 4 MiB spill to $TMPDIR, often a RAM disk). Postman's
    /// 50 MB default would cut the 100 MB bodies Portico is built to show.
    public static let defaultSize = 1 << 30

    /// The error an exchange ends with when its body passed `limit` bytes.
    public static func exceeded(_ limit: Int) -> PorticoError {
        PorticoError(.protocol, "the response body passed the size limit of \(describe(limit)) and was cut there, keeping what arrived; --max-body-size or response.maxBodySize in config.yaml raises it")
    }

    /// `1 GiB`, `50 MiB`, `1500 bytes`: exact, as the user may have written it.
    static func describe(_ bytes: Int) -> String {
        for (unit, scale) in [("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)] where bytes >= scale && bytes % scale == 0 {
            return "\(bytes / scale) \(unit)"
        }
        return "\(bytes) bytes"
    }
}

/// Passes a body on until `limit` bytes have gone through, then fails the exchange with
/// `BodySizeLimit.exceeded`: the destination keeps the first `limit` bytes.
final class LimitedBodySink: ResponseBodySink, @unchecked Sendable {
    private let destination: any ResponseBodySink
    private let limit: Int
    private let lock = NSLock()
    private var passed = 0

    init(_ destination: any ResponseBodySink, limit: Int) {
        self.destination = destination
        self.limit = limit
    }

    func receive(_ chunk: Data) throws(PorticoError) {
        let room = lock.withLock { () -> Int in
            let room = limit - passed
            passed += min(room, chunk.count)
            return room
        }
        if chunk.count <= room {
            try destination.receive(chunk)
            return
        }
        if room > 0 { try destination.receive(chunk.prefix(room)) }
        throw BodySizeLimit.exceeded(limit)
    }

    func finish() throws(PorticoError) {
        try destination.finish()
    }
}
