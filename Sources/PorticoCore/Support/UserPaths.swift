import Foundation

/// Per-user places, following the XDG base directory spec.
public struct UserPaths: Sendable {
    /// `$XDG_CONFIG_HOME/portico`: config, themes, secrets.
    public var config: URL
    /// `$XDG_DATA_HOME/portico`: history and the default collection.
    public var data: URL

    public init(config: URL, data: URL) {
        self.config = config
        self.data = data
    }

    /// `$HOME`, or the account's home folder when it is not set. Foundation's own answer on Linux
    /// (`homeDirectoryForCurrentUser`, `expandingTildeInPath`) comes from the password database and
    /// ignores `$HOME`, which the shell, and the user, go by.
    public static func home(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let home = environment["HOME"], home.hasPrefix("/") { return URL(fileURLWithPath: home) }
        return FileManager.default.homeDirectoryForCurrentUser
    }

    /// `path` with a leading `~` or `~/` made the home folder, as a shell would (`~user/` too).
    public static func expandingTilde(in path: String, _ environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if path == "~" || path.hasPrefix("~/") { return home(environment).path + path.dropFirst() }
        return path.hasPrefix("~") ? (path as NSString).expandingTildeInPath : path
    }

    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> UserPaths {
        let home = home(environment)
        func base(_ variable: String, _ fallback: String) -> URL {
            // The spec says relative paths are invalid and must be ignored.
            if let value = environment[variable], value.hasPrefix("/") { return URL(fileURLWithPath: value) }
            return home.appendingPathComponent(fallback)
        }
        return UserPaths(
            config: base("XDG_CONFIG_HOME", ".config").appendingPathComponent("portico"),
            data: base("XDG_DATA_HOME", ".local/share").appendingPathComponent("portico"))
    }
}
