/// What a request's `captures:` and `checks:` make of one response: the same for `portico run`,
/// `portico send` and the explorer.
public struct ResponseJudgement: Sendable {
    public var captured: [CapturedValue] = []
    public var checks: [CheckResult] = []
    /// The first capture that found nothing.
    public var captureProblem: PorticoError?

    public init(of template: RequestTemplate, on response: CheckedResponse) {
        for capture in template.captures {
            do throws(PorticoError) {
                captured.append(CapturedValue(name: capture.name, value: try capture.value(in: response), isSecret: capture.isSecret))
            } catch {
                captureProblem = captureProblem ?? error
            }
        }
        checks = template.checks.map { $0.evaluate(response) }
    }

    public var failedChecks: Int { checks.filter { !$0.passed }.count }

    /// Captured secrets, as history redacts them: by name.
    public var secretCaptures: [(name: String, value: String)] {
        captured.filter(\.isSecret).map { ($0.name, $0.value) }
    }
}
