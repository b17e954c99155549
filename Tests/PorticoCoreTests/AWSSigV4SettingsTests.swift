import Foundation
@testable import PorticoCore
import Testing

/// AWS Signature Version 4 settings in the request file, when rendered, and through every import
/// and export: Postman, Insomnia, curl, HTTPie, `.http`, Markdown, and history's redaction.
@Suite("AWS SigV4 settings and interchange")
struct AWSSigV4SettingsTests {
    private let here = URL(fileURLWithPath: "/tmp")
    private let settings = AWSSigV4Settings(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "{{awsSecretAccessKey}}", sessionToken: "{{awsSessionToken}}",
                                            region: "eu-west-1", service: "execute-api")

    @Test func aRequestFileKeepsEverySetting() throws {
        let text = try RequestFileFormat.encode(RequestTemplate(name: "signed", url: "https://api.example/x", auth: .awsSigV4(settings)))
        #expect(text.contains("""
            auth:
              awsSigV4:
                accessKeyId: AKIDEXAMPLE
                secretAccessKey: '{{awsSecretAccessKey}}'
                sessionToken: '{{awsSessionToken}}'
                region: eu-west-1
                service: execute-api
            """), "\(text)")
        #expect(try RequestFileFormat.decode(text, defaultName: "signed").auth == .awsSigV4(settings))
        var withoutToken = settings
        withoutToken.sessionToken = ""
        let short = try RequestFileFormat.encode(RequestTemplate(name: "s", url: "https://api.example/x", auth: .awsSigV4(withoutToken)))
        #expect(!short.contains("sessionToken"))
        #expect(try RequestFileFormat.decode(short, defaultName: "s").auth == .awsSigV4(withoutToken))
    }

    @Test func aFileMissingARequiredKeyIsReported() {
        #expect(throws: FileProblem(line: 5, "auth.awsSigV4 has no 'service'")) {
            _ = try RequestFileFormat.decode("id: x\nurl: http://x/\nauth:\n  awsSigV4:\n    accessKeyId: A\n    secretAccessKey: S\n    region: r\n", defaultName: "x")
        }
    }

    @Test func renderingFillsTheTemplatesAndReportsWhatIsEmpty() throws {
        let scope = VariableScope(overrides: [Variable("awsSecretAccessKey", "s3cr3t", isSecret: true), Variable("awsSessionToken", "t0k", isSecret: true)])
        let renderer = RequestRenderer(scope: scope, baseDirectory: here)
        let request = try renderer.render(RequestTemplate(name: "r", url: "https://api.example/x", auth: .awsSigV4(settings)))
        #expect(request.awsSigV4 == AWSSigV4Credentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "s3cr3t", sessionToken: "t0k", region: "eu-west-1", service: "execute-api"))
        // Nothing of the signature exists before the send.
        #expect(!request.headers.contains(named: "Authorization"))

        var incomplete = settings
        incomplete.region = ""
        #expect(throws: PorticoError.input("AWS SigV4 region is empty")) {
            try renderer.render(RequestTemplate(name: "r", url: "https://api.example/x", auth: .awsSigV4(incomplete)))
        }
        // A written Authorization header wins: nothing is signed.
        let written = try renderer.render(RequestTemplate(name: "r", url: "https://api.example/x", headers: [KeyValueRow("Authorization", "Bearer x")], auth: .awsSigV4(settings)))
        #expect(written.awsSigV4 == nil)
    }

    @Test func postmanAWSSignatureIsImportedWithItsSecretsInTheStore() throws {
        let json = """
            {"info": {"name": "AWS", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
             "item": [{"name": "List buckets", "request": {"method": "GET", "url": "https://s3.amazonaws.com/",
               "auth": {"type": "awsv4", "awsv4": [
                 {"key": "accessKey", "value": "AKIDEXAMPLE", "type": "string"}, {"key": "secretKey", "value": "postman-secret", "type": "string"},
                 {"key": "region", "value": "us-east-1", "type": "string"}, {"key": "service", "value": "s3", "type": "string"},
                 {"key": "sessionToken", "value": "postman-token", "type": "string"}]}}}]}
            """
        let imported = try PostmanImport.parse(json)
        let auth = try #require(imported.collection.allRequests.first?.template.auth)
        #expect(auth == .awsSigV4(AWSSigV4Settings(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "{{awsSecretAccessKey}}", sessionToken: "{{awsSessionToken}}",
                                                   region: "us-east-1", service: "s3")))
        #expect(Set(imported.secrets.map(\.value)) == ["postman-secret", "postman-token"])
        #expect(!imported.warnings.contains { $0.message.contains("AWS") })
    }

    @Test func insomniaIAMIsImportedWithItsSecretsInTheStore() throws {
        let json = """
            {"_type": "export", "__export_format": 4, "resources": [
              {"_id": "wrk_1", "_type": "workspace", "name": "AWS"},
              {"_id": "req_1", "_type": "request", "parentId": "wrk_1", "name": "Invoke", "method": "POST",
               "url": "https://abc.execute-api.eu-west-1.amazonaws.com/prod", "body": {}, "headers": [], "parameters": [],
               "authentication": {"type": "iam", "accessKeyId": "AKIDEXAMPLE", "secretAccessKey": "insomnia-secret", "sessionToken": "",
                                  "region": "eu-west-1", "service": "execute-api"}}]}
            """
        let imported = try InsomniaImport.parse(json)
        let auth = try #require(imported.collection.allRequests.first?.template.auth)
        #expect(auth == .awsSigV4(AWSSigV4Settings(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "{{awsSecretAccessKey}}", region: "eu-west-1", service: "execute-api")))
        #expect(imported.secrets.map(\.value) == ["insomnia-secret"])
    }

    @Test func curlAWSSigV4BecomesTheAuthAndTheTokenHeaderItsSessionToken() throws {
        let curl = try CurlCommand.parse(
            "curl --aws-sigv4 'aws:amz:eu-west-1:execute-api' -u 'AKIDEXAMPLE:s3cr3t' -H 'X-Amz-Security-Token: t0k' -H 'X-Other: 1' https://api.example/x",
            baseDirectory: here)
        #expect(curl.warnings.isEmpty, "\(curl.warnings)")
        #expect(curl.template.auth == .awsSigV4(AWSSigV4Settings(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "s3cr3t", sessionToken: "t0k", region: "eu-west-1", service: "execute-api")))
        #expect(curl.template.headers == [KeyValueRow("X-Other", "1")])

        // Region and service left out are read from an AWS host name, as curl does.
        let fromHost = try CurlCommand.parse("curl --aws-sigv4 aws:amz -u A:S https://sqs.ap-south-1.amazonaws.com/", baseDirectory: here)
        #expect(fromHost.template.auth == .awsSigV4(AWSSigV4Settings(accessKeyID: "A", secretAccessKey: "S", region: "ap-south-1", service: "sqs")))
        let elsewhere = try CurlCommand.parse("curl --aws-sigv4 aws:amz -u A:S https://api.example/", baseDirectory: here)
        #expect(elsewhere.warnings.contains { $0.contains("no region or service") }, "\(elsewhere.warnings)")
        let otherProvider = try CurlCommand.parse("curl --aws-sigv4 osc -u A:S https://api.example/", baseDirectory: here)
        #expect(otherProvider.template.auth == Auth.none)
        #expect(otherProvider.warnings.contains { $0.contains("only the 'aws' provider") })
    }

    @Test func curlExportSignsWithCurlAndReadsBack() throws {
        let scope = VariableScope(overrides: [Variable("awsSecretAccessKey", "s3cr3t", isSecret: true), Variable("awsSessionToken", "t0k", isSecret: true)])
        let renderer = RequestRenderer(scope: scope, baseDirectory: here)
        let template = RequestTemplate(name: "r", url: "https://api.example/x", auth: .awsSigV4(settings))
        let curl = try CommandExport(template: template, renderer: renderer).command(for: .curl)
        #expect(curl.contains("--aws-sigv4 aws:amz:eu-west-1:execute-api -u AKIDEXAMPLE:s3cr3t -H 'X-Amz-Security-Token: t0k'"), "\(curl)")
        let back = try CurlCommand.parse(curl, baseDirectory: here)
        #expect(back.template.auth == .awsSigV4(AWSSigV4Settings(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "s3cr3t", sessionToken: "t0k", region: "eu-west-1", service: "execute-api")))

        let httpie = try CommandExport(template: template, renderer: renderer).command(for: .httpie)
        #expect(httpie.hasPrefix("# AWS Signature Version 4 (execute-api in eu-west-1): HTTPie cannot sign requests itself,\n"), "\(httpie)")
        #expect(!httpie.contains("s3cr3t"))
    }

    @Test func anHTTPFileWritesRESTClientsFormAndReadsItBack() throws {
        let template = RequestTemplate(name: "r", url: "https://api.example/x", auth: .awsSigV4(settings))
        let lines = try HTTPFileFormatting.lines(for: template)
        #expect(lines.contains("Authorization: AWS AKIDEXAMPLE {{awsSecretAccessKey}} token:{{awsSessionToken}} region:eu-west-1 service:execute-api"), "\(lines)")
        let document = try HTTPFileParser.parse(lines.joined(separator: "\n") + "\n")
        #expect(document.requests.first?.template.auth == .awsSigV4(settings))
        #expect(document.requests.first?.template.headers.isEmpty == true)
        // REST Client takes region and service from an AWS host when they are left out.
        let short = try HTTPFileParser.parse("GET https://dynamodb.us-west-2.amazonaws.com/\nAuthorization: AWS AKID SECRET\n")
        #expect(short.requests.first?.template.auth == .awsSigV4(AWSSigV4Settings(accessKeyID: "AKID", secretAccessKey: "SECRET", region: "us-west-2", service: "dynamodb")))
    }

    @Test func markdownNamesTheKindAndScopeWithoutCredentials() {
        let text = MarkdownExport.authKind(.awsSigV4(settings), inherited: nil)
        #expect(text == "AWS Signature Version 4 (service `execute-api`, region `eu-west-1`)")
    }

    @Test func historyRedactsASessionTokenHeader() {
        let (headers, names) = HistoryPrivacy().redact([HTTPField("X-Amz-Security-Token", "t0k"), HTTPField("X-Amz-Date", "20150830T123600Z")])
        #expect(headers == [HTTPField("X-Amz-Security-Token", HistoryRecord.redactedValue), HTTPField("X-Amz-Date", "20150830T123600Z")])
        #expect(names.contains("x-amz-security-token"))
    }
}
