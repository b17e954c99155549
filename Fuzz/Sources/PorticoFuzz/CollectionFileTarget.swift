import Foundation
@testable import PorticoCore

/// The collection loader's three file kinds: a request file, `portico.yaml` and `_folder.yaml`.
enum CollectionFileTarget {
    static func run(_ data: Data) {
        let text = String(decoding: data, as: UTF8.self)
        if let template = try? RequestFileFormat.decode(text, defaultName: "fuzz") {
            // What the loader accepts, a save writes back and the next load reads as the same request.
            guard let saved = try? RequestFileFormat.encode(template) else { violated("a loaded request can be saved", text) }
            let reloaded: RequestTemplate
            do throws(FileProblem) { reloaded = try RequestFileFormat.decode(saved, defaultName: "fuzz") } catch {
                violated("a saved request loads again", "input:\n\(text)\nsaved:\n\(saved)\nerror: \(error.message)")
            }
            if reloaded != template { violated("a saved request loads as the same request", "input:\n\(text)\nsaved:\n\(saved)") }
        }
        _ = try? CollectionFileFormat.decode(text, defaultName: "fuzz")
        _ = try? FolderFileFormat.decode(text)
    }
}
