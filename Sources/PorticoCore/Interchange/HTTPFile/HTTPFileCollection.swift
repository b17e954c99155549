import Foundation

extension HTTPFileDocument {
    /// The file as a collection: file variables, then the requests in file order (a `.http` file
    /// has no folders). Relative body-file paths stay relative to the file.
    public func collection(id: String, name: String, environments: [Environment] = []) -> Collection {
        var collection = Collection(id: id, name: name, variables: collectionVariables, environments: environments)
        var taken: Set<String> = [CollectionStore.collectionFileName]
        for request in requests {
            let path = CollectionStore.fileName(for: request.template.name, existing: taken)
            taken.insert(path)
            collection.root.requests.append(StoredRequest(relativePath: path, template: request.template))
        }
        return collection
    }

    /// The file variables, each once with its last value (a later definition wins in both dialects).
    public var collectionVariables: [Variable] {
        var seen: Set<String> = []
        return variables.compactMap { variable in
            guard seen.insert(variable.name).inserted else { return nil }
            return Variable(variable.name, variables.last { $0.name == variable.name }?.value ?? variable.value)
        }
    }

    /// The file's text after the edits that turn `baseline` into `collection`: changed requests
    /// are rewritten in place, removed ones taken out, new ones appended; changed file variables
    /// are rewritten on their own lines. Comments, scripts, directives, response handlers and
    /// unchanged requests keep their exact text.
    public func text(applying collection: Collection, baseline: Collection) throws(PorticoError) -> String {
        guard collection.root.groups.isEmpty else {
            throw .input("a .http file has no folders; import it (portico import http) to organise it in folders")
        }
        var replaced: [Int: [String]] = [:]
        var inserted: [Int: [String]] = [:]
        let before = Dictionary(baseline.allRequests.map { ($0.template.id, $0.template) }, uniquingKeysWith: { first, _ in first })
        let after = Dictionary(collection.allRequests.map { ($0.template.id, $0.template) }, uniquingKeysWith: { first, _ in first })
        let variableLines = Set(variables.map(\.line))

        for request in requests {
            let id = request.template.id
            guard let template = after[id] else {
                // From its separator, or in the first block (which also holds the file's opening
                // comments) from its own name line or request line.
                let start = request.separatorLine ?? min(request.nameLine ?? request.requestLines.lowerBound, request.requestLines.lowerBound)
                for line in start..<request.block.upperBound where !variableLines.contains(line) { replaced[line] = [] }
                continue
            }
            guard let old = before[id], old != template else { continue }
            replaced[request.requestLines.lowerBound] = try HTTPFileFormatting.lines(for: template, style: request.style)
            for line in request.requestLines.dropFirst() { replaced[line] = [] }
            guard template.name != old.name else { continue }
            if let nameLine = request.nameLine {
                replaced[nameLine] = ["# @name \(template.name)"]
            } else if let separator = request.separatorLine {
                replaced[separator] = ["### \(template.name)"]
            } else {
                inserted[request.requestLines.lowerBound, default: []].append("# @name \(template.name)")
            }
        }

        let oldValues = Dictionary(baseline.variables.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let newValues = Dictionary(collection.variables.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        for variable in variables {
            guard oldValues[variable.name] != newValues[variable.name] else { continue }
            if let new = newValues[variable.name], !new.isSecret {
                replaced[variable.line] = ["@\(variable.name) = \(new.value ?? "")"]
            } else {
                replaced[variable.line] = []
            }
        }
        let inFile = Set(variables.map(\.name))
        let added = collection.variables.filter { !$0.isSecret && oldValues[$0.name] == nil && !inFile.contains($0.name) }
        if !added.isEmpty {
            let at = variables.last.map { $0.line + 1 } ?? 0
            let newLines = added.map { "@\($0.name) = \($0.value ?? "")" } + (variables.isEmpty ? [""] : [])
            inserted[at, default: []].insert(contentsOf: newLines, at: 0)
        }

        var output: [(line: String, terminator: String)] = []
        for (index, line) in lines.enumerated() {
            output += (inserted[index] ?? []).map { ($0, lineEnding) }
            if let replacement = replaced[index] {
                output += replacement.map { ($0, lineEnding) }
                // The file's last line had no terminator: nor has what replaces it.
                if index == lines.count - 1, terminators[index].isEmpty, !replacement.isEmpty { output[output.count - 1].terminator = "" }
            } else {
                output.append((line, terminators[index]))
            }
        }
        output += (inserted[lines.count] ?? []).map { ($0, lineEnding) }
        let known = Set(requests.map(\.template.id))
        for stored in collection.allRequests where !known.contains(stored.template.id) {
            if let last = output.indices.last, output[last].terminator.isEmpty { output[last].terminator = lineEnding }
            var block: [String] = []
            if let last = output.last, !last.line.trimmingCharacters(in: .whitespaces).isEmpty { block.append("") }
            block.append("### \(stored.template.name)")
            // REST Client names a request by `# @name`, one word; JetBrains by the separator's text.
            if Template.isName(stored.template.name) { block.append("# @name \(stored.template.name)") }
            block += try HTTPFileFormatting.lines(for: stored.template)
            output += block.map { ($0, lineEnding) }
        }
        return output.map { $0.line + $0.terminator }.joined()
    }
}
