/// 8-bit grey pixels, row-major, top row first. What OCR reads.
public struct GreyImage: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public var pixels: [UInt8]
    public init(width: Int, height: Int, pixels: [UInt8]) {
        precondition(pixels.count == width * height, "GreyImage: \(pixels.count) pixels for \(width)x\(height)")
        self.width = width; self.height = height; self.pixels = pixels
    }
    public init(width: Int, height: Int, fill: UInt8 = 255) {
        self.init(width: width, height: height, pixels: [UInt8](repeating: fill, count: width * height))
    }
    @inlinable public subscript(x: Int, y: Int) -> UInt8 {
        get { pixels[y * width + x] }
        set { pixels[y * width + x] = newValue }
    }
    /// The sub-image x..<x+w, y..<y+h, clipped to the image.
    public func crop(x: Int, y: Int, width w: Int, height h: Int) -> GreyImage {
        let x0 = max(0, x), y0 = max(0, y)
        let x1 = min(width, x + w), y1 = min(height, y + h)
        guard x1 > x0, y1 > y0 else { return GreyImage(width: 0, height: 0, pixels: []) }
        var out = [UInt8](); out.reserveCapacity((x1 - x0) * (y1 - y0))
        for row in y0..<y1 { out.append(contentsOf: pixels[(row * width + x0)..<(row * width + x1)]) }
        return GreyImage(width: x1 - x0, height: y1 - y0, pixels: out)
    }
}

/// 8-bit RGB pixels, 3 bytes a pixel, row-major, top row first. What chart reading needs.
public struct RGBImage: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public var pixels: [UInt8]
    public init(width: Int, height: Int, pixels: [UInt8]) {
        precondition(pixels.count == width * height * 3, "RGBImage: \(pixels.count) bytes for \(width)x\(height)")
        self.width = width; self.height = height; self.pixels = pixels
    }
    @inlinable public func pixel(_ x: Int, _ y: Int) -> (r: UInt8, g: UInt8, b: UInt8) {
        let i = (y * width + x) * 3
        return (pixels[i], pixels[i + 1], pixels[i + 2])
    }
    /// Luma (ITU-R BT.601), for OCR of a colour region.
    public var grey: GreyImage {
        var out = [UInt8](repeating: 0, count: width * height)
        pixels.withUnsafeBufferPointer { p in
            for i in 0..<(width * height) {
                let r = Int(p[3 * i]), g = Int(p[3 * i + 1]), b = Int(p[3 * i + 2])
                out[i] = UInt8((299 * r + 587 * g + 114 * b) / 1000)
            }
        }
        return GreyImage(width: width, height: height, pixels: out)
    }
    public func crop(x: Int, y: Int, width w: Int, height h: Int) -> RGBImage {
        let x0 = max(0, x), y0 = max(0, y)
        let x1 = min(width, x + w), y1 = min(height, y + h)
        guard x1 > x0, y1 > y0 else { return RGBImage(width: 0, height: 0, pixels: []) }
        var out = [UInt8](); out.reserveCapacity((x1 - x0) * (y1 - y0) * 3)
        for row in y0..<y1 { out.append(contentsOf: pixels[((row * width + x0) * 3)..<((row * width + x1) * 3)]) }
        return RGBImage(width: x1 - x0, height: y1 - y0, pixels: out)
    }
}
