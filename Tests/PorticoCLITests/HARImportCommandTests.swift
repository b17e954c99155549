import Foundation
import Testing

/// `portico import har` end to end: a browser's page load becomes a collection on disk whose
/// credentials are in the secret store, and the filters' count is reported.
@Suite("import har")
struct HARImportCommandTests {
    @Test func importsAPageLoadWithoutStaticResourcesOrCredentialsInFiles() async throws {
        let sandbox = try Sandbox()
        let fixture = PorticoBinary.packageRoot.appendingPathComponent("Tests/PorticoCoreTests/Fixtures/har/chrome-page-load.har")
        let result = try await sandbox.run(["import", "har", fixture.path, "--exclude-static", "--into", "shop"])
        #expect(result.exitCode == 0, "\(result)")
        #expect(result.stderr.contains("imported 5 requests, 2 folders, 0 environments, 3 secrets (kept in the secret store), 4 warnings into shop\n"), "\(result)")
        #expect(result.stderr.hasSuffix("skipped 4 entries: 4 static (images, fonts, CSS, JS)\n"), "\(result)")
        let files = try FileManager.default.subpathsOfDirectory(atPath: sandbox.path("shop").path).filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(files == [
            "api.shop.example.com/get-v1-products.yaml", "api.shop.example.com/post-v1-orders.yaml", "api.shop.example.com/post-v1-uploads.yaml",
            "portico.yaml", "shop.example.com/get.yaml", "shop.example.com/post-account-login.yaml",
        ])
        for file in files {
            let text = try String(contentsOf: sandbox.path("shop/" + file), encoding: .utf8)
            #expect(!text.contains("eyJhbGciOiJIUzI1NiJ9") && !text.contains("9f8e7d6c"), "\(file) holds a credential")
        }

        let notHAR = try await sandbox.run(["import", "har", "-"], stdin: Data(#"{"info": {}}"#.utf8))
        #expect(notHAR.exitCode != 0 && notHAR.stderr.contains("not a HAR archive"), "\(notHAR)")
    }
}
