import Bitmap
import CCodecs

/// Why libpng could not write or read a PNG: its own one-line message.
public struct PNGError: Error, Equatable, CustomStringConvertible {
    public let message: String
    public var description: String { "PNG: \(message)" }
}

/// Pixels as a PNG file holds them: 8-bit grey (1 channel) or RGB (3), rows top to bottom.
public struct PNGPixels: Sendable, Equatable {
    public var width: Int, height: Int, channels: Int
    public var pixels: [UInt8]
    public init(width: Int, height: Int, channels: Int, pixels: [UInt8]) {
        self.width = width; self.height = height; self.channels = channels; self.pixels = pixels
    }
}

/// PNG files through libpng's simplified API: 8-bit grey or RGB, libpng's adaptive row filters
/// and zlib's default compression. The same pixels always give the same bytes (no time chunk).
public enum PNG {
    private static let grey = UInt32(PNG_FORMAT_GRAY)
    private static let colour = UInt32(PNG_FORMAT_FLAG_COLOR)

    public static func encode(_ image: GreyImage) throws -> [UInt8] {
        try encode(width: image.width, height: image.height, format: grey, pixels: image.pixels)
    }

    /// A colour image; written grey when no pixel has colour (lossless, a third of the bytes).
    public static func encode(_ image: RGBImage) throws -> [UInt8] {
        if hasNoColour(image) { return try encode(image.grey) }
        return try encode(width: image.width, height: image.height, format: colour, pixels: image.pixels)
    }

    /// Reads a PNG into 8-bit grey or RGB, whichever the file holds.
    public static func decode(_ bytes: [UInt8]) throws -> PNGPixels {
        var image = png_image()
        image.version = UInt32(PNG_IMAGE_VERSION)
        let begun = bytes.withUnsafeBytes { png_image_begin_read_from_memory(&image, $0.baseAddress, $0.count) }
        guard begun != 0 else { throw failure(&image) }
        image.format = image.format & colour != 0 ? colour : grey
        let channels = image.format == colour ? 3 : 1
        var pixels = [UInt8](repeating: 0, count: Int(image.width) * Int(image.height) * channels)
        let read = pixels.withUnsafeMutableBytes { png_image_finish_read(&image, nil, $0.baseAddress, 0, nil) }
        guard read != 0 else { throw failure(&image) }
        return PNGPixels(width: Int(image.width), height: Int(image.height), channels: channels, pixels: pixels)
    }

    private static func encode(width: Int, height: Int, format: UInt32, pixels: [UInt8]) throws -> [UInt8] {
        var image = png_image()
        image.version = UInt32(PNG_IMAGE_VERSION)
        image.width = UInt32(width)
        image.height = UInt32(height)
        image.format = format
        // Room for the pixels stored uncompressed and the chunk headers: one pass for any page;
        // libpng says how much it needs when that is not enough.
        var capacity = pixels.count + pixels.count / 256 + 1024
        while true {
            var out = [UInt8](repeating: 0, count: capacity)
            var size = png_alloc_size_t(capacity)
            let ok = out.withUnsafeMutableBytes { buffer in
                pixels.withUnsafeBytes { png_image_write_to_memory(&image, buffer.baseAddress, &size, 0, $0.baseAddress, 0, nil) }
            }
            if ok != 0 { return Array(out.prefix(Int(size))) }
            guard Int(size) > capacity else { throw failure(&image) }
            capacity = Int(size)
        }
    }

    private static func failure(_ image: inout png_image) -> PNGError {
        let message = withUnsafeBytes(of: &image.message) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        png_image_free(&image)
        return PNGError(message: message.isEmpty ? "libpng failed" : message)
    }

    private static func hasNoColour(_ image: RGBImage) -> Bool {
        image.pixels.withUnsafeBufferPointer { p in
            var i = 0
            while i < p.count {
                if p[i] != p[i + 1] || p[i] != p[i + 2] { return false }
                i += 3
            }
            return true
        }
    }
}
