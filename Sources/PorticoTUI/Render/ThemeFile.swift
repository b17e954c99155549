import Foundation
import PorticoCore
import Yams

/// What went wrong with a theme: a place in a file (`file:line: message`, or `file: message` when
/// the whole file is at fault), or a theme name that does not exist (no file).
public struct ThemeProblem: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file as shown to the user (a path, or `themes/NAME.yaml` for a built-in); nil when the
    /// problem is not in a file.
    public var file: String?
    /// 1-based; 0 when no line is to blame.
    public var line: Int
    public var message: String

    public init(file: String?, line: Int, _ message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String {
        guard let file else { return message }
        return line > 0 ? "\(file):\(line): \(message)" : "\(file): \(message)"
    }
}

/// One of the styles a theme sets, by its name in theme files.
public enum ThemeRole: String, CaseIterable, Hashable, Sendable {
    case base
    case titleBar = "title-bar"
    case border
    case focusedBorder = "focused-border"
    case selection
    case muted
    case accent
    case error
    case variable
    case undefinedVariable = "undefined-variable"
    case key
    case string
    case number
    case literal
    case punctuation
    case status2xx = "status-2xx"
    case status3xx = "status-3xx"
    case status4xx = "status-4xx"
    case status5xx = "status-5xx"
    case diffAdded = "diff-added"
    case diffRemoved = "diff-removed"
    case diffChanged = "diff-changed"
    case methodGet = "method-get"
    case methodPost = "method-post"
    case methodPut = "method-put"
    case methodPatch = "method-patch"
    case methodDelete = "method-delete"
    case methodHead = "method-head"
    case methodOptions = "method-options"
    case methodOther = "method-other"

    /// The role a theme without `extends` takes this one from when it leaves it out: roles added
    /// after themes were first written, so that a user's complete theme stays complete.
    var fallback: ThemeRole? {
        switch self {
        case .diffAdded: .string
        case .diffRemoved: .error
        case .diffChanged: .number
        default: nil
        }
    }

    /// The HTTP method a `method-*` role styles (nil for `method-other` and the other roles).
    var method: String? {
        switch self {
        case .methodGet: "GET"
        case .methodPost: "POST"
        case .methodPut: "PUT"
        case .methodPatch: "PATCH"
        case .methodDelete: "DELETE"
        case .methodHead: "HEAD"
        case .methodOptions: "OPTIONS"
        default: nil
        }
    }
}

extension Theme {
    /// The style of one role.
    public subscript(role: ThemeRole) -> Style {
        get {
            switch role {
            case .base: base
            case .titleBar: titleBar
            case .border: border
            case .focusedBorder: focusedBorder
            case .selection: selection
            case .muted: muted
            case .accent: accent
            case .error: error
            case .variable: variable
            case .undefinedVariable: undefinedVariable
            case .key: key
            case .string: string
            case .number: number
            case .literal: literal
            case .punctuation: punctuation
            case .status2xx: statusSuccess
            case .status3xx: statusRedirect
            case .status4xx: statusClientError
            case .status5xx: statusServerError
            case .diffAdded: diffAdded
            case .diffRemoved: diffRemoved
            case .diffChanged: diffChanged
            case .methodOther: otherMethod
            case .methodGet, .methodPost, .methodPut, .methodPatch, .methodDelete, .methodHead, .methodOptions:
                methods[role.method!] ?? otherMethod
            }
        }
        set {
            switch role {
            case .base: base = newValue
            case .titleBar: titleBar = newValue
            case .border: border = newValue
            case .focusedBorder: focusedBorder = newValue
            case .selection: selection = newValue
            case .muted: muted = newValue
            case .accent: accent = newValue
            case .error: error = newValue
            case .variable: variable = newValue
            case .undefinedVariable: undefinedVariable = newValue
            case .key: key = newValue
            case .string: string = newValue
            case .number: number = newValue
            case .literal: literal = newValue
            case .punctuation: punctuation = newValue
            case .status2xx: statusSuccess = newValue
            case .status3xx: statusRedirect = newValue
            case .status4xx: statusClientError = newValue
            case .status5xx: statusServerError = newValue
            case .diffAdded: diffAdded = newValue
            case .diffRemoved: diffRemoved = newValue
            case .diffChanged: diffChanged = newValue
            case .methodOther: otherMethod = newValue
            case .methodGet, .methodPost, .methodPut, .methodPatch, .methodDelete, .methodHead, .methodOptions:
                methods[role.method!] = newValue
            }
        }
    }

