import Foundation
import PorticoCore

/// A composer request rendered with its collection, environment and captured values, the way
/// `portico send` renders a request file: for a send (after what it needs) and for repeat mode.
struct ComposerRendering: Sendable {
    var collection: Collection
    var folder: URL?
    /// Where the draft's relative file paths start: its own folder once saved.
    var baseDirectory: URL
    var environmentName: String?
    var history: HistoryStore
    var captures: CaptureStore

    struct Resolved: Sendable {
        var request: ResolvedRequest
        var masker: SecretMasker
        var context: HistoryContext
    }

    /// The request ready to send, or why it cannot be (secrets masked in the message).
    func resolve(_ template: RequestTemplate) -> Result<Resolved, PorticoError> {
        do throws(PorticoError) {
            var scope = try VariableScope.make(collection: collection, environmentName: environmentName, overrides: [])
            scope.references = HistoryReferenceSource(store: history, collection: collection)
            scope.setCaptured(captures.variables(collectionID: collection.id, environment: environmentName))
            let renderer = RequestRenderer(scope: scope, collection: collection, baseDirectory: baseDirectory, collectionFolder: folder.map(CollectionLocation.folder(of:)))
            let request: ResolvedRequest
            do throws(PorticoError) {
                request = try renderer.render(template)
            } catch {
                let message = SecretMasker(secrets: scope.secretValues).mask(error.message.replacingOccurrences(of: "\n", with: "; "))
                return .failure(PorticoError(error.kind, "\(error.kind == .template ? "template error: " : "")\(message)"))
            }
            let context = HistoryContext(source: "tui", template: template, collection: collection, collectionFolder: folder,
                                         environment: environmentName, scope: scope)
            return .success(Resolved(request: request, masker: SecretMasker(secrets: renderer.secretValues(for: request)), context: context))
        } catch {
            return .failure(error)
        }
    }
}
