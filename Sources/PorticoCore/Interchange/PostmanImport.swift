import Foundation

/// A Postman collection (format v2.0 or v2.1, as Postman exports it) and any Postman environments,
/// made into a Portico collection. Folders stay folders; auth set on a folder is given to each
/// request inside that inherits it, since Portico folders carry no auth. Scripts, saved responses
/// and the rest Portico does not model come back as warnings that say where they were.
public enum PostmanImport {
    /// - Parameter environments: Postman environment files, each with the name it is reported by.
    public static func parse(_ text: String, environments: [(source: String, text: String)] = []) throws(PorticoError) -> ImportedCollection {
        let document = try JSONValue.parseImported(text, source: "the collection")
        try checkIsCollection(document)
        var importer = PostmanImporter(name: document["info"]?["name"]?.importedText ?? "")
        importer.importCollection(document)
        for environment in environments {
            try importer.importEnvironment(JSONValue.parseImported(environment.text, source: environment.source), source: environment.source)
        }
        return importer.builder.finish()
    }

    private static func checkIsCollection(_ document: JSONValue) throws(PorticoError) {
        let schema = document["info"]?["schema"]?.importedText ?? ""
        if schema.contains("/v1.") || (document["info"] == nil && document["requests"] != nil) {
            throw .input("this is a Postman v1 collection, which is not supported: open it in Postman and export it again as Collection v2.1")
        }
        if document["info"] == nil, document["values"] != nil {
            throw .input("this is a Postman environment, not a collection: pass it with --environment beside the collection it belongs to")
        }
        guard document["info"]?.isImportedObject == true, case .array = document["item"] else {
            throw .input("this is not a Postman collection: expected a JSON object with \"info\" (name, schema) and an \"item\" list, as Postman writes with Export → Collection v2.1")
        }
    }
}

/// Walks one Postman collection into a `CollectionBuilder`.
struct PostmanImporter {
    var builder: CollectionBuilder
    /// Variable names Portico cannot hold, already reported with their new spelling.
    private var renamedVariables: Set<String> = []

    /// Postman dynamic variables Portico has, by their Postman name.
    static let dynamicValues = [
        "guid": "$uuid", "randomUUID": "$uuid", "timestamp": "$timestamp", "isoTimestamp": "$isoTimestamp",
        "randomInt": "$randomInt 0 1000",
    ]

    init(name: String) {
        builder = CollectionBuilder(name: name)
    }

    mutating func importCollection(_ document: JSONValue) {
        let description = Self.description(document["info"]?["description"])
        let auth = auth(document["auth"], at: "collection") ?? .none
        builder.update {
            $0.description = description
            // A collection's own "inherit" means no auth: there is nothing above it.
            $0.auth = auth == .inherit ? .none : auth
        }
        scripts(document["event"], at: "collection")
        settings(document["protocolProfileBehavior"], at: "collection")
        for variable in document["variable"]?.importedList ?? [] {
            importVariable(variable)
        }
        for item in document["item"]?.importedList ?? [] {
            importItem(item, in: "", location: [])
        }
    }

    private mutating func importVariable(_ variable: JSONValue) {
        guard let key = variable["key"]?.importedText ?? variable["id"]?.importedText, !key.isEmpty else {
            builder.warn("collection variables", "a variable without a name was not imported")
            return
        }
        if variable["disabled"]?.importedFlag == true {
            builder.warn("collection variable \(key)", "disabled in Postman; not imported")
            return
        }
        let value = Self.valueText(variable["value"])
        builder.addVariable(variableName(key, at: "collection variable \(key)"), text(value, at: "collection variable \(key)"), isSecret: variable["type"]?.importedText == "secret")
    }

