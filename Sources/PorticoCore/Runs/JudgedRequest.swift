import Foundation

/// A request's checks and captures, with where its captured values are kept: applied to its
/// responses the same way by `portico run`, `portico send` and the explorer.
public struct JudgedRequest: Sendable {
    public var template: RequestTemplate
    /// Where a schema file a check names is found: the request file's folder.
    public var baseDirectory: URL
    /// Nil outside a collection: values are captured but not kept.
    public var captures: CaptureStore?
    public var collectionID: String
    public var environment: String?

    public init(template: RequestTemplate, baseDirectory: URL, captures: CaptureStore?, collectionID: String, environment: String?) {
        self.template = template
        self.baseDirectory = baseDirectory
        self.captures = captures
        self.collectionID = collectionID
        self.environment = environment
    }

    /// The checks and captures on `response`. Captured values are kept when every capture found
    /// one; a failure to keep them is the judgement's capture problem.
    public func judge(_ response: CheckedResponse, at time: Date = Date()) -> ResponseJudgement {
        var judgement = ResponseJudgement(of: template, on: response)
        guard let captures, judgement.captureProblem == nil, !judgement.captured.isEmpty else { return judgement }
        do throws(PorticoError) {
            try captures.record(judgement.captured, requestID: template.id, collectionID: collectionID, environment: environment, at: time)
        } catch {
            judgement.captureProblem = PorticoError(error.kind, "the captured values were not kept: \(error.message)")
        }
        return judgement
    }

    /// The same on an exchange's whole body; nil when no response arrived.
    public func judge(_ exchange: Exchange) -> ResponseJudgement? {
        guard exchange.error == nil, let response = try? CheckedResponse(exchange, baseDirectory: baseDirectory) else { return nil }
        return judge(response)
    }
}
