import Foundation
import PorticoCore
import PorticoTUI

/// History entries for the history screen's tests: fixed ids and times, so states and effects
/// compare equal across runs. Times are seconds after 2026-11-30 06:00:00 UTC.
enum HistoryFixtures {
    static let start = Date(timeIntervalSince1970: 1_796_018_400)

    static func record(
        id: String, at seconds: TimeInterval, method: String = "GET", url: String = "http://example.test/users",
        status: Int? = 200, requestID: String? = Fixtures.listUsers.id, name: String? = "List users",
        environment: String? = "local", body: String = "{\"users\":[{\"id\":1,\"name\":\"Ada\"},{\"id\":2,\"name\":\"Grace\"}]}",
        requestHeaders: [HTTPField] = [HTTPField("Accept", "application/json")], totalMs: Double = 12.5
    ) -> HistoryRecord {
        HistoryRecord(
            id: id, time: start.addingTimeInterval(seconds), source: "tui", requestID: requestID, requestName: name,
            collection: "/work/demo", collectionID: "collection-demo", environment: environment,
            request: HistoryRecord.Request(method: method, url: url, headers: requestHeaders, body: nil, timeout: 30, followRedirects: true, maxRedirects: 10),
            response: status.map { status in
                HistoryRecord.Response(status: status, reason: HTTPStatus.reason(for: status), url: url,
                                       headers: [HTTPField("Content-Type", "application/json")],
                                       body: HistoryRecord.Body(size: body.utf8.count, text: body))
            },
            timing: HistoryRecord.Timing(ttfbMs: 5, totalMs: totalMs),
            error: status == nil ? HistoryRecord.Failure(kind: "connect", message: "connection refused") : nil,
            redactedHeaders: ["authorization"])
    }

    /// Three entries, newest first: a GET of List users, a POST of Create user that failed, an older GET.
    static let newest = record(id: "c30df13a00000003", at: 600)
    static let failed = record(id: "7a8b9c0d00000002", at: 300, method: "POST", status: nil, requestID: Fixtures.createUser.id, name: "Create user", environment: nil)
    static let oldest = record(id: "016957be00000001", at: 60, body: "{\"users\":[{\"id\":1,\"name\":\"Ada\"}]}", totalMs: 30)
    static let all = [newest, failed, oldest]

    /// An entry ready for the screen, as the effect that reads its bodies delivers it.
    static func loaded(_ record: HistoryRecord) -> HistoryEntry {
        HistoryEntry(record: record, requestBody: nil, responseBody: record.response?.body?.text.map { Data($0.utf8) })
    }
}

extension AppState {
    /// The history screen open with `records` listed (the listing it asked for answered).
    static func withHistory(_ records: [HistoryRecord] = HistoryFixtures.all, width: Int = 120, height: Int = 40) -> AppState {
        var state = Fixtures.state(width: width, height: height)
        state.timeZone = TimeZone(identifier: "UTC")!
        let effects = state.press(.character("H"))
        state.answerListing(effects, with: records)
        return state
    }

    /// Answers the listings among `effects` with `records`, as the effect would.
    mutating func answerListing(_ effects: [Effect], with records: [HistoryRecord], warnings: [String] = []) {
        for effect in effects {
            if case .listHistory(_, _, _, let read) = effect {
                _ = reduce(&self, .historyListed(records, warnings: warnings, read: read))
            }
        }
    }
}

extension Effect {
    /// The number of the history read this effect asks for, if it is one.
    var historyRead: Int? {
        switch self {
        case .listHistory(_, _, _, let read), .loadHistoryEntry(_, let read), .compareHistory(_, _, let read), .compareWithResponse(_, _, let read): read
        default: nil
        }
    }
}
