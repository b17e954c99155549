import Foundation
import PorticoCore

/// What `portico run` was asked to run: one collection, and which of its requests in what order.
struct RunTargets {
    var location: URL
    var collection: Collection
    var requests: [StoredRequest]

    /// Each target is a collection folder, a folder inside one, a request file, a `.http` file or
    /// one of its requests (`api.http#login`). Requests run in collection order within a target,
    /// targets in the order given; a request named twice runs once.
    static func resolve(_ targets: [String], cwd: URL) throws(PorticoError) -> RunTargets {
        var location: URL?
        var collection: Collection?
        var requests: [StoredRequest] = []
        for target in targets {
            let url = URL(fileURLWithPath: target, relativeTo: cwd).standardizedFileURL
            let (collectionURL, selection) = try locate(target, url: url, cwd: cwd)
            if let location, location.path != collectionURL.path {
                throw .input("\(target) belongs to another collection than \(location.path): run one collection at a time")
            }
            if collection == nil {
                let loaded = try CollectionLocation.load(collectionURL)
                for diagnostic in loaded.diagnostics { Console.info(diagnostic.description) }
                // A request file that does not load would silently drop out of the run.
                let broken = loaded.diagnostics.filter { $0.severity == .error }
                if !broken.isEmpty {
                    throw .input("\(broken.count) file\(broken.count == 1 ? "" : "s") of the collection did not load (above); fix \(broken.count == 1 ? "it" : "them") before running")
                }
                collection = try SecretStore(paths: .fromEnvironment()).applying(to: loaded.collection)
                location = collectionURL
            }
            let chosen = try selection(collection!)
            if chosen.isEmpty { throw .input("\(target) holds no requests") }
            for request in chosen where !requests.contains(where: { $0.template.id == request.template.id }) {
                requests.append(request)
            }
        }
        return RunTargets(location: location!, collection: collection!, requests: requests)
    }

    private typealias Selection = (Collection) throws(PorticoError) -> [StoredRequest]

    private static func locate(_ target: String, url: URL, cwd: URL) throws(PorticoError) -> (URL, Selection) {
        if let (file, name) = HTTPFileTarget.split(target, relativeTo: cwd) {
            return (file, { collection throws(PorticoError) in
                guard name != nil else { return collection.allRequests }
                let template = try HTTPFileTarget.request(named: name, in: collection, file: target)
                return collection.allRequests.filter { $0.template.id == template.id }
            })
        }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else {
            throw .input("\(target): no such collection, folder or request file")
        }
        if isFolder.boolValue, CollectionStore.isCollection(url) {
            return (url, { collection in collection.allRequests })
        }
        guard let folder = CollectionStore.folder(containing: url) else {
            throw .input("\(target) is not inside a collection (no portico.yaml above it)")
        }
        let relative = String(url.path.dropFirst(folder.path.count + 1))
        if isFolder.boolValue {
            return (folder, { collection in collection.allRequests.filter { $0.relativePath.hasPrefix(relative + "/") } })
        }
        return (folder, { collection throws(PorticoError) in
            guard let request = collection.allRequests.first(where: { $0.relativePath == relative }) else {
                throw .input("\(target) did not load as a request of the collection (see the problems above)")
            }
            return [request]
        })
    }
}
