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
            // Vertical runs row by row (the image is stored by rows): run length so far going
            // down, then each run's full length carried back up from its last pixel.
            vertical.withUnsafeMutableBufferPointer { vr in
                for i in 0..<w where p[i] < darkBelow { vr[i] = 1 }
                for y in 1..<h {
                    let row = y * w
                    for x in 0..<w where p[row + x] < darkBelow { vr[row + x] = vr[row - w + x] &+ 1 }
                }
                for y in stride(from: h - 2, through: 0, by: -1) {
                    let row = y * w
                    for x in 0..<w where vr[row + x] > 0 && vr[row + w + x] > vr[row + x] {
                        vr[row + x] = vr[row + w + x]
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
