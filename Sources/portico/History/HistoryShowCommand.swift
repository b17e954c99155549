import ArgumentParser
import Foundation
import PorticoCore

struct HistoryShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show one recorded exchange: the request as sent and the response as received."
    )

    @Argument(help: "The entry's id (a prefix is enough while unambiguous).")
    var id: String

    @Flag(help: "Print the exchange as `portico send --format json` does.")
    var json = false

    func run() throws {
        let store = HistoryRecording.store()
        let record: HistoryRecord
        let requestBody: Data?
        let responseBody: Data?
        do {
            record = try store.record(id: id)
            requestBody = try store.bodyData(record.request.body)
            responseBody = try store.bodyData(record.response?.body)
        } catch {
            throw Console.fail(error)
        }
        let terminal = isatty(STDOUT_FILENO) == 1
        if json {
            let exchange = record.exchange(requestBody: requestBody, responseBody: responseBody)
            let data = ExchangeJSON.encode(exchange: exchange, body: responseBody, bodySize: record.response?.body?.size ?? 0, error: exchange.error, masker: SecretMasker(secrets: []))
            StandardOutput.write(terminal ? ExchangeJSON.escapingForTerminal(data) : data)
            StandardOutput.write(Data("\n".utf8))
            return
        }
        StandardOutput.write(Data(HistoryExchangeText.render(record, requestBody: requestBody, responseBody: responseBody, terminal: terminal).utf8))
    }
}

/// A recorded exchange as text: a heading, `>` request lines, the request body, `<` response lines,
/// the response body, `*` timings. Sanitised for a terminal, since everything in it came from the network.
enum HistoryExchangeText {
    static func render(_ record: HistoryRecord, requestBody: Data?, responseBody: Data?, terminal: Bool) -> String {
        var heading = "entry \(record.id) · \(HistoryText.localTime(record.time)) · \(record.source)"
        if let name = record.requestName { heading += " · \(name)" }
        if let environment = record.environment { heading += " · env \(environment)" }
        var lines = [heading]
        if !record.redactedHeaders.isEmpty || !record.redactedQuery.isEmpty || !record.redactedSecrets.isEmpty {
            let parts = record.redactedHeaders + record.redactedQuery.map { "?\($0)" } + record.redactedSecrets.map { "{{\($0)}}" }
            lines.append("redacted: " + parts.joined(separator: ", "))
        }
        lines.append("")
        lines.append("> \(record.request.method) \(record.request.url)")
        lines += record.request.headers.map { "> \($0.name): \($0.value)" }
        lines += bodyLines(record.request.body, requestBody, contentType: record.request.headers.first(named: "Content-Type"), terminal: terminal)
        for hop in record.redirects {
            lines.append("< \(hop.status) \(HTTPStatus.reason(for: hop.status)) -> \(hop.location)")
        }
        if let response = record.response {
            lines.append("")
            lines.append("< \(response.httpVersion ?? "HTTP") \(response.status) \(response.reason)")
            lines += response.headers.map { "< \($0.name): \($0.value)" }
            lines += bodyLines(response.body, responseBody, contentType: response.headers.first(named: "Content-Type"), terminal: terminal)
        }
        if let error = record.error {
            lines.append("")
            lines.append("! \(error.kind): \(error.message)")
        }
        lines.append("")
        let ttfb = record.timing.ttfbMs.map { String(format: "first byte %.1f ms, ", $0) } ?? ""
        lines.append("* \(ttfb)" + String(format: "total %.1f ms", record.timing.totalMs))
        if let transport = record.transport { lines.append("* transport \(transport)") }
        let text = lines.joined(separator: "\n") + "\n"
        return terminal ? TerminalText.sanitize(text) : text
    }

    private static func bodyLines(_ body: HistoryRecord.Body?, _ data: Data?, contentType: String?, terminal: Bool) -> [String] {
        guard let body, let data, !data.isEmpty else { return [] }
        var lines = [""]
        if let text = BodyText.decode(data, contentType: contentType) {
            lines.append(text.hasSuffix("\n") ? String(text.dropLast()) : text)
        } else {
            lines.append("(binary body of \(body.size) bytes: `portico history show --json` has it in base64)")
        }
        if body.truncated == true {
            lines.append("(only the first \(data.count) of \(body.size) bytes were kept)")
        }
        return lines
    }
}
