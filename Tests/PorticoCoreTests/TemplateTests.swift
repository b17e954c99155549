import Foundation
import PorticoCore
import Testing

/// Dynamic values that never change, so rendered output can be compared exactly.
private struct FixedDynamicValues: DynamicValueSource {
    var fixedUUID = "6f1c2a3b-0000-4000-8000-00000000abcd"
    var fixedNow = Date(timeIntervalSince1970: 1_700_000_000.75)
    var environment: [String: String] = ["PORTICO_TEST_HOST": "example.test"]

    func uuid() -> String { fixedUUID }
    func now() -> Date { fixedNow }
    /// The highest value of the range, so the test can see which range was asked for.
    func randomInt(in range: ClosedRange<Int>) -> Int { range.upperBound }
    func processEnvironment(_ name: String) -> String? { environment[name] }
}

private func scope(_ collection: [Variable] = [], environment: [Variable]? = nil, overrides: [Variable] = []) -> VariableScope {
    VariableScope(
        overrides: overrides,
        environment: environment.map { Environment(name: "test", variables: $0) },
        collection: collection,
        dynamicValues: FixedDynamicValues())
}

private func renderError(_ scope: VariableScope, _ text: String) -> PorticoError? {
    #expect(throws: PorticoError.self) { try scope.render(text) }
}

@Suite("Template parsing")
struct TemplateParsingTests {
    @Test func splitsTextIntoLiteralsVariablesAndDynamicValues() throws {
        let template = try Template(parsing: "GET {{base}}/users/{{ id }}?r={{$randomInt 1 6}}")
        #expect(template.segments == [
            .literal("GET "), .variable("base"), .literal("/users/"), .variable("id"),
            .literal("?r="), .dynamic(name: "randomInt", arguments: ["1", "6"]),
        ])
    }

    @Test func textWithoutPlaceholdersIsOneLiteral() throws {
        #expect(try Template(parsing: "plain text").segments == [.literal("plain text")])
        #expect(try Template(parsing: "").segments == [])
    }

    @Test func whitespaceInsideBracesIsIgnored() throws {
        #expect(try Template(parsing: "{{ name }}").segments == [.variable("name")])
        #expect(try Template(parsing: "{{\tname\t}}").segments == [.variable("name")])
        #expect(try Template(parsing: "{{  $uuid  }}").segments == [.dynamic(name: "uuid", arguments: [])])
    }

    @Test(arguments: ["user.id", "api-key", "_x9", "名前", "A1"])
    func acceptsVariableNamesWithLettersDigitsAndPunctuation(name: String) throws {
        #expect(try Template(parsing: "{{\(name)}}").segments == [.variable(name)])
    }

    @Test(arguments: ["{{}}", "{{a b}}", "{{a/b}}", "{{a:b}}", "{{\"a\"}}"])
    func rejectsInvalidVariableNames(text: String) {
        let error = #expect(throws: PorticoError.self) { try Template(parsing: text) }
        #expect(error?.kind == .template)
        #expect(error?.message.contains("is not a variable name") == true)
    }

    @Test func rejectsADollarWithoutAName() {
        let error = #expect(throws: PorticoError.self) { try Template(parsing: "{{$}}") }
        #expect(error?.kind == .template)
        #expect(error?.message.contains("is not a dynamic value") == true)
    }

    @Test func unclosedBracesReportTheColumn() {
        let error = #expect(throws: PorticoError.self) { try Template(parsing: "abc {{name") }
        #expect(error?.kind == .template)
        #expect(error?.message.contains("unclosed '{{' at column 5") == true)
    }

    @Test func unclosedColumnCountsCharactersNotBytes() {
        let error = #expect(throws: PorticoError.self) { try Template(parsing: "é€ {{x") }
        #expect(error?.message.contains("column 4") == true)
    }

    @Test func unclosedColumnIsFoundAfterAnEscapedOpening() {
        let error = #expect(throws: PorticoError.self) { try Template(parsing: "\\{{ ok {{bad") }
        #expect(error?.message.contains("column 8") == true)
    }
}

