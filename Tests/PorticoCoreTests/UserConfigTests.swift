import Foundation
import PorticoCore
import Testing

@Suite("config.yaml")
struct UserConfigTests {
    /// User paths whose config folder holds `config.yaml` with `text` (no file when nil).
    private func paths(_ text: String?) throws -> UserPaths {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("portico-config-\(UUID().uuidString)")
        let paths = UserPaths(config: home.appendingPathComponent("config"), data: home.appendingPathComponent("data"))
        if let text {
            try FileManager.default.createDirectory(at: paths.config, withIntermediateDirectories: true)
            try text.write(to: paths.config.appendingPathComponent(UserConfig.fileName), atomically: true, encoding: .utf8)
        }
        return paths
    }

    private func failure(_ text: String) throws -> String? {
        do {
            _ = try UserConfig.load(try paths(text))
            return nil
        } catch let error as PorticoError {
            return error.message
        }
    }

    @Test("no file, or an empty one, gives the defaults")
    func defaults() throws {
        #expect(try UserConfig.load(paths(nil)) == UserConfig())
        #expect(try UserConfig.load(paths("")) == UserConfig())
        #expect(try UserConfig.load(paths("# only a comment\n")) == UserConfig())
    }

    @Test("theme and keys, one key or a list, each with its line")
    func reads() throws {
        let config = try UserConfig.load(paths("""
            theme: light
            keys:
              send: ctrl+g
              quit: [q, ctrl+q]
            """))
        #expect(config.theme == "light")
        #expect(config.keys == [
            UserConfig.KeyBinding(command: "send", keys: ["ctrl+g"], line: 3),
            UserConfig.KeyBinding(command: "quit", keys: ["q", "ctrl+q"], line: 4),
        ])
    }

    @Test("mistakes name the file and the line", arguments: [
        ("colour: red\n", ":1:", "colour"),
        ("theme: [a, b]\n", ":1:", "theme"),
        ("keys:\n  send: {a: b}\n", ":2:", "keys.send"),
        ("keys: [send]\n", ":1:", "keys"),
        ("theme: light\n  bad indentation: here\n", ":2:", "invalid YAML"),
    ])
    func mistakes(text: String, line: String, mentions: String) throws {
        let message = try #require(try failure(text))
        #expect(message.contains("config.yaml"), "\(message)")
        #expect(message.contains(line), "\(message)")
        #expect(message.contains(mentions), "\(message)")
    }

    @Test("keys: with every binding commented out keeps the theme")
    func emptyKeys() throws {
        let config = try UserConfig.load(paths("theme: light\nkeys:\n  # send: ctrl+g\n"))
        #expect(config == UserConfig(theme: "light"))
    }

    @Test("a FIFO named config.yaml is refused at once instead of hanging the start")
    func fifo() throws {
        let paths = try paths(nil)
        try FileManager.default.createDirectory(at: paths.config, withIntermediateDirectories: true)
        #expect(mkfifo(paths.config.appendingPathComponent(UserConfig.fileName).path, 0o600) == 0)
        do {
            _ = try UserConfig.load(paths)
            Issue.record("a FIFO loaded as config")
        } catch {
            #expect(error.message.contains("not a regular file"), "\(error.message)")
        }
    }

    @Test("history limits: counts, ages and sizes with units; mistakes name the key and line")
    func historyLimits() throws {
        let config = try UserConfig.load(paths("history:\n  keep: 200\n  olderThan: 2w\n  maxSize: 1.5GB\n  maxBodySize: 64KiB\n"))
        #expect(config.historyRetention == HistoryRetention(keep: 200, olderThan: 14 * 86_400, maxSize: 1_500_000_000))
        #expect(config.historyMaxBodySize == 65_536)
        #expect(try UserConfig.load(paths(nil)).historyRetention == HistoryRetention(keep: 50_000))
        let age = try #require(try failure("theme: dark\nhistory:\n  olderThan: soon\n"))
        #expect(age.contains("config.yaml:3"), "\(age)")
        #expect(age.contains("history.olderThan"), "\(age)")
        #expect(try failure("history:\n  keep: 0\n")?.contains("history.keep must be 1 or more") == true)
        #expect(try failure("history:\n  maxSize: lots\n")?.contains("not a size") == true)
        #expect(try failure("history:\n  limit: 3\n") != nil)
    }

    @Test("the response body limit: 1 GiB by default, a size with a unit; mistakes name the key and line")
    func responseBodyLimit() throws {
        #expect(try UserConfig.load(paths(nil)).responseMaxBodySize == 1 << 30)
        #expect(try UserConfig.load(paths("response:\n  maxBodySize: 200MB\n")).responseMaxBodySize == 200_000_000)
        #expect(try UserConfig.load(paths("response:\n  maxBodySize: 2GiB\n")).responseMaxBodySize == 2 << 30)
        let wrong = try #require(try failure("theme: dark\nresponse:\n  maxBodySize: huge\n"))
        #expect(wrong.contains("config.yaml:3") && wrong.contains("response.maxBodySize") && wrong.contains("not a size"), "\(wrong)")
        #expect(try failure("response:\n  maxSize: 3MB\n") != nil)
    }
}

@Suite("The home folder")
struct HomeFolderTests {
    @Test func aTildeIsTheHomeVariable() {
        let environment = ["HOME": "/tmp/someone"]
        #expect(UserPaths.expandingTilde(in: "~/saved.json", environment) == "/tmp/someone/saved.json")
        #expect(UserPaths.expandingTilde(in: "~", environment) == "/tmp/someone")
        #expect(UserPaths.expandingTilde(in: "notes/~/x", environment) == "notes/~/x")
        #expect(UserPaths.expandingTilde(in: "/abs/path", environment) == "/abs/path")
        #expect(UserPaths.home(environment).path == "/tmp/someone")
    }

    @Test func withoutAHomeVariableItIsTheAccountsHomeFolder() {
        #expect(UserPaths.home([:]) == FileManager.default.homeDirectoryForCurrentUser)
        #expect(UserPaths.expandingTilde(in: "~/x", [:]) == FileManager.default.homeDirectoryForCurrentUser.path + "/x")
    }
}
