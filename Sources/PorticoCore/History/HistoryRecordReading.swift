import Foundation

/// Reads a record from its parsed JSON by hand: about a third of the time Foundation's
/// JSONDecoder takes (measured 10 µs against 32 µs a line), which is most of a search that
/// matches thousands of records. Writing stays with `Codable`; both follow docs/history-format.md,
/// and the tests read back what the encoder wrote, including the format-1 fixture.
extension HistoryRecord {
    struct ReadError: Error {
        var message: String
    }

    init(reading json: JSONValue) throws(ReadError) {
        let reader = Reader(json, path: "record")
        let time = try reader.string("time")
        guard let date = HistoryLine.parseTime(time) else { throw ReadError(message: "record.time is not an ISO 8601 time: \(time)") }
        let timing = try reader.object("timing")
        self.init(
            id: try reader.string("id"),
            time: date,
            source: try reader.string("source"),
            requestID: try reader.optionalString("requestID"),
            requestName: try reader.optionalString("requestName"),
            collection: try reader.optionalString("collection"),
            collectionID: try reader.optionalString("collectionID"),
            environment: try reader.optionalString("environment"),
            request: try Request(reading: reader.object("request")),
            response: try reader.optionalObject("response").map { reader throws(ReadError) in try Response(reading: reader) },
            redirects: try reader.array("redirects").map { reader throws(ReadError) in
                Redirect(method: try reader.string("method"), url: try reader.string("url"), status: try reader.int("status"),
                         location: try reader.string("location"), durationMs: try reader.double("durationMs"))
            },
            timing: Timing(ttfbMs: try timing.optionalDouble("ttfbMs"), totalMs: try timing.double("totalMs")),
            error: try reader.optionalObject("error").map { reader throws(ReadError) in Failure(kind: try reader.string("kind"), message: try reader.string("message")) },
            redactedHeaders: try reader.strings("redactedHeaders"),
            redactedQuery: try reader.strings("redactedQuery"),
            redactedSecrets: try reader.strings("redactedSecrets"),
            transport: try reader.optionalString("transport"))
    }

    /// Typed access to one JSON object, naming the member path in every error.
    struct Reader {
        let members: [JSONValue.Member]
        let path: String

        init(_ value: JSONValue, path: String) {
            if case .object(let members) = value { self.members = members } else { self.members = [] }
            self.path = path
        }

        static func object(_ value: JSONValue, path: String) throws(ReadError) -> Reader {
            guard case .object = value else { throw ReadError(message: "\(path) is not an object") }
            return Reader(value, path: path)
        }

        func value(_ name: String) -> JSONValue? {
            members.last { $0.name == name }?.value
        }

        func required(_ name: String) throws(ReadError) -> JSONValue {
            guard let value = value(name) else { throw ReadError(message: "\(path).\(name) is missing") }
            return value
        }

        /// A required member of the kind `extract` accepts (`kind` names it in the error).
        private func member<T>(_ name: String, _ kind: String, _ extract: (JSONValue) -> T?) throws(ReadError) -> T {
            guard let value = extract(try required(name)) else { throw ReadError(message: "\(path).\(name) is not \(kind)") }
            return value
        }

        /// The same for a member that may be absent or null.
        private func optionalMember<T>(_ name: String, _ kind: String, _ extract: (JSONValue) -> T?) throws(ReadError) -> T? {
            guard let value = value(name) else { return nil }
            if case .null = value { return nil }
            guard let extracted = extract(value) else { throw ReadError(message: "\(path).\(name) is not \(kind)") }
            return extracted
        }

        private static func text(_ value: JSONValue) -> String? { if case .string(let text) = value { text } else { nil } }
        private static func number(_ value: JSONValue) -> Double? { if case .number(let number) = value { number.doubleValue } else { nil } }
        private static func flag(_ value: JSONValue) -> Bool? { if case .bool(let flag) = value { flag } else { nil } }

        func string(_ name: String) throws(ReadError) -> String { try member(name, "a string", Self.text) }
        func optionalString(_ name: String) throws(ReadError) -> String? { try optionalMember(name, "a string", Self.text) }
        func double(_ name: String) throws(ReadError) -> Double { try member(name, "a number", Self.number) }
        func optionalDouble(_ name: String) throws(ReadError) -> Double? { try optionalMember(name, "a number", Self.number) }
        func bool(_ name: String) throws(ReadError) -> Bool { try member(name, "true or false", Self.flag) }
        func optionalBool(_ name: String) throws(ReadError) -> Bool? { try optionalMember(name, "true or false", Self.flag) }

        func int(_ name: String) throws(ReadError) -> Int {
            try member(name, "a whole number") { value in if case .number(let number) = value { Int(number.literal) } else { nil } }
        }

        func object(_ name: String) throws(ReadError) -> Reader {
            try Reader.object(try required(name), path: "\(path).\(name)")
        }

        func optionalObject(_ name: String) throws(ReadError) -> Reader? {
            switch value(name) {
            case nil, .null?: return nil
            case let value?: return try Reader.object(value, path: "\(path).\(name)")
            }
        }

        func array(_ name: String) throws(ReadError) -> [Reader] {
            guard case .array(let items) = try required(name) else { throw ReadError(message: "\(path).\(name) is not an array") }
            var readers: [Reader] = []
            for (index, item) in items.enumerated() { readers.append(try Reader.object(item, path: "\(path).\(name)[\(index)]")) }
            return readers
        }

        func strings(_ name: String) throws(ReadError) -> [String] {
            guard case .array(let items) = try required(name) else { throw ReadError(message: "\(path).\(name) is not an array") }
            var result: [String] = []
            for item in items {
                guard case .string(let text) = item else { throw ReadError(message: "\(path).\(name) holds a non-string") }
                result.append(text)
            }
            return result
        }

        /// Headers: `[name, value]` pairs.
        func headers(_ name: String) throws(ReadError) -> [HTTPField] {
            guard case .array(let items) = try required(name) else { throw ReadError(message: "\(path).\(name) is not an array") }
            var fields: [HTTPField] = []
            for item in items {
                guard case .array(let pair) = item, pair.count == 2, case .string(let field) = pair[0], case .string(let value) = pair[1] else {
                    throw ReadError(message: "\(path).\(name) holds something other than a [name, value] pair")
                }
                fields.append(HTTPField(field, value))
            }
            return fields
        }

        func body(_ name: String) throws(ReadError) -> Body? {
            guard let body = try optionalObject(name) else { return nil }
            return Body(size: try body.int("size"), text: try body.optionalString("text"), base64: try body.optionalString("base64"),
                        sha256: try body.optionalString("sha256"), truncated: try body.optionalBool("truncated"))
        }
    }
}

extension HistoryRecord.Request {
    init(reading reader: HistoryRecord.Reader) throws(HistoryRecord.ReadError) {
        self.init(method: try reader.string("method"), url: try reader.string("url"), headers: try reader.headers("headers"),
                  body: try reader.body("body"), timeout: try reader.double("timeout"),
                  followRedirects: try reader.bool("followRedirects"), maxRedirects: try reader.int("maxRedirects"))
    }
}

extension HistoryRecord.Response {
    init(reading reader: HistoryRecord.Reader) throws(HistoryRecord.ReadError) {
        self.init(status: try reader.int("status"), reason: try reader.string("reason"), url: try reader.string("url"),
                  headers: try reader.headers("headers"), body: try reader.body("body"), httpVersion: try reader.optionalString("httpVersion"))
    }
}