@Suite("Rendering text")
struct TemplateRenderingTests {
    @Test func replacesPlainVariables() throws {
        let s = scope([Variable("host", "example.com"), Variable("id", "42")])
        #expect(try s.render("https://{{host}}/users/{{id}}") == "https://example.com/users/42")
        #expect(try s.render("{{ host }}") == "example.com")
    }

    @Test func backslashBeforeBracesIsALiteral() throws {
        let s = scope([Variable("x", "X")])
        #expect(try s.render("\\{{x}}") == "{{x}}")
        #expect(try s.render("a \\{{ b }} {{x}}") == "a {{ b }} X")
        #expect(try s.render("\\{{") == "{{")
    }

    @Test func dollarsClosingBracesAndBackslashesNeedNoEscaping() throws {
        let json = #"{"price": "$5", "re": "^\\d+$", "nested": {"a": {"b": 1}}, "t": "{{x}}"}"#
        let s = scope([Variable("x", "X")])
        #expect(try s.render(json) == #"{"price": "$5", "re": "^\\d+$", "nested": {"a": {"b": 1}}, "t": "X"}"#)
        #expect(try s.render("}} $ $$ \\ }}}") == "}} $ $$ \\ }}}")
    }

    @Test func undefinedVariableIsATemplateErrorNamingIt() {
        let error = renderError(scope([Variable("a", "1")]), "x {{missing}} y")
        #expect(error?.kind == .template)
        #expect(error?.message == "undefined variable 'missing'")
    }

    @Test func overridesBeatEnvironmentWhichBeatsCollection() throws {
        let collection = [Variable("a", "collection-a"), Variable("b", "collection-b"), Variable("c", "collection-c")]
        let environment = [Variable("a", "environment-a"), Variable("b", "environment-b")]
        let overrides = [Variable("a", "override-a")]
        let s = scope(collection, environment: environment, overrides: overrides)
        #expect(try s.render("{{a}} {{b}} {{c}}") == "override-a environment-b collection-c")
    }

    @Test func makeBuildsTheScopeFromACollectionAndANamedEnvironment() throws {
        let collection = Collection(
            name: "Shop",
            variables: [Variable("base", "https://prod.example"), Variable("version", "1")],
            environments: [
                Environment(name: "local", variables: [Variable("base", "http://localhost:8080")]),
                Environment(name: "staging", variables: [Variable("base", "https://staging.example"), Variable("version", "2")]),
            ])
        let staging = try VariableScope.make(collection: collection, environmentName: "staging", overrides: [Variable("version", "3")], dynamicValues: FixedDynamicValues())
        #expect(try staging.render("{{base}}/v{{version}}") == "https://staging.example/v3")

        let local = try VariableScope.make(collection: collection, environmentName: "local", overrides: [], dynamicValues: FixedDynamicValues())
        #expect(try local.render("{{base}}/v{{version}}") == "http://localhost:8080/v1")

        let none = try VariableScope.make(collection: collection, environmentName: nil, overrides: [], dynamicValues: FixedDynamicValues())
        #expect(try none.render("{{base}}") == "https://prod.example")
    }