    /// Imports a folder (an item holding `item`), with the auth its requests inherit, or a request.
    private mutating func importItem(_ item: JSONValue, in folder: String, location: [String]) {
        let name = item["name"]?.importedText ?? ""
        let path = location + [name.isEmpty ? "(unnamed)" : name]
        let here = path.joined(separator: "/")
        if case .array(let children) = item["item"] {
            let folderPath = builder.addFolder(named: name, in: folder)
            if Self.description(item["description"]) != nil {
                builder.warn(here, "folder description not imported (Portico folders have none)")
            }
            if !(item["variable"]?.importedList.isEmpty ?? true) {
                builder.warn(here, "folder variables not imported (Portico folders have none)")
            }
            if let own = self.auth(item["auth"], at: here), own != .inherit { builder.setFolderAuth(own, at: folderPath) }
            scripts(item["event"], at: here)
            settings(item["protocolProfileBehavior"], at: here)
            for child in children {
                importItem(child, in: folderPath, location: path)
            }
        } else if let request = item["request"] {
            importRequest(request, named: name, item: item, in: folder, at: here)
        } else {
            builder.warn(here, "neither a request nor a folder; skipped")
        }
    }

    private mutating func importRequest(_ request: JSONValue, named name: String, item: JSONValue, in folder: String, at here: String) {
        var template: RequestTemplate
        if case .string(let url) = request {
            // v2.0 allows a request that is only its URL.
            template = RequestTemplate(name: name, url: text(url, at: here))
        } else {
            let method = builder.method(request["method"]?.importedText, at: here)
            let (url, disabledParams) = url(request["url"], at: here)
            let auth = self.auth(request["auth"], at: here) ?? .inherit
            template = RequestTemplate(
                name: name, description: Self.description(request["description"]), method: method, url: url, params: disabledParams,
                headers: headers(request["header"], at: here), body: body(request["body"], at: here), auth: auth)
            for unsupported in ["proxy", "certificate"] where request[unsupported] != nil {
                builder.warn(here, "\(unsupported) settings not imported")
            }
        }
        builder.addRequest(template, in: folder)
        scripts(item["event"], at: here)
        settings(item["protocolProfileBehavior"], at: here)
        let responses = item["response"]?.importedList.count ?? 0
        if responses > 0 {
            builder.warn(here, "\(responses) saved example response\(responses == 1 ? "" : "s") not imported")
        }
    }

    /// The URL as Postman sends it (from `raw`, or assembled from its parts), with `:name` path
    /// variables filled in; query parameters switched off in Postman come back as disabled rows.
    private mutating func url(_ value: JSONValue?, at here: String) -> (String, [KeyValueRow]) {
        guard let value else {
            builder.warn(here, "the request has no URL")
            return ("", [])
        }
        if case .string(let raw) = value { return (text(raw, at: here), []) }
        let query = value["query"]?.importedList ?? []
        var url = value["raw"]?.importedText ?? Self.assembledURL(value, query: query)
        for variable in value["variable"]?.importedList ?? [] {
            guard let key = variable["key"]?.importedText, !key.isEmpty else { continue }
            let replacement = Self.valueText(variable["value"])
            if replacement.isEmpty {
                builder.warn(here, "path variable :\(key) has no value; it is kept as written in the URL")
            } else {
                url = Self.replacingPathVariable(key, with: replacement, in: url)
            }
        }
        let disabled = query.filter { $0["disabled"]?.importedFlag == true }.map { row in
            KeyValueRow(text(row["key"]?.importedText ?? "", at: here), text(Self.valueText(row["value"]), at: here), isEnabled: false)
        }
        return (text(url, at: here), disabled)
    }

    private static func assembledURL(_ value: JSONValue, query: [JSONValue]) -> String {
        func joined(_ parts: JSONValue?, _ separator: String) -> String {
            if let text = parts?.importedText { return text }
            return (parts?.importedList ?? []).map { $0.importedText ?? $0["value"]?.importedText ?? "" }.joined(separator: separator)
        }
        var url = ""
        if let scheme = value["protocol"]?.importedText { url += scheme + "://" }
        url += joined(value["host"], ".")
        if let port = value["port"]?.importedText { url += ":" + port }
        let path = joined(value["path"], "/")
        if !path.isEmpty { url += (path.hasPrefix("/") ? "" : "/") + path }
        let enabled = query.filter { $0["disabled"]?.importedFlag != true }.map { row in
            (row["key"]?.importedText ?? "") + (row["value"].map { "=" + valueText($0) } ?? "")
        }
        if !enabled.isEmpty { url += "?" + enabled.joined(separator: "&") }
        return url
    }

