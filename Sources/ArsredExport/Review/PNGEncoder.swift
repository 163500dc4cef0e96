import Bitmap

/// PNG files from plain pixel buffers: 8-bit grey or RGB, each row filtered with whichever
/// of the five PNG filters leaves the smallest residuals, compressed with `Deflate`.
public enum PNGEncoder {
    public static func encode(_ image: RGBImage) -> [UInt8] {
        // A page with no colour is written grey: a third of the bytes.
        var isGrey = true
        image.pixels.withUnsafeBufferPointer { p in
            var i = 0
            while i < p.count { if p[i] != p[i + 1] || p[i] != p[i + 2] { isGrey = false; break }; i += 3 }
        }
        if isGrey { return encode(image.grey) }
        return encode(width: image.width, height: image.height, channels: 3, pixels: image.pixels)
    }

    public static func encode(_ image: GreyImage) -> [UInt8] {
        encode(width: image.width, height: image.height, channels: 1, pixels: image.pixels)
    }

    static func encode(width: Int, height: Int, channels: Int, pixels: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        var header: [UInt8] = []
        header += bigEndian(UInt32(width)); header += bigEndian(UInt32(height))
        header += [8, channels == 3 ? 2 : 0, 0, 0, 0]
        chunk("IHDR", header, into: &out)
        chunk("IDAT", Deflate.zlib(filtered(width: width, height: height, channels: channels, pixels: pixels)), into: &out)
        chunk("IEND", [], into: &out)
        return out
    }

    static func filtered(width: Int, height: Int, channels: Int, pixels: [UInt8]) -> [UInt8] {
        let stride = width * channels
        var out = [UInt8]()
        out.reserveCapacity((stride + 1) * height)
        var candidates = [[UInt8]](repeating: [UInt8](repeating: 0, count: stride), count: 5)
        pixels.withUnsafeBufferPointer { p in
            for y in 0..<height {
                let row = y * stride, above = (y - 1) * stride
                var bestFilter = 0, bestCost = Int.max
                for filter in 0..<5 {
                    var cost = 0
                    candidates[filter].withUnsafeMutableBufferPointer { c in
                        for x in 0..<stride {
                            let value = Int(p[row + x])
                            let a = x >= channels ? Int(p[row + x - channels]) : 0
                            let b = y > 0 ? Int(p[above + x]) : 0
                            let ab = x >= channels && y > 0 ? Int(p[above + x - channels]) : 0
                            let predicted: Int
                            switch filter {
                            case 0: predicted = 0
                            case 1: predicted = a
                            case 2: predicted = b
                            case 3: predicted = (a + b) / 2
                            default: predicted = paeth(a, b, ab)
                            }
                            let residual = UInt8(truncatingIfNeeded: value - predicted)
                            c[x] = residual
                            cost += residual < 128 ? Int(residual) : 256 - Int(residual)
                        }
                    }
                    if cost < bestCost { bestCost = cost; bestFilter = filter }
                }
                out.append(UInt8(bestFilter))
                out += candidates[bestFilter]
            }
        }
        return out
    }

    @inline(__always) static func paeth(_ a: Int, _ b: Int, _ c: Int) -> Int {
        let p = a + b - c
        let pa = abs(p - a), pb = abs(p - b), pc = abs(p - c)
        if pa <= pb && pa <= pc { return a }
        return pb <= pc ? b : c
    }

    static func chunk(_ type: String, _ data: [UInt8], into out: inout [UInt8]) {
        out += bigEndian(UInt32(data.count))
        let body = Array(type.utf8) + data
        out += body
        out += bigEndian(crc32(body))
    }

    static func bigEndian(_ v: UInt32) -> [UInt8] { [UInt8(v >> 24), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] }

    static let crcTable: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for b in bytes { c = crcTable[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
        return c ^ 0xFFFF_FFFF
    }
}
