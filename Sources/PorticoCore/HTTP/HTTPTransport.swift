import Foundation

/// One HTTP exchange on the wire, without following redirects (the `RequestEngine` does that, so
/// every hop is seen and recorded). Only transports touch URLSession.
public protocol HTTPTransport: Sendable {
    /// Sends `request` and streams the response body into the sink chosen by `bodySink` once the
    /// head is known. Gives up at `deadline`; honours task cancellation.
    func perform(
        _ request: ResolvedRequest,
        deadline: ContinuousClock.Instant,
        bodySink: @escaping @Sendable (ResponseHead) -> any ResponseBodySink
    ) async throws(PorticoError) -> TransportResponse
}

/// What one hop produced.
public struct TransportResponse: Sendable {
    public var head: ResponseHead
    public var headReceivedAt: ContinuousClock.Instant
    public var finishedAt: ContinuousClock.Instant

    public init(head: ResponseHead, headReceivedAt: ContinuousClock.Instant, finishedAt: ContinuousClock.Instant) {
        self.head = head
        self.headReceivedAt = headReceivedAt
        self.finishedAt = finishedAt
    }
}
