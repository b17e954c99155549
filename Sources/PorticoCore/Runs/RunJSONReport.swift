import Foundation

/// A run as one JSON document with every result: rounds, requests, checks with what was found,
/// and the names of captured values (secret ones masked). Field names are snake_case like
/// `send --format json` (docs/checks.md).
public enum RunJSONReport {
    public static func json(_ summary: RunSummary) -> Data {
        var rounds: [JSONValue] = []
        for round in summary.rounds {
            rounds.append(object([
                ("number", .number(JSONNumber(round.number))),
                ("started_at", .string(timestamp(round.startedAt))),
                ("duration_ms", number(round.duration.milliseconds)),
                ("passed", .number(JSONNumber(round.count(.passed)))),
                ("failed", .number(JSONNumber(round.count(.failed)))),
                ("errors", .number(JSONNumber(round.count(.error)))),
                ("skipped", .number(JSONNumber(round.count(.skipped)))),
                ("requests", .array(round.outcomes.map(request))),
            ]))
        }
        let document = object([
            ("collection", .string(summary.collectionName)),
            ("environment", summary.environment.map(JSONValue.string) ?? .null),
            ("requests", .number(JSONNumber(summary.outcomes.count))),
            ("passed", .number(JSONNumber(summary.count(.passed)))),
            ("failed", .number(JSONNumber(summary.count(.failed)))),
            ("errors", .number(JSONNumber(summary.count(.error)))),
            ("skipped", .number(JSONNumber(summary.count(.skipped)))),
            ("rounds", .array(rounds)),
        ])
        return Data((document.serialized(.indented) + "\n").utf8)
    }

    private static func request(_ outcome: RequestOutcome) -> JSONValue {
        let response = outcome.exchange?.response
        return object([
            ("path", .string(outcome.request.relativePath)),
            ("name", .string(outcome.request.template.name)),
            ("needed_by", outcome.neededBy.map(JSONValue.string) ?? .null),
            ("verdict", .string(outcome.verdict.rawValue)),
            ("method", outcome.exchange.map { .string($0.request.method.rawValue) } ?? .null),
            ("url", outcome.exchange.map { .string(outcome.masked($0.request.url.absoluteString)) } ?? .null),
            ("status", response.map { .number(JSONNumber($0.status)) } ?? .null),
            ("time_ms", outcome.milliseconds.map(number) ?? .null),
            ("error", outcome.problem.map { object([("kind", .string($0.kind.rawValue)), ("message", .string(outcome.masked($0.message)))]) } ?? .null),
            ("skipped", outcome.skipReason.map(JSONValue.string) ?? .null),
            ("checks", .array(outcome.checks.map { check in
                object([
                    ("check", .string(outcome.masked(check.check.source))),
                    ("passed", .bool(check.passed)),
                    ("actual", .string(outcome.masked(check.actual))),
                    ("failure", check.failure.map { .string(outcome.masked($0)) } ?? .null),
                ])
            })),
            ("captured", object(outcome.captured.map { ($0.name, .string($0.isSecret ? SecretMasker.mask : outcome.masked($0.value))) })),
        ])
    }

    private static func object(_ pairs: [(String, JSONValue)]) -> JSONValue {
        .object(pairs.map { JSONValue.Member(name: $0.0, value: $0.1) })
    }

    private static func number(_ value: Double) -> JSONValue {
        .number(JSONNumber(literal: String(format: "%.3f", value))!)
    }

    private static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }
}