    /// Every role plain; the starting point a theme file fills in.
    static let unstyled = Theme(
        base: .plain, titleBar: .plain, border: .plain, focusedBorder: .plain, selection: .plain, muted: .plain,
        accent: .plain, error: .plain, variable: .plain, undefinedVariable: .plain, key: .plain, string: .plain,
        number: .plain, literal: .plain, punctuation: .plain, statusSuccess: .plain, statusRedirect: .plain,
        statusClientError: .plain, statusServerError: .plain, diffAdded: .plain, diffRemoved: .plain, diffChanged: .plain,
        methods: [:], otherMethod: .plain)
}

extension TerminalColor {
    /// The xterm-256 entry nearest to an RGB colour, among the 6×6×6 cube (16–231) and the grey
    /// ramp (232–255); 0–15 are left out because terminals redefine them. Nearest is the smallest
    /// squared distance in RGB; a tie goes to the cube.
    public static func nearest(red: UInt8, green: UInt8, blue: UInt8) -> TerminalColor {
        let steps = [0, 95, 135, 175, 215, 255]
        func nearestStep(_ value: Int) -> Int {
            steps.indices.min { abs(steps[$0] - value) < abs(steps[$1] - value) }!
        }
        let (r, g, b) = (Int(red), Int(green), Int(blue))
        func distance(_ cr: Int, _ cg: Int, _ cb: Int) -> Int {
            (r - cr) * (r - cr) + (g - cg) * (g - cg) + (b - cb) * (b - cb)
        }
        let (ri, gi, bi) = (nearestStep(r), nearestStep(g), nearestStep(b))
        var best = 16 + 36 * ri + 6 * gi + bi
        var bestDistance = distance(steps[ri], steps[gi], steps[bi])
        for grey in 0..<24 {
            let level = 8 + 10 * grey
            let d = distance(level, level, level)
            if d < bestDistance { best = 232 + grey; bestDistance = d }
        }
        return .palette(UInt8(best))
    }
}

/// A theme file as written: its metadata, its named colours and the roles it sets. Theme files are
/// YAML, read strictly (see docs/themes.md):
///
///     name: Gruvbox dark
///     extends: dark
///     colors:
///       bg1: "#3c3836"
///     styles:
///       title-bar: { fg: "#fbf1c7", bg: bg1, bold: true }
///
/// A role written in `styles` replaces that role of the extended theme entirely. A file without
/// `extends` must set every role.
public struct ThemeFile: Sendable {
    /// How the file is named in problems.
    public var file: String
    /// `name:`, the title to show (the theme is chosen by its file name).
    public var title: String?
    /// `description:`, one line about the theme.
    public var summary: String?
    /// `extends:`, the name of the theme this one starts from.
    public var extends: String?
    var extendsLine = 0
    var stylesLine = 0
    var colors: [String: (color: TerminalColor, line: Int)] = [:]
    var styles: [ThemeRole: StyleSpec] = [:]

    /// A colour as written: known at once, or a name from `colors:` (possibly the extended theme's).
    enum ColorSpec {
        case color(TerminalColor)
        case named(String, line: Int, path: String)
    }

    struct StyleSpec {
        /// The line of the role's key.
        var line = 0
        var foreground: ColorSpec?
        var background: ColorSpec?
        var bold = false
        var dim = false
        var italic = false
        var underline = false
        var reverse = false
    }

    static let topKeys = ["name", "description", "extends", "colors", "styles"]
    static let styleKeys = ["fg", "bg", "bold", "dim", "italic", "underline", "reverse"]
    static let ansiNames = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

    /// Reads a theme file; `file` is how problems name it.
    public static func parse(_ text: String, file: String) throws(ThemeProblem) -> ThemeFile {
        do {
            return try read(text, file: file)
        } catch {
            if error.message.hasPrefix("invalid YAML"), let line = unquotedHexLine(text, before: error.line) {
                throw ThemeProblem(file: file, line: line, "a hex colour must be quoted, \"#rrggbb\": an unquoted # starts a comment (\(error.message))")
            }
            throw ThemeProblem(file: file, line: error.line, error.message)
        }
    }

    /// The theme this file describes, starting from `parent` (the theme it extends; nil when it
    /// extends none, in which case every role must be set). Names from the parent's `colors:` are
    /// not known here: use `ThemeCatalog` for themes that extend others.
    public func theme(extending parent: Theme? = nil) throws(ThemeProblem) -> Theme {
        try resolve(parent: parent.map { ($0, [:]) }).theme
    }

