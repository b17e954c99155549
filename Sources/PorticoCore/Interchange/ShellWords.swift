/// Splits a command line into words the way bash does for a simple command, so a curl command
/// copied from documentation or browser devtools means what it meant in the shell: single quotes,
/// double quotes (with `\"`, `\\`, `\$`, `` \` `` and line continuations), ANSI-C `$'…'` quoting,
/// backslash escapes, backslash-newline continuations and `#` comments. Expansions (`$VAR`,
/// `$(…)`, globs) are not performed: their text is kept and reported, since Portico runs no shell.
public enum ShellWords {
    public struct Result: Sendable, Equatable {
        public var words: [String]
        /// Expansions left as written, e.g. `$TOKEN`.
        public var unexpanded: [String]
    }

    public static func split(_ text: String) throws(PorticoError) -> Result {
        var words: [String] = []
        var unexpanded: [String] = []
        var current = ""
        var inWord = false
        let scalars = Array(text.unicodeScalars)
        var index = 0

        func peek(_ offset: Int = 0) -> Unicode.Scalar? {
            index + offset < scalars.count ? scalars[index + offset] : nil
        }
        func endWord() {
            if inWord { words.append(current) }
            current = ""
            inWord = false
        }
        func noteExpansion(from start: Int) {
            var end = start + 1
            if end < scalars.count, scalars[end] == "{" || scalars[end] == "(" {
                let closing: Unicode.Scalar = scalars[end] == "{" ? "}" : ")"
                while end < scalars.count, scalars[end] != closing { end += 1 }
                end = min(end + 1, scalars.count)
            } else {
                while end < scalars.count, scalars[end].properties.isAlphabetic || scalars[end] == "_" || ("0"..."9").contains(scalars[end]) { end += 1 }
            }
            if end > start + 1 { unexpanded.append(String(String.UnicodeScalarView(scalars[start..<end]))) }
        }

        while let scalar = peek() {
            switch scalar {
            case " ", "\t", "\n":
                endWord()
                index += 1
            case "\r" where peek(1) == "\n":
                // A Windows line end in a pasted command is a line end (inside quotes a CR is kept).
                endWord()
                index += 2
            case "#" where !inWord:
                while let next = peek(), next != "\n" { index += 1 }
            case "\\":
                if peek(1) == "\n" {
                    index += 2
                } else if peek(1) == "\r", peek(2) == "\n" {
                    index += 3
                } else if let next = peek(1) {
                    current.unicodeScalars.append(next)
                    inWord = true
                    index += 2
                } else {
                    index += 1
                }
            case "'":
                inWord = true
                index += 1
                while true {
                    guard let next = peek() else { throw .input("the command has an unclosed single quote") }
                    index += 1
                    if next == "'" { break }
                    current.unicodeScalars.append(next)
                }
            case "\"":
                inWord = true
                index += 1
                while true {
                    guard let next = peek() else { throw .input("the command has an unclosed double quote") }
                    if next == "\"" {
                        index += 1
                        break
                    }
                    if next == "\\", let escaped = peek(1), ["\"", "\\", "$", "`", "\n"].contains(escaped) {
                        if escaped != "\n" { current.unicodeScalars.append(escaped) }
                        index += 2
                        continue
                    }
                    if next == "$" { noteExpansion(from: index) }
                    current.unicodeScalars.append(next)
                    index += 1
                }
            case "$" where peek(1) == "'":
                inWord = true
                index += 2
                try current.unicodeScalars.append(contentsOf: ansiC(&index, scalars))
            case ";", "|", "&":
                // The command ends at a control operator (`curl … | jq`); the rest is not curl's.
                endWord()
                return Result(words: words, unexpanded: unexpanded)
            default:
                if scalar == "$" { noteExpansion(from: index) }
                current.unicodeScalars.append(scalar)
                inWord = true
                index += 1
            }
        }
        endWord()
        return Result(words: words, unexpanded: unexpanded)
    }

    /// The body of `$'…'` from `index` (just after the opening quote) to the closing quote.
    private static func ansiC(_ index: inout Int, _ scalars: [Unicode.Scalar]) throws(PorticoError) -> String.UnicodeScalarView {
        var result = String.UnicodeScalarView()
        var bytes: [UInt8] = []
        func flushBytes() {
            if !bytes.isEmpty {
                result.append(contentsOf: String(decoding: bytes, as: UTF8.self).unicodeScalars)
                bytes.removeAll()
            }
        }
        func hexDigits(_ limit: Int) -> UInt32? {
            var value: UInt32 = 0
            var count = 0
            while count < limit, index < scalars.count, let digit = Int(String(scalars[index]), radix: 16) {
                value = value * 16 + UInt32(digit)
                index += 1
                count += 1
            }
            return count > 0 ? value : nil
        }
        while true {
            guard index < scalars.count else { throw .input("the command has an unclosed $'…' quote") }
            let scalar = scalars[index]
            index += 1
            if scalar == "'" {
                flushBytes()
                return result
            }
            guard scalar == "\\", index < scalars.count else {
                flushBytes()
                result.append(scalar)
                continue
            }
            let escape = scalars[index]
            index += 1
            switch escape {
            case "n": flushBytes(); result.append("\n")
            case "t": flushBytes(); result.append("\t")
            case "r": flushBytes(); result.append("\r")
            case "a": flushBytes(); result.append("\u{7}")
            case "b": flushBytes(); result.append("\u{8}")
            case "e", "E": flushBytes(); result.append("\u{1B}")
            case "f": flushBytes(); result.append("\u{C}")
            case "v": flushBytes(); result.append("\u{B}")
            case "\\", "'", "\"", "?": flushBytes(); result.append(escape)
            case "x":
                // \xHH is a byte: consecutive bytes make up UTF-8 sequences.
                if let value = hexDigits(2) { bytes.append(UInt8(value)) } else { flushBytes(); result.append(contentsOf: "\\x".unicodeScalars) }
            case "u", "U":
                flushBytes()
                if let value = hexDigits(escape == "u" ? 4 : 8), let decoded = Unicode.Scalar(value) { result.append(decoded) } else { result.append(contentsOf: "\\\(escape)".unicodeScalars) }
            case "0"..."7":
                var value = UInt32(escape.value - 48)
                var count = 1
                while count < 3, index < scalars.count, ("0"..."7").contains(scalars[index]) {
                    value = value * 8 + (scalars[index].value - 48)
                    index += 1
                    count += 1
                }
                bytes.append(UInt8(truncatingIfNeeded: value))
            default:
                flushBytes()
                result.append("\\")
                result.append(escape)
            }
        }
    }
}
