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

    /// Which transport `perform` would use for `request`; an error when none can carry it.
    func carrier(for request: ResolvedRequest) throws(PorticoError) -> TransportKind
}

/// What one hop produced.
public struct TransportResponse: Sendable {
    public var head: ResponseHead
    public var headReceivedAt: ContinuousClock.Instant
    public var finishedAt: ContinuousClock.Instant
    public var transport: TransportKind

    public init(head: ResponseHead, headReceivedAt: ContinuousClock.Instant, finishedAt: ContinuousClock.Instant, transport: TransportKind) {
        self.head = head
        self.headReceivedAt = headReceivedAt
        self.finishedAt = finishedAt
        self.transport = transport
    }
}
