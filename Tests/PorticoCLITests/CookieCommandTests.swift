import Foundation
import PorticoCore
import Testing

/// The cookie jar through the binary: within one send, kept between runs when asked, listed and cleared.
@Suite("cookies")
struct CookieCommandTests {
    private func writeConfig(_ sandbox: Sandbox, _ text: String) throws {
        let folder = sandbox.configHome.appendingPathComponent("portico")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try text.write(to: folder.appendingPathComponent("config.yaml"), atomically: true, encoding: .utf8)
    }

    @Test func aCookieSetOnTheWayIsSentToTheNextHopUnlessTheJarIsOff() async throws {
        let sandbox = try Sandbox()
        let url = try await DemoAPI.url("/cookies/redirect?session=abc")
        let sent = try await sandbox.run(["send", url, "--no-history"])
        #expect(sent.exitCode == 0, "\(sent)")
        #expect(try sent.json().object("cookies")?.string("session") == "abc")

        try writeConfig(sandbox, "cookies:\n  jar: false\n")
        let off = try await sandbox.run(["send", url, "--no-history"])
        #expect(off.exitCode == 0, "\(off)")
        #expect(try off.json().object("cookies")?.isEmpty == true, "\(off)")
    }

    @Test func aKeptJarCarriesCookiesBetweenRunsAndCanBeListedAndCleared() async throws {
        let sandbox = try Sandbox()
        let demo = try await sandbox.initDemoCollection()
        // The demo's own "Send cookies" needs "Set cookies" first; this one only shows the jar.
        let sendCookies = demo.appendingPathComponent("cookies/show-jar.yaml").path
        try "id: show-jar\nname: Show the jar\nurl: '{{baseUrl}}/cookies'\n".write(toFile: sendCookies, atomically: true, encoding: .utf8)

        // Not kept by default: the next run starts with an empty jar.
        #expect(try await sandbox.run(["send", demo.appendingPathComponent("cookies/login-redirect.yaml").path, "-e", "demo"]).exitCode == 0)
        #expect(try await sandbox.run(["send", sendCookies, "-e", "demo"]).json().object("cookies")?.isEmpty == true)

        try writeConfig(sandbox, "cookies:\n  persist: true\n")
        let login = try await sandbox.run(["send", demo.appendingPathComponent("cookies/login-redirect.yaml").path, "-e", "demo"])
        #expect(login.exitCode == 0, "\(login)")
        let next = try await sandbox.run(["send", sendCookies, "-e", "demo"])
        #expect(try next.json().object("cookies")?.string("session") == "s3ss10n", "\(next)")

        let jarFolder = sandbox.dataHome.appendingPathComponent("portico/cookies")
        let files = try FileManager.default.contentsOfDirectory(atPath: jarFolder.path)
        try #require(files.count == 1)
        var info = stat()
        #expect(lstat(jarFolder.appendingPathComponent(files[0]).path, &info) == 0 && info.st_mode & 0o777 == 0o600)
        let kept = String(decoding: try Data(contentsOf: jarFolder.appendingPathComponent(files[0])), as: UTF8.self)
        #expect(kept.hasPrefix(SecretKey.sealedPrefix) && !kept.contains("s3ss10n"), "the jar is sealed: \(kept)")

        let listed = try await sandbox.run(["cookies", "list", "-c", demo.path])
        #expect(listed.exitCode == 0, "\(listed)")
        #expect(listed.stdoutText.hasPrefix("session=••••••  host 127.0.0.1; path /; expires "), "\(listed)")
        #expect(listed.stdoutText.contains("HttpOnly; SameSite=Lax"), "\(listed)")
        #expect(try await sandbox.run(["cookies", "list", "-c", demo.path, "--show-values"]).stdoutText.hasPrefix("session=s3ss10n"))

        let cleared = try await sandbox.run(["cookies", "clear", "-c", demo.path])
        #expect(cleared.stderr == "cleared the collection's cookie jar\n", "\(cleared)")
        #expect(try await sandbox.run(["send", sendCookies, "-e", "demo"]).json().object("cookies")?.isEmpty == true)
        #expect(try await sandbox.run(["cookies", "list", "-c", demo.path]).stderr == "no cookies kept for this collection\n")
    }
}
