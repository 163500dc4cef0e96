import Bitmap
import CTesseract
import Foundation

/// JPEG coding through leptonica (linked here for tesseract, built with libjpeg): what a
/// scanner's compression does to a picture (4:2:0 chroma, 8x8 blocks), for test fixtures.
public enum JPEGLoss {
    /// `image` written as a JPEG of `quality` (1...100) and read back; nil when leptonica fails.
    public static func roundTrip(_ image: RGBImage, quality: Int) -> RGBImage? {
        guard image.width > 0, image.height > 0, let pix = pixCreate(Int32(image.width), Int32(image.height), 32) else { return nil }
        var owned: UnsafeMutablePointer<PIX>? = pix
        defer { pixDestroy(&owned) }
        for y in 0..<image.height {
            for x in 0..<image.width {
                let p = image.pixel(x, y)
                pixSetRGBPixel(pix, Int32(x), Int32(y), Int32(p.r), Int32(p.g), Int32(p.b))
            }
        }
        var data: UnsafeMutablePointer<l_uint8>?
        var size = 0
        guard pixWriteMemJpeg(&data, &size, pix, Int32(max(1, min(100, quality))), 0) == 0, let data else { return nil }
        defer { free(data) }
        guard let back = pixReadMemJpeg(data, size, 0, 1, nil, 0) else { return nil }
        var backOwned: UnsafeMutablePointer<PIX>? = back
        defer { pixDestroy(&backOwned) }
        var out = [UInt8](repeating: 255, count: image.width * image.height * 3)
        var r: Int32 = 0, g: Int32 = 0, b: Int32 = 0
        for y in 0..<image.height {
            for x in 0..<image.width {
                pixGetRGBPixel(back, Int32(x), Int32(y), &r, &g, &b)
                let i = (y * image.width + x) * 3
                out[i] = UInt8(r); out[i + 1] = UInt8(g); out[i + 2] = UInt8(b)
            }
        }
        return RGBImage(width: image.width, height: image.height, pixels: out)
    }
}
