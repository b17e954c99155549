import Foundation
import PorticoCore

/// Everything the explorer shows. Changed only by `reduce`; drawn only by `render`.
public struct AppState: Sendable {
    public enum Pane: Hashable, Sendable, CaseIterable { case sidebar, request, response }
    public enum RequestTab: String, Hashable, Sendable, CaseIterable { case params = "Params", headers = "Headers", body = "Body", auth = "Auth", checks = "Checks", options = "Options" }
    public enum ResponseTab: String, Hashable, Sendable, CaseIterable { case body = "Body", headers = "Headers", cookies = "Cookies", timing = "Timing", raw = "Raw", checks = "Checks" }

    /// What keys currently go to.
    public enum Mode: Hashable, Sendable {
        case normal
        case editingURL(LineEditor)
        /// Typing a JSONPath query in the response pane; the values update at every key.
        case editingQuery(LineEditor)
        /// Typing a search in the response pane; it runs on Enter.
        case editingSearch(LineEditor, isRegex: Bool)
        /// Editing one cell of the params or headers table (column 0 name, 1 value).
        case editingCell(row: Int, column: Int, LineEditor)
        /// Editing the request body in the pane.
        case editingBody(TextEditor)
        case filtering
        case help
        case palette(Picker)
        case prompt(Prompt)
        case confirmQuit
        /// Opening another request (nil: a new one) would drop unsaved edits: ask first.
        case confirmDiscard(String?)
        /// Deleting is asked first, always.
        case confirmDelete(SidebarRow.Kind)
        /// Typing the history's search text; the list follows at every key.
        case editingHistorySearch(LineEditor)
        /// The cookie jar screen is open.
        case cookieJar(CookieJarScreen)
    }

    public var width: Int
    public var height: Int
    public var collection: Collection
    public var collectionFolder: URL?
    public var environmentName: String?
    public var focus: Pane = .sidebar
    public var mode: Mode = .normal
    public var zoomed = false
    /// How far the help overlay is scrolled (it scrolls when the terminal is too small for it).
    public var helpScroll = 0

    public var expandedFolders: Set<String> = []
    public var filter = LineEditor()
    public var sidebarSelection = 0

    /// The request being composed: a saved one (with its path) or a new, unsaved one.
    public var draft: RequestTemplate
    public var draftPath: String?
    public var savedDraft: RequestTemplate?
    /// Where a new request is saved: the folder selected when it was started.
    public var newRequestFolder = ""
    public var requestTab: RequestTab = .params
    public var tableSelection = 0

    public var response: ResponseView?
    /// The JSONPath query on the response body, while it is on (it stays on for the next response).
    public var query: ResponseQuery?
    /// The search in the response pane: its matches are highlighted in the tab shown.
    public var search: ResponseSearch?
    /// The number of the last search started: a background search's matches count only if
    /// they answer it.
    public var searchJob = 0
    public var responseTab: ResponseTab = .body
    /// The first line shown in the response tab (a row of the tab's lines once folds hide some).
    public var responseScroll = 0
    /// The line the cursor is on, in the same rows: what folding and copying a value act on.
    public var responseCursor = 0
    /// Folded objects and arrays of the Body tab, by its lines.
    public var folds = FoldSet()
    public var wrap = false
    public var inFlight: InFlight?
    /// Repeat mode on the composer's request, running or stopped; cleared by the next send.
    public var repeatRun: RepeatRun?
    public var exchangeCount = 0
    /// The number of the exchange whose response the response pane shows (see `InFlight.id`).
    public var responseExchange: Int?

    /// The newest history entries, newest first, for the sidebar's history section.
    public var recentHistory: [HistoryRecord] = []
    /// The number of the sidebar's history listing still awaited (see `historyReads`).
    var awaitedRecentHistory: Int?
    /// The full-screen history, while it is open.
    public var historyBrowser: HistoryBrowser?
    /// Numbers history reads (listings, entries, comparisons), so a late result of an older one is dropped.
    var historyReads = 0
    /// The damaged-line warnings last said in the footer, so a listing repeats them only when they change.
    var reportedHistoryWarnings: [String] = []
    /// False when the explorer was started with `--no-history`.
    public var recordsHistory = true
    /// Where history times are shown (the local time zone; tests fix it). The auto-updating zone
    /// is looked up when a time is first shown: `TimeZone.current` would load ICU's time zone
    /// data (0.3 ms, 2 MB of the binary paged in) on the way to the first frame.
    public var timeZone = TimeZone.autoupdatingCurrent

    /// The collection's cookie jar as last reported (`cookiesChanged`), for the cookie jar screen.
    public var cookies: [StoredCookie] = []

    /// A short message in the footer (saved, errors).
    public var message: String?
    public var quitRequested = false

    public var keymap = Keymap.standard
    /// The theme in use and the ones the palette offers.
    public var themeName = "dark"
    public var themeNames: [String] = []

    public init(width: Int, height: Int, collection: Collection, collectionFolder: URL?, environmentName: String?) {
        self.width = width
        self.height = height
        self.collection = collection
        self.collectionFolder = collectionFolder
        self.environmentName = environmentName
        draft = RequestTemplate(name: "New request", url: "")
        savedDraft = draft
        expandedFolders = Set(collection.root.groups.map(\.name))
    }

    public var sidebarRows: [SidebarRow] {
        SidebarTree.rows(collection.root, expanded: expandedFolders, filter: mode == .filtering || !filter.string.isEmpty ? filter.string : "")
    }

    /// The draft differs from what was saved or opened; a draft never saved (opened from a URL)
    /// counts as unsaved.
    public var isDirty: Bool { bodyEditorChanged || savedDraft.map { $0 != draft } ?? true }

    /// The body editor changed the text: its text reaches the draft when the editor is left, and
    /// joining a large body on every key would cost more than this flag.
    public var bodyEditorChanged = false

    public var environment: Environment? { environmentName.flatMap { collection.environment(named: $0) } }

    /// Rows of the table shown by the current request tab (a form body is a table too).
    public var tableRows: [KeyValueRow] {
        switch requestTab {
        case .params: draft.params
        case .headers: draft.headers
        case .body: if case .formURLEncoded(let rows) = draft.body { rows } else { [] }
        default: []
        }
    }
}

/// A request on its way.
public struct InFlight: Hashable, Sendable {
    /// Numbers exchanges so a late result of a cancelled one cannot end its successor.
    public var id: Int
    public var elapsed: Duration = .zero
    public var bytes = 0
    public var frame = 0
    /// The id of the history entry being replayed; nil for the composer's request.
    public var replaying: String?
    /// The OAuth 2.0 sign-in URL the request waits on, shown until the browser comes back.
    public var signInURL: String?

    public init(id: Int, replaying: String? = nil) {
        self.id = id
        self.replaying = replaying
    }
}
