/// The lines of pretty-printed JSON, found in one pass over the bytes as received: a line starts
/// at the first token after an opening bracket or a comma, and at a closing bracket that closes
/// something non-empty; `{}` and `[]` stay on one line. The same layout as `JSONPrettyPrinter`,
/// without ever holding the printed text. The grammar is checked on the way (RFC 8259, strictly:
/// no leading zeros, only the escapes it names), so a body that is not JSON falls back to text.
/// With `allowsSequence`, whitespace-separated top-level values (JSON Lines) are accepted too.
public struct JSONLineIndexer: LineIndexing {
    private enum Expect: UInt8 { case value, valueOrClose, key, keyOrClose, colon, commaOrClose, end }
    private enum Pending: UInt8 { case none, afterOpen, afterComma }
    private enum Token: UInt8 { case none, string, escape, unicode, number, literal }
    /// Where a number is in RFC 8259's `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    private enum NumberState: UInt8 { case start, sign, zero, integer, dot, fraction, exponent, exponentSign, exponentDigits }

    /// `true` for `{`, `false` for `[`, per open container.
    private var containers: [Bool] = []
    private var expect = Expect.value
    private var pending = Pending.none
    private var token = Token.none
    private var number = NumberState.start
    private var literal: [UInt8] = []
    private var literalPosition = 0
    private var unicodeDigits = 0
    private var started = false
    /// Bytes of a UTF-8 byte order mark matched at the very start (it may arrive split).
    private var byteOrderMark = 0
    private let allowsSequence: Bool

    public init(allowsSequence: Bool = false) {
        self.allowsSequence = allowsSequence
    }

    public mutating func consume(_ bytes: UnsafeRawBufferPointer, at offset: Int, into index: inout LineIndex) throws(NotThisFormat) {
        var position = 0
        let count = bytes.count
        while position < count {
            let byte = bytes[position]
            switch token {
            case .string:
                // The common case: run to the next quote, backslash or control byte.
                var scan = position
                while scan < count {
                    let next = bytes[scan]
                    if next == 0x22 || next == 0x5C || next < 0x20 { break }
                    scan += 1
                }
                position = scan
                guard position < count else { return }
                let next = bytes[position]
                if next == 0x22 {
                    token = .none
                    try stringEnded(at: offset + position)
                } else if next == 0x5C {
                    token = .escape
                } else {
                    throw NotThisFormat(offset: offset + position, reason: "a control character inside a string")
                }
                position += 1
                continue
            case .escape:
                switch byte {
                case 0x22, 0x5C, 0x2F, 0x62, 0x66, 0x6E, 0x72, 0x74: token = .string
                case 0x75: token = .unicode; unicodeDigits = 0
                default: throw NotThisFormat(offset: offset + position, reason: "an unknown escape in a string")
                }
                position += 1
                continue
            case .unicode:
                guard Self.isHexDigit(byte) else { throw NotThisFormat(offset: offset + position, reason: "a \\u escape without four hex digits") }
                unicodeDigits += 1
                if unicodeDigits == 4 { token = .string }
                position += 1
                continue
            case .number:
                if let state = Self.step(number, byte) {
                    number = state
                    position += 1
                    continue
                }
                guard [.zero, .integer, .fraction, .exponentDigits].contains(number) else {
                    throw NotThisFormat(offset: offset + position, reason: "an incomplete number")
                }
                token = .none
                valueEnded()
                // The byte after the number is read as a token of its own below.
            case .literal:
                guard byte == literal[literalPosition] else { throw NotThisFormat(offset: offset + position, reason: "not a JSON value") }
                literalPosition += 1
                if literalPosition == literal.count {
                    token = .none
                    valueEnded()
                }
                position += 1
                continue
            case .none:
                break
            }
            // Between tokens.
            if byte.isLayoutSpace {
                position += 1
                continue
            }
            if !started, offset + position == byteOrderMark, byteOrderMark < 3, byte == [0xEF, 0xBB, 0xBF][byteOrderMark] {
                // A UTF-8 byte order mark: shown by neither the printer nor a person.
                byteOrderMark += 1
                position += 1
                continue
            }
            if !started, byteOrderMark > 0, byteOrderMark < 3 { throw NotThisFormat(offset: offset + position, reason: "not a JSON value") }
            let at = offset + position
            let isClose = byte == 0x7D || byte == 0x5D
            // Where lines start.
            if expect == .end {
                guard allowsSequence else { throw NotThisFormat(offset: at, reason: "more after the JSON value") }
                expect = .value
                index.append(offset: at, depth: 0)
            } else if !started {
                index.append(offset: at, depth: 0)
            } else if pending == .afterOpen {
                if !isClose { index.append(offset: at, depth: containers.count) }
            } else if pending == .afterComma {
                index.append(offset: at, depth: containers.count)
            } else if isClose {
                index.append(offset: at, depth: containers.count - 1, flags: .closer)
            }
            started = true
            pending = .none
            switch byte {
            case 0x7B, 0x5B:
                try acceptValue(at: at)
                containers.append(byte == 0x7B)
                expect = byte == 0x7B ? .keyOrClose : .valueOrClose
                pending = .afterOpen
            case 0x7D, 0x5D:
                guard let isObject = containers.last, isObject == (byte == 0x7D),
                      expect == .commaOrClose || expect == (isObject ? .keyOrClose : .valueOrClose) else {
                    throw NotThisFormat(offset: at, reason: "a closing bracket out of place")
                }
                containers.removeLast()
                valueEnded()
            case 0x2C:
                guard expect == .commaOrClose, let isObject = containers.last else { throw NotThisFormat(offset: at, reason: "a comma out of place") }
                expect = isObject ? .key : .value
                pending = .afterComma
            case 0x3A:
                guard expect == .colon else { throw NotThisFormat(offset: at, reason: "a colon out of place") }
                expect = .value
            case 0x22:
                if expect != .key, expect != .keyOrClose { try acceptValue(at: at) }
                token = .string
            case 0x2D, 0x30...0x39:
                try acceptValue(at: at)
                token = .number
                number = Self.step(.start, byte) ?? .sign
            case 0x74, 0x66, 0x6E:
                try acceptValue(at: at)
                token = .literal
                literal = byte == 0x74 ? Array("true".utf8) : byte == 0x66 ? Array("false".utf8) : Array("null".utf8)
                literalPosition = 1
            default:
                throw NotThisFormat(offset: at, reason: "not a JSON value")
            }
            position += 1
        }
    }

