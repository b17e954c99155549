/// Everything a key can be bound to. The raw value is the name used in `config.yaml` and shown in
/// the command palette; one list, so help, palette and rebinding never disagree.
public enum Command: String, CaseIterable, Hashable, Sendable {
    // Everywhere
    case send, cancel, save, palette, help, quit, zoom
    case repeatSend = "repeat"
    case nextPane = "next-pane", previousPane = "previous-pane", nextEnvironment = "next-environment"
    case history, cookies
    // Moving in a list or a text
    case down, up, pageDown = "page-down", pageUp = "page-up", top, bottom
    // Collection
    case open, collapse, filter, rename, duplicate, move, delete
    case newRequest = "new-request", newFolder = "new-folder"
    // Request
    case editURL = "edit-url", nextMethod = "next-method", nextTab = "next-tab", previousTab = "previous-tab"
    case addRow = "add-row", editValue = "edit-value", editName = "edit-name", toggleRow = "toggle-row", deleteRow = "delete-row"
    case bodyType = "body-type", externalEditor = "external-editor"
    // Response
    case wrap, query, search, nextMatch = "next-match", previousMatch = "previous-match"
    case goToLine = "go-to-line", copy, saveBody = "save-body"
    case fold, foldLevel = "fold-level", copyValue = "copy-value", copyPath = "copy-path"
    // History
    case openEntry = "open-entry", searchHistory = "search-history", historyMethod = "history-method", historyStatus = "history-status"
    case historyThisRequest = "history-this-request", historyEnvironment = "history-environment", clearHistoryFilters = "clear-history-filters"
    case replay, replayRendered = "replay-rendered", compare, compareWithResponse = "compare-with-response", back

    /// Where a command's keys apply. Global keys work in every pane.
    public enum Context: String, CaseIterable, Hashable, Sendable {
        case global, sidebar, request, response
        /// The history's list of entries, full screen.
        case history
        /// One history entry, its request beside its response.
        case historyEntry = "history-entry"
        /// Two exchanges compared line by line.
        case comparison

        public var title: String {
            switch self {
            case .global: "Everywhere"
            case .sidebar: "Collection"
            case .request: "Request"
            case .response: "Response"
            case .history: "History"
            case .historyEntry: "History entry (and the Response keys)"
            case .comparison: "Comparison"
            }
        }
    }

    public var contexts: [Context] {
        switch self {
        case .send, .repeatSend, .cancel, .save, .palette, .help, .quit, .zoom, .nextPane, .previousPane, .nextEnvironment, .history, .cookies: [.global]
        case .down, .up: [.sidebar, .request, .response, .history, .historyEntry, .comparison]
        case .pageDown, .pageUp, .top, .bottom: [.sidebar, .response, .history, .historyEntry, .comparison]
        case .open, .collapse, .filter, .rename, .duplicate, .move, .delete, .newRequest, .newFolder: [.sidebar]
        case .nextTab, .previousTab: [.request, .response, .historyEntry]
        case .editURL, .nextMethod, .addRow, .editValue, .editName, .toggleRow, .deleteRow, .bodyType, .externalEditor: [.request]
        // The history entry's response is shown by the response pane's own machinery.
        case .wrap, .query, .search, .nextMatch, .previousMatch, .goToLine, .saveBody: [.response, .historyEntry]
        case .fold, .foldLevel, .copyValue, .copyPath: [.response, .historyEntry]
        case .copy: [.response, .historyEntry, .comparison]
        case .openEntry, .searchHistory, .historyMethod, .historyStatus, .historyThisRequest, .historyEnvironment, .clearHistoryFilters: [.history]
        case .replay, .replayRendered, .compare, .compareWithResponse: [.history, .historyEntry]
        case .back: [.history, .historyEntry, .comparison]
        }
    }

    /// What it does, as the help overlay and the palette say it.
    public var summary: String {
        switch self {
        case .send: "send the request"
        case .repeatSend: "repeat the request (live latency)"
        case .cancel: "cancel request / stop repeating"
        case .save: "save the request"
        case .palette: "command palette"
        case .help: "all keys"
        case .quit: "quit"
        case .zoom: "zoom the pane / back"
        case .nextPane: "next pane"
        case .previousPane: "previous pane"
        case .nextEnvironment: "next environment"
        case .down: "down"
        case .up: "up"
        case .pageDown: "page down"
        case .pageUp: "page up"
        case .top: "first / top"
        case .bottom: "last / bottom"
        case .open: "open request / fold folder"
        case .collapse: "fold / go to parent"
        case .filter: "filter requests"
        case .rename: "rename request or folder"
        case .duplicate: "duplicate request"
        case .move: "move to another folder"
        case .delete: "delete request or folder"
        case .newRequest: "new request"
        case .newFolder: "new folder"
        case .editURL: "edit the URL"
        case .nextMethod: "next method"
        case .nextTab: "next tab"
        case .previousTab: "previous tab"
        case .addRow: "add a row"
        case .editValue: "edit value / body"
        case .editName: "edit row name"
        case .toggleRow: "enable / disable row"
        case .deleteRow: "delete row"
        case .bodyType: "next body type / auth kind"
        case .externalEditor: "edit body in $EDITOR"
        case .wrap: "wrap long lines"
        case .query: "JSONPath query on the body"
        case .search: "search (Tab while typing: regular expression)"
        case .nextMatch: "next match"
        case .previousMatch: "previous match"
        case .goToLine: "go to line"
        case .copy: "copy what is shown (OSC 52 clipboard)"
        case .saveBody: "save the whole body to a file"
        case .fold: "fold / unfold at the cursor"
        case .foldLevel: "fold / unfold all at this depth"
        case .copyValue: "copy the value at the cursor"
        case .copyPath: "copy the JSONPath at the cursor"
        case .history: "history of sent exchanges / back"
        case .cookies: "the cookie jar"
        case .openEntry: "open the entry: request and response"
        case .searchHistory: "search the history (URL, headers, bodies, …)"
        case .historyMethod: "filter by method"
        case .historyStatus: "filter by status class"
        case .historyThisRequest: "only the request in the composer / all"
        case .historyEnvironment: "filter by environment"
        case .clearHistoryFilters: "clear the filters"
        case .replay: "replay exactly as recorded"
        case .replayRendered: "replay the saved request, rendered now"
        case .compare: "mark for comparison / compare with the marked"
        case .compareWithResponse: "compare with the response shown"
        case .back: "back"
        }
    }

    /// A word or two for the footer, where room is short.
    public var shortSummary: String {
        switch self {
        case .help: "help"
        case .palette: "palette"
        case .send: "send"
        case .open: "open"
        case .filter: "filter"
        case .newRequest: "new"
        case .newFolder: "new folder"
        case .rename: "rename"
        case .move: "move"
        case .delete: "delete"
        case .editURL: "URL"
        case .nextMethod: "method"
        case .nextTab: "tab"
        case .addRow: "add row"
        case .editValue: "edit"
        case .toggleRow: "on/off"
        case .bodyType: "body type"
        case .down: "scroll"
        case .pageDown: "page"
        case .wrap: "wrap"
        case .query: "query"
        case .search: "search"
        case .copy: "copy"
        case .history: "history"
        case .openEntry: "open"
        case .searchHistory: "search"
        case .historyMethod: "method"
        case .historyStatus: "status"
        case .historyThisRequest: "this request"
        case .replay: "replay"
        case .replayRendered: "re-render"
        case .compare: "compare"
        default: summary
        }
    }
}
