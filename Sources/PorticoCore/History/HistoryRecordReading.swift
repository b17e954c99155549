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
            timing: try {  () throws(ReadError) -> Timing in
                let timing = try reader.object("timing")
                return Timing(ttfbMs: try timing.optionalDouble("ttfbMs"), totalMs: try timing.double("totalMs"))
            }(),
            error: try reader.optionalObject("error").map { reader throws(ReadError) in Failure(kind: try reader.string("kind"), message: try reader.string("message")) },
            redactedHeaders: try reader.strings("redactedHeaders"),
            redactedQuery: try reader.strings("redactedQuery"),
            redactedSecrets: try reader.strings("redactedSecrets"))
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

        func string(_ name: String) throws(ReadError) -> String {
            guard case .string(let text) = try required(name) else { throw ReadError(message: "\(path).\(name) is not a string") }
            return text
        }

        func optionalString(_ name: String) throws(ReadError) -> String? {
            switch value(name) {
            case nil, .null?: return nil
            case .string(let text)?: return text
            default: throw ReadError(message: "\(path).\(name) is not a string")
            }
        }

        func double(_ name: String) throws(ReadError) -> Double {
            guard case .number(let number) = try required(name) else { throw ReadError(message: "\(path).\(name) is not a number") }
            return number.doubleValue
        }

        func optionalDouble(_ name: String) throws(ReadError) -> Double? {
            switch value(name) {
            case nil, .null?: return nil
            case .number(let number)?: return number.doubleValue
            default: throw ReadError(message: "\(path).\(name) is not a number")
            }
        }

        func int(_ name: String) throws(ReadError) -> Int {
            guard case .number(let number) = try required(name), let value = Int(number.literal) else {
                throw ReadError(message: "\(path).\(name) is not a whole number")
            }
            return value
        }

        func bool(_ name: String) throws(ReadError) -> Bool {
            guard case .bool(let value) = try required(name) else { throw ReadError(message: "\(path).\(name) is not true or false") }
            return value
        }

        func optionalBool(_ name: String) throws(ReadError) -> Bool? {
            switch value(name) {
            case nil, .null?: return nil
            case .bool(let value)?: return value
            default: throw ReadError(message: "\(path).\(name) is not true or false")
            }
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
                  headers: try reader.headers("headers"), body: try reader.body("body"))
    }
}
