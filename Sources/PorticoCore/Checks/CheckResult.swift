/// What came of one check on one response.
public struct CheckResult: Hashable, Sendable {
    public var check: ResponseCheck
    public var passed: Bool
    /// What was found, for people: `404`, `"text/html"`, `missing`, `3`.
    public var actual: String
    /// Why it failed; nil when it passed.
    public var failure: String?

    public init(check: ResponseCheck, passed: Bool, actual: String, failure: String? = nil) {
        self.check = check
        self.passed = passed
        self.actual = actual
        self.failure = passed ? nil : failure
    }
}
