import Foundation

/// Replaces the values of secret variables wherever Portico prints them, including response bodies
/// streamed chunk by chunk (a secret split across two chunks is still caught). Works on bytes, so
/// a secret is found whatever characters surround it; where occurrences of secrets overlap, every
/// byte any of them covers is hidden.
public final class SecretMasker: @unchecked Sendable {
    public static let mask = "••••••"

    private let secrets: [[UInt8]]
    private let longest: Int
    private var carry: [UInt8] = []
    /// How many leading bytes of `carry` belong to an occurrence found in an earlier chunk.
    private var coveredPrefix = 0
    /// Whether the last byte handed out was part of a mask (so a masked run split across chunks
    /// shows one mask, not two).
    private var lastWasMasked = false

    public init(secrets: [String]) {
        self.secrets = Set(secrets.filter { !$0.isEmpty }).map { Array($0.utf8) }.sorted { $0.count > $1.count }
        longest = self.secrets.first?.count ?? 0
    }

    public var isEmpty: Bool { secrets.isEmpty }

    public func mask(_ text: String) -> String {
        guard !secrets.isEmpty else { return text }
        let masker = SecretMasker(secrets: secrets.map { String(decoding: $0, as: UTF8.self) })
        var output = masker.process(Data(text.utf8))
        output.append(masker.finish())
        return String(decoding: output, as: UTF8.self)
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
        let count = carry.count
        // Occurrences can be checked completely only where the whole longest secret could fit.
        let checkable = final ? count : max(0, count - (longest - 1))
        var covered = [Bool](repeating: false, count: count)
        for index in 0..<min(coveredPrefix, count) { covered[index] = true }
        for start in 0..<checkable {
            for secret in secrets where start + secret.count <= count && carry[start] == secret[0] {
                if carry[start..<(start + secret.count)].elementsEqual(secret) {
                    for index in start..<(start + secret.count) { covered[index] = true }
                }
            }
        }
        var output = Data()
        let maskBytes = Array(Self.mask.utf8)
        var previousMasked = lastWasMasked
        for index in 0..<checkable {
            if covered[index] {
                if !previousMasked { output.append(contentsOf: maskBytes) }
                previousMasked = true
            } else {
                output.append(carry[index])
                previousMasked = false
            }
        }
        lastWasMasked = previousMasked
        var nextPrefix = 0
        while checkable + nextPrefix < count, covered[checkable + nextPrefix] { nextPrefix += 1 }
        coveredPrefix = nextPrefix
        carry.removeFirst(checkable)
        return output
    }
}
