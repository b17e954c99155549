import Foundation
import PorticoCore

/// A history record prepared for the screen once its bodies are read: the request as lines, the
/// response as the response pane shows any response. Built off the UI thread (pretty-printing a
/// large body takes time); everything stays as recorded, redactions included.
public struct HistoryEntry: Sendable {
    public var record: HistoryRecord
    public var requestLines: [ResponseView.Line]
    public var response: ResponseView

    /// `requestBody` and `responseBody` are the stored bytes (`HistoryStore.bodyData`), nil when
    /// there is none; `problems` says why a body that the record names could not be read.
    public init(record: HistoryRecord, requestBody: Data?, responseBody: Data?, problems: [String] = []) {
        self.record = record
        requestLines = Self.requestLines(record, body: requestBody, problems: problems)
        let body = responseBody ?? Data()
        var response = ResponseView(exchange: record.exchange(requestBody: nil, responseBody: nil), body: body)
        // Nothing indexes an entry's body later: this runs off the UI thread, so it is read whole
        // here (history keeps at most its body limit, 16 MiB by default).
        response.document.indexAll()
        response.rawDocument.indexAll()
        if let stored = record.response?.body {
            // The size on the wire, not what history kept of it.
            response.size = stored.size
            if stored.truncated == true {
                response.note = "history kept the first \(formatSize(body.count)) of \(formatSize(stored.size))" + (response.note.map { "; " + $0 } ?? "")
            } else if responseBody == nil, stored.size > 0 {
                response.note = "the recorded body could not be read"
            }
        }
        self.response = response
    }

    private typealias Span = ResponseView.Span

    static func requestLines(_ record: HistoryRecord, body: Data?, problems: [String]) -> [ResponseView.Line] {
        let request = record.request
        var lines: [ResponseView.Line] = [[Span(request.method, .key), Span(" ", .plain), Span(request.url, .plain)]]
        var origin = [record.source == "tui" ? "sent from the explorer" : "sent from the command line"]
        if let name = record.requestName { origin.append(name) }
        if let environment = record.environment { origin.append("environment \(environment)") }
        lines.append([Span(origin.joined(separator: " · "), .muted)])
        lines.append([])
        lines.append([Span("Headers", .muted)])
        if request.headers.isEmpty { lines.append([Span("none", .muted)]) }
        lines += request.headers.map { [Span($0.name, .key), Span(": ", .punctuation), Span($0.value, .plain)] }
        lines.append([])
        lines += bodyLines(request.body, data: body)
        lines.append([])
        var options = ["timeout \(formatSeconds(request.timeout))"]
        options.append(request.followRedirects ? "follows up to \(request.maxRedirects) redirects" : "does not follow redirects")
        lines.append([Span(options.joined(separator: " · "), .muted)])
        var redacted: [String] = []
        if !record.redactedHeaders.isEmpty { redacted.append("headers " + record.redactedHeaders.joined(separator: ", ")) }
        if !record.redactedQuery.isEmpty { redacted.append("query " + record.redactedQuery.joined(separator: ", ")) }
        if !record.redactedSecrets.isEmpty { redacted.append("the values of " + record.redactedSecrets.map { "{{\($0)}}" }.joined(separator: ", ")) }
        if !redacted.isEmpty { lines.append([Span("redacted: " + redacted.joined(separator: " · "), .muted)]) }
        lines += problems.map { [Span($0, .muted)] }
        return lines
    }

    /// The body as recorded: text line by line, other bytes as a hex dump.
    private static func bodyLines(_ recorded: HistoryRecord.Body?, data: Data?) -> [ResponseView.Line] {
        guard let recorded, recorded.size > 0 else { return [[Span("no body", .muted)]] }
        var heading = "Body · \(formatSize(recorded.size))"
        guard let data else { return [[Span(heading + " · not available", .muted)]] }
        if recorded.truncated == true { heading += " · history kept the first \(formatSize(data.count))" }
        // A request body is seldom large; one that is is shown in part (the response is not cut).
        let shown = data.prefix(4 << 20)
        if shown.count < data.count { heading += " · showing the first \(formatSize(shown.count))" }
        var lines: [ResponseView.Line] = [[Span(heading, .muted)]]
        if let text = String(data: shown, encoding: .utf8) {
            lines += text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map { [Span(String($0), .plain)] }
        } else {
            lines += HexDump.lines(Data(shown.prefix(64 << 10))).map { [Span($0, .plain)] }
        }
        return lines
    }

    private static func formatSeconds(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? "\(Int(seconds)) s" : String(format: "%.1f s", seconds)
    }
}
