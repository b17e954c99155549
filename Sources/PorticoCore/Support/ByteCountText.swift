import Foundation

/// A size for people, in binary units named as people say them: 512 B, 12.3 KB, 1.2 MB.
public enum ByteCountText {
    public static func text(_ bytes: Int) -> String {
        switch bytes {
        case ..<1024: "\(bytes) B"
        case ..<(1 << 20): String(format: "%.1f KB", Double(bytes) / 1024)
        case ..<(1 << 30): String(format: "%.1f MB", Double(bytes) / Double(1 << 20))
        default: String(format: "%.1f GB", Double(bytes) / Double(1 << 30))
        }
    }
}
