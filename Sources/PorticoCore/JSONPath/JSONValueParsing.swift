import Foundation

extension JSONValue {
    /// Why a document is not RFC 8259 JSON, and where.
    public struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
        /// Byte offset into the input, 0-based.
        public let offset: Int
        /// 1-based line; only `\n` starts a new line.
        public let line: Int
        /// 1-based column, counted in Unicode scalars from the start of the line.
        public let column: Int
        /// What was wrong, e.g. "expected ',' or ']' after an array element".
        public let message: String

        public var description: String { "line \(line), column \(column): \(message)" }
    }

    /// Nesting deeper than this is refused with a `ParseError`: values are freed recursively by
    /// the runtime, so unbounded depth would let a hostile body crash the process.
    public static let maximumNestingDepth = 10_000

    /// Parses exactly one JSON value (RFC 8259), with optional surrounding whitespace.
    ///
    /// Strict: no comments, trailing commas, single quotes, or bytes after the value; strings must
    /// be valid UTF-8. A leading UTF-8 byte order mark is skipped (RFC 8259 §8.1 allows it).
    /// A `\u` escape naming a lone surrogate decodes to U+FFFD, since Swift strings cannot hold one.
    public static func parse(_ data: Data) throws(ParseError) -> JSONValue {
        let result = data.withUnsafeBytes { raw -> Result<JSONValue, ParseError> in
            let bytes = UnsafeBufferPointer(start: raw.baseAddress?.assumingMemoryBound(to: UInt8.self), count: raw.count)
            var parser = JSONDocumentParser(bytes: bytes)
            return parser.parseDocument()
        }
        return try result.get()
    }

    /// Parses the UTF-8 encoding of `text`; see `parse(_:)` for the rules.
    public static func parse(_ text: String) throws(ParseError) -> JSONValue {
        try parse(Data(text.utf8))
    }
}

/// A single-pass parser over raw bytes. Containers under construction live on an explicit stack,
/// so nesting depth costs heap, not call stack.
private struct JSONDocumentParser {
    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0

    /// An array or object still being filled.
    private struct OpenContainer {
        let isObject: Bool
        var elements: [JSONValue] = []
        var members: [JSONValue.Member] = []
        var pendingName = ""
    }

    private struct Failure: Error {
        let offset: Int
        let message: String
    }

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    mutating func parseDocument() -> Result<JSONValue, JSONValue.ParseError> {
        do {
            return .success(try parseValueTree())
        } catch {
            return .failure(positioned(error))
        }
    }

    private func positioned(_ failure: Failure) -> JSONValue.ParseError {
        var line = 1
        var lineStart = 0
        for index in 0..<min(failure.offset, bytes.count) where bytes[index] == UInt8(ascii: "\n") {
            line += 1
            lineStart = index + 1
        }
        var column = 1
        if lineStart < failure.offset {
            for index in lineStart..<min(failure.offset, bytes.count) where bytes[index] & 0xC0 != 0x80 {
                column += 1
            }
        }
        return JSONValue.ParseError(offset: failure.offset, line: line, column: column, message: failure.message)
    }

    private var current: UInt8? { position < bytes.count ? bytes[position] : nil }

