import Foundation

/// Replaces the values of secret variables wherever Portico prints them, including response bodies
/// streamed chunk by chunk (a secret split across two chunks is still caught).
public final class SecretMasker: @unchecked Sendable {
    public static let mask = "••••••"

    private let secrets: [[UInt8]]
    private let longest: Int
    private var carry: [UInt8] = []

    /// Longer secrets first, so a secret that contains another is masked whole.
    public init(secrets: [String]) {
        self.secrets = Set(secrets.filter { !$0.isEmpty }).map { Array($0.utf8) }.sorted { $0.count > $1.count }
        longest = self.secrets.first?.count ?? 0
    }

    public var isEmpty: Bool { secrets.isEmpty }

    public func mask(_ text: String) -> String {
        guard !secrets.isEmpty else { return text }
        var result = text
        for secret in secrets {
            result = result.replacingOccurrences(of: String(decoding: secret, as: UTF8.self), with: Self.mask)
        }
        return result
    }

    /// Masks a chunk of a stream, holding back the last few bytes that could start a secret.
    public func process(_ chunk: Data) -> Data {
        guard !secrets.isEmpty else { return chunk }
        carry.append(contentsOf: chunk)
        return drain(final: false)
    }

    /// The bytes still held back, masked.
    public func finish() -> Data {
        guard !secrets.isEmpty else { return Data() }
        return drain(final: true)
    }

    private func drain(final: Bool) -> Data {
        var output = Data()
        let maskBytes = Array(Self.mask.utf8)
        // Positions at or past `safeEnd` might be the start of a secret whose rest has not arrived.
        let safeEnd = final ? carry.count : max(0, carry.count - (longest - 1))
        var index = 0
        scanning: while index < safeEnd {
            for secret in secrets where carry.count - index >= secret.count {
                if carry[index] == secret[0], carry[index..<(index + secret.count)].elementsEqual(secret) {
                    output.append(contentsOf: maskBytes)
                    index += secret.count
                    continue scanning
                }
            }
            output.append(carry[index])
            index += 1
        }
        carry.removeFirst(index)
        return output
    }
}
