import Foundation
import PorticoCore

/// A history entry made ready to send again from the explorer: the request, how to mask what it
/// shows, and how to record it. Rendering uses the explorer's collection and current environment.
struct PreparedReplay {
    var request: ResolvedRequest
    var masker: SecretMasker
    var context: HistoryContext
    /// The saved request the entry was sent from, while the collection still has it (found by its
    /// stable id, wherever it was moved or renamed to).
    var saved: StoredRequest?

    /// `rendered`: the saved request rendered now; otherwise the recorded request exactly, with
    /// redacted values filled in from the present (`HistoryReplay`).
    init(_ record: HistoryRecord, rendered: Bool, collection: Collection, folder: URL?, environmentName: String?, store: HistoryStore) throws(PorticoError) {
        let saved = record.requestID.flatMap { id in collection.allRequests.first { $0.template.id == id } }
        var scope = try VariableScope.make(collection: collection, environmentName: environmentName, overrides: [])
        scope.references = HistoryReferenceSource(store: store, collection: collection)
        scope.setCaptured(CaptureStore(paths: .fromEnvironment()).variables(collectionID: collection.id, environment: environmentName))
        let baseDirectory = saved.flatMap { stored in folder.map { CollectionLocation.baseDirectory(of: $0, requestPath: stored.relativePath) } }
            ?? folder.map(CollectionLocation.folder(of:)) ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let renderer = RequestRenderer(scope: scope, collection: collection, baseDirectory: baseDirectory, collectionFolder: folder.map(CollectionLocation.folder(of:)))
        do throws(PorticoError) {
            if rendered {
                guard let saved else { throw PorticoError.input("its saved request is not in this collection (any more); replay it exactly instead") }
                request = try renderer.render(saved.template)
            } else {
                let current = saved.flatMap { try? renderer.render($0.template) }
                let secrets = Dictionary(record.redactedSecrets.compactMap { name in scope.lookup(name)?.value.map { (name, $0) } }, uniquingKeysWith: { first, _ in first })
                let replay = HistoryReplay(record: record, rendered: current, secretValue: { secrets[$0] })
                request = try replay.exactRequest(body: store.bodyData(record.request.body))
            }
        } catch {
            // Messages may quote rendered text, which may hold a secret.
            throw PorticoError(error.kind, SecretMasker(secrets: scope.secretValues).mask(error.message.replacingOccurrences(of: "\n", with: "; ")))
        }
        masker = SecretMasker(secrets: renderer.secretValues(for: request))
        context = HistoryContext(source: "tui", template: saved?.template, collection: collection, collectionFolder: folder, environment: environmentName, scope: scope)
        if saved == nil {
            // Still the same request, sent as it was recorded.
            context.requestID = record.requestID
            context.requestName = record.requestName
            context.environment = record.environment
        }
        self.saved = saved
    }
}
