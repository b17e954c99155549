/// Key names as people write them in `config.yaml` (`ctrl+r`, `f5`, `shift+tab`, `pgdn`, `j`) and
/// as the footer and help show them (`Ctrl+R`, `F5`, `S-Tab`, `PgDn`, `j`).
public enum KeyName {
    private static let named: [(String, KeyEvent)] = [
        ("up", .up), ("down", .down), ("left", .left), ("right", .right),
        ("home", .home), ("end", .end), ("pgup", .pageUp), ("pageup", .pageUp), ("pgdn", .pageDown), ("pagedown", .pageDown),
        ("enter", .enter), ("return", .enter), ("tab", .tab), ("shift+tab", .backTab), ("backtab", .backTab),
        ("backspace", .backspace), ("delete", .delete), ("del", .delete), ("esc", .escape), ("escape", .escape),
        ("space", .character(" ")),
        // What help shows, so a name copied from there works too.
        ("↑", .up), ("↓", .down), ("←", .left), ("→", .right), ("s-tab", .backTab),
    ]

    /// The key a name stands for, or nil when it names none.
    public static func parse(_ name: String) -> KeyEvent? {
        let lower = name.lowercased()
        if let (_, key) = named.first(where: { $0.0 == lower }) { return key }
        if name.count == 1, let character = name.first, !character.isWhitespace { return .character(character) }
        if lower.hasPrefix("ctrl+"), lower.count == 6, let letter = lower.last, letter.isASCII, letter.isLetter {
            // Ctrl+H, I, J and M arrive as Backspace, Tab and Enter: binding them would never fire.
            guard !"hijm".contains(letter) else { return nil }
            return .control(letter)
        }
        if lower.hasPrefix("f"), let number = Int(lower.dropFirst()), (1...12).contains(number) { return .function(number) }
        return nil
    }

    /// The key as the footer and help overlay show it.
    public static func describe(_ key: KeyEvent) -> String {
        switch key {
        case .character(" "): "Space"
        case .character(let character): String(character)
        case .control(let letter): "Ctrl+\(letter.uppercased())"
        case .function(let number): "F\(number)"
        case .up: "↑"
        case .down: "↓"
        case .left: "←"
        case .right: "→"
        case .home: "Home"
        case .end: "End"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .enter: "Enter"
        case .tab: "Tab"
        case .backTab: "S-Tab"
        case .backspace: "Backspace"
        case .delete: "Del"
        case .escape: "Esc"
        case .paste: "paste"
        case .mouse: "mouse"
        case .resize: "resize"
        }
    }
}
