import Foundation

/// `portico import http`: a `.http` file into a native collection.
public enum HTTPFileImport {
    /// `file` names the source, so that relative `< ./body.json` includes and the environment
    /// files beside it can be found.
    public static func parse(_ text: String, file: URL) throws(PorticoError) -> ImportedCollection {
        let document = try HTTPFileParser.parse(text)
        var builder = CollectionBuilder(name: (file.lastPathComponent as NSString).deletingPathExtension)
        for warning in document.warnings { builder.warn(warning.location, warning.message) }
        for variable in document.collectionVariables {
            builder.addVariable(variable.name, variable.value ?? "")
        }
        for environment in try HTTPFileEnvironments.load(beside: file.standardizedFileURL) {
            for variable in environment.variables {
                builder.addVariable(variable.name, variable.value ?? "", isSecret: variable.isSecret, environment: environment.name)
            }
        }
        let folder = file.standardizedFileURL.deletingLastPathComponent()
        for request in document.requests {
            var template = request.template
            template.id = RequestTemplate.newID()
            if case .binaryFile(let path, let type) = template.body, !path.hasPrefix("/") {
                // The request file will live elsewhere: point at the file where it is.
                let absolute = folder.appendingPathComponent(path).standardizedFileURL.path
                template.body = .binaryFile(path: absolute, contentType: type)
                builder.warn("line \(request.requestLines.lowerBound + 1)", "the body file \(path) is referred to as \(absolute); copy it into the collection and make the path relative to keep them together")
            }
            builder.addRequest(template)
        }
        return builder.finish()
    }
}
