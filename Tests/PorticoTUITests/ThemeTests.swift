import Foundation
import PorticoCore
import PorticoTUI
import Testing

@Suite("Themes")
struct ThemeTests {
    static let shippedNames = ["dark", "gruvbox-dark", "high-contrast", "light", "monochrome", "solarized-dark"]

    /// The package's themes/ folder, the source the binary embeds.
    static let themesFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("themes")

    /// A fresh user themes folder holding `files` (name without `.yaml` → text).
    private func userFolder(_ files: [String: String]) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("portico-themes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, text) in files {
            try text.write(to: folder.appendingPathComponent("\(name).yaml"), atomically: true, encoding: .utf8)
        }
        return folder
    }

    private func problem(_ text: String, extending parent: Theme? = nil) -> ThemeProblem? {
        do {
            _ = try ThemeFile.parse(text, file: "t.yaml").theme(extending: parent)
            return nil
        } catch {
            return error
        }
    }

    // MARK: Shipped themes

    @Test("the six shipped themes are compiled in, load without problems and match themes/ on disk")
    func shipped() throws {
        let catalog = ThemeCatalog.builtIn
        #expect(catalog.problems == [])
        #expect(catalog.names == Self.shippedNames, "the embedded list is stale: `touch Package.swift` makes SwiftPM run the EmbedThemes plugin again")
        let onDisk = try FileManager.default.contentsOfDirectory(atPath: Self.themesFolder.path)
            .filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
        #expect(onDisk == Self.shippedNames)
        for name in Self.shippedNames {
            let text = try String(contentsOf: Self.themesFolder.appendingPathComponent("\(name).yaml"), encoding: .utf8)
            let file = try ThemeFile.parse(text, file: "themes/\(name).yaml")
            // Without `extends`, so every role is in the file itself (theme() checks them all).
            #expect(file.extends == nil, "\(name)")
            #expect(file.title != nil && file.summary != nil, "\(name)")
            let theme = try file.theme()
            #expect(try catalog.theme(named: name).get() == theme, "\(name): the embedded copy is stale")
            #expect(theme.methods.keys.sorted() == ["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"], "\(name)")
        }
    }

    @Test("dark.yaml is exactly the former hard-coded dark theme")
    func darkValues() throws {
        func fg(_ index: UInt8, bg: UInt8? = nil, bold: Bool = false, underline: Bool = false) -> Style {
            Style(foreground: .palette(index), background: bg.map { .palette($0) } ?? .standard, bold: bold, underline: underline)
        }
        let expected: [ThemeRole: Style] = [
            .base: Style(),
            .titleBar: fg(231, bg: 24, bold: true),
            .border: fg(240),
            .focusedBorder: fg(39, bold: true),
            .selection: fg(231, bg: 238),
            .muted: fg(244),
            .accent: fg(39, bold: true),
            .error: fg(203, bold: true),
            .variable: fg(141),
            .undefinedVariable: fg(203, underline: true),
            .key: fg(75),
            .string: fg(114),
            .number: fg(215),
            .literal: fg(176),
            .punctuation: fg(250),
            .status2xx: fg(16, bg: 71, bold: true),
            .status3xx: fg(16, bg: 75, bold: true),
            .status4xx: fg(16, bg: 214, bold: true),
            .status5xx: fg(231, bg: 160, bold: true),
            .diffAdded: fg(114),
            .diffRemoved: fg(203),
            .diffChanged: fg(215),
            .methodGet: fg(71, bold: true),
            .methodPost: fg(214, bold: true),
            .methodPut: fg(75, bold: true),
            .methodPatch: fg(176, bold: true),
            .methodDelete: fg(203, bold: true),
            .methodHead: fg(80, bold: true),
            .methodOptions: fg(80, bold: true),
            .methodOther: fg(180, bold: true),
        ]
        #expect(Set(expected.keys) == Set(ThemeRole.allCases))
        let dark = Theme.dark
        for role in ThemeRole.allCases {
            #expect(dark[role] == expected[role], "\(role.rawValue)")
        }
        #expect(dark.method(.get) == expected[.methodGet])
        #expect(dark.method(try HTTPMethod("PROPFIND")) == expected[.methodOther])
        #expect(dark.status(201) == expected[.status2xx])
        #expect(dark.status(503) == expected[.status5xx])
        #expect(try ThemeCatalog.builtIn.theme(named: ThemeCatalog.defaultName).get() == dark)
    }

    @Test("monochrome has no colours, and keeps the selection and status badges visible")
    func monochrome() throws {
        let theme = Theme.monochrome
        #expect(try ThemeCatalog.builtIn.theme(named: ThemeCatalog.monochromeName).get() == theme)
        for role in ThemeRole.allCases {
            #expect(theme[role].foreground == .standard, "\(role.rawValue)")
            #expect(theme[role].background == .standard, "\(role.rawValue)")
        }
        #expect(theme.selection.reverse)
        for role in [ThemeRole.status2xx, .status3xx, .status4xx, .status5xx, .titleBar] {
            #expect(theme[role].reverse, "\(role.rawValue)")
        }
        // A selected row in a list stays marked with attributes alone.
        var cell = theme.base
        theme.highlight(&cell)
        #expect(cell.reverse)
        var darkCell = Theme.dark.base
        Theme.dark.highlight(&darkCell)
        #expect(darkCell == Style(background: .palette(238)))
    }

    @Test("the comparison roles: every shipped file sets them; a complete theme written before them takes string, error and number")
    func comparisonRoles() throws {
        for name in Self.shippedNames {
            let text = try String(contentsOf: Self.themesFolder.appendingPathComponent("\(name).yaml"), encoding: .utf8)
            for role in ThemeRole.allCases {
                #expect(text.contains("\n  \(role.rawValue): "), "themes/\(name).yaml does not set \(role.rawValue)")
            }
        }
        let older = ThemeRole.allCases.filter { ![ThemeRole.diffAdded, .diffRemoved, .diffChanged].contains($0) }
        let lines = older.enumerated().map { index, role in "  \(role.rawValue): { fg: \(index + 1) }" }
        let theme = try ThemeFile.parse("styles:\n" + lines.joined(separator: "\n") + "\n", file: "old.yaml").theme()
        #expect(theme.diffAdded == theme.string)
        #expect(theme.diffRemoved == theme.error)
        #expect(theme.diffChanged == theme.number)
        // Extending keeps the parent's own comparison styles.
        let extending = try ThemeFile.parse("extends: dark\nstyles:\n  string: { fg: 1 }\n", file: "e.yaml").theme(extending: .dark)
        #expect(extending.diffAdded == Theme.dark.diffAdded)
    }

    // MARK: Colours

    @Test("hex colours map to the nearest xterm-256 cube or grey entry")
    func hexMapping() {
        #expect(TerminalColor.nearest(red: 0, green: 0, blue: 0) == .palette(16))
        #expect(TerminalColor.nearest(red: 255, green: 255, blue: 255) == .palette(231))
        #expect(TerminalColor.nearest(red: 0x80, green: 0x80, blue: 0x80) == .palette(244))  // grey 8 + 10 × 12 = 128
        #expect(TerminalColor.nearest(red: 0xff, green: 0, blue: 0) == .palette(196))
        #expect(TerminalColor.nearest(red: 0x5f, green: 0x87, blue: 0xaf) == .palette(67))  // exact cube entry
        #expect(TerminalColor.nearest(red: 0x76, green: 0x76, blue: 0x76) == .palette(243))
        #expect(TerminalColor.nearest(red: 0x28, green: 0x28, blue: 0x28) == .palette(235))  // gruvbox bg0 → grey 40
    }

    @Test("colour syntax: palette index, ANSI names, hex, default and names from colors:")
    func colourSyntax() throws {
        let text = """
            extends: dark
            colors:
              brand: "#ff0000"
              red: 88
            styles:
              base: { fg: 7, bg: default }
              border: { fg: bright-blue, bg: black }
              muted: { fg: "#fff", bg: "#000000" }
              accent: { fg: brand, bold: true, dim: true, italic: true, underline: true, reverse: true }
              error: { fg: red, bg: "200" }
            """
        let theme = try ThemeFile.parse(text, file: "t.yaml").theme(extending: .dark)
        #expect(theme.base == Style(foreground: .palette(7)))
        #expect(theme.border == Style(foreground: .palette(12), background: .palette(0)))
        #expect(theme.muted == Style(foreground: .palette(231), background: .palette(16)))
        #expect(theme.accent == Style(foreground: .palette(196), bold: true, dim: true, italic: true, underline: true, reverse: true))
        // A name under colors: wins over the ANSI name it shadows.
        #expect(theme.error == Style(foreground: .palette(88), background: .palette(200)))
        // A role written replaces the extended one entirely; the others are kept.
        #expect(theme.titleBar == Theme.dark.titleBar)
    }

    // MARK: Problems

    @Test("each mistake is reported with its file and line")
    func problems() {
        let cases: [(text: String, line: Int, message: String)] = [
            ("extends: dark\nstyles:\n  base: {}\ncolour: 3\n", 4, "unknown key 'colour' in the theme"),
            ("extends: dark\nstyles:\n  titlebar: { bold: true }\n", 3, "unknown role 'titlebar' (did you mean 'title-bar'?)"),
            ("extends: dark\nstyles:\n  base:\n    fg: 1\n    colour: 2\n", 5, "unknown key 'colour' in base"),
            ("extends: dark\nstyles:\n  muted: { fg: 240 }\n  border: { fg: gren }\n", 4, "border.fg: unknown colour 'gren'"),
            ("extends: dark\nstyles:\n\n  border: { bg: 300 }\n", 4, "border.bg: palette index 300 is out of range 0–255"),
            ("extends: dark\nstyles:\n  border: { fg: \"#12345\" }\n", 3, "border.fg: '#12345' is not a hex colour"),
            ("extends: dark\nstyles:\n  border:\n    fg: #123456\n", 4, "border.fg has no colour (a hex colour must be quoted"),
            ("extends: dark\nstyles:\n  border: { fg: #123456 }\n  muted: {}\n", 3, "a hex colour must be quoted, \"#rrggbb\": an unquoted # starts a comment (invalid YAML:"),
            ("extends: dark\nstyles:\n  border: { bold: maybe }\n", 3, "border.bold must be true or false"),
            ("extends: dark\nstyles:\n  border: {}\n  border: { bold: true }\n", 4, "duplicate key 'border'"),
            ("extends: dark\ncolors:\n  default: 3\n", 3, "colors: 'default' cannot name a colour"),
            ("extends: dark\ncolors:\n  a: 1\n  b: a\n", 4, "colors.b: 'a' is not a colour"),
            ("extends: dark\nstyles:\n  border: bold\n", 3, "border must be a mapping"),
            ("# nothing\n", 0, "the file is empty"),
        ]
        for item in cases {
            let problem = problem(item.text, extending: .dark)
            #expect(problem?.file == "t.yaml", "\(item.text)")
            #expect(problem?.line == item.line, "\(item.text): \(problem?.description ?? "no problem")")
            #expect(problem?.message.contains(item.message) == true, "\(item.text): \(problem?.description ?? "no problem")")
            let prefix = item.line > 0 ? "t.yaml:\(item.line): " : "t.yaml: "
            #expect(problem?.description.hasPrefix(prefix) == true, "\(problem?.description ?? "")")
        }
        // Missing roles only matter without `extends`: the message says how to fix it.
        let missing = problem("name: Mine\nstyles:\n  base: {}\n", extending: nil)
        #expect(missing?.line == 2)
        #expect(missing?.description.hasPrefix("t.yaml:2: missing roles title-bar, border, focused-border,") == true)
        #expect(missing?.message.contains("extends: dark") == true)
    }

    // MARK: Catalog

    @Test("user themes: listed after the built-ins, extending works, a user file replaces a built-in")
    func userThemes() throws {
        let folder = try userFolder([
            "mine": "name: Mine\ndescription: Mostly dark\nextends: dark\nstyles:\n  title-bar: { fg: black, bg: 160 }\n",
            "warm": "extends: gruvbox-dark\nstyles:\n  accent: { fg: aqua }\n",
            "light": "extends: light\nstyles:\n  border: { fg: 1 }\n",
            "chain": "extends: mine\nstyles:\n  border: { fg: 2 }\n",
            "notes": "not a theme, not yaml: ignored",
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        try "ignored".write(to: folder.appendingPathComponent("README.txt"), atomically: true, encoding: .utf8)
        let catalog = ThemeCatalog(userFolder: folder)
        // notes.yaml is broken (not a theme) and reported; the rest load.
        #expect(catalog.names == Self.shippedNames + ["chain", "mine", "warm"])
        #expect(catalog.problems.count == 1)
        #expect(catalog.problems.first?.file == folder.appendingPathComponent("notes.yaml").path)

        let mine = try catalog.theme(named: "mine").get()
        #expect(mine.titleBar == Style(foreground: .palette(0), background: .palette(160)))
        #expect(mine.border == Theme.dark.border)
        #expect(catalog.entry(named: "mine") == ThemeCatalog.Entry(name: "mine", title: "Mine", summary: "Mostly dark", origin: .user(folder.appendingPathComponent("mine.yaml"))))
        #expect(catalog.entry(named: "dark")?.origin == .builtIn)
        #expect(catalog.entry(named: "dark")?.title == "Dark")

        // Named colours are inherited: aqua is gruvbox's, not ANSI cyan.
        let warm = try catalog.theme(named: "warm").get()
        #expect(warm.accent == Style(foreground: .nearest(red: 0x8e, green: 0xc0, blue: 0x7c)))
        #expect(try warm.titleBar == ThemeCatalog.builtIn.theme(named: "gruvbox-dark").get().titleBar)

        // A user light.yaml replaces the built-in and may extend it under the same name.
        let light = try catalog.theme(named: "light").get()
        let builtInLight = try ThemeCatalog.builtIn.theme(named: "light").get()
        #expect(light.border == Style(foreground: .palette(1)))
        #expect(light.selection == builtInLight.selection)
        if case .user = catalog.entry(named: "light")?.origin {} else { Issue.record("light should come from the user folder") }

        let chain = try catalog.theme(named: "chain").get()
        #expect(chain.titleBar == mine.titleBar)
        #expect(chain.border == Style(foreground: .palette(2)))
    }

    @Test("a broken user theme is reported with file and line while the others load")
    func brokenUserTheme() throws {
        let folder = try userFolder([
            "good": "extends: dark\nstyles:\n  border: { fg: 1 }\n",
            "bad": "extends: dark\nstyles:\n  border: { fg: 1 }\n  selecton: { reverse: true }\n",
            "dark": "extends: dark\nstyles:\n  border: { fg: nope }\n",
            "orphan": "extends: nothing-like-it\n",
            "child": "extends: bad\n",
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        let catalog = ThemeCatalog(userFolder: folder)
        #expect(catalog.names == Self.shippedNames + ["good"])
        let descriptions = catalog.problems.map(\.description)
        let path = folder.path
        #expect(descriptions.count == 4, "\(descriptions)")
        #expect(descriptions.contains("\(path)/bad.yaml:4: unknown role 'selecton' (did you mean 'selection'?); the roles are listed in docs/themes.md"))
        #expect(descriptions.contains { $0.hasPrefix("\(path)/dark.yaml:3: border.fg: unknown colour 'nope'") && $0.hasSuffix("(using the built-in 'dark' instead)") })
        #expect(descriptions.contains("\(path)/orphan.yaml:1: extends unknown theme 'nothing-like-it'"))
        #expect(descriptions.contains { $0.hasPrefix("\(path)/child.yaml:1: extends 'bad', which cannot be loaded: \(path)/bad.yaml:4:") })

        // The broken replacement leaves the built-in dark in place.
        #expect(try catalog.theme(named: "dark").get() == Theme.dark)
        #expect(catalog.entry(named: "dark")?.origin == .builtIn)
        // Asking for a broken theme gives its problem.
        guard case .failure(let bad) = catalog.theme(named: "bad") else { Issue.record("bad should fail"); return }
        #expect(bad.file == "\(path)/bad.yaml")
        #expect(bad.line == 4)
    }

    @Test("a cycle in extends is an error on the line that closes it")
    func cycles() throws {
        let folder = try userFolder([
            "a": "# a\nextends: b\n",
            "b": "name: B\n\nextends: a\n",
            "self": "extends: self\n",
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        let catalog = ThemeCatalog(userFolder: folder)
        #expect(catalog.names == Self.shippedNames)
        let path = folder.path
        let descriptions = catalog.problems.map(\.description)
        #expect(descriptions.contains("\(path)/b.yaml:3: 'extends: a' makes a cycle: a → b → a"))
        #expect(descriptions.contains("\(path)/a.yaml:2: extends 'b', which cannot be loaded: \(path)/b.yaml:3: 'extends: a' makes a cycle: a → b → a"))
        #expect(descriptions.contains("\(path)/self.yaml:1: 'extends: self' makes a cycle: a theme cannot extend itself"))
    }

    @Test("an unknown theme name lists the themes there are")
    func unknownName() throws {
        let folder = try userFolder(["mine": "extends: dark\n"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let catalog = ThemeCatalog(userFolder: folder)
        guard case .failure(let problem) = catalog.theme(named: "drak") else { Issue.record("drak should not exist"); return }
        #expect(problem.file == nil)
        #expect(problem.description == "unknown theme 'drak'; the themes are: dark, gruvbox-dark, high-contrast, light, monochrome, solarized-dark, mine (add your own as \(folder.path)/NAME.yaml)")
    }

    @Test("the user folder is themes/ in the config folder; a missing folder is no problem")
    func userFolderLocation() {
        let paths = UserPaths.fromEnvironment(["HOME": "/home/ada", "XDG_CONFIG_HOME": "/xdg"])
        #expect(ThemeCatalog.userFolder(paths).path == "/xdg/portico/themes")
        let catalog = ThemeCatalog(paths: UserPaths(config: URL(fileURLWithPath: "/nonexistent-\(UUID().uuidString)"), data: URL(fileURLWithPath: "/tmp")))
        #expect(catalog.names == Self.shippedNames)
        #expect(catalog.problems == [])
    }
}

@Suite("Themes in the rendered screen")
struct ThemeRenderTests {
    @Test("with the monochrome theme the selected sidebar row is marked in reverse video, and no cell has a colour")
    func monochromeSelection() throws {
        let state = Fixtures.state(width: 120, height: 40)
        let grid = render(state, theme: .monochrome)
        let pane = Layout(state).sidebar
        let rows = (pane.row..<(pane.row + pane.height)).filter { row in
            (pane.column..<(pane.column + pane.width)).contains { grid[row, $0].style.reverse }
        }
        // The title bar is reverse too, but it is not in the sidebar: exactly one row is marked.
        #expect(rows.count == 1)
        #expect(grid.cells.allSatisfy { $0.style.foreground == .standard && $0.style.background == .standard })
    }
}

@Suite("Theme colours that only look like hex")
struct ThemeHexTests {
    @Test("fullwidth digits in a hex colour are a reported mistake, not a crash")
    func fullwidthHex() {
        do {
            _ = try ThemeFile.parse("styles:\n  accent: { fg: \"#ｆｆｆｆｆｆ\" }\n", file: "x.yaml").theme(extending: nil)
            Issue.record("a fullwidth hex colour was accepted")
        } catch {
            #expect(error.description.contains("x.yaml:2"), "\(error)")
        }
    }
}
