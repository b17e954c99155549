import Foundation
import PorticoCore

/// Reads what an import names: a file, or standard input for `-`.
enum ImportSource {
    static func read(_ path: String) throws(PorticoError) -> String {
        let data: Data
        if path == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let contents = FileManager.default.contents(atPath: path) else {
                throw .input("cannot read \(path): \(FileManager.default.fileExists(atPath: path) ? "permission denied" : "no such file")")
            }
            data = contents
        }
        guard let text = String(data: data, encoding: .utf8) else { throw .input("\(path == "-" ? "standard input" : path) is not UTF-8 text") }
        return text
    }
}
