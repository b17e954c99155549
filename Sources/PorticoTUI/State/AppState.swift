import Foundation
import PorticoCore

/// Everything the explorer shows. Changed only by `reduce`; drawn only by `render`.
public struct AppState: Sendable {
    public enum Pane: Hashable, Sendable, CaseIterable { case sidebar, request, response }
    public enum RequestTab: String, Hashable, Sendable, CaseIterable { case params = "Params", headers = "Headers", body = "Body", auth = "Auth", options = "Options" }
    public enum ResponseTab: String, Hashable, Sendable, CaseIterable { case body = "Body", headers = "Headers", cookies = "Cookies", timing = "Timing", raw = "Raw" }

    /// What keys currently go to.
    public enum Mode: Hashable, Sendable {
        case normal
        case editingURL(LineEditor)
        /// Editing one cell of the params or headers table (column 0 name, 1 value).
        case editingCell(row: Int, column: Int, LineEditor)
        case filtering
        case help
        case confirmQuit
        /// Opening another request (nil: a new one) would drop unsaved edits: ask first.
        case confirmDiscard(String?)
    }

    public var width: Int
    public var height: Int
    public var collection: Collection
    public var collectionFolder: URL?
    public var environmentName: String?
    public var focus: Pane = .sidebar
    public var mode: Mode = .normal
    public var zoomed = false

    public var expandedFolders: Set<String> = []
    public var filter = LineEditor()
    public var sidebarSelection = 0

    /// The request being composed: a saved one (with its path) or a new, unsaved one.
    public var draft: RequestTemplate
    public var draftPath: String?
    public var savedDraft: RequestTemplate?
    public var requestTab: RequestTab = .params
    public var tableSelection = 0

    public var response: ResponseView?
    public var responseTab: ResponseTab = .body
    public var responseScroll = 0
    public var wrap = false
    public var inFlight: InFlight?
    public var exchangeCount = 0

    /// A short message in the footer (saved, errors).
    public var message: String?
    public var quitRequested = false

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
    public var isDirty: Bool { savedDraft.map { $0 != draft } ?? true }

    public var environment: Environment? { environmentName.flatMap { collection.environment(named: $0) } }

    /// Rows of the table shown by the current request tab.
    public var tableRows: [KeyValueRow] {
        switch requestTab {
        case .params: draft.params
        case .headers: draft.headers
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

    public init(id: Int) { self.id = id }
}
