import Bitmap

/// Whitens table rules (long, thin dark lines) on a scan before OCR: tesseract reads a ruled
/// grid's lines as letters ("|", "ee", "—") and loses the figures between them. A pixel is part
/// of a rule when it lies on a long dark run one way and a short one the other way, so text
/// (short both ways) and filled chart bars (long both ways) are left alone.
enum RuleRemoval {
    static func clean(_ image: GreyImage, dpi: Double, darkBelow: UInt8 = 220) -> GreyImage {
        let w = image.width, h = image.height
        guard w > 2, h > 2 else { return image }
        let longRun = max(12, Int(dpi * 0.3))   // 0.3 in: longer than any glyph stroke
        let thin = max(3, Int(dpi * 0.03))      // rules are under ~0.75 mm thick
        var horizontal = [UInt16](repeating: 0, count: w * h)
        var vertical = [UInt16](repeating: 0, count: w * h)
        var out = image.pixels
        image.pixels.withUnsafeBufferPointer { p in
            horizontal.withUnsafeMutableBufferPointer { hr in
                for y in 0..<h {
                    let row = y * w
                    var x = 0
                    while x < w {
                        if p[row + x] >= darkBelow { x += 1; continue }
                        var end = x
                        while end < w && p[row + end] < darkBelow { end += 1 }
                        let n = UInt16(min(end - x, Int(UInt16.max)))
                        for i in x..<end { hr[row + i] = n }
                        x = end
                    }
                }
            }
            vertical.withUnsafeMutableBufferPointer { vr in
                for x in 0..<w {
                    var y = 0
                    while y < h {
                        if p[y * w + x] >= darkBelow { y += 1; continue }
                        var end = y
                        while end < h && p[end * w + x] < darkBelow { end += 1 }
                        let n = UInt16(min(end - y, Int(UInt16.max)))
                        for i in y..<end { vr[i * w + x] = n }
                        y = end
                    }
                }
            }
        }
        horizontal.withUnsafeBufferPointer { hr in
            vertical.withUnsafeBufferPointer { vr in
                out.withUnsafeMutableBufferPointer { o in
                    for i in 0..<(w * h) where hr[i] > 0 {
                        let hl = Int(hr[i]), vl = Int(vr[i])
                        if (hl >= longRun && vl <= thin) || (vl >= longRun && hl <= thin) { o[i] = 255 }
                    }
                }
            }
        }
        return GreyImage(width: w, height: h, pixels: out)
    }
}
