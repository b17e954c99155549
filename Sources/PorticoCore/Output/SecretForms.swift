import Foundation

/// The forms a secret's value travels in, every one of which is hidden wherever Portico shows or
/// keeps text: the value as written; percent-encoded as Portico writes it in a query, a form body
/// or a URL, and with every byte but RFC 3986's unreserved ones encoded, as a server may write the
/// URL it echoes; and escaped
/// in a JSON string, as a server that echoes the request back writes it. JSON writers differ:
/// JavaScript escapes only quotes, backslashes and controls; Swift's JSONEncoder and PHP also write
/// `/` as `\/`; Python and PHP write every character beyond ASCII as `\u00e9`, some Java
/// libraries as `\u00E9`.
///
/// A value of ASCII letters, digits, `-`, `.` and `_` has one form; other values have more.
public enum SecretForms {
    /// `value`'s forms, `value` first, each once.
    public static func of(_ value: String) -> [String] {
        var forms = [value]
        func add(_ form: String) {
            if !forms.contains(form) { forms.append(form) }
        }
        add(RequestURL.encodeQueryComponent(value))
        add(FormURLEncoding.encode(value))
        add(RequestURL.encodeInvalidCharacters(value))
        add(value.addingPercentEncoding(withAllowedCharacters: unreserved) ?? value)
        for slash in [false, true] {
            add(jsonEscaped(value, escapingSlash: slash, beyondASCII: nil))
            add(jsonEscaped(value, escapingSlash: slash, beyondASCII: .lowercase))
            add(jsonEscaped(value, escapingSlash: slash, beyondASCII: .uppercase))
        }
        return forms
    }

    /// RFC 3986 §2.3.
    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    enum HexCase {
        case lowercase, uppercase
    }

    /// `value` as it reads between a JSON string's quotes. `beyondASCII` nil keeps characters beyond
    /// ASCII as they are; otherwise each is written `\uXXXX` (two, a surrogate pair, past U+FFFF).
    static func jsonEscaped(_ value: String, escapingSlash: Bool, beyondASCII: HexCase?) -> String {
        var escaped = ""
        func unicodeEscape(_ unit: UInt16, _ hexCase: HexCase) {
            let hex = String(unit, radix: 16, uppercase: hexCase == .uppercase)
            escaped += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        }
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            case "/" where escapingSlash: escaped += "\\/"
            case "\n": escaped += "\\n"
            case "\r": escaped += "\\r"
            case "\t": escaped += "\\t"
            case "\u{08}": escaped += "\\b"
            case "\u{0C}": escaped += "\\f"
            default:
                if scalar.value < 0x20 {
                    unicodeEscape(UInt16(scalar.value), beyondASCII ?? .lowercase)
                } else if scalar.value > 0x7E, let hexCase = beyondASCII {
                    for unit in String(scalar).utf16 { unicodeEscape(unit, hexCase) }
                } else {
                    escaped.unicodeScalars.append(scalar)
                }
            }
        }
        return escaped
    }
}
