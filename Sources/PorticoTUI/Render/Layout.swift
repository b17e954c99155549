/// A rectangle of the screen.
public struct Rect: Hashable, Sendable {
    public var row: Int
    public var column: Int
    public var width: Int
    public var height: Int

    public static let zero = Rect(row: 0, column: 0, width: 0, height: 0)

    func contains(_ y: Int, _ x: Int) -> Bool {
        y >= row && y < row + height && x >= column && x < column + width
    }
}

/// Where each pane goes: a title row, a footer row, the sidebar on the left (the collection above
/// the newest history entries), and request and response side by side from 120 columns, stacked
/// below that. A zoomed pane takes the whole body.
///
/// The history screen takes the whole body too: its list, its comparison, or an opened entry's
/// request and response placed as the explorer places its own.
public struct Layout: Hashable, Sendable {
    public static let minimumWidth = 60
    public static let minimumHeight = 12
    public static let sideBySideWidth = 120
    /// Below this height the sidebar has no room for its history section.
    static let recentHistoryMinimumHeight = 18

    /// The collection's part of the sidebar.
    public var sidebar = Rect.zero
    /// The sidebar's history section, below the collection.
    public var recentHistory = Rect.zero
    public var request = Rect.zero
    public var response = Rect.zero
    /// The history screen's list or comparison.
    public var history = Rect.zero
    public var isTooSmall: Bool

    public init(_ state: AppState) {
        isTooSmall = state.width < Self.minimumWidth || state.height < Self.minimumHeight
        guard !isTooSmall else { return }
        let body = Rect(row: 1, column: 0, width: state.width, height: state.height - 2)
        if let browser = state.historyBrowser {
            guard browser.page == .entry else {
                history = body
                return
            }
            let focusesRequest = browser.entry?.focusesRequest ?? false
            if browser.entry?.zoomed == true {
                if focusesRequest { request = body } else { response = body }
            } else {
                placeRequestAndResponse(in: body, sideBySide: state.width >= Self.sideBySideWidth)
            }
            return
        }
        if state.zoomed {
            switch state.focus {
            case .sidebar: placeSidebar(in: body)
            case .request: request = body
            case .response: response = body
            }
            return
        }
        let sidebarWidth = min(36, max(24, state.width / 5))
        placeSidebar(in: Rect(row: body.row, column: 0, width: sidebarWidth, height: body.height))
        placeRequestAndResponse(in: Rect(row: body.row, column: sidebarWidth, width: state.width - sidebarWidth, height: body.height),
                                sideBySide: state.width >= Self.sideBySideWidth)
    }

    private mutating func placeSidebar(in rect: Rect) {
        guard rect.height >= Self.recentHistoryMinimumHeight else {
            sidebar = rect
            return
        }
        let historyHeight = max(5, rect.height / 3)
        sidebar = Rect(row: rect.row, column: rect.column, width: rect.width, height: rect.height - historyHeight)
        recentHistory = Rect(row: rect.row + sidebar.height, column: rect.column, width: rect.width, height: historyHeight)
    }

    private mutating func placeRequestAndResponse(in rest: Rect, sideBySide: Bool) {
        if sideBySide {
            let half = rest.width / 2
            request = Rect(row: rest.row, column: rest.column, width: half, height: rest.height)
            response = Rect(row: rest.row, column: rest.column + half, width: rest.width - half, height: rest.height)
        } else {
            let top = max(6, rest.height * 2 / 5)
            request = Rect(row: rest.row, column: rest.column, width: rest.width, height: top)
            response = Rect(row: rest.row + top, column: rest.column, width: rest.width, height: rest.height - top)
        }
    }

    func pane(at row: Int, _ column: Int) -> AppState.Pane? {
        if sidebar.contains(row, column) { return .sidebar }
        if request.contains(row, column) { return .request }
        if response.contains(row, column) { return .response }
        return nil
    }

    /// The rows of the history screen's list of entries: inside its box, below the filter line and
    /// the column headings, above the line of a request in flight.
    func historyListRows(_ state: AppState) -> Rect {
        Rect(row: history.row + 3, column: history.column + 2, width: max(0, history.width - 4),
             height: max(0, history.height - 4 - (state.inFlight != nil ? 1 : 0)))
    }

    /// The first entry of the history list shown, keeping the selection in view.
    func historyListOffset(_ state: AppState) -> Int {
        max(0, (state.historyBrowser?.selection ?? 0) - max(1, historyListRows(state).height) + 1)
    }

    /// The first sidebar row shown, keeping the selection in view.
    func sidebarOffset(_ state: AppState) -> Int {
        let visible = max(1, sidebar.height - 3 - (state.mode == .filtering || !state.filter.string.isEmpty ? 1 : 0))
        return max(0, state.sidebarSelection - visible + 1)
    }

    /// The text area of the body editor: the request pane's content below the URL, the tabs and
    /// the body kind line, less the line-number gutter.
    func bodyEditorViewport(_ editor: TextEditor) -> (height: Int, width: Int) {
        (max(1, request.height - 2 - 5), max(1, request.width - 2 - Self.gutterWidth(editor)))
    }

    /// Line numbers, right-aligned, and a space.
    static func gutterWidth(_ editor: TextEditor) -> Int {
        String(editor.lines.count).count + 1
    }
}
