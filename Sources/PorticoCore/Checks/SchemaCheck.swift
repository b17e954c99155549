import Foundation

/// `- schema: FILE` and `- schema: {…}`: the body, read as JSON, satisfies a JSON Schema.
enum SchemaCheck {
    static func evaluate(_ check: ResponseCheck, source: ResponseCheck.SchemaSource, response: CheckedResponse) -> CheckResult {
        func failed(_ actual: String, _ reason: String) -> CheckResult {
            CheckResult(check: check, passed: check.isNegated, actual: actual, failure: reason)
        }
        let document: JSONValue
        switch source {
        case .inline(let schema):
            document = schema
        case .file(let path):
            let url = (path.hasPrefix("/") ? URL(fileURLWithPath: path) : response.baseDirectory.appendingPathComponent(path)).standardizedFileURL
            guard let data = FileManager.default.contents(atPath: url.path) else {
                return CheckResult(check: check, passed: false, actual: "no schema", failure: "cannot read the schema file \(url.path)")
            }
            do { document = try JSONValue.parse(data) } catch {
                return CheckResult(check: check, passed: false, actual: "no schema", failure: "the schema file \(url.path) is not JSON (\(error))")
            }
        }
        let schema: JSONSchema
        do { schema = try JSONSchema(document) } catch {
            return CheckResult(check: check, passed: false, actual: "no schema", failure: "the schema is not valid: \(error)")
        }
        let instance: JSONValue
        do { instance = try response.json() } catch {
            return CheckResult(check: check, passed: false, actual: "unreadable", failure: "the body is not JSON (\(error))")
        }
        let violations = schema.validate(instance)
        guard !violations.isEmpty else { return CheckResult(check: check, passed: !check.isNegated, actual: "valid", failure: "expected the body not to satisfy the schema") }
        let shown = violations.prefix(3).map { "\($0.instancePath.isEmpty ? "the body" : $0.instancePath) \($0.message)" }
        let more = violations.count > 3 ? " (and \(violations.count - 3) more)" : ""
        return failed("\(violations.count) violation\(violations.count == 1 ? "" : "s")", shown.joined(separator: "; ") + more)
    }
}
