/// A list to choose from by typing: the command palette (requests, commands, themes,
/// environments) and the folder chooser of a move.
public struct Picker: Hashable, Sendable {
    public enum Purpose: Hashable, Sendable {
        /// Commands run as if their key was pressed in the pane that had focus.
        case palette(Command.Context)
        /// Choosing the folder a request or folder moves to.
        case moveTarget(SidebarRow.Kind)
    }

    /// What choosing an item does.
    public enum Target: Hashable, Sendable {
        case command(Command)
        case open(relativePath: String)
        case theme(String)
        case environment(String?)
        case folder(String)
    }

    public struct Item: Hashable, Sendable {
        public var title: String
        public var detail: String
        public var target: Target

        public init(title: String, detail: String = "", target: Target) {
            self.title = title
            self.detail = detail
            self.target = target
        }
    }

    public struct Shown: Hashable, Sendable {
        public var item: Item
        public var positions: [Int]
    }

    public var purpose: Purpose
    public var title: String
    public var items: [Item]
    public var query = LineEditor()
    public var selection = 0
    /// The items matching the query, best first; kept in step with `query`.
    public private(set) var shown: [Shown] = []

    public init(purpose: Purpose, title: String, items: [Item]) {
        self.purpose = purpose
        self.title = title
        self.items = items
        refresh()
    }

    public var selected: Item? { shown.indices.contains(selection) ? shown[selection].item : nil }

    /// Applies an editing key to the query; returns false for keys that are not editing keys.
    public mutating func edit(_ key: KeyEvent) -> Bool {
        guard query.handle(key) else { return false }
        refresh()
        return true
    }

    public mutating func move(_ step: Int) {
        guard !shown.isEmpty else { return }
        selection = min(max(0, selection + step), shown.count - 1)
    }

    private mutating func refresh() {
        let query = self.query.string
        // A stable sort keeps the given order (commands, then requests) among equal scores.
        shown = items.enumerated()
            .compactMap { index, item in FuzzyMatch.match(query, in: item.title).map { (index, Shown(item: item, positions: $0.positions), $0.score) } }
            .sorted { $0.2 != $1.2 ? $0.2 > $1.2 : $0.0 < $1.0 }
            .map(\.1)
        selection = 0
    }
}

/// A one-line question with its answer being typed: a name for a new folder, a new name.
public struct Prompt: Hashable, Sendable {
    public enum Purpose: Hashable, Sendable {
        case renameRequest(String)
        case renameFolder(String)
        case newFolder(parent: String)
        case goToLine
        case saveBody
    }

    public var purpose: Purpose
    public var title: String
    public var editor: LineEditor

    public init(purpose: Purpose, title: String, text: String = "") {
        self.purpose = purpose
        self.title = title
        editor = LineEditor(text)
    }
}
