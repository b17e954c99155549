/// Content types by file extension, for multipart file parts without an explicit type.
enum MediaTypes {
    private static let byExtension: [String: String] = [
        "json": "application/json", "xml": "application/xml", "txt": "text/plain", "csv": "text/csv",
        "html": "text/html", "htm": "text/html", "css": "text/css", "js": "text/javascript",
        "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif", "webp": "image/webp",
        "svg": "image/svg+xml", "pdf": "application/pdf", "zip": "application/zip", "gz": "application/gzip",
        "yaml": "application/yaml", "yml": "application/yaml", "md": "text/markdown",
    ]

    static func guess(forPath path: String) -> String {
        let ext = path.split(separator: ".").last.map { $0.lowercased() } ?? ""
        return byExtension[ext] ?? "application/octet-stream"
    }
}
