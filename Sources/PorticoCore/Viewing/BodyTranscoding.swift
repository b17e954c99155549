import Foundation

/// Makes the UTF-8 bytes the viewer shows from a body in another charset, a block at a time, so a
/// 100 MB Latin-1 body is never held whole: the converted bytes stay in memory while small and
/// go to a private temporary file (mode 0600, removed when the bytes are released) past
/// `memoryLimit`, as a large response body does (`ResponseBody`).
public enum BodyTranscoding {
    public static let memoryLimit = ResponseBody.defaultMemoryLimit

    /// The body's text as UTF-8: `bytes` themselves when they are UTF-8 with no byte order mark,
    /// otherwise a converted copy without the first `skipping` bytes (the mark; a UTF-8 one is
    /// dropped too, as no layout shows it).
    /// - Parameters:
    ///   - blockSize: bytes read and converted at a time.
    ///   - directory: where a converted body larger than `memoryLimit` is written.
    public static func utf8(
        _ bytes: BodyBytes, from charset: BodyCharset, skipping: Int = 0, blockSize: Int = 1 << 20,
        memoryLimit: Int = memoryLimit, directory: URL = FileManager.default.temporaryDirectory
    ) throws(PorticoError) -> BodyBytes {
        if charset == .utf8, skipping == 0 { return bytes }
        var decoder = CharsetDecoder(charset)
        var converted: [UInt8] = []
        var spool: (file: TemporaryFile, handle: FileHandle)?
        var written = 0

        func flush() throws(PorticoError) {
            if spool == nil {
                guard converted.count > memoryLimit else { return }
                let (url, handle) = try SpoolFiles.create(.utf8, in: directory)
                spool = (TemporaryFile(url, handle: handle), handle)
            }
            guard let spool, !converted.isEmpty else { return }
            do { try spool.handle.write(contentsOf: converted) } catch {
                throw PorticoError(.input, "cannot write the converted response body to \(spool.file.url.path): \(error.localizedDescription)")
            }
            written += converted.count
            converted.removeAll(keepingCapacity: true)
        }

        var start = min(max(0, skipping), bytes.count)
        while start < bytes.count {
            let end = min(bytes.count, start + max(1, blockSize))
            bytes.withBytes(in: start..<end) { decoder.decode($0, into: &converted) }
            try flush()
            start = end
        }
        decoder.finish(into: &converted)
        try flush()
        guard let spool else { return BodyBytes(Data(converted)) }
        // The handle stays open with the file: its lock says the file is in use (SpoolFiles).
        return try BodyBytes(file: spool.file.url, count: written, owner: spool.file)
    }
}
