import ArgumentParser
import Foundation
import PorticoCore

struct HistoryReplayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Send a recorded request again, exactly, or re-rendered from its saved request.",
        discussion: """
        Without --render the recorded method, URL, headers and body are sent again. Values that were \
        redacted before recording are filled in from the present: secret variables from the secret \
        store, redacted headers and query parameters from the saved request rendered with the record's \
        environment (or -e). With --render the saved request (found by its stable id, wherever it \
        moved in its collection) is rendered with the current variables and sent. The replay is \
        recorded too.
        """
    )

    @Argument(help: "The entry's id (a prefix is enough while unambiguous).")
    var id: String

    @Flag(help: "Render the saved request with the current environment instead of resending the recorded one.")
    var render = false

    @Option(name: [.customShort("e"), .customLong("env")], help: ArgumentHelp("The environment to render with (default: the recorded one).", valueName: "name"))
    var environment: String?

    @Option(name: .customLong("var"), help: ArgumentHelp("Set a variable, highest precedence (repeatable).", valueName: "name=value"))
    var variables: [String] = []

    @OptionGroup var display: ExchangeOutput

    @Flag(name: .customLong("no-history"), help: "Do not record the replay.")
    var noHistory = false

    func run() async throws {
        let store = HistoryRecording.store()
        let prepared: SendCommand.PreparedSend
        do {
            prepared = try prepare(store: store)
        } catch {
            throw Console.fail(error)
        }
        let history = prepared.history.map { HistoryRecording(store: store, context: $0) }
        try await ExchangePresenter(options: display, prepared: prepared, history: history).run()
    }

    private func prepare(store: HistoryStore) throws(PorticoError) -> SendCommand.PreparedSend {
        let record = try store.record(id: id)
        let saved = try SavedRequest.find(for: record, environment: environment ?? record.environment, overrides: variables)
        if render {
            guard let saved else {
                throw .input("entry \(record.id.prefix(8)) has no saved request to render\(record.requestID == nil ? " (it was sent from a URL)" : ": request \(record.requestID!) is no longer in \(record.collection ?? "its collection")")")
            }
            let request = try saved.render()
            return SendCommand.PreparedSend(request: request, masker: saved.masker(for: request), history: noHistory ? nil : saved.historyContext(), cookies: CommandLineCookies.jar(collectionID: saved.collection.id))
        }
        let rendered = try? saved?.render()
        let scope = saved?.scope
        let secretsNow: [String: String] = Dictionary(
            record.redactedSecrets.compactMap { name in scope?.lookup(name)?.value.map { (name, $0) } }, uniquingKeysWith: { first, _ in first })
        let replay = HistoryReplay(record: record, rendered: rendered, secretValue: { secretsNow[$0] })
        let request = try replay.exactRequest(body: store.bodyData(record.request.body))
        let masker = saved.map { $0.masker(for: request) } ?? SecretMasker(secrets: [])
        var context = saved?.historyContext() ?? HistoryContext(source: "cli")
        if saved == nil {
            context.environment = record.environment
        }
        return SendCommand.PreparedSend(request: request, masker: masker, history: noHistory ? nil : context, cookies: CommandLineCookies.jar(collectionID: saved?.collection.id ?? record.collectionID))
    }
}

/// The saved request a record came from, loaded from its collection and ready to render.
struct SavedRequest {
    var collection: Collection
    var folder: URL
    var stored: StoredRequest
    var environment: String?
    var scope: VariableScope

    /// Nil when the record was not sent from a collection, or the collection or request is gone.
    static func find(for record: HistoryRecord, environment: String?, overrides: [String]) throws(PorticoError) -> SavedRequest? {
        guard let path = record.collection, let requestID = record.requestID else { return nil }
        let folder = URL(fileURLWithPath: path)
        guard CollectionLocation.isCollection(folder) else { return nil }
        let loaded = try CollectionLocation.load(folder)
        let collection = try SecretStore(paths: .fromEnvironment()).applying(to: loaded.collection)
        guard let stored = collection.allRequests.first(where: { $0.template.id == requestID }) else { return nil }
        let variables = try overrides.map { assignment throws(PorticoError) in try VariableScope.override(assignment) }
        let environmentName = environment.flatMap { collection.environment(named: $0) == nil ? nil : $0 }
        var scope = try VariableScope.make(collection: collection, environmentName: environmentName, overrides: variables)
        scope.references = HistoryReferenceSource(store: HistoryRecording.store(), collection: collection)
        scope.setCaptured(CaptureStore(paths: .fromEnvironment()).variables(collectionID: collection.id, environment: environmentName))
        return SavedRequest(collection: collection, folder: folder, stored: stored, environment: environmentName, scope: scope)
    }

    var renderer: RequestRenderer {
        RequestRenderer(scope: scope, collection: collection, baseDirectory: CollectionLocation.baseDirectory(of: folder, requestPath: stored.relativePath), collectionFolder: CollectionLocation.folder(of: folder))
    }

    func render() throws(PorticoError) -> ResolvedRequest {
        try renderer.render(stored.template)
    }

    func masker(for request: ResolvedRequest) -> SecretMasker {
        SecretMasker(secrets: renderer.secretValues(for: request))
    }

    func historyContext() -> HistoryContext? {
        guard stored.template.options.recordsHistory, collection.history.record else { return nil }
        return HistoryContext(source: "cli", template: stored.template, collection: collection, collectionFolder: folder, environment: environment, scope: scope)
    }
}
