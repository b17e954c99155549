import Foundation

/// A size for people, in binary units named as binary units: 512 B, 12.3 KiB, 1.2 MiB. The names
/// agree with the sizes people write (`maxBodySize: 200MB` is 200,000,000 bytes, `200MiB` is
/// 200 × 1024 × 1024), so a size shown and a limit set never mean two things.
public enum ByteCountText {
    public static func text(_ bytes: Int) -> String {
        switch bytes {
        case ..<1024: "\(bytes) B"
        case ..<(1 << 20): String(format: "%.1f KiB", Double(bytes) / 1024)
        case ..<(1 << 30): String(format: "%.1f MiB", Double(bytes) / Double(1 << 20))
        default: String(format: "%.1f GiB", Double(bytes) / Double(1 << 30))
        }
    }
}
