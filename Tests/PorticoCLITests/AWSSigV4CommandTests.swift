import Foundation
import PorticoDemoServer
import Testing

/// AWS Signature Version 4 from the command line: `portico send` signs, the demo server's verifier
/// checks, curl's own `--aws-sigv4` is read in and written out, and the secrets stay off the disk.
@Suite("AWS SigV4 commands")
struct AWSSigV4CommandTests {
    static let secretKey = "portico/demo+secret-key"
    static let sessionToken = "portico-demo-session-token"

    /// Every file below `folder`, read as text.
    private func texts(below folder: URL) -> [(path: String, text: String)] {
        let files = (FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)?.allObjects as? [URL] ?? [])
        return files.compactMap { url in
            guard let data = try? Data(contentsOf: url) else { return nil }
            return (url.path, String(decoding: data, as: UTF8.self))
        }
    }

    /// A secret as plain text or JSON-escaped (`\/`) would show it.
    private func holds(_ text: String, _ secret: String) -> Bool {
        text.contains(secret) || text.contains(secret.replacingOccurrences(of: "/", with: "\\/"))
    }

    @Test("send signs the demo request and the demo server lets it in")
    func sendSignsTheDemoRequest() async throws {
        let sandbox = try Sandbox()
        let demo = try await sandbox.initDemoCollection()
        let sent = try await sandbox.run(["send", demo.appendingPathComponent("auth/aws-sigv4.yaml").path, "-e", "demo"])
        #expect(sent.exitCode == 0, "\(sent)")
        let body = try #require(parseJSONObject(sent.stdout), "\(sent)")
        #expect(body["authenticated"] as? Bool == true, "\(sent)")
        #expect(body["signedHeaders"] as? [String] == ["content-type", "host", "x-amz-date", "x-client"], "\(sent)")
        for (path, text) in texts(below: sandbox.dataHome) + texts(below: demo) {
            #expect(!holds(text, Self.secretKey), "the secret key is in \(path)")
        }
    }

    @Test("curl --aws-sigv4 is imported with its secrets in the store, sent signed, and exported for curl to sign again")
    func curlRoundTrip() async throws {
        let sandbox = try Sandbox()
        let demo = try await sandbox.initDemoCollection()
        // curl before 8 signs the query as written, not sorted and re-encoded as AWS wants: the
        // query here is already in canonical form, so that curl's signature is a correct one.
        let url = try await DemoAPI.url("/aws/echo/orders?limit=10&q=ab")
        let command = """
            curl -s -X POST '\(url)' --aws-sigv4 'aws:amz:us-east-1:execute-api' -u 'AKIDPORTICODEMO:\(Self.secretKey)' \
            -H 'X-Amz-Security-Token: \(Self.sessionToken)' -H 'Content-Type: application/json' --data-raw '{"a":1}'
            """
        // curl's own signer and the demo server's verifier agree: neither is Portico's code.
        let byCurl = try #require(parseJSONObject(try await CurlInterchangeTests.runCurl(command, in: sandbox.work)))
        #expect(byCurl["authenticated"] as? Bool == true, "\(byCurl)")

        let imported = try await sandbox.run(["import", "curl", "-", "--into", demo.path, "--name", "Signed order"], stdin: Data(command.utf8))
        #expect(imported.exitCode == 0, "\(imported)")
        let file = demo.appendingPathComponent("signed-order.yaml")
        let yaml = try String(contentsOf: file, encoding: .utf8)
        #expect(yaml.contains("awsSigV4:") && yaml.contains("region: us-east-1") && yaml.contains("service: execute-api"), "\(yaml)")
        #expect(!holds(yaml, Self.secretKey) && !yaml.contains(Self.sessionToken), "\(yaml)")

        let sent = try await sandbox.run(["send", file.path])
        #expect(sent.exitCode == 0, "\(sent)")
        let answer = try #require(parseJSONObject(sent.stdout), "\(sent)")
        #expect(answer["authenticated"] as? Bool == true, "\(sent)")
        #expect((answer["signedHeaders"] as? [String])?.contains("x-amz-security-token") == true, "\(sent)")

        let exported = try await sandbox.run(["export", "curl", file.path, "--show-secrets"])
        #expect(exported.exitCode == 0, "\(exported)")
        #expect(exported.stdoutText.contains("--aws-sigv4 aws:amz:us-east-1:execute-api"), "\(exported)")
        let reSigned = try #require(parseJSONObject(try await CurlInterchangeTests.runCurl(exported.stdoutText, in: sandbox.work)))
        #expect(reSigned["authenticated"] as? Bool == true, "\(exported.stdoutText)\n\(reSigned)")

        let httpie = try await sandbox.run(["export", "httpie", file.path])
        #expect(httpie.stdoutText.hasPrefix("# AWS Signature Version 4 (execute-api in us-east-1): HTTPie cannot sign requests itself,"), "\(httpie)")

        // Neither the collection nor the history holds the secret key or the session token.
        for (path, text) in texts(below: sandbox.dataHome) + texts(below: demo) {
            #expect(!holds(text, Self.secretKey) && !text.contains(Self.sessionToken), "a secret is in \(path)")
        }
    }
}
