import PorticoCore

/// Everything that can change the state: input, and the results of effects.
public enum Action: Sendable {
    case key(KeyEvent)
    /// Send the request in the composer (also what Ctrl+R does).
    case sendDraft
    case responseArrived(ResponseView)
    case progress(bytes: Int)
    /// The spinner's clock; only ticks while a request is in flight.
    case tick
    case saved(relativePath: String, collection: Collection)
    case bodyEdited(String)
    case failed(String)
}

/// Work `reduce` asks for; run outside the pure core, ending in an `Action`.
public enum Effect: Hashable, Sendable {
    case send(RequestTemplate, environmentName: String?)
    case cancelSend
    case save(RequestTemplate, relativePath: String?)
    case editBody(String)
    case quit
}
