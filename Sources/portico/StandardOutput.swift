import Foundation
import PorticoCore

/// Unbuffered writes to standard output (the body can be large; it is written as it arrives).
enum StandardOutput {
    private static let closedFlag = LockedBox(false)

    /// Whether the reader went away (EPIPE): nothing more can be shown.
    static var isClosed: Bool { closedFlag.value }

    /// Writes everything; false when standard output cannot take it.
    @discardableResult
    static func write(_ data: Data) -> Bool {
        data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let result = Foundation.write(STDOUT_FILENO, buffer.baseAddress! + offset, buffer.count - offset)
                if result < 0 {
                    if errno == EINTR { continue }
                    if errno == EPIPE { closedFlag.value = true }
                    return false
                }
                offset += result
            }
            return true
        }
    }
}

/// Streams a response body to standard output: secrets masked; on a terminal, control characters
/// made visible, text in another charset (ISO-8859-1, UTF-16) converted to UTF-8, and binary
/// bodies held back (they would garble the screen). What is text and in which charset is decided
/// from the Content-Type and the first chunk, as the explorer decides it (`BodyContent`).
final class StandardOutputSink: ResponseBodySink, @unchecked Sendable {
    private let masker: SecretMasker
    private let terminalText: TerminalText?
    private let contentType: String?
    private var decoder: CharsetDecoder?
    private var suppressed = false
    private var received = 0
    private var sawBytes = false

    init(masker: SecretMasker, terminal: Bool, contentType: String?) {
        self.masker = masker
        terminalText = terminal ? TerminalText() : nil
        self.contentType = contentType
    }

    func receive(_ chunk: Data) throws(PorticoError) {
        received += chunk.count
        var chunk = chunk
        if !sawBytes, terminalText != nil {
            sawBytes = true
            let content = BodyContent.detect(contentType: contentType, leading: chunk, size: Int.max)
            switch content.kind {
            case .binary, .image: suppressed = true
            default:
                if content.charset != .utf8 {
                    decoder = CharsetDecoder(content.charset)
                    chunk = chunk.dropFirst(content.byteOrderMarkLength)
                }
            }
        }
        if suppressed { return }
        if var decoder {
            var converted: [UInt8] = []
            chunk.withUnsafeBytes { decoder.decode($0, into: &converted) }
            self.decoder = decoder
            chunk = Data(converted)
        }
        emit(masker.process(chunk))
        if StandardOutput.isClosed {
            // Nobody reads the rest: stop the transfer (history keeps what arrived, and says why).
            throw PorticoError(.cancelled, "standard output was closed by its reader")
        }
    }

    func finish() throws(PorticoError) {}

    /// Flushes what the masker and the terminal filter held back.
    func close() {
        if suppressed {
            Console.info("(binary body of \(received) bytes not shown on a terminal: use -o FILE or a pipe)")
            return
        }
        if var decoder {
            var rest: [UInt8] = []
            decoder.finish(into: &rest)
            emit(masker.process(Data(rest)))
        }
        emit(masker.finish())
        if let terminalText { StandardOutput.write(terminalText.finish()) }
    }

    private func emit(_ data: Data) {
        guard !data.isEmpty else { return }
        StandardOutput.write(terminalText?.process(data) ?? data)
    }
}
