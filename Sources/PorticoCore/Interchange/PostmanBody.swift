import Foundation

/// Postman bodies, by `mode`: raw (with the language chosen in Postman), urlencoded, formdata,
/// file and graphql.
extension PostmanImporter {
    mutating func body(_ value: JSONValue?, at here: String) -> RequestBody {
        guard let value, let mode = value["mode"]?.importedText else { return .none }
        if value["disabled"]?.importedFlag == true {
            builder.warn(here, "the body is switched off in Postman; not imported")
            return .none
        }
        switch mode {
        case "raw":
            let raw = text(value["raw"]?.importedText ?? "", at: here)
            if raw.isEmpty { return .none }
            return switch value["options"]?["raw"]?["language"]?.importedText {
            case "json": .json(raw)
            case "xml": .xml(raw)
            case "html": .raw(text: raw, contentType: "text/html")
            case "javascript": .raw(text: raw, contentType: "application/javascript")
            default: .raw(text: raw, contentType: "text/plain")
            }
        case "urlencoded":
            return .formURLEncoded((value["urlencoded"]?.importedList ?? []).map { row in
                KeyValueRow(text(row["key"]?.importedText ?? "", at: here), text(Self.valueText(row["value"]), at: here), isEnabled: row["disabled"]?.importedFlag != true)
            })
        case "formdata":
            return .multipart((value["formdata"]?.importedList ?? []).flatMap { formPart($0, at: here) })
        case "file":
            guard let path = value["file"]?["src"]?.importedText, !path.isEmpty else {
                builder.warn(here, "the file body has no file chosen; imported without a body")
                return .none
            }
            return .binaryFile(path: path, contentType: nil)
        case "graphql":
            let graphql = value["graphql"]
            // The variables stay as written: they may hold {{placeholders}} that are not JSON yet.
            let variables = (graphql?["variables"]?.importedText ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            return .graphQL(GraphQLBody(query: text(graphql?["query"]?.importedText ?? "", at: here), variables: text(variables, at: here)))
        default:
            builder.warn(here, "body mode '\(mode)' is not supported; imported without a body")
            return .none
        }
    }

    /// One form field; a file field with several files is one part per file, as Postman sends it.
    private mutating func formPart(_ field: JSONValue, at here: String) -> [MultipartPart] {
        let name = text(field["key"]?.importedText ?? "", at: here)
        let isEnabled = field["disabled"]?.importedFlag != true
        let contentType = field["contentType"]?.importedText.flatMap { $0.isEmpty ? nil : $0 }
        guard field["type"]?.importedText == "file" else {
            return [MultipartPart(name: name, content: .text(text(Self.valueText(field["value"]), at: here)), contentType: contentType, isEnabled: isEnabled)]
        }
        let source = field["src"]
        let paths = (source?.importedText.map { [$0] } ?? (source?.importedList ?? []).compactMap(\.importedText)).filter { !$0.isEmpty }
        if paths.isEmpty {
            builder.warn(here, "form field '\(name)' has no file chosen; imported switched off")
            return [MultipartPart(name: name, content: .file(path: ""), contentType: contentType, isEnabled: false)]
        }
        return paths.map { MultipartPart(name: name, content: .file(path: $0), contentType: contentType, isEnabled: isEnabled) }
    }
}
