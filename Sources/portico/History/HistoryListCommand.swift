import ArgumentParser
import Foundation
import PorticoCore
import PorticoTUI

struct HistoryListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List recorded exchanges, newest first."
    )

    @OptionGroup var filters: HistoryFilterOptions

    @Option(help: ArgumentHelp("Show at most this many entries (default 20; 0 for all).", valueName: "n"))
    var limit = 20

    @Flag(help: "Print a JSON array of entries: id, time, method, url, status, total_ms and more.")
    var json = false

    func validate() throws {
        if limit < 0 { throw ValidationError("--limit must be 0 or more") }
    }

    func run() throws {
        let store = HistoryRecording.store()
        let filter = try filters.filter()
        let records: [HistoryRecord]
        do { records = try store.listReportingDamage(filter, limit: limit == 0 ? nil : limit) } catch {
            throw Console.fail(error)
        }
        if json {
            let entries = records.map(HistoryListEntry.init)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let data = (try? encoder.encode(entries)) ?? Data("[]".utf8)
            StandardOutput.write(isatty(STDOUT_FILENO) == 1 ? ExchangeJSON.escapingForTerminal(data) : data)
            StandardOutput.write(Data("\n".utf8))
            return
        }
        if records.isEmpty {
            Console.info(filter.isEmpty ? "no history yet" : "no history entry matches")
            return
        }
        var lines: [String] = []
        for record in records {
            let status = record.response.map { "\($0.status)" } ?? (record.error.map { $0.kind } ?? "—")
            // An exchange that broke off after its head shows the status and why it stopped.
            let stopped = record.response != nil ? record.error.map { "(\($0.kind)) " } ?? "" : ""
            let what = [stopped, record.requestName.map { "\($0) · " } ?? "", record.request.url].joined()
            lines.append([
                String(record.id.prefix(8)),
                HistoryText.localTime(record.time),
                record.request.method.padding(toLength: max(6, record.request.method.count), withPad: " ", startingAt: 0),
                status.padding(toLength: max(8, status.count), withPad: " ", startingAt: 0),
                String(format: "%8.1f ms", record.timing.totalMs),
                " " + what,
            ].joined(separator: "  "))
        }
        StandardOutput.write(Data((TerminalText.sanitize(lines.joined(separator: "\n")) + "\n").utf8))
    }
}

/// One entry of `history list --json` (docs/cli.md).
struct HistoryListEntry: Encodable {
    var id: String
    var time: String
    var method: String
    var url: String
    var status: Int?
    var totalMs: Double
    var requestID: String?
    var requestName: String?
    var environment: String?
    var error: String?

    init(_ record: HistoryRecord) {
        id = record.id
        time = HistoryText.isoTime(record.time)
        method = record.request.method
        url = record.request.url
        status = record.response?.status
        totalMs = record.timing.totalMs
        requestID = record.requestID
        requestName = record.requestName
        environment = record.environment
        error = record.error?.message
    }

    // Keys are written even when null, so scripts can rely on them.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(time, forKey: .time)
        try container.encode(method, forKey: .method)
        try container.encode(url, forKey: .url)
        try container.encode(status, forKey: .status)
        try container.encode(totalMs, forKey: .totalMs)
        try container.encode(requestID, forKey: .requestID)
        try container.encode(requestName, forKey: .requestName)
        try container.encode(environment, forKey: .environment)
        try container.encode(error, forKey: .error)
    }

    enum CodingKeys: String, CodingKey {
        case id, time, method, url, status, environment, error
        case totalMs = "total_ms"
        case requestID = "request_id"
        case requestName = "request_name"
    }
}

/// Times as history commands print them: local as the explorer shows them, ISO 8601 UTC in JSON.
enum HistoryText {
    static func localTime(_ date: Date) -> String {
        HistoryTime.full(date, .current)
    }

    static func isoTime(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }
}
