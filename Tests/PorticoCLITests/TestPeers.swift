import Foundation
import Testing

/// Real servers the transport tests talk to besides the demo API: an HTTPS server (Python's
/// standard library, with certificates made by openssl for each run), tinyproxy (an HTTP proxy)
/// and microsocks (a SOCKS5 proxy). `make test` installs them.
final class TestPeer: @unchecked Sendable {
    let port: Int
    let log: URL
    private let launched: LaunchedProcess

    private init(port: Int, log: URL, launched: LaunchedProcess) {
        self.port = port
        self.log = log
        self.launched = launched
    }

    deinit { stop() }

    func stop() {
        if launched.process.isRunning { launched.process.terminate() }
    }

    /// What the peer wrote to its log (tinyproxy, microsocks) or standard error.
    var logText: String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }

    static let peersFolder = PorticoBinary.packageRoot.appendingPathComponent("Tests/Peers")

    /// A CA, a server certificate for 127.0.0.1 and localhost, and a client certificate, in `folder`.
    static func makeCertificates(in folder: URL) async throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["bash", peersFolder.appendingPathComponent("make_test_certificates.sh").path, folder.path]
        let launched = try LaunchedProcess(process)
        await launched.wait()
        guard process.terminationStatus == 0 else { throw HarnessError("making test certificates failed (is openssl installed?)") }
    }

    /// The HTTPS echo server with `certificates` from `makeCertificates`; with `requireClientCertificate`, mTLS.
    static func httpsServer(certificates: URL, requireClientCertificate: Bool = false) async throws -> TestPeer {
        var arguments = ["python3", peersFolder.appendingPathComponent("tls_echo_server.py").path,
                         "--cert", certificates.appendingPathComponent("server.pem").path,
                         "--key", certificates.appendingPathComponent("server.key").path]
        if requireClientCertificate { arguments += ["--client-ca", certificates.appendingPathComponent("ca.pem").path] }
        let folder = try scratchFolder()
        let portFile = folder.appendingPathComponent("port")
        let launched = try launch(arguments, stdout: portFile, stderr: folder.appendingPathComponent("stderr"))
        // The server prints its port once it listens.
        for _ in 0..<200 {
            if let text = try? String(contentsOf: portFile, encoding: .utf8), let port = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
                return TestPeer(port: port, log: folder.appendingPathComponent("stderr"), launched: launched)
            }
            try await Task.sleep(for: .milliseconds(25))
        }
        launched.process.terminate()
        throw HarnessError("the HTTPS test server did not start (is python3 installed?)")
    }

    /// tinyproxy on a free port, logging each connection it makes.
    static func httpProxy() async throws -> TestPeer {
        let folder = try scratchFolder()
        let port = try freePort()
        let configuration = folder.appendingPathComponent("tinyproxy.conf")
        try "Port \(port)\nListen 127.0.0.1\nTimeout 30\nLogLevel Info\nMaxClients 50\n".write(to: configuration, atomically: true, encoding: .utf8)
        let log = folder.appendingPathComponent("log")
        let launched = try launch(["tinyproxy", "-d", "-c", configuration.path], stdout: log, stderr: log)
        return try await listening(TestPeer(port: port, log: log, launched: launched), name: "tinyproxy")
    }

    /// `make test` installs the Python peers in a virtual environment under .build; a Python that
    /// has them works too.
    private static var peersPython: String {
        let venv = PorticoBinary.packageRoot.appendingPathComponent(".build/peers-venv/bin/python3").path
        return FileManager.default.isExecutableFile(atPath: venv) ? venv : "python3"
    }

    /// httpbin served over TLS by hypercorn, which offers HTTP/2 (ALPN h2) beside HTTP/1.1.
    static func httpbinOverTLS(certificates: URL) async throws -> TestPeer {
        let folder = try scratchFolder()
        let port = try freePort()
        let log = folder.appendingPathComponent("log")
        let launched = try launch([peersPython, "-m", "hypercorn", "--bind", "127.0.0.1:\(port)",
                                   "--certfile", certificates.appendingPathComponent("server.pem").path,
                                   "--keyfile", certificates.appendingPathComponent("server.key").path, "httpbin:app"],
                                  stdout: log, stderr: log)
        return try await listening(TestPeer(port: port, log: log, launched: launched), name: "hypercorn (make test-peers installs it)")
    }

    /// httpbin (from PyPI) under gunicorn on a free port: the reference HTTP server of the transport
    /// conformance suite.
    static func httpbin() async throws -> TestPeer {
        let folder = try scratchFolder()
        let port = try freePort()
        let log = folder.appendingPathComponent("log")
        let launched = try launch([peersPython, "-m", "gunicorn", "--bind", "127.0.0.1:\(port)", "--workers", "4", "--threads", "4", "--log-level", "warning", "httpbin:app"],
                                  stdout: log, stderr: log)
        return try await listening(TestPeer(port: port, log: log, launched: launched), name: "httpbin (make test-peers installs it)")
    }

    /// microsocks on a free port; it logs every connection it makes for a client.
    static func socksProxy() async throws -> TestPeer {
        let folder = try scratchFolder()
        let port = try freePort()
        let log = folder.appendingPathComponent("log")
        let launched = try launch(["microsocks", "-i", "127.0.0.1", "-p", String(port)], stdout: log, stderr: log)
        return try await listening(TestPeer(port: port, log: log, launched: launched), name: "microsocks")
    }

    /// Waits up to 30 s: under a full test run the peers start slowly.
    private static func listening(_ peer: TestPeer, name: String) async throws -> TestPeer {
        for _ in 0..<1200 {
            if canConnect(port: peer.port) { return peer }
            try await Task.sleep(for: .milliseconds(25))
        }
        peer.stop()
        throw HarnessError("\(name) did not start listening on port \(peer.port) (is it installed? make test installs it)")
    }

    /// Starts a peer under `run_peer.py`, which ends it when this test process ends, however it ends.
    private static func launch(_ arguments: [String], stdout: URL, stderr: URL) throws -> LaunchedProcess {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", peersFolder.appendingPathComponent("run_peer.py").path, String(ProcessInfo.processInfo.processIdentifier)] + arguments
        FileManager.default.createFile(atPath: stdout.path, contents: nil)
        FileManager.default.createFile(atPath: stderr.path, contents: nil)
        let output = try FileHandle(forWritingTo: stdout)
        process.standardOutput = output
        process.standardError = stdout == stderr ? output : try FileHandle(forWritingTo: stderr)
        process.standardInput = FileHandle.nullDevice
        return try LaunchedProcess(process)
    }

    private static func scratchFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("portico-peer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// A port the kernel just handed out and took back: free unless another process grabs it first.
    private static func freePort() throws -> Int {
        let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw HarnessError("socket() failed") }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0 }
        }
        guard bound else { throw HarnessError("bind() failed") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// A port whose listener never accepts and whose backlog is already full: the kernel drops
    /// further connection attempts, so a connect to it hangs until the client gives up. Close the
    /// returned sockets when done.
    static func unansweredPort() throws -> (port: Int, sockets: [Int32]) {
        let listener = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, length) == 0 && getsockname(listener, $0, &length) == 0 }
        }
        guard listener >= 0, bound, listen(listener, 0) == 0 else { throw HarnessError("cannot set up a listener") }
        var sockets = [listener]
        for _ in 0..<3 {
            let filler = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            _ = fcntl(filler, F_SETFL, fcntl(filler, F_GETFL) | O_NONBLOCK)
            _ = withUnsafePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(filler, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            sockets.append(filler)
        }
        usleep(100_000)
        return (Int(UInt16(bigEndian: address.sin_port)), sockets)
    }

    private static func canConnect(port: Int) -> Bool {
        let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { return false }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }
}
