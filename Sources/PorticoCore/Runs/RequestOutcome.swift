import Foundation

/// What came of running one request of a collection: its exchange, its checks and captures, or why
/// it could not be sent.
public struct RequestOutcome: Sendable {
    public enum Verdict: String, Sendable {
        /// A response arrived and every check held.
        case passed
        /// A response arrived and a check failed.
        case failed
        /// Nothing to check: the request could not be rendered or sent, a capture found nothing,
        /// or a request it needs did not pass.
        case error
        /// Not sent, for a reason given (it needs a person to sign in).
        case skipped
    }

    public var request: StoredRequest
    /// The path of the request this one was sent for (`needs:`); nil when it was asked for itself.
    public var neededBy: String?
    public var exchange: Exchange?
    public var checks: [CheckResult]
    public var captured: [CapturedValue]
    public var problem: PorticoError?
    public var skipReason: String?
    /// Values to mask wherever the outcome is shown: secret variables, captured secrets, obtained tokens.
    public var secrets: [String]

    public init(request: StoredRequest, neededBy: String? = nil, exchange: Exchange? = nil, checks: [CheckResult] = [], captured: [CapturedValue] = [],
                problem: PorticoError? = nil, skipReason: String? = nil, secrets: [String] = []) {
        self.request = request
        self.neededBy = neededBy
        self.exchange = exchange
        self.checks = checks
        self.captured = captured
        self.problem = problem
        self.skipReason = skipReason
        self.secrets = secrets
    }

    public var verdict: Verdict {
        if skipReason != nil { return .skipped }
        if problem != nil { return .error }
        return checks.allSatisfy(\.passed) ? .passed : .failed
    }

    public var failedChecks: Int { checks.filter { !$0.passed }.count }

    /// The exchange's whole time, in milliseconds.
    public var milliseconds: Double? { exchange?.timing.total.milliseconds }
}