    @Test func makeRejectsAnUnknownEnvironmentListingTheKnownOnes() {
        let collection = Collection(name: "Shop", environments: [Environment(name: "local"), Environment(name: "staging")])
        let error = #expect(throws: PorticoError.self) {
            try VariableScope.make(collection: collection, environmentName: "prod", overrides: [])
        }
        #expect(error?.kind == .input)
        #expect(error?.message.contains("prod") == true)
        #expect(error?.message.contains("local, staging") == true)
    }

    @Test func makeRejectsAnEnvironmentWithoutACollection() {
        let error = #expect(throws: PorticoError.self) {
            try VariableScope.make(collection: nil, environmentName: "local", overrides: [])
        }
        #expect(error?.kind == .input)
    }

    @Test func collectionValuesMayUseOtherVariables() throws {
        let collection = [
            Variable("scheme", "https"),
            Variable("host", "{{sub}}.example.com"),
            Variable("base", "{{scheme}}://{{host}}"),
            Variable("sub", "api"),
        ]
        #expect(try scope(collection).render("{{base}}/x") == "https://api.example.com/x")
    }

    @Test func nestedValuesSeeHigherLayers() throws {
        let s = scope([Variable("base", "http://{{host}}"), Variable("host", "prod")], environment: [Variable("host", "staging")])
        #expect(try s.render("{{base}}") == "http://staging")
    }

    @Test func environmentValuesMayUseVariables() throws {
        let s = scope([Variable("port", "8080")], environment: [Variable("base", "http://localhost:{{port}}")])
        #expect(try s.render("{{base}}") == "http://localhost:8080")
    }

    @Test func cyclesAreReportedWithTheirPath() {
        let error = renderError(scope([Variable("a", "{{b}}"), Variable("b", "x{{a}}")]), "{{a}}")
        #expect(error?.kind == .template)
        #expect(error?.message == "variable cycle: a -> b -> a")
    }

    @Test func aVariableReferringToItselfIsACycle() {
        let error = renderError(scope([Variable("a", "{{a}}")]), "{{a}}")
        #expect(error?.message == "variable cycle: a -> a")
    }

    @Test func usingAVariableTwiceIsNotACycle() throws {
        let s = scope([Variable("a", "{{b}}-{{b}}"), Variable("b", "x")])
        #expect(try s.render("{{a}}{{a}}") == "x-xx-x")
    }

    @Test func secretsAreTakenLiterally() throws {
        let s = scope([Variable("password", "p{{a}}$\\{{", isSecret: true), Variable("a", "A")])
        #expect(try s.render("{{password}}") == "p{{a}}$\\{{")
    }

    @Test func overridesAreTakenLiterally() throws {
        let s = scope([Variable("a", "A")], overrides: [Variable("v", "{{a}} {{unclosed")])
        #expect(try s.render("[{{v}}]") == "[{{a}} {{unclosed]")
    }

    @Test func aSecretWithoutAValueSaysHowToSetIt() {
        let error = renderError(scope([Variable("token", nil, isSecret: true)]), "Bearer {{token}}")
        #expect(error?.kind == .template)
        #expect(error?.message.contains("secret 'token'") == true)
        #expect(error?.message.contains("portico secret set token") == true)
    }

    @Test func anOverrideGivesASecretItsValue() throws {
        let s = scope([Variable("token", nil, isSecret: true)], overrides: [Variable("token", "t0k")])
        #expect(try s.render("{{token}}") == "t0k")
    }

    @Test func errorsInsideNestedValuesAreReported() {
        let error = renderError(scope([Variable("base", "http://{{nohost}}")]), "{{base}}")
        #expect(error?.message == "undefined variable 'nohost'")
    }
}

@Suite("Dynamic values")
struct DynamicValueTests {
    let s = scope()

    @Test func uuidComesFromTheSource() throws {
        #expect(try s.render("{{$uuid}}") == "6f1c2a3b-0000-4000-8000-00000000abcd")
    }

    @Test func timestampIsWholeUnixSeconds() throws {
        #expect(try s.render("{{$timestamp}}") == "1700000000")
    }

    @Test func isoTimestampIsUTCWithMilliseconds() throws {
        #expect(try s.render("{{$isoTimestamp}}") == "2023-11-14T22:13:20.750Z")
    }

    @Test func randomIntAsksForTheGivenRange() throws {
        #expect(try s.render("{{$randomInt 1 6}}") == "6")
        #expect(try s.render("{{ $randomInt -3 -3 }}") == "-3")
    }

    @Test func randomIntWithoutArgumentsIsJetBrainsZeroToAThousand() throws {
        #expect(try s.render("{{$randomInt}}") == "1000")
    }

