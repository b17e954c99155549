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

    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> UserPaths {
        let home = environment["HOME"].map { URL(fileURLWithPath: $0) } ?? FileManager.default.homeDirectoryForCurrentUser
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
