import Foundation

/// One pass of `portico run` over the requests it was given.
public struct RunRound: Sendable {
    /// 1 for the first round of `--repeat` or `--every`.
    public var number: Int
    public var startedAt: Date
    public var duration: Duration
    public var outcomes: [RequestOutcome]

    public init(number: Int, startedAt: Date, duration: Duration, outcomes: [RequestOutcome]) {
        self.number = number
        self.startedAt = startedAt
        self.duration = duration
        self.outcomes = outcomes
    }

    public func count(_ verdict: RequestOutcome.Verdict) -> Int {
        outcomes.filter { $0.verdict == verdict }.count
    }

    /// The longest wait a 429 or 503 of this round asked for with `Retry-After`, in seconds; 0 when none did.
    public func retryAfter(now: Date) -> Double {
        outcomes.compactMap { outcome -> Double? in
            guard let head = outcome.exchange?.response, head.status == 429 || head.status == 503,
                  let value = head.headers.first(named: "Retry-After") else { return nil }
            return RetryAfter.seconds(value, now: now)
        }.max() ?? 0
    }
}

/// What a whole run did, for reports and the exit code.
public struct RunSummary: Sendable {
    public var collectionName: String
    public var environment: String?
    public var rounds: [RunRound]

    public init(collectionName: String, environment: String?, rounds: [RunRound]) {
        self.collectionName = collectionName
        self.environment = environment
        self.rounds = rounds
    }

    public var outcomes: [RequestOutcome] { rounds.flatMap(\.outcomes) }

    public func count(_ verdict: RequestOutcome.Verdict) -> Int {
        rounds.reduce(0) { $0 + $1.count(verdict) }
    }
}

extension RequestOutcome {
    /// Masks this outcome's secrets in text shown to people or written to a report.
    public func masked(_ text: String) -> String {
        secrets.isEmpty ? text : SecretMasker(secrets: secrets).mask(text)
    }

    /// `GET https://…` as sent, masked.
    public var requestLine: String? {
        exchange.map { masked("\($0.request.method) \($0.request.url.absoluteString)") }
    }

    /// Why it did not pass, in one line per reason, masked.
    public var failureLines: [String] {
        if let skipReason { return [skipReason] }
        return (problem.map { [masked($0.message)] } ?? []) + checks.filter { !$0.passed }.map { masked("\($0.check.source): \($0.failure ?? "failed")") }
    }
}
