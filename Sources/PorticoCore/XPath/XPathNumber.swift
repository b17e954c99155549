/// XPath 1.0's numbers as text, and its rounding (sections 4.2 and 4.4).
enum XPathNumber {
    /// `string(number)`: "NaN", "Infinity", "-Infinity", an integer without a decimal point, or a
    /// decimal with no exponent and as few digits as tell the number apart from its neighbours.
    static func text(_ number: Double) -> String {
        if number.isNaN { return "NaN" }
        if number.isInfinite { return number < 0 ? "-Infinity" : "Infinity" }
        if number == 0 { return "0" }
        // Swift's description is already the shortest that reads back the same, as "123.5",
        // "1e-07" or "1.2345e+20"; only the exponent has to be written out.
        let description = number.magnitude.description
        let parts = description.split(separator: "e")
        let mantissa = parts[0]
        let exponent = parts.count == 2 ? Int(parts[1]) ?? 0 : 0
        let digits = mantissa.filter { $0 != "." }
        let pointAfter = (mantissa.firstIndex(of: ".").map { mantissa.distance(from: mantissa.startIndex, to: $0) } ?? mantissa.count) + exponent
        var text: String
        if pointAfter <= 0 {
            text = "0." + String(repeating: "0", count: -pointAfter) + digits
        } else if pointAfter >= digits.count {
            text = digits + String(repeating: "0", count: pointAfter - digits.count)
        } else {
            text = String(digits.prefix(pointAfter)) + "." + String(digits.dropFirst(pointAfter))
        }
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return number < 0 ? "-" + text : text
    }

    /// `number(string)`: optional blanks, an optional minus, digits with at most one '.'; anything
    /// else is NaN (no '+', no exponent, no "Infinity").
    static func parse(_ text: String) -> Double {
        let scalars = Array(text.unicodeScalars)
        var start = 0
        var end = scalars.count
        while start < end, XPathLexer.isWhitespace(scalars[start]) { start += 1 }
        while end > start, XPathLexer.isWhitespace(scalars[end - 1]) { end -= 1 }
        var index = start
        if index < end, scalars[index] == "-" { index += 1 }
        var digitCount = 0
        var pointSeen = false
        while index < end {
            if XPathLexer.isDigit(scalars[index]) {
                digitCount += 1
            } else if scalars[index] == ".", !pointSeen {
                pointSeen = true
            } else {
                return .nan
            }
            index += 1
        }
        guard digitCount > 0 else { return .nan }
        return Double(String(String.UnicodeScalarView(scalars[start..<end]))) ?? .nan
    }

    /// `round()`: the closest integer, halves rounded up (towards positive infinity); -0 for
    /// numbers from -0.5 to 0.
    static func round(_ number: Double) -> Double {
        guard number.isFinite, number != number.rounded(.towardZero) else { return number }
        // floor(x + 0.5) would round 0.49999999999999994 up, as the sum rounds to 1.
        let below = number.rounded(.down)
        let rounded = number - below >= 0.5 ? below + 1 : below
        return rounded == 0 && number < 0 ? -0.0 : rounded
    }
}
