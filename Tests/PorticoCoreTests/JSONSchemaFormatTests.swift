import PorticoCore
import Testing

/// `format` asserts only when the schema is compiled with `assertFormats: true`.
struct JSONSchemaFormatTests {
    struct FormatCase: CustomTestStringConvertible, Sendable {
        let format: String
        let valid: [String]
        let invalid: [String]
        var testDescription: String { format }
    }

    static let cases: [FormatCase] = [
        FormatCase(format: "date-time",
                   valid: ["1985-04-12T23:20:50.52Z", "1996-12-19T16:39:57-08:00", "1990-12-31T23:59:60Z", "2024-02-29t10:00:00z", "2020-01-01T00:00:00+05:30"],
                   invalid: ["1985-04-12", "1985-04-12T23:20:50", "1985-04-12 23:20:50Z", "2023-02-29T10:00:00Z", "1985-04-12T24:00:00Z",
                             "1985-04-12T23:60:00Z", "1985-04-12T23:20:50.Z", "1985-04-12T23:20:50+0100", "1985-04-12T23:20:50Z ", "1985-4-12T23:20:50Z"]),
        FormatCase(format: "date", valid: ["2024-02-29", "1999-12-31", "2000-02-29"],
                   invalid: ["2023-02-29", "1900-02-29", "2024-13-01", "2024-04-31", "2024-00-10", "2024-1-01", "20240101", "2024-01-01T00:00:00Z"]),
        FormatCase(format: "email", valid: ["joe@example.com", "first.last+tag@sub.example.org", "\"joe bloggs\"@example.com", "a@[127.0.0.1]", "a@[IPv6:::1]"],
                   invalid: ["joe", "@example.com", "joe@", "jo..e@example.com", ".joe@example.com", "joe@-example.com", "joe@exa mple.com"]),
        FormatCase(format: "uuid", valid: ["2eb8aa08-aa98-11ea-b4aa-73b441d16380", "2EB8AA08-AA98-11EA-B4AA-73B441D16380", "00000000-0000-0000-0000-000000000000"],
                   invalid: ["2eb8aa08aa9811eab4aa73b441d16380", "2eb8aa08-aa98-11ea-b4aa-73b441d1638", "2eb8aa08-aa98-11ea-b4aa-73b441d1638g", "{2eb8aa08-aa98-11ea-b4aa-73b441d16380}"]),
        FormatCase(format: "ipv4", valid: ["192.168.0.1", "0.0.0.0", "255.255.255.255"],
                   invalid: ["256.0.0.1", "1.2.3", "1.2.3.4.5", "01.2.3.4", "1.2.3.a", "1..2.3", "١.2.3.4"]),
        FormatCase(format: "ipv6", valid: ["::1", "::", "2001:db8::8a2e:370:7334", "2001:0db8:0000:0000:0000:ff00:0042:8329", "::ffff:192.168.0.1", "fe80::"],
                   invalid: ["12345::", ":::", "1:2:3:4:5:6:7:8:9", "2001:db8::1::2", "1:2:3:4:5:6:7", "::ffff:999.1.1.1", "fe80::1%eth0", "g::1"]),
        FormatCase(format: "uri", valid: ["https://example.com/a?b=c#d", "urn:isbn:0451450523", "mailto:joe@example.com", "http://[::1]:80/", "file:///tmp/x%20y"],
                   invalid: ["/relative/path", "example.com", "http://exa mple.com", "https://example.com/%zz", "1http://x", "http://example.com/ü"]),
    ]

    @Test(arguments: cases)
    func assertedFormats(_ formatCase: FormatCase) throws {
        let schema = try JSONSchema(JSONValue.string(formatCase.format).objectWithFormat, assertFormats: true)
        for text in formatCase.valid {
            #expect(schema.validate(.string(text)).isEmpty, "\(text) should be a valid \(formatCase.format)")
        }
        for text in formatCase.invalid {
            #expect(schema.validate(.string(text)) == [JSONSchemaViolation(instancePath: "", schemaPath: "/format",
                                                                         message: "must be a valid \(formatCase.format), is \(JSONValue.string(text).serialized())")],
                    "\(text) should not be a valid \(formatCase.format)")
        }
    }

    @Test(arguments: cases)
    func formatsAreAnnotationsByDefault(_ formatCase: FormatCase) throws {
        let schema = try JSONSchema(JSONValue.string(formatCase.format).objectWithFormat)
        for text in formatCase.invalid {
            #expect(schema.validate(.string(text)).isEmpty)
        }
    }

    @Test func formatsOnlyApplyToStringsAndUnknownFormatsPass() throws {
        #expect(try schemaViolations(##"{"format": "ipv4"}"##, "12", assertFormats: true).isEmpty)
        #expect(try schemaViolations(##"{"format": "hostname"}"##, ##""not a host!""##, assertFormats: true).isEmpty)
    }
}

private extension JSONValue {
    /// `{"format": self}`.
    var objectWithFormat: JSONValue { .object([Member(name: "format", value: self)]) }
}
