import Bitmap
import CTesseract

/// Grey pictures made smaller through leptonica (linked here for tesseract): area mapping below
/// 0.7 of the size, linear interpolation above, no sharpening (`pixScaleGeneral`).
public enum GreyScaling {
    /// `image` scaled by `factor` (0 < factor < 1; anything else returns it unchanged), or the
    /// image itself when leptonica fails.
    public static func reduced(_ image: GreyImage, by factor: Double) -> GreyImage {
        guard factor > 0, factor < 1, image.width > 0, image.height > 0,
              let source = pix(image) else { return image }
        var owned: UnsafeMutablePointer<PIX>? = source
        defer { pixDestroy(&owned) }
        // No unsharp mask: the reader gets the page as scanned, only smaller.
        guard let scaled = pixScaleGeneral(source, Float(factor), Float(factor), 0, 0) else { return image }
        var scaledOwned: UnsafeMutablePointer<PIX>? = scaled
        defer { pixDestroy(&scaledOwned) }
        return grey(scaled) ?? image
    }

    /// `image` copied into leptonica and back (how the copies are checked).
    static func throughLeptonica(_ image: GreyImage) -> GreyImage? {
        guard let source = pix(image) else { return nil }
        var owned: UnsafeMutablePointer<PIX>? = source
        defer { pixDestroy(&owned) }
        return grey(source)
    }

    /// An 8-bit leptonica picture of `image`. Leptonica keeps 8-bit pixels four to a 32-bit
    /// word, the first in the word's top byte.
    static func pix(_ image: GreyImage) -> UnsafeMutablePointer<PIX>? {
        guard let pix = pixCreate(Int32(image.width), Int32(image.height), 8), let data = pixGetData(pix) else { return nil }
        let wpl = Int(pixGetWpl(pix))
        image.pixels.withUnsafeBufferPointer { p in
            for y in 0..<image.height {
                let row = data + y * wpl, from = y * image.width
                for w in 0..<wpl {
                    var word: UInt32 = 0
                    for b in 0..<4 {
                        let x = w * 4 + b
                        word |= UInt32(x < image.width ? p[from + x] : 255) << UInt32(24 - 8 * b)
                    }
                    row[w] = word
                }
            }
        }
        return pix
    }

    /// The pixels of an 8-bit leptonica picture.
    static func grey(_ pix: UnsafeMutablePointer<PIX>) -> GreyImage? {
        guard pixGetDepth(pix) == 8, let data = pixGetData(pix) else { return nil }
        let width = Int(pixGetWidth(pix)), height = Int(pixGetHeight(pix)), wpl = Int(pixGetWpl(pix))
        var out = [UInt8](repeating: 255, count: width * height)
        out.withUnsafeMutableBufferPointer { o in
            for y in 0..<height {
                let row = data + y * wpl
                for x in 0..<width { o[y * width + x] = UInt8(truncatingIfNeeded: row[x / 4] >> UInt32(24 - 8 * (x % 4))) }
            }
        }
        return GreyImage(width: width, height: height, pixels: out)
    }
}
