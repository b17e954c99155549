import Foundation

/// RFC 6901 JSON Pointers, as schema and instance locations and in `$ref` fragments.
enum JSONPointer {
    /// `location` extended by one reference token, escaped (`~` as `~0`, `/` as `~1`).
    static func appending(_ token: String, to location: String) -> String {
        location + "/" + token.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }

    static func appending(_ index: Int, to location: String) -> String {
        location + "/" + String(index)
    }

    /// The unescaped reference tokens of `pointer`, or nil when it is not a pointer ("" is the root;
    /// anything else starts with "/", and `~` is only followed by 0 or 1).
    static func tokens(of pointer: String) -> [String]? {
        if pointer.isEmpty { return [] }
        guard pointer.hasPrefix("/") else { return nil }
        var tokens: [String] = []
        for raw in pointer.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            var token = ""
            var escaping = false
            for character in raw {
                if escaping {
                    switch character {
                    case "0": token.append("~")
                    case "1": token.append("/")
                    default: return nil
                    }
                    escaping = false
                } else if character == "~" {
                    escaping = true
                } else {
                    token.append(character)
                }
            }
            if escaping { return nil }
            tokens.append(token)
        }
        return tokens
    }

    /// The value `tokens` lead to from `root`, walking arrays by decimal index (no leading zeros).
    static func value(in root: JSONValue, at tokens: [String]) -> JSONValue? {
        var current = root
        for token in tokens {
            switch current {
            case .object:
                guard let member = current[token] else { return nil }
                current = member
            case .array(let elements):
                guard token == "0" || (!token.hasPrefix("0") && token.allSatisfy({ ("0"..."9").contains($0) })),
                      let index = Int(token), index >= 0, index < elements.count else { return nil }
                current = elements[index]
            default:
                return nil
            }
        }
        return current
    }
}
