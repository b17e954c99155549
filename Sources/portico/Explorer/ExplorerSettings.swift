import Foundation
import PorticoCore
import PorticoTUI

/// What the user chose for the explorer: the keymap from config.yaml, the themes, the theme to
/// start with, and where and how much history is kept. A broken config or theme file is reported
/// and the defaults are used; a theme asked for by name on the command line must exist.
struct ExplorerSettings {
    var keymap = Keymap.standard
    var catalog: ThemeCatalog
    var themeName = ThemeCatalog.defaultName
    var theme: Theme
    var historyStore: HistoryStore
    /// Where OAuth 2.0 tokens are kept, shared with `portico send`.
    var tokenStore: OAuth2TokenStore
    /// False with `--no-history`: nothing sent is recorded (the history can still be read).
    var recordsHistory = true
    /// `network:` from config.yaml: transport, proxy and TLS defaults for every request.
    var network = ConnectionOptions()
    /// `cookies:` from config.yaml: whether the collection gets a cookie jar, and where it is kept
    /// between runs (nil: it is not).
    var cookieJar = true
    var cookieStore: CookieJarStore?
    /// `response: maxBodySize:` from config.yaml: where an exchange stops taking a body.
    var maxBodySize = BodySizeLimit.defaultSize
    /// Problems found, each one line, shown at start-up.
    var warnings: [String] = []

    static func load(themeOption: String?, paths: UserPaths) throws(PorticoError) -> ExplorerSettings {
        let catalog = ThemeCatalog(paths: paths)
        guard case .success(let fallback) = catalog.theme(named: ThemeCatalog.defaultName) else {
            // A user dark.yaml that breaks leaves the built-in one in place, so this cannot happen.
            throw .input("the default theme cannot be loaded")
        }
        var settings = ExplorerSettings(catalog: catalog, theme: fallback, historyStore: HistoryStore(folder: HistoryStore.defaultFolder(paths: paths)),
                                       tokenStore: OAuth2TokenStore(paths: paths))
        settings.warnings += catalog.problems.map { "theme \($0.description)" }
        var config = UserConfig()
        do {
            config = try UserConfig.load(paths)
        } catch {
            settings.warnings.append("\(error.message) (default keys, theme and history limits used)")
        }
        settings.historyStore.maxBodySize = config.historyMaxBodySize
        settings.historyStore.retention = config.historyRetention
        do throws(PorticoError) { try settings.historyStore.recover() } catch {
            settings.warnings.append("history: \(error.message)")
        }
        settings.network = config.network
        settings.maxBodySize = config.responseMaxBodySize
        settings.cookieJar = config.cookieJar
        settings.cookieStore = config.persistCookies ? CookieJarStore(paths: paths) : nil
        do {
            settings.keymap = try Keymap.standard.applying(config.keys)
        } catch {
            let file = paths.config.appendingPathComponent(UserConfig.fileName).path
            settings.warnings += error.problems.map { "\(file):\($0.line): \($0.message) (default keys used)" }
        }
        if let themeOption {
            switch catalog.theme(named: themeOption) {
            case .success(let theme): settings.use(themeOption, theme)
            case .failure(let problem): throw .input("--theme: \(problem.description)")
            }
        } else if let name = config.theme {
            switch catalog.theme(named: name) {
            case .success(let theme): settings.use(name, theme)
            case .failure(let problem): settings.warnings.append("config theme: \(problem.description) (the default theme is used)")
            }
        }
        return settings
    }

    mutating func use(_ name: String, _ theme: Theme) {
        themeName = name
        self.theme = theme
    }

    /// The monochrome theme, for NO_COLOR and terminals without colours: the others mark the
    /// selection with a background colour that such a terminal cannot show.
    mutating func useMonochrome() {
        if case .success(let theme) = catalog.theme(named: ThemeCatalog.monochromeName) {
            use(ThemeCatalog.monochromeName, theme)
        }
    }
}
