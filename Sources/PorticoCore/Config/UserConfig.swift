import Foundation

/// `$XDG_CONFIG_HOME/portico/config.yaml`: the user's own settings for the explorer. Read
/// strictly, like every Portico file: an unknown key or a wrong type is reported with its line,
/// never silently ignored. Which commands and keys exist is the explorer's business; this only
/// reads them.
public struct UserConfig: Hashable, Sendable {
    /// A command name with the keys written for it, and the line they are on.
    public struct KeyBinding: Hashable, Sendable {
        public var command: String
        public var keys: [String]
        public var line: Int

        public init(command: String, keys: [String], line: Int) {
            self.command = command
            self.keys = keys
            self.line = line
        }
    }

    public static let fileName = "config.yaml"

    /// The theme to start with (`--theme` wins).
    public var theme: String?
    public var keys: [KeyBinding] = []
    /// `history:` — how much history to keep and the largest body it stores.
    public var historyRetention = HistoryRetention.default
    public var historyMaxBodySize = HistoryStore.defaultMaxBodySize
    /// `response: maxBodySize:` — the largest body taken from a response (after decoding); past it
    /// the exchange stops, keeping what arrived.
    public var responseMaxBodySize = BodySizeLimit.defaultSize
    /// `network:` — transport, proxy and TLS settings for every request; collections and requests
    /// override them field by field. Relative file paths are relative to the config folder.
    public var network = ConnectionOptions()
    /// `cookies: jar:` — whether responses' cookies are kept and sent back (per collection, for the
    /// explorer's session or one `send`).
    public var cookieJar = true
    /// `cookies: persist:` — whether each collection's jar is kept between runs (docs/cookies.md).
    public var persistCookies = false

    public init(theme: String? = nil, keys: [KeyBinding] = []) {
        self.theme = theme
        self.keys = keys
    }

    /// The settings in `paths.config`, or the defaults when there is no file. A broken file is an
    /// error that names the file and line.
    public static func load(_ paths: UserPaths) throws(PorticoError) -> UserConfig {
        let url = paths.config.appendingPathComponent(fileName)
        guard FileManager.default.fileExists(atPath: url.path) else { return UserConfig() }
        do {
            var config = try decode(try FolderReading.text(url.path))
            config.network = config.network.resolvingFiles(against: paths.config)
            return config
        } catch {
            throw .input(error.line > 0 ? "\(url.path):\(error.line): \(error.message)" : "\(url.path): \(error.message)")
        }
    }

    static func decode(_ text: String) throws(FileProblem) -> UserConfig {
        var config = UserConfig()
        guard let root = try YAMLReader.parse(text) else { return config }
        let pairs = try YAMLReader.mapping(root, "config", known: ["theme", "keys", "history", "network", "cookies", "response"])
        if let theme = YAMLReader.value(pairs, "theme") {
            config.theme = try YAMLReader.string(theme, "theme")
        }
        // `keys:` with every binding commented out is an empty section, not a mistake.
        if let keys = YAMLReader.value(pairs, "keys"), keys.null == nil {
            for (command, value, line) in try YAMLReader.mapping(keys, "keys", known: []) {
                let names: [String]
                if value.sequence != nil {
                    names = try YAMLReader.sequence(value, "keys.\(command)").map { node throws(FileProblem) in try YAMLReader.string(node, "keys.\(command)") }
                } else {
                    names = [try YAMLReader.string(value, "keys.\(command)")]
                }
                config.keys.append(KeyBinding(command: command, keys: names, line: line))
            }
        }
        if let history = YAMLReader.value(pairs, "history"), history.null == nil {
            let fields = try YAMLReader.mapping(history, "history", known: ["keep", "olderThan", "maxSize", "maxBodySize"])
            func quantity<T>(_ key: String, _ parse: (String) throws(PorticoError) -> T) throws(FileProblem) -> T? {
                guard let node = YAMLReader.value(fields, key) else { return nil }
                let text = try YAMLReader.string(node, "history.\(key)")
                do { return try parse(text) } catch { throw FileProblem(line: YAMLReader.line(node), "history.\(key): \(error.message)") }
            }
            if let node = YAMLReader.value(fields, "keep") {
                let keep = try YAMLReader.integer(node, "history.keep")
                guard keep > 0 else { throw FileProblem(line: YAMLReader.line(node), "history.keep must be 1 or more") }
                config.historyRetention.keep = keep
            }
            config.historyRetention.olderThan = try quantity("olderThan", HistoryRetention.parseAge)
            config.historyRetention.maxSize = try quantity("maxSize", HistoryRetention.parseSize)
            if let size = try quantity("maxBodySize", HistoryRetention.parseSize) { config.historyMaxBodySize = size }
        }
        if let response = YAMLReader.value(pairs, "response"), response.null == nil {
            let fields = try YAMLReader.mapping(response, "response", known: ["maxBodySize"])
            if let node = YAMLReader.value(fields, "maxBodySize") {
                let text = try YAMLReader.string(node, "response.maxBodySize")
                do { config.responseMaxBodySize = try HistoryRetention.parseSize(text) } catch {
                    throw FileProblem(line: YAMLReader.line(node), "response.maxBodySize: \(error.message)")
                }
            }
        }
        if let cookies = YAMLReader.value(pairs, "cookies"), cookies.null == nil {
            let fields = try YAMLReader.mapping(cookies, "cookies", known: ["jar", "persist"])
            if let node = YAMLReader.value(fields, "jar") { config.cookieJar = try YAMLReader.bool(node, "cookies.jar") }
            if let node = YAMLReader.value(fields, "persist") { config.persistCookies = try YAMLReader.bool(node, "cookies.persist") }
        }
        if let network = YAMLReader.value(pairs, "network"), network.null == nil {
            config.network = try ConnectionOptionsFormat.decode(try YAMLReader.mapping(network, "network", known: ConnectionOptionsFormat.keys), path: "network")
        }
        return config
    }
}
