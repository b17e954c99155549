import Foundation
import PorticoCore

/// The themes the explorer can use: the ones shipped in `themes/` (compiled into the binary) and
/// the user's own `*.yaml` files in `$XDG_CONFIG_HOME/portico/themes`. A theme's name is its file
/// name without `.yaml`; a user file with a built-in's name replaces that built-in.
///
/// Loading never fails as a whole: every broken file is kept in `problems` (to report at start-up)
/// and the others load. A broken user file that would replace a built-in leaves the built-in in
/// place; any other broken file leaves its name out of `names`, and `theme(named:)` returns its
/// problem.
public struct ThemeCatalog: Sendable {
    public enum Origin: Hashable, Sendable {
        case builtIn
        case user(URL)
    }

    /// A theme that loads, for lists such as the command palette.
    public struct Entry: Hashable, Sendable {
        /// What `--theme`, `theme:` and `theme(named:)` take: the file name without `.yaml`.
        public var name: String
        /// The file's `name:`, or the name.
        public var title: String
        /// The file's `description:`.
        public var summary: String?
        public var origin: Origin

        public init(name: String, title: String, summary: String? = nil, origin: Origin) {
            self.name = name
            self.title = title
            self.summary = summary
            self.origin = origin
        }
    }

    /// The theme used when none is chosen, or when the chosen one cannot be loaded.
    public static let defaultName = "dark"
    /// The theme for NO_COLOR and terminals without colours: attributes only.
    public static let monochromeName = "monochrome"

    /// Only the shipped themes.
    public static let builtIn = ThemeCatalog(builtIns: EmbeddedThemes.files, userFolder: nil)

    /// Where user themes live: `themes/` in Portico's config folder (`$XDG_CONFIG_HOME/portico`).
    public static func userFolder(_ paths: UserPaths) -> URL {
        paths.config.appendingPathComponent("themes", isDirectory: true)
    }

    /// The themes usable, built-ins first (sorted by name, a user replacement keeping its built-in's
    /// place), then the user's own (sorted by name).
    public private(set) var entries: [Entry] = []
    /// Broken theme files (and an unreadable user folder), in the order of `entries`' names, each
    /// as `file:line: message`. Built-in problems are bugs in Portico; the tests keep them out.
    public private(set) var problems: [ThemeProblem] = []
    /// The user folder this catalog read, if any.
    public let userFolder: URL?

    private var themes: [String: Theme] = [:]
    private var failures: [String: ThemeProblem] = [:]

    public var names: [String] { entries.map(\.name) }

    /// The built-in themes plus the user themes in `paths`' config folder.
    public init(paths: UserPaths) {
        self.init(userFolder: Self.userFolder(paths))
    }

    /// The built-in themes plus the `*.yaml` files in `userFolder` (none when nil or missing).
    public init(userFolder: URL?) {
        self.init(builtIns: EmbeddedThemes.files, userFolder: userFolder)
    }

    /// The entry for a name that loads.
    public func entry(named name: String) -> Entry? {
        entries.first { $0.name == name }
    }

    /// The theme called `name`, or why there is none: its file's problem, or an unknown name
    /// (the message lists the available names).
    public func theme(named name: String) -> Result<Theme, ThemeProblem> {
        if let theme = themes[name] { return .success(theme) }
        if let problem = failures[name] { return .failure(problem) }
        var message = "unknown theme '\(name)'; the themes are: \(names.joined(separator: ", "))"
        if let userFolder { message += " (add your own as \(userFolder.path)/NAME.yaml)" }
        return .failure(ThemeProblem(file: nil, line: 0, message))
    }

    // MARK: Loading

    private enum Layer: Hashable { case builtIn, user }

    private struct Key: Hashable {
        var name: String
        var layer: Layer
    }

    private typealias Resolved = (theme: Theme, colors: [String: TerminalColor])

    /// Every theme file found, parsed or not, and what resolving it gave.
    private struct Loader {
        var files: [Key: Result<ThemeFile, ThemeProblem>] = [:]
        var userURLs: [String: URL] = [:]
        var resolved: [Key: Result<Resolved, ThemeProblem>] = [:]
        var inProgress: [Key] = []

        mutating func resolve(_ key: Key) -> Result<Resolved, ThemeProblem> {
            if let done = resolved[key] { return done }
            guard let parsed = files[key] else { preconditionFailure("no theme file for \(key)") }
            inProgress.append(key)
            let result = parsed.flatMap { file in resolve(file, key) }
            inProgress.removeLast()
            resolved[key] = result
            return result
        }