    /// The theme and the named colours it passes on to themes that extend it.
    func resolve(parent: (theme: Theme, colors: [String: TerminalColor])?) throws(ThemeProblem) -> (theme: Theme, colors: [String: TerminalColor]) {
        var palette = parent?.colors ?? [:]
        for (name, entry) in colors { palette[name] = entry.color }
        if parent == nil {
            let missing = ThemeRole.allCases.filter { styles[$0] == nil && $0.fallback == nil }
            if !missing.isEmpty {
                throw ThemeProblem(file: file, line: stylesLine, "missing role\(missing.count == 1 ? "" : "s") \(missing.map(\.rawValue).joined(separator: ", ")): a theme without 'extends' sets every role (or add 'extends: dark' to take the rest from another theme)")
            }
        }
        func color(_ spec: ColorSpec?) throws(ThemeProblem) -> TerminalColor {
            switch spec {
            case nil: return .standard
            case .color(let color): return color
            case .named(let name, let line, let path):
                guard let color = palette[name] ?? Self.ansiColor(name) else {
                    let defined = palette.keys.sorted()
                    throw ThemeProblem(file: file, line: line, "\(path): unknown colour '\(name)'; a colour is 0–255, \"#rrggbb\", default, an ANSI name (black, red, …, bright-white)"
                        + (defined.isEmpty ? " or a name defined under colors:" : " or one of the colors: \(defined.joined(separator: ", "))"))
                }
                return color
            }
        }
        var theme = parent?.theme ?? .unstyled
        // In file order, so the first bad colour is the one reported.
        for (role, spec) in styles.sorted(by: { $0.value.line < $1.value.line }) {
            theme[role] = Style(foreground: try color(spec.foreground), background: try color(spec.background), bold: spec.bold,
                                dim: spec.dim, italic: spec.italic, underline: spec.underline, reverse: spec.reverse)
        }
        if parent == nil {
            for role in ThemeRole.allCases where styles[role] == nil {
                if let fallback = role.fallback { theme[role] = theme[fallback] }
            }
        }
        return (theme, palette)
    }

    // MARK: Reading

    private static func read(_ text: String, file: String) throws(FileProblem) -> ThemeFile {
        guard let root = try YAMLReader.parse(text) else {
            throw FileProblem(line: 0, "the file is empty; a theme has 'styles:' (and usually 'name:' and 'extends:')")
        }
        var theme = ThemeFile(file: file)
        let pairs = try YAMLReader.mapping(root, "the theme", known: topKeys)
        for pair in pairs {
            switch pair.key {
            case "name": theme.title = try YAMLReader.string(pair.value, "name")
            case "description": theme.summary = try YAMLReader.string(pair.value, "description")
            case "extends":
                let name = try YAMLReader.string(pair.value, "extends")
                guard !name.isEmpty else { throw FileProblem(line: pair.line, "extends needs the name of a theme") }
                theme.extends = name
                theme.extendsLine = YAMLReader.line(pair.value)
            case "colors":
                guard pair.value.null == nil else { continue }
                for entry in try YAMLReader.mapping(pair.value, "colors", known: []) {
                    try checkColorName(entry.key, line: entry.line)
                    let path = "colors.\(entry.key)"
                    switch try colorSpec(entry.value, path) {
                    case .color(let color): theme.colors[entry.key] = (color, entry.line)
                    case .named(let name, let line, _):
                        guard let color = ansiColor(name) else {
                            throw FileProblem(line: line, "\(path): '\(name)' is not a colour; colors: takes 0–255, \"#rrggbb\", default or an ANSI name, not another name")
                        }
                        theme.colors[entry.key] = (color, entry.line)
                    }
                }
            case "styles":
                theme.stylesLine = pair.line
                guard pair.value.null == nil else { continue }
                for entry in try YAMLReader.mapping(pair.value, "styles", known: []) {
                    guard let role = ThemeRole(rawValue: entry.key) else {
                        throw FileProblem(line: entry.line, "unknown role '\(entry.key)'\(suggestion(entry.key)); the roles are listed in docs/themes.md")
                    }
                    var spec = try styleSpec(entry.value, role.rawValue)
                    spec.line = entry.line
                    theme.styles[role] = spec
                }
            default: break
            }
        }
        return theme
    }

