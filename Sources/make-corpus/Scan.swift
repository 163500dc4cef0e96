import Bitmap
import Canvas

/// Turns a drawn page into what a scanner returns: a slightly rotated raster with some noise.
struct Scanner {
    var dpi: Double
    var rotationDegrees: Double
    /// Noise on inked pixels (grey levels), in steps of `noiseStep` so the page still compresses;
    /// the paper stays clean for the same reason.
    var noiseSigma: Double
    var noiseStep: Double = 6
    /// Share of inked pixels that get noise.
    var noiseShare: Double = 0.35
    /// Dust specks per million pixels.
    var specksPerMillion: Double

    /// A scanned page: the grey page, plus colour crops (with where they go, in points) for its pictures,
    /// the way mixed-raster scans keep colour only where it is.
    func scan(_ page: PageDraft, rng: inout SeededRandom) -> (page: GreyImage, colour: [(RGBImage, Rect)]) {
        let (plain, rgb) = rasterise(page, colour: !page.colourRegions.isEmpty, rng: &rng)
        guard let rgb else { return (plain!, []) }
        let scale = dpi / 72, margin = 8.0
        let crops = page.colourRegions.map { r -> (RGBImage, Rect) in
            let x0 = Int(((r.x - margin) * scale).rounded(.down)), y0 = Int(((r.y - margin) * scale).rounded(.down))
            let x1 = Int(((r.maxX + margin) * scale).rounded(.up)), y1 = Int(((r.maxY + margin) * scale).rounded(.up))
            let crop = rgb.crop(x: x0, y: y0, width: x1 - x0, height: y1 - y0)
            return (crop, Rect(x: Double(x0) / scale, y: Double(y0) / scale,
                               width: Double(crop.width) / scale, height: Double(crop.height) / scale))
        }
        // Under the colour crops the grey layer is blank, as in a mixed-raster scan.
        var grey = rgb.grey
        for (img, r) in crops {
            let x0 = Int((r.x * scale).rounded()), y0 = Int((r.y * scale).rounded())
            for y in max(0, y0)..<min(grey.height, y0 + img.height) {
                for x in max(0, x0)..<min(grey.width, x0 + img.width) { grey[x, y] = 255 }
            }
        }
        return (grey, crops)
    }

    func rasterise(_ page: PageDraft, colour: Bool, rng: inout SeededRandom) -> (grey: GreyImage?, rgb: RGBImage?) {
        let scale = dpi / 72
        let w = PDFDocument.a4.width, h = PDFDocument.a4.height
        let canvas = ImageCanvas(width: Int((w * scale).rounded()), height: Int((h * scale).rounded()))
        canvas.scale(by: scale)
        canvas.rotate(degrees: rotationDegrees, aboutX: w / 2, y: h / 2)
        page.draw(on: canvas)
        let rgb = canvas.rgbImage
        if colour {
            var px = rgb.pixels
            addNoise(&px, channels: 3, width: rgb.width, rng: &rng)
            return (nil, RGBImage(width: rgb.width, height: rgb.height, pixels: px))
        }
        var grey = rgb.grey
        addNoise(&grey.pixels, channels: 1, width: grey.width, rng: &rng)
        return (grey, nil)
    }

    private func addNoise(_ px: inout [UInt8], channels: Int, width: Int, rng: inout SeededRandom) {
        let pixels = px.count / channels
        for i in 0..<pixels {
            let base = i * channels
            var inked = false
            for c in 0..<channels where px[base + c] < 245 { inked = true }
            // Flat colour fills are large: they get less noise, or the picture stops compressing.
            guard inked, rng.unit() < (channels == 3 ? noiseShare / 3 : noiseShare) else { continue }
            let d = (rng.gaussian() * noiseSigma / noiseStep).rounded() * noiseStep
            for c in 0..<channels { px[base + c] = UInt8(max(0, min(255, Double(px[base + c]) + d)).rounded()) }
        }
        let specks = Int(Double(pixels) * specksPerMillion / 1_000_000)
        for _ in 0..<specks {
            let i = rng.int(0...(pixels - 2 - width))
            let v = UInt8(rng.int(60...170))
            for j in [i, i + 1, i + width] { for c in 0..<channels { px[j * channels + c] = v } }
        }
    }
}