    @Test(arguments: ["{{$randomInt 1}}", "{{$randomInt 1 2 3}}", "{{$randomInt a b}}", "{{$randomInt 6 1}}", "{{$randomInt 1.5 2}}"])
    func randomIntRejectsWrongArguments(text: String) {
        let error = renderError(s, text)
        #expect(error?.kind == .template)
        #expect(error?.message.contains("randomInt") == true)
    }

    @Test func liveRandomIntStaysInRange() throws {
        let live = VariableScope()
        var seen = Set<String>()
        for _ in 0..<300 { seen.insert(try live.render("{{$randomInt 1 6}}")) }
        #expect(seen.isSubset(of: ["1", "2", "3", "4", "5", "6"]))
        #expect(seen.count > 1)
    }

    @Test func liveUUIDsDiffer() throws {
        let live = VariableScope()
        let first = try live.render("{{$uuid}}")
        let second = try live.render("{{$uuid}}")
        #expect(first != second)
        #expect(UUID(uuidString: first) != nil)
    }

    @Test func envReadsTheProcessEnvironmentThroughTheSource() throws {
        #expect(try s.render("https://{{$env PORTICO_TEST_HOST}}/") == "https://example.test/")
    }

    @Test func envOfAnUnsetVariableIsAnError() {
        let error = renderError(s, "{{$env PORTICO_NOT_SET}}")
        #expect(error?.kind == .template)
        #expect(error?.message.contains("PORTICO_NOT_SET") == true)
        #expect(error?.message.contains("not set") == true)
    }

    @Test func envNeedsExactlyOneName() {
        #expect(renderError(s, "{{$env}}")?.kind == .template)
        #expect(renderError(s, "{{$env A B}}")?.kind == .template)
    }

    @Test func argumentsOnValuesThatTakeNoneAreErrors() {
        #expect(renderError(s, "{{$uuid 4}}")?.message.contains("no arguments") == true)
        #expect(renderError(s, "{{$timestamp now}}")?.kind == .template)
    }

    @Test func unknownDynamicValuesListTheKnownOnes() {
        let error = renderError(s, "{{$foo}}")
        #expect(error?.kind == .template)
        #expect(error?.message.contains("{{$foo}}") == true)
        #expect(error?.message.contains("$uuid") == true)
    }

    @Test func processEnvironmentIsNotReachedAsAPlainVariable() {
        #expect(renderError(s, "{{PORTICO_TEST_HOST}}")?.message == "undefined variable 'PORTICO_TEST_HOST'")
    }
}

@Suite("Command-line variables and secrets")
struct VariableOverrideTests {
    @Test func overrideSplitsAtTheFirstEquals() throws {
        let variable = try VariableScope.override("a=b=c")
        #expect(variable.name == "a")
        #expect(variable.value == "b=c")
        #expect(variable.isSecret == false)
    }

    @Test func overrideMayHaveAnEmptyValue() throws {
        #expect(try VariableScope.override("a=").value == "")
    }

    @Test(arguments: ["novalue", "=x", "a b=c", "{{a}}=1"])
    func overrideRejectsMalformedAssignments(text: String) {
        let error = #expect(throws: PorticoError.self) { try VariableScope.override(text) }
        #expect(error?.kind == .input)
    }

    @Test func secretValuesListsValuesOfSecretVariablesOnly() {
        let s = scope([
            Variable("token", "t0k3n", isSecret: true),
            Variable("password", "hunter2", isSecret: true),
            Variable("unset", nil, isSecret: true),
            Variable("empty", "", isSecret: true),
            Variable("host", "example.com"),
        ])
        #expect(Set(s.secretValues) == ["t0k3n", "hunter2"])
    }

    @Test func secretValuesUseTheValueThatWins() {
        let s = scope([Variable("token", nil, isSecret: true)], environment: [Variable("pw", "env-pw", isSecret: true)], overrides: [Variable("token", "from-cli")])
        #expect(Set(s.secretValues) == ["from-cli", "env-pw"])
    }
}
