import Bitmap

/// Trims the blank margins off a page picture so the printed part shows larger beside the tables.
enum PageMargins {
    /// A pixel is ink when some channel is below this level (well below white, 255).
    static let inkBelow: UInt8 = 190
    /// A row or column counts when it holds this many ink pixels (a lone speck of scanner noise does not).
    static let inkPixels = 3
    /// Pixels of margin left around the printed part.
    static let padding = 12

    static func trimmed(_ image: RGBImage, padding: Int = PageMargins.padding) -> RGBImage {
        let w = image.width, h = image.height
        guard w > 0, h > 0 else { return image }
        var rowInk = [Int](repeating: 0, count: h), columnInk = [Int](repeating: 0, count: w)
        image.pixels.withUnsafeBufferPointer { p in
            for y in 0..<h {
                for x in 0..<w {
                    let i = (y * w + x) * 3
                    if min(p[i], p[i + 1], p[i + 2]) < inkBelow { rowInk[y] += 1; columnInk[x] += 1 }
                }
            }
        }
        let minimum = inkPixels
        guard let top = rowInk.firstIndex(where: { $0 >= minimum }),
              let bottom = rowInk.lastIndex(where: { $0 >= minimum }),
              let left = columnInk.firstIndex(where: { $0 >= minimum }),
              let right = columnInk.lastIndex(where: { $0 >= minimum }) else { return image }
        let x0 = max(0, left - padding), y0 = max(0, top - padding)
        return image.crop(x: x0, y: y0, width: min(w, right + padding + 1) - x0, height: min(h, bottom + padding + 1) - y0)
    }
}
