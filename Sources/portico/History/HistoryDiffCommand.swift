import ArgumentParser
import Foundation
import PorticoCore

struct HistoryDiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare two recorded exchanges: status, headers, timings and body.",
        discussion: """
        JSON bodies are compared structurally: member order is ignored and each changed, added or \
        removed value is listed by its JSONPath (`~`, `+`, `-`). Other text bodies get a line diff.
        """
    )

    @Argument(help: "The older entry's id (a prefix is enough).")
    var first: String

    @Argument(help: "The newer entry's id.")
    var second: String

    func run() throws {
        let store = HistoryRecording.store()
        let lines: [ExchangeDiff.Line]
        do {
            let old = try store.record(id: first)
            let new = try store.record(id: second)
            lines = ExchangeDiff.lines(old: old, oldBody: try? store.bodyData(old.response?.body), new: new, newBody: try? store.bodyData(new.response?.body))
        } catch {
            throw Console.fail(error)
        }
        let colour = isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        var text = ""
        for line in lines {
            // The lines are already sanitised by ExchangeDiff; colour only marks their kind.
            let style: String? = switch line.kind {
            case .heading: "\u{1B}[1m"
            case .removed: "\u{1B}[31m"
            case .added: "\u{1B}[32m"
            case .changed: "\u{1B}[33m"
            case .same: nil
            }
            if line.kind == .heading, !text.isEmpty { text += "\n" }
            if colour, let style {
                text += style + line.description + "\u{1B}[0m\n"
            } else {
                text += line.description + "\n"
            }
        }
        StandardOutput.write(Data(text.utf8))
    }
}
