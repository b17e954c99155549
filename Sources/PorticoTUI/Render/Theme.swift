import PorticoCore

/// The styles the explorer draws with, by role.
public struct Theme: Sendable {
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

    /// The default dark theme, in 256-colour palette indices.
    public static let dark = Theme(
        base: Style(),
        titleBar: Style(foreground: .palette(231), background: .palette(24), bold: true),
        border: Style(foreground: .palette(240)),
        focusedBorder: Style(foreground: .palette(39), bold: true),
        selection: Style(foreground: .palette(231), background: .palette(238)),
        muted: Style(foreground: .palette(244)),
        accent: Style(foreground: .palette(39), bold: true),
        error: Style(foreground: .palette(203), bold: true),
        variable: Style(foreground: .palette(141)),
        undefinedVariable: Style(foreground: .palette(203), underline: true),
        key: Style(foreground: .palette(75)),
        string: Style(foreground: .palette(114)),
        number: Style(foreground: .palette(215)),
        literal: Style(foreground: .palette(176)),
        punctuation: Style(foreground: .palette(250)),
        statusSuccess: Style(foreground: .palette(16), background: .palette(71), bold: true),
        statusRedirect: Style(foreground: .palette(16), background: .palette(75), bold: true),
        statusClientError: Style(foreground: .palette(16), background: .palette(214), bold: true),
        statusServerError: Style(foreground: .palette(231), background: .palette(160), bold: true),
        methods: [
            "GET": Style(foreground: .palette(71), bold: true), "POST": Style(foreground: .palette(214), bold: true),
            "PUT": Style(foreground: .palette(75), bold: true), "PATCH": Style(foreground: .palette(176), bold: true),
            "DELETE": Style(foreground: .palette(203), bold: true), "HEAD": Style(foreground: .palette(80), bold: true),
            "OPTIONS": Style(foreground: .palette(80), bold: true),
        ],
        otherMethod: Style(foreground: .palette(180), bold: true)
    )
}
