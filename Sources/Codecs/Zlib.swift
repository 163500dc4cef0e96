import CCodecs

/// zlib's deflate, for streams a PDF holds (`FlateDecode`).
public enum Zlib {
    /// `bytes` compressed as one zlib stream at zlib's default level.
    public static func compress(_ bytes: [UInt8]) -> [UInt8] {
        var size = compressBound(uLong(bytes.count))
        var out = [UInt8](repeating: 0, count: Int(size))
        let status = out.withUnsafeMutableBufferPointer { o in
            bytes.withUnsafeBufferPointer { i in compress2(o.baseAddress, &size, i.baseAddress, uLong(bytes.count), Z_DEFAULT_COMPRESSION) }
        }
        precondition(status == Z_OK, "zlib compress2 failed: \(status)")
        return Array(out.prefix(Int(size)))
    }
}