    private mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            default: return
            }
        }
    }

    private func describeCurrent() -> String {
        guard let byte = current else { return "the end of the input" }
        if byte >= 0x21, byte < 0x7F { return "'\(Character(UnicodeScalar(byte)))'" }
        return "byte 0x" + String(byte, radix: 16, uppercase: true)
    }

    private mutating func parseValueTree() throws(Failure) -> JSONValue {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { position = 3 }
        var stack: [OpenContainer] = []
        while true {
            skipWhitespace()
            var value: JSONValue
            // 0 stands for the end of input: it cannot start a value either.
            switch current ?? 0 {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                guard stack.count < JSONValue.maximumNestingDepth else {
                    throw Failure(offset: position, message: "nesting is deeper than \(JSONValue.maximumNestingDepth) levels")
                }
                let isObject = current == UInt8(ascii: "{")
                position += 1
                skipWhitespace()
                if isObject, current == UInt8(ascii: "}") {
                    position += 1
                    value = .object([])
                } else if !isObject, current == UInt8(ascii: "]") {
                    position += 1
                    value = .array([])
                } else {
                    var container = OpenContainer(isObject: isObject)
                    if isObject { container.pendingName = try parseMemberName() }
                    stack.append(container)
                    continue
                }
            case UInt8(ascii: "\""):
                value = .string(try parseString())
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                value = .number(try parseNumber())
            case UInt8(ascii: "t"):
                try expectWord("true")
                value = .bool(true)
            case UInt8(ascii: "f"):
                try expectWord("false")
                value = .bool(false)
            case UInt8(ascii: "n"):
                try expectWord("null")
                value = .null
            default:
                throw Failure(offset: position, message: "expected a JSON value but found \(describeCurrent())")
            }

            // Hand the finished value to its container, closing as many containers as end here.
            while true {
                guard !stack.isEmpty else {
                    skipWhitespace()
                    guard position == bytes.count else {
                        throw Failure(offset: position, message: "unexpected \(describeCurrent()) after the JSON value")
                    }
                    return value
                }
                let top = stack.count - 1
                if stack[top].isObject {
                    stack[top].members.append(JSONValue.Member(name: stack[top].pendingName, value: value))
                } else {
                    stack[top].elements.append(value)
                }
                skipWhitespace()
                let closer = stack[top].isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
                if current == UInt8(ascii: ",") {
                    position += 1
                    if stack[top].isObject {
                        skipWhitespace()
                        stack[top].pendingName = try parseMemberName()
                    }
                    break
                } else if current == closer {
                    position += 1
                    let finished = stack.removeLast()
                    value = finished.isObject ? .object(finished.members) : .array(finished.elements)
                } else if stack[top].isObject {
                    throw Failure(offset: position, message: "expected ',' or '}' after an object member but found \(describeCurrent())")
                } else {
                    throw Failure(offset: position, message: "expected ',' or ']' after an array element but found \(describeCurrent())")
                }
            }
        }
    }

    /// Reads `"name"` and the `:` after it; the position is then at the member's value.
    private mutating func parseMemberName() throws(Failure) -> String {
        guard current == UInt8(ascii: "\"") else {
            throw Failure(offset: position, message: "expected a member name in double quotes but found \(describeCurrent())")
        }
        let name = try parseString()
        skipWhitespace()
        guard current == UInt8(ascii: ":") else {
            throw Failure(offset: position, message: "expected ':' after the member name but found \(describeCurrent())")
        }
        position += 1
        return name
    }

    private mutating func expectWord(_ word: StaticString) throws(Failure) {
        let start = position
        let count = word.utf8CodeUnitCount
        let expected = UnsafeBufferPointer(start: word.utf8Start, count: count)
        for offset in 0..<count {
            guard start + offset < bytes.count, bytes[start + offset] == expected[offset] else {
                throw Failure(offset: start, message: "expected a JSON value (did you mean '\(word)'?)")
            }
        }
        position += count
    }

    private mutating func parseNumber() throws(Failure) -> JSONNumber {
        let start = position
        func isDigit(_ byte: UInt8?) -> Bool { byte.map { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") } ?? false }
        if current == UInt8(ascii: "-") { position += 1 }
        if current == UInt8(ascii: "0") {
            position += 1
            if isDigit(current) { throw Failure(offset: position, message: "a number must not have leading zeros") }
        } else if isDigit(current) {
            while isDigit(current) { position += 1 }
        } else {
            throw Failure(offset: position, message: "expected a digit in the number but found \(describeCurrent())")
        }
        if current == UInt8(ascii: ".") {
            position += 1
            guard isDigit(current) else { throw Failure(offset: position, message: "expected a digit after the decimal point but found \(describeCurrent())") }
            while isDigit(current) { position += 1 }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            position += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { position += 1 }
            guard isDigit(current) else { throw Failure(offset: position, message: "expected a digit in the exponent but found \(describeCurrent())") }
            while isDigit(current) { position += 1 }
        }
        let literal = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
        return JSONNumber(uncheckedLiteral: literal)
    }

    /// Reads a string starting at its opening quote. Runs without escapes are decoded straight
    /// from the input; only strings with escapes are copied into a scratch buffer.
    private mutating func parseString() throws(Failure) -> String {
        position += 1
        var runStart = position
        var decoded: [UInt8]?
        while true {
            guard position < bytes.count else { throw Failure(offset: position, message: "unterminated string") }
            let byte = bytes[position]
            switch byte {
            case UInt8(ascii: "\""):
                let run = UnsafeBufferPointer(rebasing: bytes[runStart..<position])
                position += 1
                guard var buffer = decoded else { return String(decoding: run, as: UTF8.self) }
                buffer.append(contentsOf: run)
                return String(decoding: buffer, as: UTF8.self)
            case UInt8(ascii: "\\"):
                var buffer = decoded ?? []
                buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<position]))
                try appendEscape(to: &buffer)
                decoded = buffer
                runStart = position
            case 0..<0x20:
                throw Failure(offset: position, message: "control character U+00\(byte < 0x10 ? "0" : "")\(String(byte, radix: 16, uppercase: true)) must be escaped in a string")
            case 0x80...:
                try skipUTF8Sequence()
            default:
                position += 1
            }
        }
    }

    /// Checks one multi-byte UTF-8 sequence against the well-formed table of Unicode §3.9.
    private mutating func skipUTF8Sequence() throws(Failure) {
        let lead = bytes[position]
        let continuationCount: Int
        var secondRange: ClosedRange<UInt8> = 0x80...0xBF
        switch lead {
        case 0xC2...0xDF: continuationCount = 1
        case 0xE0: continuationCount = 2; secondRange = 0xA0...0xBF
        case 0xE1...0xEC, 0xEE...0xEF: continuationCount = 2
        case 0xED: continuationCount = 2; secondRange = 0x80...0x9F
        case 0xF0: continuationCount = 3; secondRange = 0x90...0xBF
        case 0xF1...0xF3: continuationCount = 3
        case 0xF4: continuationCount = 3; secondRange = 0x80...0x8F
        default: throw Failure(offset: position, message: "invalid UTF-8 in a string")
        }
        for index in 1...continuationCount {
            let range = index == 1 ? secondRange : 0x80...0xBF
            guard position + index < bytes.count, range.contains(bytes[position + index]) else {
                throw Failure(offset: position, message: "invalid UTF-8 in a string")
            }
        }
        position += continuationCount + 1
    }

    private mutating func appendEscape(to buffer: inout [UInt8]) throws(Failure) {
        let escapeStart = position
        position += 1
        guard let letter = current else { throw Failure(offset: position, message: "unterminated string") }
        position += 1
        switch letter {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): buffer.append(letter)
        case UInt8(ascii: "b"): buffer.append(0x08)
        case UInt8(ascii: "f"): buffer.append(0x0C)
        case UInt8(ascii: "n"): buffer.append(0x0A)
        case UInt8(ascii: "r"): buffer.append(0x0D)
        case UInt8(ascii: "t"): buffer.append(0x09)
        case UInt8(ascii: "u"):
            var scalarValue = try readHexQuad()
            if (0xD800...0xDBFF).contains(scalarValue),
               position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u") {
                let afterHigh = position
                position += 2
                let low = try readHexQuad()
                if (0xDC00...0xDFFF).contains(low) {
                    scalarValue = 0x10000 + ((scalarValue - 0xD800) << 10) + (low - 0xDC00)
                } else {
                    position = afterHigh
                }
            }
            let scalar = Unicode.Scalar(scalarValue) ?? "\u{FFFD}"
            UTF8.encode(scalar) { buffer.append($0) }
        default:
            throw Failure(offset: escapeStart, message: "invalid escape sequence '\\\(Character(UnicodeScalar(letter)))' in a string")
        }
    }

    private mutating func readHexQuad() throws(Failure) -> UInt32 {
        var result: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = current, let digit = hexDigitValue(byte) else {
                throw Failure(offset: position, message: "expected four hex digits after '\\u'")
            }
            result = result << 4 | digit
            position += 1
        }
        return result
    }

    private func hexDigitValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }
}
