import Foundation

/// `portico import http`: a `.http` file into a native collection, and `portico export http`:
/// a collection as one `.http` file.
public enum HTTPFileImport {
    /// `file` names the source, so that relative `< ./body.json` includes and the environment
    /// files beside it can be found.
    public static func parse(_ text: String, file: URL) throws(PorticoError) -> ImportedCollection {
        let document = try HTTPFileParser.parse(text)
        var builder = CollectionBuilder(name: (file.lastPathComponent as NSString).deletingPathExtension)
        for warning in document.warnings { builder.warn(warning.location, warning.message) }
        for variable in document.collection(id: "", name: "").variables {
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

    /// The collection as a `.http` file both dialects read: variables first, then every request
    /// under a `###` separator naming it (folders become part of the name). Secret variables are
    /// not written: their names are listed in a comment so the file says what it needs.
    public static func export(_ collection: Collection) -> String {
        var lines: [String] = ["# \(collection.name) — exported by Portico"]
        let secrets = collection.variables.filter(\.isSecret).map(\.name)
        if !secrets.isEmpty { lines.append("# Secrets to set (as variables or in http-client.private.env.json): \(secrets.joined(separator: ", "))") }
        lines.append("")
        let plain = collection.variables.filter { !$0.isSecret }
        for variable in plain { lines.append("@\(variable.name) = \(variable.value ?? "")") }
        if !plain.isEmpty { lines.append("") }
        for stored in collection.allRequests {
            var template = stored.template
            if template.auth == .inherit { template.auth = collection.auth }
            template.headers = collection.headers.filter { shared in !template.headers.contains { $0.name.lowercased() == shared.name.lowercased() } } + template.headers
            let folder = Collection.parentPath(of: stored.relativePath)
            lines.append("### \(folder.isEmpty ? "" : folder + " / ")\(template.name)")
            if folder.isEmpty, Template.isName(template.name) { lines.append("# @name \(template.name)") }
            if let description = template.description {
                lines += description.components(separatedBy: "\n").map { "# \($0)" }
            }
            if !template.options.followRedirects { lines.append("# @no-redirect") }
            if !template.options.recordsHistory { lines.append("# @no-log") }
            lines += HTTPFileFormatting.lines(for: template)
            lines.append("")
        }
        return lines.joined(separator: "\n")
    }
}