    public mutating func finish(at end: Int, into index: inout LineIndex) throws(NotThisFormat) {
        if token == .number, [.zero, .integer, .fraction, .exponentDigits].contains(number) {
            token = .none
            valueEnded()
        }
        guard token == .none, containers.isEmpty, expect == .end else {
            throw NotThisFormat(offset: end, reason: started ? "the JSON ends early" : "an empty body")
        }
    }

    private mutating func acceptValue(at offset: Int) throws(NotThisFormat) {
        guard expect == .value || expect == .valueOrClose else { throw NotThisFormat(offset: offset, reason: "a value out of place") }
    }

    private mutating func stringEnded(at offset: Int) throws(NotThisFormat) {
        if expect == .key || expect == .keyOrClose {
            expect = .colon
        } else {
            valueEnded()
        }
    }

    private mutating func valueEnded() {
        expect = containers.isEmpty ? .end : .commaOrClose
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x46).contains(byte) || (0x61...0x66).contains(byte)
    }

    /// The number's state after `byte`, or nil when `byte` cannot continue it.
    private static func step(_ state: NumberState, _ byte: UInt8) -> NumberState? {
        let digit = (0x30...0x39).contains(byte)
        switch state {
        case .start, .sign:
            if byte == 0x2D { return state == .start ? .sign : nil }
            return byte == 0x30 ? .zero : digit ? .integer : nil
        case .zero, .integer:
            if byte == 0x2E { return .dot }
            if byte == 0x65 || byte == 0x45 { return .exponent }
            return state == .integer && digit ? .integer : nil
        case .dot, .fraction:
            if digit { return .fraction }
            return state == .fraction && (byte == 0x65 || byte == 0x45) ? .exponent : nil
        case .exponent:
            if byte == 0x2B || byte == 0x2D { return .exponentSign }
            return digit ? .exponentDigits : nil
        case .exponentSign, .exponentDigits:
            return digit ? .exponentDigits : nil
        }
    }

    public static func pieces(of bytes: UnsafeRawBufferPointer, depth: Int, flags: LineIndex.Flags) -> [StyledPiece] {
        var pieces: [StyledPiece] = []
        var position = 0
        let count = bytes.count
        func text(_ range: Range<Int>) -> String {
            String(decoding: UnsafeRawBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        }
        while position < count {
            let byte = bytes[position]
            if byte.isLayoutSpace {
                position += 1
                continue
            }
            switch byte {
            case 0x7B, 0x7D, 0x5B, 0x5D, 0x2C:
                pieces.append(StyledPiece(String(UnicodeScalar(byte)), .punctuation))
                position += 1
            case 0x3A:
                pieces.append(StyledPiece(": ", .punctuation))
                position += 1
            case 0x22:
                let start = position
                position += 1
                while position < count, bytes[position] != 0x22 {
                    position += bytes[position] == 0x5C ? 2 : 1
                }
                position = min(count, position + 1)
                var after = position
                while after < count, bytes[after].isLayoutSpace { after += 1 }
                pieces.append(StyledPiece(text(start..<position), after < count && bytes[after] == 0x3A ? .key : .string))
            default:
                let start = position
                while position < count, !bytes[position].isLayoutSpace, ![0x7B, 0x7D, 0x5B, 0x5D, 0x2C, 0x3A, 0x22].contains(bytes[position]) { position += 1 }
                pieces.append(StyledPiece(text(start..<position), byte == 0x2D || (0x30...0x39).contains(byte) ? .number : .literal))
            }
        }
        return pieces
    }
}
