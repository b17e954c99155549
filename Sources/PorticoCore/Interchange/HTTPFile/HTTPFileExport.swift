import Foundation

/// `portico export http`: a collection as one `.http` file.
public enum HTTPFileExport {
    /// The collection as a `.http` file both dialects read: variables first, then every request
    /// under a `###` separator naming it (folders become part of the name). Secret variables are
    /// not written: their names are listed in a comment so the file says what it needs.
    public static func text(of collection: Collection) throws(PorticoError) -> String {
        var lines: [String] = ["# \(collection.name) — exported by Portico"]
        let secrets = collection.variables.filter(\.isSecret).map(\.name)
        if !secrets.isEmpty { lines.append("# Secrets to set (as variables or in http-client.private.env.json): \(secrets.joined(separator: ", "))") }
        lines.append("")
        let plain = collection.variables.filter { !$0.isSecret }
        for variable in plain { lines.append("@\(variable.name) = \(variable.value ?? "")") }
        if !plain.isEmpty { lines.append("") }
        for stored in collection.allRequests {
            var template = stored.template
            if template.auth == .inherit { template.auth = collection.inheritedAuth(atPath: stored.relativePath).auth }
            template.headers = collection.headers.filter { shared in !template.headers.contains { $0.name.lowercased() == shared.name.lowercased() } } + template.headers
            let folder = Collection.parentPath(of: stored.relativePath)
            lines.append("### \(folder.isEmpty ? "" : folder + " / ")\(template.name)")
            if folder.isEmpty, Template.isName(template.name) { lines.append("# @name \(template.name)") }
            if let description = template.description {
                // A description line that starts with '@' would read back as a directive.
                lines += description.components(separatedBy: "\n").map { "# " + ($0.trimmingCharacters(in: .whitespaces).hasPrefix("@") ? "\\" : "") + $0 }
            }
            if !template.options.followRedirects { lines.append("# @no-redirect") }
            if !template.options.recordsHistory { lines.append("# @no-log") }
            lines += try HTTPFileFormatting.lines(for: template)
            lines.append("")
        }
        return lines.joined(separator: "\n")
    }
}
