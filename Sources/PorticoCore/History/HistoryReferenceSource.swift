import Foundation

/// Resolves `{{login.response.body.$.token}}` from history: the newest recorded exchange of the
/// collection's request named `login` (in any environment, as REST Client does). As in VS Code REST Client, the named request must have been
/// sent first; Portico does not send it behind the user's back.
public struct HistoryReferenceSource: RequestReferenceSource {
    public var store: HistoryStore
    public var collection: Collection

    public init(store: HistoryStore, collection: Collection) {
        self.store = store
        self.collection = collection
    }

    public func resolve(_ reference: RequestReference) throws(PorticoError) -> String {
        guard let request = collection.allRequests.first(where: { $0.template.name == reference.requestName }) else {
            throw .template("\(reference): the collection has no request named '\(reference.requestName)'")
        }
        guard let record = try store.list(HistoryFilter(requestID: request.template.id, collectionID: collection.id), limit: 1).records.first else {
            throw .template("\(reference): send '\(reference.requestName)' first; its latest exchange is read from history")
        }
        switch reference.message {
        case .request:
            return try reference.value(headers: record.request.headers, body: try store.bodyData(record.request.body))
        case .response:
            guard let response = record.response else {
                throw .template("\(reference): the latest exchange of '\(reference.requestName)' has no response (\(record.error?.message ?? "it failed"))")
            }
            return try reference.value(headers: response.headers, body: try store.bodyData(response.body))
        }
    }
}
