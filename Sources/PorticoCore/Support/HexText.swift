import Foundation

extension Sequence where Element == UInt8 {
    /// Lower-case hex, two digits a byte: how digests and nonces are written.
    var hexText: String { map { String(format: "%02x", $0) }.joined() }
}
