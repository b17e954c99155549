/// A JSON number kept exactly as the document wrote it.
///
/// Two numbers are equal when they denote the same value (`1`, `1.0` and `10e-1` are equal),
/// compared as exact decimals, so integers beyond `Double`'s 53 bits still order correctly.
/// The literal text is kept so that a document prints back the way it came in.
public struct JSONNumber: Sendable, CustomStringConvertible {
    /// The number as written, e.g. `-12.50e3`. Always valid RFC 8259 number syntax.
    public let literal: String

    /// Wraps `literal` when it is valid RFC 8259 number syntax.
    public init?(literal: String) {
        guard JSONNumber.isValidLiteral(literal.utf8) else { return nil }
        self.literal = literal
    }

    /// For literals the caller has already checked (the JSON and JSONPath parsers).
    init(uncheckedLiteral: String) {
        self.literal = uncheckedLiteral
    }

    public init(_ value: Int) {
        self.literal = String(value)
    }

    public var description: String { literal }

    /// The nearest `Double` (which may lose precision for long literals).
    public var doubleValue: Double { Double(literal) ?? 0 }

    static func isValidLiteral(_ utf8: String.UTF8View) -> Bool {
        var bytes = utf8.makeIterator()
        var current = bytes.next()
        func digits() -> Int {
            var count = 0
            while let byte = current, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                count += 1
                current = bytes.next()
            }
            return count
        }
        if current == UInt8(ascii: "-") { current = bytes.next() }
        if current == UInt8(ascii: "0") {
            current = bytes.next()
        } else if digits() == 0 {
            return false
        }
        if current == UInt8(ascii: ".") {
            current = bytes.next()
            if digits() == 0 { return false }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            current = bytes.next()
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { current = bytes.next() }
            if digits() == 0 { return false }
        }
        return current == nil
    }
}

extension JSONNumber: Comparable {
    public static func == (lhs: JSONNumber, rhs: JSONNumber) -> Bool {
        if lhs.literal == rhs.literal { return true }
        if let left = Int(lhs.literal), let right = Int(rhs.literal) { return left == right }
        return ExactDecimal(lhs.literal.utf8) == ExactDecimal(rhs.literal.utf8)
    }

    public static func < (lhs: JSONNumber, rhs: JSONNumber) -> Bool {
        if let left = Int(lhs.literal), let right = Int(rhs.literal) { return left < right }
        return ExactDecimal(lhs.literal.utf8) < ExactDecimal(rhs.literal.utf8)
    }
}

extension JSONNumber: Hashable {
    public func hash(into hasher: inout Hasher) {
        let decimal = ExactDecimal(literal.utf8)
        hasher.combine(decimal.isNegative)
        hasher.combine(decimal.digits)
        hasher.combine(decimal.exponent)
    }
}

extension JSONNumber {
    /// An exact decimal in the form ±0.d₁d₂…dₙ × 10^exponent with no leading or trailing zero
    /// digits, so that equal values have equal fields and ordering is a field-by-field comparison.
    /// Zero has no digits and is never negative.
    struct ExactDecimal: Equatable, Comparable {
        var isNegative = false
        var digits: [UInt8] = []
        var exponent = 0

        /// Exponents are clamped far beyond any digit count a document can hold, so an absurd
        /// exponent like `1e99999999999999999999` still orders sensibly instead of overflowing.
        private static let exponentLimit = 1 << 50

        init(_ utf8: String.UTF8View) {
            var pointPosition: Int?
            var seenNonZero = false
            var leadingZerosAfterPoint = 0
            var integerDigits = 0
            var index = utf8.startIndex
            if index < utf8.endIndex, utf8[index] == UInt8(ascii: "-") {
                isNegative = true
                index = utf8.index(after: index)
            }
            while index < utf8.endIndex {
                let byte = utf8[index]
                if byte == UInt8(ascii: ".") {
                    pointPosition = integerDigits
                } else if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                    let digit = byte &- UInt8(ascii: "0")
                    if pointPosition == nil { integerDigits += 1 }
                    if seenNonZero || digit != 0 {
                        seenNonZero = true
                        digits.append(digit)
                    } else if pointPosition == nil {
                        integerDigits -= 1
                    } else {
                        leadingZerosAfterPoint += 1
                    }
                } else {
                    break
                }
                index = utf8.index(after: index)
            }
            var writtenExponent = 0
            if index < utf8.endIndex {
                index = utf8.index(after: index)
                var exponentNegative = false
                if index < utf8.endIndex, utf8[index] == UInt8(ascii: "-") || utf8[index] == UInt8(ascii: "+") {
                    exponentNegative = utf8[index] == UInt8(ascii: "-")
                    index = utf8.index(after: index)
                }
                while index < utf8.endIndex {
                    writtenExponent = min(writtenExponent * 10 + Int(utf8[index] &- UInt8(ascii: "0")), ExactDecimal.exponentLimit)
                    index = utf8.index(after: index)
                }
                if exponentNegative { writtenExponent = -writtenExponent }
            }
            while digits.last == 0 { digits.removeLast() }
            if digits.isEmpty {
                isNegative = false
                exponent = 0
                return
            }
            exponent = integerDigits - leadingZerosAfterPoint + writtenExponent
        }

        static func < (lhs: ExactDecimal, rhs: ExactDecimal) -> Bool {
            if lhs == rhs { return false }
            if lhs.isNegative != rhs.isNegative { return lhs.isNegative }
            let magnitudeLess = ExactDecimal.magnitudeLess(lhs, rhs)
            return lhs.isNegative ? !magnitudeLess : magnitudeLess
        }

        private static func magnitudeLess(_ lhs: ExactDecimal, _ rhs: ExactDecimal) -> Bool {
            if lhs.digits.isEmpty { return !rhs.digits.isEmpty }
            if rhs.digits.isEmpty { return false }
            if lhs.exponent != rhs.exponent { return lhs.exponent < rhs.exponent }
            return lhs.digits.lexicographicallyPrecedes(rhs.digits)
        }
    }
}
