import Bitmap
import Canvas
import Tesseract

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

    /// A pixel darker than this grey level is ink and may get noise; lighter is paper, kept clean.
    static let inkBelow: UInt8 = 245
    /// Colour pixels get noise this many times less often: flat colour fills are large, and
    /// with more noise the picture stops compressing.
    static let colourNoiseDivisor = 3.0
    /// Points of page kept in colour around a picture, so its edge does not fall on grey.
    static let colourMargin = 8.0
    /// Grey levels a dust speck is drawn in.
    static let speckGreys = 60...170

    /// A scanned page: the grey page, plus colour crops (with where they go, in points) for its pictures,
    /// the way mixed-raster scans keep colour only where it is.
    func scan(_ page: PageDraft, rng: inout SeededRandom) -> (page: GreyImage, colour: [(RGBImage, Rect)]) {
        let (plain, rgb) = rasterise(page, colour: !page.colourRegions.isEmpty, rng: &rng)
        guard let rgb else { return (plain!, []) }
        let scale = dpi / 72, margin = Self.colourMargin
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
            for c in 0..<channels where px[base + c] < Self.inkBelow { inked = true }
            guard inked, rng.unit() < (channels == 3 ? noiseShare / Self.colourNoiseDivisor : noiseShare) else { continue }
            let d = (rng.gaussian() * noiseSigma / noiseStep).rounded() * noiseStep
            for c in 0..<channels { px[base + c] = UInt8(max(0, min(255, Double(px[base + c]) + d)).rounded()) }
        }
        let specks = Int(Double(pixels) * specksPerMillion / 1_000_000)
        for _ in 0..<specks {
            let i = rng.int(0...(pixels - 2 - width))
            let v = UInt8(rng.int(Self.speckGreys))
            for j in [i, i + 1, i + width] { for c in 0..<channels { px[j * channels + c] = v } }
        }
    }
}

/// What a colour scan does to a chart beyond noise: optical blur, the scanner's black and white
/// points with a colour cast, and JPEG coding (4:2:0 chroma, 8x8 blocks). Small legend marks lose
/// the most colour to it; the bars keep theirs.
struct ColourScan {
    /// Levels mapped to black and white (the scanner's stretch: darks darker, lights washed out).
    var black = 30.0, white = 228.0
    /// Gain per channel after the stretch: a cast of the scanner's lamp.
    var gains = (r: 1.0, g: 0.97, b: 0.92)
    /// Box blur radius in pixels (0: none).
    var blurRadius = 1
    var jpegQuality = 55

    func apply(_ image: RGBImage) -> RGBImage {
        var px = blurRadius > 0 ? blurred(image).pixels : image.pixels
        let gains = [gains.r, gains.g, gains.b]
        for i in px.indices {
            let v = (Double(px[i]) - black) * 255 / (white - black) * gains[i % 3]
            px[i] = UInt8(max(0, min(255, v)).rounded())
        }
        let shifted = RGBImage(width: image.width, height: image.height, pixels: px)
        return JPEGLoss.roundTrip(shifted, quality: jpegQuality) ?? shifted
    }

    private func blurred(_ image: RGBImage) -> RGBImage {
        let w = image.width, h = image.height, r = blurRadius
        var out = image.pixels
        for y in 0..<h {
            for x in 0..<w {
                var sum = (0, 0, 0), n = 0
                for yy in max(0, y - r)...min(h - 1, y + r) {
                    for xx in max(0, x - r)...min(w - 1, x + r) {
                        let p = image.pixel(xx, yy); sum.0 += Int(p.r); sum.1 += Int(p.g); sum.2 += Int(p.b); n += 1
                    }
                }
                let i = (y * w + x) * 3
                out[i] = UInt8(sum.0 / n); out[i + 1] = UInt8(sum.1 / n); out[i + 2] = UInt8(sum.2 / n)
            }
        }
        return RGBImage(width: w, height: h, pixels: out)
    }
}
