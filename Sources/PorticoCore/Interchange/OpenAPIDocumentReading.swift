import Foundation
import OpenAPIKit
import OpenAPIKit30
import OpenAPIKitCompat
import Yams

/// Reads an OpenAPI 3.0, 3.1 or 3.2 document, YAML or JSON, into OpenAPIKit's newest model, so the
/// importer translates one model only. This is the one file that knows the 3.0 model exists.
enum OpenAPIDocumentReading {
    static func read(_ text: String) throws(PorticoError) -> OpenAPIKit.OpenAPI.Document {
        let trimmed = text.drop { $0.isWhitespace || $0 == "\u{FEFF}" }
        return trimmed.first == "{" ? try readJSON(text) : try readYAML(text)
    }

    private static func readJSON(_ text: String) throws(PorticoError) -> OpenAPIKit.OpenAPI.Document {
        // Checked first for its errors, which say where the JSON is broken; then read as YAML (which
        // JSON is), since Foundation's JSONDecoder loses the order of keys: paths, properties, examples.
        do {
            _ = try JSONValue.parse(text)
        } catch {
            throw .input("invalid JSON at \(error)")
        }
        return try readYAML(text)
    }

    private static func readYAML(_ text: String) throws(PorticoError) -> OpenAPIKit.OpenAPI.Document {
        let node: Node
        do {
            // As YAMLDecoder reads: scalars stay text until a type asks for a number or a boolean,
            // so a status code '200' or a version 3.0 are read as written.
            let parser = try Parser(yaml: text, resolver: Resolver.basic.appending(.merge))
            guard let root = try parser.singleRoot() else { throw notOpenAPI }
            node = root
        } catch let error as YamlError {
            throw .input(yamlProblem(error))
        } catch let error as PorticoError {
            throw error
        } catch {
            throw .input("invalid YAML: \(error)")
        }
        guard let mapping = node.mapping else { throw notOpenAPI }
        let version = try version(openapi: mapping["openapi"]?.string, swagger: mapping["swagger"].map { $0.string ?? "2" })
        // Yams finds a key by walking its mapping, so decoding a map of n paths costs n²: with 3,000
        // paths that was most of an import. The document is decoded without them, then each path alone.
        var rest = Node.Mapping([])
        var paths: [(key: String, value: Node)] = []
        for (key, value) in mapping {
            if key.string == "paths", let pathMapping = value.mapping {
                paths = pathMapping.map { ($0.key.string ?? "", $0.value) }
                rest[key] = .mapping(Node.Mapping([]))
            } else {
                rest[key] = value
            }
        }
        let reading = NodeReading(root: node)
        switch version {
        case .v3_0:
            var document = try reading.decode(OpenAPIKit30.OpenAPI.Document.self, from: .mapping(rest))
            for (path, item) in paths {
                document.paths[OpenAPIKit30.OpenAPI.Path(rawValue: path)] = try reading.pathItem(path, item, JSONReference<OpenAPIKit30.OpenAPI.PathItem>.self, OpenAPIKit30.OpenAPI.PathItem.self)
            }
            return document.convert(to: .v3_1_1)
        case .v3_1:
            var document = try reading.decode(OpenAPIKit.OpenAPI.Document.self, from: .mapping(rest))
            for (path, item) in paths {
                document.paths[OpenAPIKit.OpenAPI.Path(rawValue: path)] = try reading.pathItem(path, item, OpenAPIKit.OpenAPI.Reference<OpenAPIKit.OpenAPI.PathItem>.self, OpenAPIKit.OpenAPI.PathItem.self)
            }
            return document
        }
    }

    private enum Version {
        case v3_0, v3_1
    }

    private static let notOpenAPI = PorticoError.input("not an OpenAPI document: it has no 'openapi' field giving its version (3.0 or 3.1)")

    private static func version(openapi: String?, swagger: String?) throws(PorticoError) -> Version {
        if swagger != nil || openapi?.hasPrefix("2") == true {
            throw .input("Swagger 2 (OpenAPI 2.0) documents are not supported: convert the document to OpenAPI 3 first (for example with swagger2openapi), then import that")
        }
        guard let openapi else { throw notOpenAPI }
        if openapi.hasPrefix("3.0") { return .v3_0 }
        if openapi.hasPrefix("3.1") || openapi.hasPrefix("3.2") { return .v3_1 }
        throw .input("OpenAPI version '\(openapi)' is not supported: Portico imports OpenAPI 3.0 and 3.1")
    }

