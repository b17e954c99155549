import PorticoCore

/// Everything that can change the state: input, and the results of effects.
public enum Action: Sendable {
    case key(KeyEvent)
    /// Send the request in the composer (also what Ctrl+R does).
    case sendDraft
    /// The result of the exchange numbered `exchange` (see `InFlight.id`); a result for an
    /// exchange that is no longer in flight is dropped.
    case responseArrived(ResponseView, exchange: Int? = nil)
    case progress(bytes: Int)
    /// The spinner's clock, with the time since the request left; only ticks while one is in flight.
    case tick(elapsed: Duration)
    case saved(relativePath: String, collection: Collection)
    case bodyEdited(String)
    case failed(String)
}

/// Work `reduce` asks for; run outside the pure core, ending in an `Action`.
public enum Effect: Hashable, Sendable {
    case send(RequestTemplate, environmentName: String?, exchange: Int)
    case cancelSend
    case save(RequestTemplate, relativePath: String?)
    case editBody(String)
    case quit
}
