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
    /// A change to the collection's shape is on disk; `select` is the path to select.
    case collectionWritten(Collection, message: String, select: String?)
    case themeSwitched(String)
    case bodyEdited(String)
    /// The request numbered `exchange` could not be sent (a template or file error): it ends.
    case sendFailed(String, exchange: Int)
    /// Something other than a send went wrong (a save, a theme): said in the footer; a request in
    /// flight goes on.
    case failed(String)
    /// What an effect did, to say in the footer ("copied 312 bytes").
    case done(String)
}

/// Work `reduce` asks for; run outside the pure core, ending in an `Action`.
public enum Effect: Hashable, Sendable {
    case send(RequestTemplate, environmentName: String?, exchange: Int)
    case cancelSend
    /// Save the draft to its file, or (a new request) to a new file in `folder`.
    case save(RequestTemplate, relativePath: String?, folder: String)
    /// Write a reshaped collection (renames, moves, deletions) relative to `baseline`.
    case writeCollection(Collection, baseline: Collection, message: String, select: String?)
    case switchTheme(String)
    case editBody(String)
    /// Put `text` on the clipboard of the terminal (OSC 52, which also works over SSH).
    case copy(String)
    /// Write the whole body of the response shown to the file at `path`.
    case saveBody(path: String)
    case quit
}
