/// Reads the part of the GraphQL query language the demo schema needs: operations (named or
/// shorthand) with variable definitions, fields with aliases, arguments and selection sets.
/// Enough to show queries and their errors; fragments and directives are refused by name.
struct GraphQLQueryParser {
    struct Location: Sendable { var line: Int; var column: Int }

    struct SyntaxError: Error {
        var message: String
        var location: Location
    }

    indirect enum Value: Sendable {
        case variable(String)
        case int(Int)
        case string(String)
        case boolean(Bool)
        case null
        case enumValue(String)
    }

    struct Field: Sendable {
        var alias: String?
        var name: String
        var arguments: [(name: String, value: Value)]
        var selections: [Field]?
        var location: Location

        var responseKey: String { alias ?? name }
    }

    struct Operation: Sendable {
        var kind: String
        var name: String?
        var variables: [String]
        var selections: [Field]
    }

    private let characters: [Character]
    private var position = 0

    static func parse(_ text: String) throws(SyntaxError) -> [Operation] {
        var parser = GraphQLQueryParser(characters: Array(text))
        var operations: [Operation] = []
        parser.skipIgnored()
        while !parser.atEnd {
            operations.append(try parser.operation())
            parser.skipIgnored()
        }
        guard !operations.isEmpty else { throw SyntaxError(message: "Syntax Error: Unexpected <EOF>.", location: parser.location) }
        return operations
    }

    private init(characters: [Character]) { self.characters = characters }

    private var atEnd: Bool { position >= characters.count }
    private var current: Character? { atEnd ? nil : characters[position] }

    private var location: Location {
        var line = 1
        var column = 1
        for character in characters[..<min(position, characters.count)] {
            if character == "\n" { line += 1; column = 1 } else { column += 1 }
        }
        return Location(line: line, column: column)
    }

    /// White space, commas and comments mean nothing in GraphQL.
    private mutating func skipIgnored() {
        while let character = current {
            if character.isWhitespace || character == "," || character == "\u{FEFF}" {
                position += 1
            } else if character == "#" {
                while let next = current, next != "\n" { _ = next; position += 1 }
            } else {
                return
            }
        }
    }

    private func unexpected() -> SyntaxError {
        SyntaxError(message: current.map { "Syntax Error: Unexpected \"\($0)\"." } ?? "Syntax Error: Unexpected <EOF>.", location: location)
    }

    private mutating func expect(_ character: Character) throws(SyntaxError) {
        skipIgnored()
        guard current == character else {
            throw SyntaxError(message: "Syntax Error: Expected \"\(character)\", found \(current.map { "\"\($0)\"" } ?? "<EOF>").", location: location)
        }
        position += 1
    }

    private mutating func name() throws(SyntaxError) -> String {
        skipIgnored()
        guard let first = current, first == "_" || (first.isASCII && first.isLetter) else { throw unexpected() }
        var name = ""
        while let character = current, character == "_" || (character.isASCII && (character.isLetter || character.isNumber)) {
            name.append(character)
            position += 1
        }
        return name
    }

    private mutating func peek(_ character: Character) -> Bool {
        skipIgnored()
        return current == character
    }

    private mutating func operation() throws(SyntaxError) -> Operation {
        if peek("{") { return Operation(kind: "query", name: nil, variables: [], selections: try selectionSet()) }
        let start = location
        let kind = try name()
        guard ["query", "mutation", "subscription"].contains(kind) else {
            throw SyntaxError(message: kind == "fragment" ? "fragments are not supported by the demo server" : "Syntax Error: Unexpected Name \"\(kind)\".", location: start)
        }
        var operationName: String?
        if !peek("(") && !peek("{") { operationName = try name() }
        var variables: [String] = []
        if peek("(") {
            position += 1
            while !peek(")") {
                try expect("$")
                variables.append(try name())
                try expect(":")
                try skipType()
                if peek("=") {
                    position += 1
                    _ = try value()
                }
            }
            position += 1
        }
        return Operation(kind: kind, name: operationName, variables: variables, selections: try selectionSet())
    }

    /// Variable types are not checked by the demo: `Int!`, `[String]`.
    private mutating func skipType() throws(SyntaxError) {
        if peek("[") {
            position += 1
            try skipType()
            try expect("]")
        } else {
            _ = try name()
        }
        if peek("!") { position += 1 }
    }

    private mutating func selectionSet() throws(SyntaxError) -> [Field] {
        try expect("{")
        var fields: [Field] = []
        while !peek("}") {
            guard !atEnd else { throw unexpected() }
            if current == "." || current == "@" {
                throw SyntaxError(message: "fragments and directives are not supported by the demo server", location: location)
            }
            fields.append(try field())
        }
        position += 1
        guard !fields.isEmpty else { throw SyntaxError(message: "Syntax Error: Expected Name, found \"}\".", location: location) }
        return fields
    }

    private mutating func field() throws(SyntaxError) -> Field {
        skipIgnored()
        let start = location
        var alias: String?
        var fieldName = try name()
        if peek(":") {
            position += 1
            alias = fieldName
            fieldName = try name()
        }
        var arguments: [(name: String, value: Value)] = []
        if peek("(") {
            position += 1
            while !peek(")") {
                let argument = try name()
                try expect(":")
                arguments.append((argument, try value()))
            }
            position += 1
        }
        let selections = peek("{") ? try selectionSet() : nil
        return Field(alias: alias, name: fieldName, arguments: arguments, selections: selections, location: start)
    }

    private mutating func value() throws(SyntaxError) -> Value {
        skipIgnored()
        guard let character = current else { throw unexpected() }
        if character == "$" {
            position += 1
            return .variable(try name())
        }
        if character == "\"" {
            position += 1
            var text = ""
            while let next = current, next != "\"" {
                guard next != "\n" else { throw SyntaxError(message: "Syntax Error: Unterminated string.", location: location) }
                if next == "\\" {
                    position += 1
                    guard let escaped = current else { break }
                    switch escaped {
                    case "n": text.append("\n")
                    case "t": text.append("\t")
                    default: text.append(escaped)
                    }
                } else {
                    text.append(next)
                }
                position += 1
            }
            guard current == "\"" else { throw SyntaxError(message: "Syntax Error: Unterminated string.", location: location) }
            position += 1
            return .string(text)
        }
        if character == "-" || character.isNumber {
            let start = location
            var digits = String(character)
            position += 1
            while let next = current, next.isNumber { digits.append(next); position += 1 }
            guard let number = Int(digits) else { throw SyntaxError(message: "Syntax Error: Invalid number \"\(digits)\".", location: start) }
            return .int(number)
        }
        let word = try name()
        switch word {
        case "true": return .boolean(true)
        case "false": return .boolean(false)
        case "null": return .null
        default: return .enumValue(word)
        }
    }
}
