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

/// Where each pane goes: a title row, a footer row, the sidebar on the left, and request and
/// response side by side from 120 columns, stacked below that. A zoomed pane takes the whole body.
public struct Layout: Hashable, Sendable {
    public static let minimumWidth = 60
    public static let minimumHeight = 12
    public static let sideBySideWidth = 120

    public var sidebar = Rect.zero
    public var request = Rect.zero
    public var response = Rect.zero
    public var isTooSmall: Bool

    public init(_ state: AppState) {
        isTooSmall = state.width < Self.minimumWidth || state.height < Self.minimumHeight
        guard !isTooSmall else { return }
        let body = Rect(row: 1, column: 0, width: state.width, height: state.height - 2)
        if state.zoomed {
            switch state.focus {
            case .sidebar: sidebar = body
            case .request: request = body
            case .response: response = body
            }
            return
        }
        let sidebarWidth = min(36, max(24, state.width / 5))
        sidebar = Rect(row: body.row, column: 0, width: sidebarWidth, height: body.height)
        let rest = Rect(row: body.row, column: sidebarWidth, width: state.width - sidebarWidth, height: body.height)
        if state.width >= Self.sideBySideWidth {
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
