import Foundation
import PorticoCore

/// The full-screen history: the list of entries under its filters, one entry opened (its request
/// beside its response, as recorded), or two exchanges compared.
public struct HistoryBrowser: Sendable {
    public enum Page: Hashable, Sendable { case list, entry, comparison }

    /// How many entries a listing brings at most; the filters narrow the rest down.
    public static let listLimit = 500

    public var page: Page = .list
    public var filter = HistoryFilter()
    /// The entries listed, newest first.
    public var records: [HistoryRecord] = []
    /// Damaged lines the last listing skipped.
    public var warnings: [String] = []
    public var selection = 0
    /// The entry marked for comparison: the next one chosen is compared with it.
    public var marked: HistoryRecord?
    public var entry: OpenEntry?
    public var comparison: Comparison?

    /// The listing still awaited (see `AppState.historyReads`).
    var awaitedListing: Int?
    /// The explorer's response pane, set aside while an opened entry's response takes its place.
    var parkedResponse: ParkedResponse?
    /// The replay started here: its record is selected once it is written.
    var replayExchange: Int?
    /// The record to select when the next listing arrives.
    var selectOnListing: String?

    public init(records: [HistoryRecord] = []) {
        self.records = records
    }

    public var isListing: Bool { awaitedListing != nil }

    public var selected: HistoryRecord? { records.indices.contains(selection) ? records[selection] : nil }

    /// The entry a command applies to: the one opened, else the one selected in the list.
    var current: HistoryRecord? { page == .entry ? entry?.record : selected }
}

/// A history entry on screen. Its response is shown by the response pane's machinery, so search,
/// queries and copying work on it as on a live response.
public struct OpenEntry: Sendable {
    public var record: HistoryRecord
    /// The recorded request as lines, once its body has been read.
    public var requestLines: [ResponseView.Line]?
    /// How far the request side is scrolled.
    public var requestScroll = 0
    /// Whether the movement keys scroll the request side (else the response side).
    public var focusesRequest = false
    /// The focused side takes the whole screen (the explorer's own zoom is left as it was).
    public var zoomed = false
    /// The read of the bodies still awaited.
    var awaitedLoad: Int?

    public init(record: HistoryRecord) {
        self.record = record
    }

    public var isLoaded: Bool { requestLines != nil }
}

/// Two exchanges compared, as `ExchangeDiff` lines.
public struct Comparison: Sendable {
    /// What is compared with what, for the title.
    public var title: String
    /// Nil while the comparison is being computed.
    public var lines: [ExchangeDiff.Line]?
    public var scroll = 0
    /// Where Back goes.
    public var returnsTo: HistoryBrowser.Page
    var awaitedRead: Int?
}

/// A response pane's contents (what it shows, its query, search, tab and scroll), moved aside
/// while an opened history entry is shown in the pane's place.
struct ParkedResponse: Sendable {
    var response: ResponseView?
    var query: ResponseQuery?
    var search: ResponseSearch?
    var tab: AppState.ResponseTab
    var scroll: Int
    var cursor: Int
    var folds: FoldSet

    /// Moves the response pane's contents out of `state`, leaving the pane empty.
    static func take(from state: inout AppState) -> ParkedResponse {
        let taken = ParkedResponse(response: state.response, query: state.query, search: state.search, tab: state.responseTab, scroll: state.responseScroll,
                                   cursor: state.responseCursor, folds: state.folds)
        state.response = nil
        state.query = nil
        state.search = nil
        state.responseTab = .body
        state.responseScroll = 0
        state.responseCursor = 0
        state.folds = FoldSet()
        return taken
    }

    /// Moves these contents into the response pane of `state`.
    func put(into state: inout AppState) {
        state.response = response
        state.query = query
        state.search = search
        state.responseTab = tab
        state.responseScroll = scroll
        state.responseCursor = cursor
        state.folds = folds
    }
}
