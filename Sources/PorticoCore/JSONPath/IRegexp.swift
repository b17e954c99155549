/// I-Regexp (RFC 9485), the interoperable regular expressions of JSONPath's `match()` and `search()`.
///
/// A pattern is checked against the I-Regexp grammar and rewritten for ICU (the engine behind
/// `NSRegularExpression`): every literal becomes a `\x{…}` escape, so ICU-only syntax can never
/// sneak in, `.` becomes `[^\n\r]` as RFC 9485 §5 prescribes, and groups become non-capturing.
enum IRegexp {
    /// The equivalent ICU pattern, or nil when `pattern` is not a valid I-Regexp.
    static func icuPattern(for pattern: String) -> String? {
        var translator = Translator(Array(pattern.unicodeScalars))
        guard translator.translateAlternatives(), translator.isAtEnd else { return nil }
        return translator.output
    }

    private struct Translator {
        let scalars: [Unicode.Scalar]
        var position = 0
        var output = ""
        var depth = 0

        /// Groups may nest this deep; a hostile pattern must not exhaust the call stack.
        static let maximumDepth = 64

        init(_ scalars: [Unicode.Scalar]) {
            self.scalars = scalars
        }

        var isAtEnd: Bool { position == scalars.count }

        private var current: Unicode.Scalar? { position < scalars.count ? scalars[position] : nil }

        private func peek(_ distance: Int) -> Unicode.Scalar? {
            position + distance < scalars.count ? scalars[position + distance] : nil
        }

        /// `branch *( "|" branch )`
        mutating func translateAlternatives() -> Bool {
            guard translateBranch() else { return false }
            while current == "|" {
                position += 1
                output += "|"
                guard translateBranch() else { return false }
            }
            return true
        }

        /// `*piece`, where a piece is an atom with an optional quantifier.
        private mutating func translateBranch() -> Bool {
            while let scalar = current, scalar != "|", scalar != ")" {
                guard translateAtom(), translateQuantifier() else { return false }
            }
            return true
        }

        private mutating func translateAtom() -> Bool {
            guard let scalar = current else { return false }
            switch scalar {
            case "(":
                guard depth < Translator.maximumDepth else { return false }
                depth += 1
                position += 1
                output += "(?:"
                guard translateAlternatives(), current == ")" else { return false }
                position += 1
                output += ")"
                depth -= 1
                return true
            case ".":
                position += 1
                output += "[^\\n\\r]"
                return true
            case "[":
                return translateCharacterClass()
            case "\\":
                if let property = parseCategoryEscape() {
                    output += property
                    return true
                }
                guard let literal = parseSingleCharacterEscape() else { return false }
                appendLiteral(literal)
                return true
            case ")", "*", "+", "?", "]", "{", "|", "}":
                return false
            default:
                position += 1
                appendLiteral(scalar)
                return true
            }
        }

        /// `*`, `+`, `?`, `{n}`, `{n,}` or `{n,m}`; ICU rejects `{n,m}` with n > m at compile time.
        private mutating func translateQuantifier() -> Bool {
            switch current {
            case "*", "+", "?":
                output.unicodeScalars.append(current!)
                position += 1
                return true
            case "{":
                position += 1
                var text = "{"
                guard let minimum = parseDigits() else { return false }
                text += minimum
                if current == "," {
                    position += 1
                    text += ","
                    if let maximum = parseDigits() { text += maximum }
                }
                guard current == "}" else { return false }
                position += 1
                output += text + "}"
                return true
            default:
                return true
            }
        }

        private mutating func parseDigits() -> String? {
            var digits = ""
            while let scalar = current, ("0"..."9").contains(scalar) {
                digits.unicodeScalars.append(scalar)
                position += 1
            }
            return digits.isEmpty ? nil : digits
        }

        /// `"[" ["^"] ("-" / item) *item ["-"] "]"`, where an item is a character, a range or a
        /// category escape.
        private mutating func translateCharacterClass() -> Bool {
            position += 1
            output += "["
            if current == "^" {
                position += 1
                output += "^"
            }
            var itemCount = 0
            if current == "-" {
                position += 1
                appendLiteral("-")
                itemCount += 1
            }
            while true {
                guard let scalar = current else { return false }
                if scalar == "]" {
                    guard itemCount > 0 else { return false }
                    position += 1
                    output += "]"
                    return true
                }
                if scalar == "-" {
                    // A '-' that is not the first item may only be the last one.
                    guard peek(1) == "]", itemCount > 0 else { return false }
                    position += 1
                    appendLiteral("-")
                    itemCount += 1
                    continue
                }
                if let property = parseCategoryEscape() {
                    output += property
                    itemCount += 1
                    continue
                }
                guard let low = parseClassCharacter() else { return false }
                appendLiteral(low)
                if current == "-", let next = peek(1), next != "]" {
                    position += 1
                    guard let high = parseClassCharacter() else { return false }
                    output += "-"
                    appendLiteral(high)
                }
                itemCount += 1
            }
        }

        /// A `CCchar`: anything but `-`, `[`, `\`, `]` unescaped, or a single-character escape.
        private mutating func parseClassCharacter() -> Unicode.Scalar? {
            guard let scalar = current else { return nil }
            switch scalar {
            case "\\": return parseSingleCharacterEscape()
            case "-", "[", "]": return nil
            default:
                position += 1
                return scalar
            }
        }

        private mutating func parseSingleCharacterEscape() -> Unicode.Scalar? {
            guard current == "\\", let letter = peek(1) else { return nil }
            let literal: Unicode.Scalar
            switch letter {
            case "n": literal = "\n"
            case "r": literal = "\r"
            case "t": literal = "\t"
            case "(", ")", "*", "+", "-", ".", "?", "[", "\\", "]", "^", "{", "|", "}": literal = letter
            default: return nil
            }
            position += 2
            return literal
        }

        /// `\p{…}` or `\P{…}` with a Unicode general category, returned in ICU spelling.
        private mutating func parseCategoryEscape() -> String? {
            guard current == "\\", let letter = peek(1), letter == "p" || letter == "P", peek(2) == "{" else { return nil }
            guard let major = peek(3) else { return nil }
            let allowedMinors: String
            switch major {
            case "L": allowedMinors = "lmotu"
            case "M": allowedMinors = "cen"
            case "N": allowedMinors = "dlo"
            case "P": allowedMinors = "cdefios"
            case "Z": allowedMinors = "lps"
            case "S": allowedMinors = "ckmo"
            case "C": allowedMinors = "cfno"
            default: return nil
            }
            var category = String(major)
            var next = 4
            if let minor = peek(next), allowedMinors.unicodeScalars.contains(minor) {
                category.unicodeScalars.append(minor)
                next += 1
            }
            guard peek(next) == "}" else { return nil }
            position += next + 1
            return "\\\(letter){\(category)}"
        }

        private mutating func appendLiteral(_ scalar: Unicode.Scalar) {
            if ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) {
                output.unicodeScalars.append(scalar)
            } else {
                output += "\\x{" + String(scalar.value, radix: 16) + "}"
            }
        }
    }
}
