import Foundation
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
    /// More of the shown body is indexed (`fraction` of its bytes); the screen shows the new lines.
    case bodyIndexed(fraction: Double, exchange: Int?)
    /// A background search over a body document is done.
    case searchFinished(ResponseSearch, job: Int, jumps: Bool)
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

    /// History on disk changed, or was never read: the sidebar's section (and the history screen,
    /// when open) list it again.
    case historyChanged
    /// The exchange numbered `exchange` is recorded: its record is on disk.
    case historyRecorded(HistoryRecord, exchange: Int)
    /// The records of the history read numbered `read`, newest first, and the damaged lines skipped.
    case historyListed([HistoryRecord], warnings: [String], read: Int)
    /// A history entry with its bodies read, for the history read numbered `read`.
    case historyEntryLoaded(HistoryEntry, read: Int)
    /// The comparison asked for by the history read numbered `read`.
    case comparisonReady([ExchangeDiff.Line], read: Int)
    /// The history read numbered `read` failed.
    case historyReadFailed(String, read: Int)
    /// The replay numbered `exchange` ended: its status, or the error it ended with.
    case replayFinished(status: Int?, error: PorticoError?, total: Duration, exchange: Int)
    /// The request in flight waits for an OAuth 2.0 sign-in at this URL (the authorization-code grant).
    case signInWaiting(URL)
    /// The sign-in wait is over, however it ended.
    case signInEnded
    /// The cookie jar changed (a response set cookies, or the user changed them): its cookies now.
    case cookiesChanged([StoredCookie])
    /// A pasted curl command, read as the request curl would send, with what was not imported.
    case curlImported(RequestTemplate, warnings: [String])
    /// Where the repeat run numbered `run` stands, reported every quarter second while it runs.
    case repeatProgress(BenchProgress, run: Int)
    /// The repeat run numbered `run` has stopped: its final figures.
    case repeatEnded(BenchProgress, run: Int)
}

/// Work `reduce` asks for; run outside the pure core, ending in an `Action`.
public enum Effect: Hashable, Sendable {
    /// Search a large body document in the background; `searchFinished` answers.
    case searchBody(SearchJob)
    case send(RequestTemplate, environmentName: String?, exchange: Int)
    case cancelSend
    /// Send the request again and again, one at a time, until `stopRepeat`; reports come back as
    /// `repeatProgress` and, at the end, `repeatEnded`. Nothing is recorded in history.
    case startRepeat(RequestTemplate, environmentName: String?, run: Int)
    case stopRepeat
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
    /// Read a pasted curl command (it may name files, so it is read outside); ends in `curlImported`.
    case importCurl(String)
    case quit
    /// Change the collection's cookie jar; its new contents come back as `cookiesChanged`.
    case setCookie(StoredCookie)
    case removeCookie(StoredCookie.ID)
    case clearCookies

    /// List the newest history records matching `filter`; the result comes back as `historyListed`.
    case listHistory(HistoryFilter, limit: Int, purpose: HistoryListPurpose, read: Int)
    /// Read the bodies of a history entry and prepare it for the screen (`historyEntryLoaded`).
    case loadHistoryEntry(HistoryRecord, read: Int)
    /// Compare two history entries, `old` the earlier (`comparisonReady`).
    case compareHistory(old: HistoryRecord, new: HistoryRecord, read: Int)
    /// Compare a history entry with the response of the exchange numbered `exchange`.
    case compareWithResponse(HistoryRecord, exchange: Int, read: Int)
    /// Send a recorded request again: exactly, or its saved request rendered with the environment
    /// `environmentName`. It is numbered `exchange` like any send, and recorded too.
    case replay(HistoryRecord, rendered: Bool, environmentName: String?, exchange: Int)
    /// Write a recorded body whole to the file at `path`.
    case saveRecordedBody(HistoryRecord.Body?, path: String)
}

/// Who a history listing is for: a newer listing for the same purpose makes an older one moot.
public enum HistoryListPurpose: Hashable, Sendable {
    case sidebar, browser
}

/// A search to run over a body document off the UI thread.
public struct SearchJob: Hashable, Sendable {
    public let number: Int
    public let shown: ShownLines
    public let text: String
    public let isRegex: Bool
    public let jumps: Bool

    /// Runs the search; `shouldStop` ends it early when a newer one replaces it.
    public func run(shouldStop: () -> Bool) -> ResponseSearch {
        // Matches are mapped to lines, so the whole body must be indexed first.
        if let document = shown.document {
            while !document.indexStep() {
                if shouldStop() { return ResponseSearch(text: text, isRegex: isRegex) }
            }
        }
        return ResponseSearch.run(text, isRegex: isRegex, in: shown, shouldStop: shouldStop)
    }

    public static func == (lhs: SearchJob, rhs: SearchJob) -> Bool { lhs.number == rhs.number }
    public func hash(into hasher: inout Hasher) { hasher.combine(number) }
}
