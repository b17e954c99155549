import PorticoCore

/// The styles the explorer draws with, by role.
public struct Theme: Hashable, Sendable {
    public var base: Style
    public var titleBar: Style
    public var border: Style
    public var focusedBorder: Style
    public var selection: Style
    public var muted: Style
    public var accent: Style
    public var error: Style
    public var variable: Style
    public var undefinedVariable: Style
    public var key: Style
    public var string: Style
    public var number: Style
    public var literal: Style
    public var punctuation: Style
    public var statusSuccess: Style
    public var statusRedirect: Style
    public var statusClientError: Style
    public var statusServerError: Style
    /// Lines of a comparison of two history entries (`ExchangeDiff`).
    public var diffAdded: Style
    public var diffRemoved: Style
    public var diffChanged: Style
    public var methods: [String: Style]
    public var otherMethod: Style

    public func method(_ method: HTTPMethod) -> Style { methods[method.rawValue] ?? otherMethod }

    public func status(_ code: Int) -> Style {
        switch code {
        case 200..<300: statusSuccess
        case 300..<400: statusRedirect
        case 400..<500: statusClientError
        default: statusServerError
        }
    }

    /// The default theme: the shipped `themes/dark.yaml`, compiled in. Also what the explorer
    /// falls back to when the chosen theme cannot be loaded.
    public static let dark = Theme.builtIn(ThemeCatalog.defaultName)

    /// The shipped `themes/monochrome.yaml`: attributes only, for NO_COLOR and terminals
    /// without colours.
    public static let monochrome = Theme.builtIn(ThemeCatalog.monochromeName)

    /// Marks a cell of the selected row of a list: the selection's background, plus whichever of
    /// its reverse, bold and underline it sets. With a theme whose selection is only
    /// `reverse: true` (monochrome), copying the background alone would leave the row unmarked.
    public func highlight(_ style: inout Style) {
        if selection.background != .standard { style.background = selection.background }
        if selection.reverse { style.reverse = true }
        if selection.bold { style.bold = true }
        if selection.underline { style.underline = true }
    }
}
