import Foundation
@testable import PorticoCore

/// The sanitiser every byte from the network passes before a terminal shows it.
enum TerminalTextTarget {
    static func run(_ data: Data) {
        let whole = Data(TerminalText.sanitize(String(decoding: data, as: UTF8.self)).utf8)
        check(whole, input: data)
        // Streamed in two chunks split anywhere, it gives what one pass gives.
        let split = data.isEmpty ? 0 : Int(data[data.startIndex]) % (data.count + 1)
        let stream = TerminalText()
        var streamed = stream.process(data.prefix(split))
        streamed += stream.process(data.dropFirst(split))
        streamed += stream.finish()
        check(streamed, input: data)
        if streamed != whole { violated("streaming sanitises as one pass does", "\(Array(data)) split at \(split)") }
    }

    /// No byte that a terminal acts on: C0 controls but tab and line feed (a CR only before LF),
    /// DEL, C1 controls, and text that is valid UTF-8.
    private static func check(_ output: Data, input: Data) {
        guard String(data: output, encoding: .utf8) != nil else { violated("the output is valid UTF-8", "\(Array(input))") }
        let bytes = Array(output)
        for (index, byte) in bytes.enumerated() {
            let allowed = byte == 0x0A || byte == 0x09 || (byte == 0x0D && index + 1 < bytes.count && bytes[index + 1] == 0x0A)
            if (byte < 0x20 && !allowed) || byte == 0x7F { violated("no C0 control or DEL reaches the terminal", "\(Array(input))") }
        }
        for scalar in String(decoding: output, as: UTF8.self).unicodeScalars where (0x80..<0xA0).contains(scalar.value) {
            violated("no C1 control reaches the terminal", "\(Array(input)) -> U+\(String(scalar.value, radix: 16))")
        }
    }
}
