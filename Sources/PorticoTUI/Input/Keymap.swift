import PorticoCore

/// Which key runs which command, per context. The defaults can be changed in `config.yaml`: a
/// command given there gets exactly the keys listed, and those keys leave whatever command had
/// them by default where the two would clash.
public struct Keymap: Hashable, Sendable {
    /// Keys per command, in the order shown in help (the first is the one the footer shows).
    public private(set) var keys: [Command: [KeyEvent]]

    public static let standard = Keymap(keys: [
        .send: [.control("r"), .function(5)],
        .repeatSend: [.character("b")],
        .cancel: [.escape],
        .save: [.control("s")],
        .palette: [.control("p")],
        .help: [.character("?"), .function(1)],
        .quit: [.character("q"), .control("q")],
        .zoom: [.character("z")],
        .nextPane: [.tab],
        .previousPane: [.backTab],
        .nextEnvironment: [.character("e")],
        .down: [.character("j"), .down],
        .up: [.character("k"), .up],
        .pageDown: [.pageDown, .control("d")],
        .pageUp: [.pageUp, .control("u")],
        .top: [.character("g"), .home],
        .bottom: [.character("G"), .end],
        .open: [.enter, .character("l"), .right, .character(" ")],
        .collapse: [.character("h"), .left],
        .filter: [.character("/")],
        .rename: [.character("r")],
        .duplicate: [.character("c")],
        .move: [.character("m")],
        .delete: [.character("d"), .delete],
        .newRequest: [.character("n")],
        .newFolder: [.character("N")],
        .editURL: [.character("i"), .character("u")],
        .nextMethod: [.character("m")],
        .nextTab: [.character("l"), .right],
        .previousTab: [.character("h"), .left],
        .addRow: [.character("a")],
        .editValue: [.enter],
        .editName: [.character("r")],
        .toggleRow: [.character(" ")],
        .deleteRow: [.character("d"), .delete],
        .bodyType: [.character("t")],
        .externalEditor: [.character("E")],
        .wrap: [.character("w")],
        // Every JSONPath query starts with "$".
        .query: [.character("$")],
        .search: [.character("/")],
        .nextMatch: [.character("n")],
        .previousMatch: [.character("N")],
        .goToLine: [.character(":")],
        .copy: [.character("y")],
        .saveBody: [.character("S")],
        .fold: [.character("f"), .enter],
        .foldLevel: [.character("F")],
        .copyValue: [.character("Y")],
        .copyPath: [.character("p")],
        .history: [.character("H")],
        .cookies: [.character("C")],
        .openEntry: [.enter],
        .searchHistory: [.character("/")],
        .historyMethod: [.character("m")],
        .historyStatus: [.character("s")],
        .historyThisRequest: [.character("c")],
        .historyEnvironment: [.character("E")],
        .clearHistoryFilters: [.character("x")],
        .replay: [.character("r")],
        .replayRendered: [.character("R")],
        .compare: [.character("d")],
        .compareWithResponse: [.character("D")],
        .back: [.escape],
    ])

    /// A rebinding as read from config.yaml, with the line it came from for messages.
    public typealias Binding = UserConfig.KeyBinding

    /// What is wrong with a rebinding, at its line.
    public struct Problem: Error, Hashable, Sendable {
        public var line: Int
        public var message: String
    }

    /// The command a key runs in a pane: the pane's own keys first, then the global ones.
    public func command(for key: KeyEvent, in context: Command.Context) -> Command? {
        for candidate in [context, .global] {
            if let command = lookup[candidate]?[key] { return command }
        }
        return nil
    }

    public func keys(for command: Command) -> [KeyEvent] { keys[command] ?? [] }

    /// The keys of `command` as help shows them: `Ctrl+R / F5`.
    public func label(for command: Command) -> String {
        keys(for: command).map(KeyName.describe).joined(separator: " / ")
    }

    /// Every problem of a set of rebindings.
    public struct Problems: Error, Hashable, Sendable {
        public var problems: [Problem]
    }

    /// This keymap with `bindings` applied; every problem is reported, none half-applied.
    public func applying(_ bindings: [Binding]) throws(Problems) -> Keymap {
        var problems: [Problem] = []
        var result = self
        var chosen: [Command: (keys: [KeyEvent], line: Int)] = [:]
        for binding in bindings {
            guard let command = Command(rawValue: binding.command) else {
                problems.append(Problem(line: binding.line, message: "unknown command '\(binding.command)'; commands: \(Command.allCases.map(\.rawValue).joined(separator: ", "))"))
                continue
            }
            var keys: [KeyEvent] = []
            for name in binding.keys {
                guard let key = KeyName.parse(name) else {
                    problems.append(Problem(line: binding.line, message: "'\(name)' is not a key Portico can tell apart (examples: j, G, ctrl+r, f5, enter, shift+tab, pgdn, space)"))
                    continue
                }
                if !keys.contains(key) { keys.append(key) }
            }
            chosen[command] = (keys, binding.line)
        }
        // Two rebound commands that meet in a context must not share a key.
        let rebound = chosen.keys.sorted { $0.rawValue < $1.rawValue }
        for (index, first) in rebound.enumerated() {
            for second in rebound[(index + 1)...] where Self.overlap(first, second) {
                for key in chosen[first]!.keys where chosen[second]!.keys.contains(key) {
                    problems.append(Problem(line: max(chosen[first]!.line, chosen[second]!.line), message: "\(KeyName.describe(key)) is bound to both \(first.rawValue) and \(second.rawValue)"))
                }
            }
        }
        guard problems.isEmpty else { throw Problems(problems: problems) }
        for (command, choice) in chosen {
            result.keys[command] = choice.keys
            for other in Command.allCases where !chosen.keys.contains(other) && Self.overlap(command, other) {
                result.keys[other]?.removeAll { choice.keys.contains($0) }
            }
        }
        result.lookup = Self.index(result.keys)
        return result
    }

    private var lookup: [Command.Context: [KeyEvent: Command]]

    private init(keys: [Command: [KeyEvent]]) {
        self.keys = keys
        lookup = Self.index(keys)
    }

    private static func index(_ keys: [Command: [KeyEvent]]) -> [Command.Context: [KeyEvent: Command]] {
        var lookup: [Command.Context: [KeyEvent: Command]] = [:]
        // In `allCases` order so that a clash (impossible after `applying`) resolves the same way each run.
        for command in Command.allCases {
            for context in command.contexts {
                for key in keys[command] ?? [] where lookup[context]?[key] == nil {
                    lookup[context, default: [:]][key] = command
                }
            }
        }
        return lookup
    }

    /// Whether two commands can both see a key: they share a context, or one is global.
    private static func overlap(_ first: Command, _ second: Command) -> Bool {
        let a = Set(first.contexts), b = Set(second.contexts)
        return !a.isDisjoint(with: b) || a.contains(.global) || b.contains(.global)
    }
}