    /// `url` with the path segment `:key` (before any query) replaced by `value`.
    static func replacingPathVariable(_ key: String, with value: String, in url: String) -> String {
        let end = url.firstIndex { $0 == "?" || $0 == "#" } ?? url.endIndex
        let segments = url[..<end].split(separator: "/", omittingEmptySubsequences: false).map { $0 == ":" + key ? Substring(value) : $0 }
        return segments.joined(separator: "/") + url[end...]
    }

    /// Header rows; v2.0 may also write them as one text of `Name: value` lines.
    private mutating func headers(_ value: JSONValue?, at here: String) -> [KeyValueRow] {
        if case .string(let lines) = value {
            return lines.split(whereSeparator: \.isNewline).compactMap { line in
                guard let colon = line.firstIndex(of: ":") else { return nil }
                return KeyValueRow(
                    text(line[..<colon].trimmingCharacters(in: .whitespaces), at: here),
                    text(line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces), at: here))
            }
        }
        return (value?.importedList ?? []).map { row in
            KeyValueRow(
                text(row["key"]?.importedText ?? "", at: here), text(Self.valueText(row["value"]), at: here),
                isEnabled: row["disabled"]?.importedFlag != true)
        }
    }

    /// Warns about each script that holds code, naming where it was.
    private mutating func scripts(_ events: JSONValue?, at here: String) {
        for event in events?.importedList ?? [] {
            let exec = event["script"]?["exec"]
            let lines = exec?.importedText.map { [$0] } ?? (exec?.importedList ?? []).compactMap(\.importedText)
            guard lines.contains(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) else { continue }
            let kind = switch event["listen"]?.importedText {
            case "prerequest": "pre-request script"
            case "test": "test script"
            case let other?: "\(other) script"
            case nil: "script"
            }
            builder.warn(here, "\(kind) not imported")
        }
    }

    private mutating func settings(_ behavior: JSONValue?, at here: String) {
        let names = behavior?.importedMembers.map(\.name) ?? []
        if !names.isEmpty {
            builder.warn(here, "Postman request settings not imported: \(names.joined(separator: ", "))")
        }
    }

    /// `text` as a Portico template: Postman's `{{name}}` is Portico's too; its dynamic variables
    /// become Portico's where there is one and literal text (with a warning) where there is not.
    mutating func text(_ text: String, at here: String) -> String {
        ForeignTemplate.translate(text) { inner in
            if inner.isEmpty { return .literal }
            if inner.hasPrefix("$") {
                if let dynamic = Self.dynamicValues[String(inner.dropFirst())] { return .placeholder(dynamic) }
                builder.warn(here, "Postman dynamic variable {{\(inner)}} has no Portico equivalent; it is kept as literal text")
                return .literal
            }
            return .placeholder(variableName(inner, at: here))
        }
    }

    /// `name` spelled as Portico allows, reported the first time it has to change.
    mutating func variableName(_ name: String, at here: String) -> String {
        let portico = ForeignTemplate.variableName(name)
        if portico != name, renamedVariables.insert(name).inserted {
            builder.warn(here, "variable '\(name)' is renamed '\(portico)' (a Portico name holds letters, digits, '_', '-' and '.')")
        }
        return portico
    }

    /// A description, written as a text or as `{content, type}`.
    static func description(_ value: JSONValue?) -> String? {
        let text = value?.importedText ?? value?["content"]?.importedText ?? ""
        return text.isEmpty ? nil : text
    }

    /// A value as text: strings as they are, other JSON as written.
    static func valueText(_ value: JSONValue?) -> String {
        guard let value else { return "" }
        if case .null = value { return "" }
        return value.importedText ?? value.serialized()
    }
}
