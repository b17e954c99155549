import Foundation
import PorticoCore

/// A draft's checks and captures, applied to its response when it arrives; captured values are
/// kept for the requests after it, as `portico send` and `portico run` keep them.
struct JudgedExchange: Sendable {
    var template: RequestTemplate
    /// Where a schema file a check names is found.
    var baseDirectory: URL
    var captures: CaptureStore
    var collectionID: String
    var environment: String?

    /// Nil when no response arrived. Reads the whole body, off the UI thread.
    func judge(_ exchange: Exchange) -> ResponseJudgement? {
        guard exchange.error == nil, let response = try? CheckedResponse(exchange, baseDirectory: baseDirectory) else { return nil }
        var judgement = ResponseJudgement(of: template, on: response)
        if judgement.captureProblem == nil, !judgement.captured.isEmpty {
            do throws(PorticoError) {
                try captures.record(judgement.captured, requestID: template.id, collectionID: collectionID, environment: environment, at: Date())
            } catch {
                judgement.captureProblem = PorticoError(error.kind, "the captured values were not kept: \(error.message)")
            }
        }
        return judgement
    }
}