    /// Decodes parts of one YAML document; a failure names the place in the document as a coding
    /// path (`paths./users.get.responses`) and its line.
    private struct NodeReading {
        let root: Node

        /// A path item or a reference to one, told apart by its `$ref`, so that a broken path item is
        /// reported as what is wrong in it rather than as "neither a reference nor a path item".
        func pathItem<Reference: Decodable, Item: Decodable>(_ path: String, _ node: Node, _: Reference.Type, _: Item.Type) throws(PorticoError) -> Either<Reference, Item> {
            if node.mapping?["$ref"] != nil {
                return .a(try decode(OnePath<Reference>.self, from: onePath(path, node)).item)
            }
            return .b(try decode(OnePath<Item>.self, from: onePath(path, node)).item)
        }

        func decode<T: Decodable>(_ type: T.Type, from node: Node) throws(PorticoError) -> T {
            do {
                // Vendor extensions (`x-…`) are not imported; skipping them saves a quarter of the decoding.
                // OpenAPIKit30 reads the same key, so one setting serves both versions.
                return try YAMLDecoder().decode(type, from: node, userInfo: [OpenAPIKit.VendorExtensionsConfiguration.enabledKey: false])
            } catch let error as YamlError {
                throw .input(yamlProblem(error))
            } catch {
                let described = OpenAPIKit.OpenAPI.Error(from: error)
                let keys = described.codingPath
                let path = codingPath(keys)
                let line = line(of: keys, in: root).map { "line \($0)" }
                let place = [line, path.isEmpty ? nil : line == nil ? path : "(\(path))"].compactMap { $0 }.joined(separator: " ")
                throw .input("invalid OpenAPI document\(place.isEmpty ? "" : " at \(place)"): \(described.localizedDescription)")
            }
        }
    }

    /// One path item, decoded inside `paths` as in the whole document: OpenAPIKit's errors expect
    /// their coding path to start at the document's root.
    private struct OnePath<Item: Decodable>: Decodable {
        let item: Item

        init(from decoder: any Decoder) throws {
            let paths = try decoder.container(keyedBy: PathKey.self).nestedContainer(keyedBy: PathKey.self, forKey: PathKey(stringValue: "paths"))
            guard let key = paths.allKeys.first else {
                throw DecodingError.dataCorruptedError(forKey: PathKey(stringValue: "paths"), in: paths, debugDescription: "no path")
            }
            item = try paths.decode(Item.self, forKey: key)
        }
    }

    /// `paths: {path: item}`, what `OnePath` decodes.
    private static func onePath(_ path: String, _ item: Node) -> Node {
        .mapping(Node.Mapping([("paths", .mapping(Node.Mapping([(Node(path), item)])))]))
    }

    private struct PathKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// `paths./users.get.responses`: keys joined with dots, array positions in brackets.
    private static func codingPath(_ keys: [CodingKey]) -> String {
        var text = ""
        for key in keys {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += (text.isEmpty ? "" : ".") + key.stringValue
            }
        }
        return text
    }

    /// The line of the deepest node along `path` that exists.
    private static func line(of path: [CodingKey], in root: Node) -> Int? {
        var node = root
        for key in path {
            if let index = key.intValue, let sequence = node.sequence, index < sequence.count {
                node = sequence[index]
            } else if let child = node.mapping?[key.stringValue] {
                node = child
            } else {
                break
            }
        }
        return node.mark?.line
    }

    private static func yamlProblem(_ error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            "invalid YAML at line \(mark.line), column \(mark.column): \(problem)"
        case .duplicatedKeysInMapping(let duplicates, let context):
            "invalid YAML at line \(context.mark.line): duplicate key \(duplicates.map { "'\($0)'" }.joined(separator: ", "))"
        default:
            "invalid YAML: \(error)"
        }
    }
}
