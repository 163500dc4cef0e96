import Bitmap

/// Whitens table rules (long, thin dark lines) on a scan before OCR: tesseract reads a ruled
/// grid's lines as letters ("|", "ee", "—") and loses the figures between them. A pixel is part
/// of a rule when it lies on a long dark run one way and a short one the other way, so text
/// (short both ways) and filled chart bars (long both ways) are left alone.
enum RuleRemoval {
    /// A dark run at least this long is a rule's length (inches): longer than any glyph stroke.
    static let longRunInches = 0.3, minLongRunPixels = 12
    /// A dark run at most this long across is a rule's thickness (inches): rules are under ~0.75 mm.
    static let thinInches = 0.03, minThinPixels = 3

    static func clean(_ image: GreyImage, dpi: Double, darkBelow: UInt8 = 220) -> GreyImage {
        let w = image.width, h = image.height
        guard w > 2, h > 2 else { return image }
        let longRun = max(minLongRunPixels, Int(dpi * longRunInches))
        let thin = max(minThinPixels, Int(dpi * thinInches))
        let horizontal = horizontalRuns(image, darkBelow: darkBelow)
        let vertical = verticalRuns(image, darkBelow: darkBelow)
        var out = image.pixels
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

    /// For each dark pixel, the length of the dark run across its row it belongs to (0: light).
    static func horizontalRuns(_ image: GreyImage, darkBelow: UInt8) -> [UInt16] {
        let w = image.width, h = image.height
        var horizontal = [UInt16](repeating: 0, count: w * h)
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
        }
        return horizontal
    }

    /// For each dark pixel, the length of the dark run down its column it belongs to (0: light).
    /// Row by row (the image is stored by rows): run length so far going down, then each run's
    /// full length carried back up from its last pixel.
    static func verticalRuns(_ image: GreyImage, darkBelow: UInt8) -> [UInt16] {
        let w = image.width, h = image.height
        var vertical = [UInt16](repeating: 0, count: w * h)
        image.pixels.withUnsafeBufferPointer { p in
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
        return vertical
    }
}