        /// `extends: NAME` in a user file means what the catalog gives for NAME: the user's
        /// NAME.yaml if there is one and it loads, else the built-in (and in the user's own
        /// NAME.yaml, the built-in NAME, so `extends: dark` in dark.yaml tweaks the built-in dark).
        /// In a built-in it means a built-in.
        private mutating func resolve(_ file: ThemeFile, _ key: Key) -> Result<Resolved, ThemeProblem> {
            guard let parentName = file.extends else {
                return Result { () throws(ThemeProblem) in try file.resolve(parent: nil) }
            }
            func problem(_ message: String) -> Result<Resolved, ThemeProblem> {
                .failure(ThemeProblem(file: file.file, line: file.extendsLine, message))
            }
            let user = Key(name: parentName, layer: .user)
            let builtIn = Key(name: parentName, layer: .builtIn)
            let parentKey: Key
            if key.layer == .user, parentName != key.name, files[user] != nil {
                parentKey = user
            } else if files[builtIn] != nil, !(key.layer == .builtIn && parentName == key.name) {
                parentKey = builtIn
            } else if parentName == key.name {
                return problem("'extends: \(parentName)' makes a cycle: a theme cannot extend itself")
            } else {
                return problem("extends unknown theme '\(parentName)'")
            }
            if let start = inProgress.firstIndex(of: parentKey) {
                let chain = inProgress[start...].map(\.name) + [parentName]
                return problem("'extends: \(parentName)' makes a cycle: \(chain.joined(separator: " → "))")
            }
            var parent = resolve(parentKey)
            if case .failure = parent, parentKey.layer == .user, files[builtIn] != nil {
                // As in the catalog: a broken user file leaves the built-in of its name in place.
                parent = resolve(builtIn)
            }
            switch parent {
            case .failure(let parentProblem):
                return problem("extends '\(parentName)', which cannot be loaded: \(parentProblem)")
            case .success(let resolved):
                return Result { () throws(ThemeProblem) in try file.resolve(parent: resolved) }
            }
        }
    }

    init(builtIns: [(name: String, text: String)], userFolder: URL?) {
        self.userFolder = userFolder
        var loader = Loader()
        for (name, text) in builtIns {
            loader.files[Key(name: name, layer: .builtIn)] = Result { () throws(ThemeProblem) in
                try ThemeFile.parse(text, file: "themes/\(name).yaml")
            }
        }
        var folderProblem: ThemeProblem?
        if let userFolder {
            do {
                for (name, url) in try Self.userFiles(in: userFolder) {
                    loader.userURLs[name] = url
                    loader.files[Key(name: name, layer: .user)] = Result { () throws(ThemeProblem) in
                        let text: String
                        do throws(FileProblem) {
                            text = try FolderReading.text(url.path)
                        } catch let problem {
                            throw ThemeProblem(file: url.path, line: 0, "cannot read the theme: \(problem.message.replacingOccurrences(of: "cannot read: ", with: ""))")
                        }
                        return try ThemeFile.parse(text, file: url.path)
                    }
                }
            } catch {
                folderProblem = error
            }
        }

        let builtInNames = builtIns.map(\.name).sorted()
        let userOnly = loader.userURLs.keys.filter { !builtInNames.contains($0) }.sorted()
        for name in builtInNames + userOnly {
            let builtIn = Key(name: name, layer: .builtIn)
            let user = Key(name: name, layer: .user)
            if loader.files[builtIn] != nil, case .failure(let problem) = loader.resolve(builtIn) {
                problems.append(problem)
            }
            var chosen: (Resolved, ThemeFile, Origin)?
            if let url = loader.userURLs[name] {
                switch loader.resolve(user) {
                case .success(let resolved):
                    if case .success(let file) = loader.files[user] { chosen = (resolved, file, .user(url)) }
                case .failure(let problem):
                    if loader.files[builtIn] != nil {
                        var noted = problem
                        noted.message += " (using the built-in '\(name)' instead)"
                        problems.append(noted)
                    } else {
                        problems.append(problem)
                        failures[name] = problem
                    }
                }
            }
            if chosen == nil, loader.files[builtIn] != nil {
                switch loader.resolve(builtIn) {
                case .success(let resolved):
                    if case .success(let file) = loader.files[builtIn] { chosen = (resolved, file, .builtIn) }
                case .failure(let problem):
                    failures[name] = failures[name] ?? problem
                }
            }
            if let (resolved, file, origin) = chosen {
                themes[name] = resolved.theme
                failures[name] = nil
                entries.append(Entry(name: name, title: file.title ?? name, summary: file.summary, origin: origin))
            }
        }
        if let folderProblem { problems.append(folderProblem) }
    }

    /// `*.yaml` in the folder by theme name; a missing folder has none.
    private static func userFiles(in folder: URL) throws(ThemeProblem) -> [(String, URL)] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder) else { return [] }
        guard isFolder.boolValue else { throw ThemeProblem(file: folder.path, line: 0, "is not a folder; user themes go in a folder of NAME.yaml files") }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        } catch {
            throw ThemeProblem(file: folder.path, line: 0, "cannot read the themes folder: \(FileErrors.reason(error))")
        }
        return names.filter { $0.hasSuffix(".yaml") && !$0.hasPrefix(".") }.sorted().map {
            (String($0.dropLast(5)), folder.appendingPathComponent($0))
        }
    }

}

extension Theme {
    /// A shipped theme, straight from the file compiled in. A broken shipped theme is a bug in
    /// Portico, which the tests catch; it stops the program rather than show a half theme.
    static func builtIn(_ name: String) -> Theme {
        guard let file = EmbeddedThemes.files.first(where: { $0.name == name }) else {
            fatalError("themes/\(name).yaml is not compiled in (see Plugins/EmbedThemes)")
        }
        do {
            return try ThemeFile.parse(file.text, file: "themes/\(name).yaml").theme()
        } catch {
            fatalError("the shipped theme is broken: \(error)")
        }
    }
}
