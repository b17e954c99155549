import Foundation

/// Replaces the values of secret variables wherever Portico prints them, including response bodies
/// streamed chunk by chunk (a secret split across two chunks is still caught). Works on bytes, so
/// a secret is found whatever characters surround it; where occurrences of secrets overlap, every
/// byte any of them covers is hidden.
public final class SecretMasker: @unchecked Sendable {
    public static let mask = "••••••"

    /// Secret values (longest first) and the text each is replaced by.
    private let secrets: [(value: [UInt8], replacement: [UInt8])]
    /// Whether each occurrence shows its own replacement even right after another (history writes
    /// `{{name}}` per secret, so that a replay can put each value back); screens show one mask per run.
    private let separatesOccurrences: Bool
    private let longest: Int
    /// Whether a byte is the first byte of some secret.
    private let startsSecret: [Bool]
    private var carry: [UInt8] = []
    /// How many leading bytes of `carry` belong to an occurrence found in an earlier chunk.
    private var coveredPrefix = 0
    /// Whether the last byte handed out was part of a mask (so a masked run split across chunks
    /// shows one mask, not two).
    private var lastWasMasked = false

    public convenience init(secrets: [String]) {
        self.init(replacing: secrets.map { ($0, SecretMasker.mask) }, separatingOccurrences: false)
    }

    /// Replaces each value by its own text, e.g. a secret by `{{name}}`.
    public convenience init(replacements: [(value: String, replacement: String)]) {
        self.init(replacing: replacements, separatingOccurrences: true)
    }

    private init(replacing pairs: [(value: String, replacement: String)], separatingOccurrences: Bool) {
        var seen = Set<String>()
        secrets = pairs.filter { !$0.value.isEmpty && seen.insert($0.value).inserted }
            .map { (Array($0.value.utf8), Array($0.replacement.utf8)) }
            .sorted { $0.value.count > $1.value.count }
        separatesOccurrences = separatingOccurrences
        longest = secrets.first?.value.count ?? 0
        var starts = [Bool](repeating: false, count: 256)
        for secret in secrets { starts[Int(secret.value[0])] = true }
        startsSecret = starts
    }

    public var isEmpty: Bool { secrets.isEmpty }

    /// The length in bytes of the longest secret: how far an occurrence can reach past a cut.
    public var longestSecret: Int { longest }

    /// Where the secrets occur in `bytes`, overlapping occurrences each listed, in no set order:
    /// for text shown in pieces that a secret can straddle (a line cut, a hex dump's rows).
    public func occurrences(in bytes: UnsafeRawBufferPointer) -> [Range<Int>] {
        var found: [Range<Int>] = []
        guard !secrets.isEmpty, !bytes.isEmpty else { return found }
        for start in 0..<bytes.count where startsSecret[Int(bytes[start])] {
            for secret in secrets where start + secret.value.count <= bytes.count {
                let equal = secret.value.withUnsafeBytes { memcmp(bytes.baseAddress! + start, $0.baseAddress!, secret.value.count) == 0 }
                if equal { found.append(start..<(start + secret.value.count)) }
            }
        }
        return found
    }

    /// A fresh masker that also hides `values` (tokens obtained while sending) behind the mask.
    public func adding(_ values: [String]) -> SecretMasker {
        let pairs = secrets.map { (String(decoding: $0.value, as: UTF8.self), String(decoding: $0.replacement, as: UTF8.self)) }
        return SecretMasker(replacing: pairs + values.map { ($0, SecretMasker.mask) }, separatingOccurrences: separatesOccurrences)
    }

    /// A fresh masker with the same secrets, its tables shared, not built again: `mask` runs for
    /// every piece of every line drawn.
    private init(sameAs other: SecretMasker) {
        secrets = other.secrets
        separatesOccurrences = other.separatesOccurrences
        longest = other.longest
        startsSecret = other.startsSecret
    }

    public func mask(_ text: String) -> String {
        guard !secrets.isEmpty else { return text }
        // Most pieces hold no byte that starts a secret: nothing to look at.
        guard text.utf8.contains(where: { startsSecret[Int($0)] }) else { return text }
        let masker = SecretMasker(sameAs: self)
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
        // For each byte, the occurrence that hides it (the earliest that covers it), or -1.
        // Occurrence 0 stands for the rest of one found in an earlier chunk.
        var owner = [Int](repeating: -1, count: count)
        var occurrences: [(start: Int, secret: Int)] = [(0, -1)]
        var output = Data()
        output.reserveCapacity(checkable)
        carry.withUnsafeBufferPointer { bytes in
            for index in 0..<min(coveredPrefix, count) { owner[index] = 0 }
            // Most bytes start no secret: one table look-up each, then only candidates compare.
            let startsSecret = startsSecret
            var candidates: [Int] = []
            startsSecret.withUnsafeBufferPointer { table in
                for start in 0..<checkable where table[Int(bytes[start])] { candidates.append(start) }
            }
            let values = secrets.map(\.value)
            for start in candidates {
                for secretIndex in values.indices {
                    let length = values[secretIndex].count
                    guard start + length <= count, bytes[start] == values[secretIndex][0] else { continue }
                    let equal = values[secretIndex].withUnsafeBufferPointer { memcmp(bytes.baseAddress! + start, $0.baseAddress!, length) == 0 }
                    if equal {
                        occurrences.append((start, secretIndex))
                        for index in start..<(start + length) where owner[index] < 0 { owner[index] = occurrences.count - 1 }
                    }
                }
            }
            var previousMasked = lastWasMasked
            var previousOwner = -1
            var index = 0
            // Bytes before the first occurrence and between occurrences are copied in one piece.
            let covered = occurrences.count > 1 || coveredPrefix > 0
            while index < checkable {
                let occurrence = covered ? owner[index] : -1
                guard occurrence >= 0 else {
                    var end = covered ? index + 1 : checkable
                    while end < checkable, owner[end] < 0 { end += 1 }
                    output.append(UnsafeBufferPointer(rebasing: bytes[index..<end]))
                    previousMasked = false
                    previousOwner = -1
                    index = end
                    continue
                }
                let startsAnother = separatesOccurrences && occurrence != previousOwner && occurrences[occurrence].start == index && occurrence > 0
                if !previousMasked || startsAnother {
                    let secret = occurrences[occurrence].secret
                    output.append(contentsOf: secret >= 0 ? secrets[secret].replacement : secrets[0].replacement)
                }
                previousMasked = true
                previousOwner = occurrence
                index += 1
            }
            lastWasMasked = previousMasked
        }
        var nextPrefix = 0
        while checkable + nextPrefix < count, owner[checkable + nextPrefix] >= 0 { nextPrefix += 1 }
        coveredPrefix = nextPrefix
        carry.removeFirst(checkable)
        return output
    }
}