    private static func styleSpec(_ node: Node, _ path: String) throws(FileProblem) -> StyleSpec {
        var spec = StyleSpec()
        for pair in try YAMLReader.mapping(node, path, known: styleKeys) {
            let keyPath = "\(path).\(pair.key)"
            switch pair.key {
            case "fg": spec.foreground = try colorSpec(pair.value, keyPath)
            case "bg": spec.background = try colorSpec(pair.value, keyPath)
            case "bold": spec.bold = try YAMLReader.bool(pair.value, keyPath)
            case "dim": spec.dim = try YAMLReader.bool(pair.value, keyPath)
            case "italic": spec.italic = try YAMLReader.bool(pair.value, keyPath)
            case "underline": spec.underline = try YAMLReader.bool(pair.value, keyPath)
            case "reverse": spec.reverse = try YAMLReader.bool(pair.value, keyPath)
            default: break
            }
        }
        return spec
    }

    /// A colour value: a palette index, `default`, an ANSI name, `#rrggbb`/`#rgb`, or a name to
    /// look up in `colors:` once the extended theme is known.
    private static func colorSpec(_ node: Node, _ path: String) throws(FileProblem) -> ColorSpec {
        let line = YAMLReader.line(node)
        guard let scalar = node.scalar else {
            throw FileProblem(line: line, "\(path) must be a colour: 0–255, \"#rrggbb\", default, an ANSI name or a name from colors:")
        }
        if scalar.style == .plain, node.null != nil {
            throw FileProblem(line: line, "\(path) has no colour (a hex colour must be quoted, \"#rrggbb\": an unquoted # starts a comment)")
        }
        let text = scalar.string.trimmingCharacters(in: .whitespaces)
        if let index = Int(text) {
            guard (0...255).contains(index) else {
                throw FileProblem(line: line, "\(path): palette index \(index) is out of range 0–255")
            }
            return .color(.palette(UInt8(index)))
        }
        let lower = text.lowercased()
        if lower.hasPrefix("#") {
            guard let color = hexColor(lower) else {
                throw FileProblem(line: line, "\(path): '\(text)' is not a hex colour; write \"#rrggbb\" or \"#rgb\"")
            }
            return .color(color)
        }
        if lower == "default" { return .color(.standard) }
        // ANSI names are looked up with the names from colors:, which may redefine them.
        return .named(text, line: line, path: path)
    }

    /// black…white are palette 0–7, bright-black…bright-white 8–15.
    static func ansiColor(_ name: String) -> TerminalColor? {
        let lower = name.lowercased()
        if let index = ansiNames.firstIndex(of: lower) { return .palette(UInt8(index)) }
        if lower.hasPrefix("bright-"), let index = ansiNames.firstIndex(of: String(lower.dropFirst(7))) {
            return .palette(UInt8(index + 8))
        }
        return nil
    }

    private static func hexColor(_ text: String) -> TerminalColor? {
        var digits = Array(text.dropFirst())
        if digits.count == 3 { digits = digits.flatMap { [$0, $0] } }
        // ASCII only: Character.isHexDigit also accepts fullwidth digits, which radix 16 does not.
        guard digits.count == 6, digits.allSatisfy({ $0.isASCII && $0.isHexDigit }),
              let red = UInt8(String(digits[0..<2]), radix: 16),
              let green = UInt8(String(digits[2..<4]), radix: 16),
              let blue = UInt8(String(digits[4..<6]), radix: 16) else { return nil }
        return .nearest(red: red, green: green, blue: blue)
    }

    private static func checkColorName(_ name: String, line: Int) throws(FileProblem) {
        if name.lowercased() == "default" || Int(name) != nil || name.hasPrefix("#") || name.isEmpty {
            throw FileProblem(line: line, "colors: '\(name)' cannot name a colour: it already means a colour")
        }
    }

    /// " (did you mean 'title-bar'?)" for a role name one or two edits away from a real one.
    private static func suggestion(_ name: String) -> String {
        let candidates = ThemeRole.allCases.map { ($0.rawValue, editDistance(name.lowercased(), $0.rawValue)) }
        guard let best = candidates.min(by: { $0.1 < $1.1 }), best.1 <= 2 else { return "" }
        return " (did you mean '\(best.0)'?)"
    }

    private static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1]
            for (j, y) in b.enumerated() {
                current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1)))
            }
            previous = current
        }
        return previous[b.count]
    }

    /// An unquoted `#rrggbb` turns the rest of its line into a comment, which in `{ fg: #fff }`
    /// leaves YAML with an unclosed mapping, reported on a later line: find the line to blame.
    private static func unquotedHexLine(_ text: String, before line: Int) -> Int? {
        guard line > 0 else { return nil }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for index in stride(from: min(line, lines.count) - 1, through: max(0, line - 3), by: -1) {
            let content = lines[index]
            if content.range(of: #":\s*#[0-9A-Fa-f]{3,6}\b"#, options: .regularExpression) != nil { return index + 1 }
        }
        return nil
    }
}
