import AsyncHTTPClient
import Foundation
import NIOCore

/// A request body streamed from a file in 64 KiB pieces, so a large upload is never held in memory.
enum FileUpload {
    static func body(_ url: URL) throws(PorticoError) -> HTTPClientRequest.Body {
        let size: Int64
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
            size = (attributes[.size] as? NSNumber)?.int64Value ?? 0
        } catch {
            throw .input("cannot read the body file \(url.path): \(error.localizedDescription)")
        }
        guard let handle = FileHandle(forReadingAtPath: url.path) else {
            throw .input("cannot read the body file \(url.path)")
        }
        return .stream(Chunks(handle: handle), length: .known(size))
    }

    struct Chunks: AsyncSequence, Sendable {
        typealias Element = ByteBuffer
        let handle: FileHandle

        func makeAsyncIterator() -> Iterator { Iterator(handle: handle) }

        struct Iterator: AsyncIteratorProtocol {
            let handle: FileHandle

            mutating func next() async throws -> ByteBuffer? {
                guard let data = try handle.read(upToCount: 64 << 10), !data.isEmpty else {
                    try? handle.close()
                    return nil
                }
                return ByteBuffer(bytes: data)
            }
        }
    }
}
