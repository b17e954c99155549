import ArgumentParser
import Foundation
import PorticoCore

struct HistoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "List, show, replay, compare, export and prune recorded exchanges.",
        discussion: """
        Every exchange sent from the explorer or `portico send` is recorded (unless --no-history, \
        `options: {history: false}` in the request file, or `history: {record: false}` in portico.yaml) \
        under $XDG_DATA_HOME/portico/history, or $PORTICO_HISTORY_DIR. Authorization, cookies, API keys \
        and secret variables are redacted before they reach the disk. IDs may be abbreviated while \
        unambiguous. The format is documented in docs/history-format.md.

        Examples:
          portico history list --grep users --limit 10
          portico history show 5c1e
          portico history replay 5c1e -i
          portico history diff 5c1e 77aa
          portico history export --har today.har --grep api.example.com
          portico history prune --older-than 30d
        """,
        subcommands: [
            HistoryListCommand.self, HistoryShowCommand.self, HistoryReplayCommand.self,
            HistoryDiffCommand.self, HistoryExportCommand.self, HistoryPruneCommand.self,
        ],
        defaultSubcommand: HistoryListCommand.self
    )
}

/// The filters `history list` and `history export` share.
struct HistoryFilterOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Only entries whose method, URL, status, request name, environment, headers, small bodies or error contain this text (ASCII case ignored).", valueName: "text"))
    var grep: String?

    @Option(name: .customLong("request"), help: ArgumentHelp("Only entries of the saved request with this id (the `id:` in its file).", valueName: "id"))
    var requestID: String?

    @Option(help: ArgumentHelp("Only entries with this method.", valueName: "method"))
    var method: String?

    @Option(help: ArgumentHelp("Only entries with this status class: 1xx, 2xx, 3xx, 4xx, 5xx, or none (no response).", valueName: "class"))
    var status: String?

    @Option(name: [.customShort("e"), .customLong("env")], help: ArgumentHelp("Only entries sent in this environment.", valueName: "name"))
    var environment: String?

    func filter() throws -> HistoryFilter {
        var statusClass: Int?
        if let status {
            let lowered = status.lowercased()
            if lowered == "none" {
                statusClass = 0
            } else if lowered.count == 3, lowered.hasSuffix("xx"), let digit = Int(lowered.prefix(1)), (1...5).contains(digit) {
                statusClass = digit
            } else {
                throw ValidationError("--status must be 1xx, 2xx, 3xx, 4xx, 5xx or none, not '\(status)'")
            }
        }
        return HistoryFilter(text: grep, method: method, statusClass: statusClass, requestID: requestID, environment: environment)
    }
}

extension HistoryStore {
    /// Lists, printing skipped damaged records as warnings.
    func listReportingDamage(_ filter: HistoryFilter, limit: Int?) throws(PorticoError) -> [HistoryRecord] {
        let listing = try list(filter, limit: limit)
        for warning in listing.warnings { Console.info("warning: \(warning)") }
        return listing.records
    }
}
