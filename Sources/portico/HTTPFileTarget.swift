import Foundation
import PorticoCore

/// `api.http#login`: a request of a `.http` file named on the command line, by name or position.
enum HTTPFileTarget {
    static func split(_ target: String, relativeTo cwd: URL) -> (file: URL, request: String?)? {
        let parts = target.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        let path = String(parts[0])
        let file = URL(fileURLWithPath: path, relativeTo: cwd).standardizedFileURL
        guard HTTPFileStore.isHTTPFile(file), !path.contains("://") else { return nil }
        // `api.example.com/v1/orders.rest` is a URL; a name with no folder is taken as a file,
        // so that a mistyped one says "no such file" rather than failing to resolve a host.
        guard FileManager.default.fileExists(atPath: file.path) || !path.contains("/") || parts.count > 1 else { return nil }
        return (file, parts.count > 1 ? String(parts[1]) : nil)
    }

    static func request(named name: String?, in collection: Collection, file: String) throws(PorticoError) -> RequestTemplate {
        let requests = collection.allRequests.map(\.template)
        let listing = requests.enumerated().map { "\($0.offset + 1). \($0.element.name)" }.joined(separator: "\n  ")
        guard let name else {
            if requests.count == 1 { return requests[0] }
            throw .input("\(file) holds \(requests.count) requests; pick one with \(file)#NAME or #NUMBER:\n  \(listing)")
        }
        if let match = requests.first(where: { $0.name == name }) { return match }
        if let number = Int(name), requests.indices.contains(number - 1) { return requests[number - 1] }
        throw .input("\(file) has no request '\(name)'; it holds:\n  \(listing)")
    }
}
