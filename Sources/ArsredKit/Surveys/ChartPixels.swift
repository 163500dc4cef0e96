import Bitmap
import Foundation

/// A rectangle in image pixels, half-open.
struct PixelBox: Equatable {
    var x0: Int, y0: Int, x1: Int, y1: Int
    var width: Int { x1 - x0 }
    var height: Int { y1 - y0 }
    func inset(by d: Int) -> PixelBox { PixelBox(x0: x0 + d, y0: y0 + d, x1: x1 - d, y1: y1 - d) }
    func overlaps(_ o: PixelBox) -> Bool { x0 < o.x1 && o.x0 < x1 && y0 < o.y1 && o.y0 < y1 }
    func union(_ o: PixelBox) -> PixelBox {
        PixelBox(x0: min(x0, o.x0), y0: min(y0, o.y0), x1: max(x1, o.x1), y1: max(y1, o.y1))
    }
}

struct Colour: Equatable {
    var r: Double, g: Double, b: Double
    func distance(_ o: Colour) -> Double {
        let dr = r - o.r, dg = g - o.g, db = b - o.b
        return (dr * dr + dg * dg + db * db).squareRoot()
    }
    var luma: Double { 0.299 * r + 0.587 * g + 0.114 * b }

    /// CIE L*a*b* (D65) of this sRGB colour (channels 0...255).
    var lab: Lab {
        func linear(_ v: Double) -> Double {
            let c = v / 255
            return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055).pow(2.4)
        }
        let R = linear(r), G = linear(g), B = linear(b)
        // sRGB to XYZ, scaled by the D65 white.
        let x = (0.4124 * R + 0.3576 * G + 0.1805 * B) / 0.95047
        let y = 0.2126 * R + 0.7152 * G + 0.0722 * B
        let z = (0.0193 * R + 0.1192 * G + 0.9505 * B) / 1.08883
        func f(_ t: Double) -> Double { t > 216.0 / 24389 ? t.pow(1.0 / 3) : (24389.0 / 27 * t + 16) / 116 }
        return Lab(l: 116 * f(y) - 16, a: 500 * (f(x) - f(y)), b: 200 * (f(y) - f(z)))
    }

    /// Perceptual distance (CIE76 delta E): about 2.3 is just noticeable, chart palettes lie 15
    /// and more apart.
    func deltaE(_ o: Colour) -> Double { lab.distance(o.lab) }
}

/// A colour in CIE L*a*b*.
struct Lab: Equatable {
    var l: Double, a: Double, b: Double
    func distance(_ o: Lab) -> Double {
        let dl = l - o.l, da = a - o.a, db = b - o.b
        return (dl * dl + da * da + db * db).squareRoot()
    }
}

private extension Double {
    func pow(_ e: Double) -> Double { Foundation.pow(self, e) }
}

extension RGBImage {
    @inline(__always) func colour(_ x: Int, _ y: Int) -> Colour {
        let p = pixel(x, y); return Colour(r: Double(p.r), g: Double(p.g), b: Double(p.b))
    }
    /// The paper's level: a high percentile of each pixel's darkest channel.
    var paperLevel: Int {
        var hist = [Int](repeating: 0, count: 256)
        let step = max(1, (width * height) / ChartFinder.paperSamples)
        var i = 0, n = 0
        while i < width * height {
            let m = Swift.min(pixels[3 * i], pixels[3 * i + 1], pixels[3 * i + 2])
            hist[Int(m)] += 1; n += 1; i += step
        }
        var acc = 0
        for v in stride(from: 255, through: 0, by: -1) {
            acc += hist[v]
            if acc >= n * ChartFinder.paperTenths / 10 { return v }
        }
        return 255
    }
    /// A mark without the halo JPEG gives it (chroma spread over 16x16 blocks, which the ink
    /// mask counts): the box of the pixels close to the colour of its inside.
    func markCore(_ box: PixelBox) -> PixelBox? {
        guard let m = medianColour(box.inset(by: Swift.min(box.width, box.height) / ChartReader.swatchInsetDivisor)) else { return nil }
        var core: PixelBox?
        for y in Swift.max(0, box.y0)..<Swift.min(height, box.y1) {
            for x in Swift.max(0, box.x0)..<Swift.min(width, box.x1) where colour(x, y).distance(m) < ChartFinder.markColourDistance {
                let p = PixelBox(x0: x, y0: y, x1: x + 1, y1: y + 1)
                core = core.map { $0.union(p) } ?? p
            }
        }
        return core
    }

    /// Share of a region's pixels darker than the paper (`paperLevel`) by more than `contrast`
    /// in some channel: ink, as the finder's masks count it.
    func inkShare(_ box: PixelBox, paperLevel: Int, contrast: Int) -> Double {
        var n = 0, k = 0
        for y in Swift.max(0, box.y0)..<Swift.min(height, box.y1) {
            for x in Swift.max(0, box.x0)..<Swift.min(width, box.x1) {
                let p = pixel(x, y); n += 1
                if paperLevel - Int(Swift.min(p.r, p.g, p.b)) > contrast { k += 1 }
            }
        }
        return n == 0 ? 0 : Double(k) / Double(n)
    }

    /// Share of a region's pixels close to its median colour (a legend mark is one colour).
    func uniformity(_ box: PixelBox) -> Double {
        guard let m = medianColour(box) else { return 0 }
        var n = 0, k = 0
        for y in Swift.max(0, box.y0)..<Swift.min(height, box.y1) {
            for x in Swift.max(0, box.x0)..<Swift.min(width, box.x1) { n += 1; if colour(x, y).distance(m) < ChartFinder.markColourDistance { k += 1 } }
        }
        return n == 0 ? 0 : Double(k) / Double(n)
    }

    /// Per-channel median colour of a region.
    func medianColour(_ box: PixelBox) -> Colour? {
        var rs: [UInt8] = [], gs: [UInt8] = [], bs: [UInt8] = []
        let x0 = Swift.max(0, box.x0), x1 = Swift.min(width, box.x1), y0 = Swift.max(0, box.y0), y1 = Swift.min(height, box.y1)
        guard x1 > x0, y1 > y0 else { return nil }
        for y in y0..<y1 {
            for x in x0..<x1 {
                let p = pixel(x, y); rs.append(p.r); gs.append(p.g); bs.append(p.b)
            }
        }
        guard !rs.isEmpty else { return nil }
        rs.sort(); gs.sort(); bs.sort()
        let m = rs.count / 2
        return Colour(r: Double(rs[m]), g: Double(gs[m]), b: Double(bs[m]))
    }
}

/// Finds survey charts on a page picture: stacks of long solid bars and the small legend
/// swatches under them. Works at low resolution (about 100 dpi).
enum ChartFinder {
    struct Layout { var bars: [PixelBox]; var swatches: [PixelBox] }

    /// Ink: darker than the paper by `contrast` in some channel (pale chart colours count).
    static func inkMask(_ img: RGBImage, contrast: Int = BarGeometry.inkContrast) -> [Bool] {
        let paper = img.paperLevel
        var mask = [Bool](repeating: false, count: img.width * img.height)
        for i in 0..<(img.width * img.height) {
            let m = Int(min(img.pixels[3 * i], img.pixels[3 * i + 1], img.pixels[3 * i + 2]))
            mask[i] = paper - m > contrast
        }
        return mask
    }

    /// Erodes with a 3x3 square: text strokes vanish, filled areas stay.
    static func erode(_ m: [Bool], width w: Int, height h: Int) -> [Bool] {
        var out = [Bool](repeating: false, count: w * h)
        guard w > 2, h > 2 else { return out }
        for y in 1..<(h - 1) {
            for x in 1..<(w - 1) {
                var all = true
                outer: for dy in -1...1 { for dx in -1...1 where !m[(y + dy) * w + x + dx] { all = false; break outer } }
                out[y * w + x] = all
            }
        }
        return out
    }

    struct Component { var box: PixelBox; var count: Int }

    static func components(_ m: [Bool], width w: Int, height h: Int) -> [Component] {
        var seen = [Bool](repeating: false, count: w * h)
        var out: [Component] = []
        var stack: [Int] = []
        for start in 0..<(w * h) where m[start] && !seen[start] {
            seen[start] = true; stack.append(start)
            var box = PixelBox(x0: start % w, y0: start / w, x1: start % w + 1, y1: start / w + 1)
            var count = 0
            while let p = stack.popLast() {
                count += 1
                let x = p % w, y = p / w
                box.x0 = min(box.x0, x); box.x1 = max(box.x1, x + 1); box.y0 = min(box.y0, y); box.y1 = max(box.y1, y + 1)
                if x > 0, m[p - 1], !seen[p - 1] { seen[p - 1] = true; stack.append(p - 1) }
                if x < w - 1, m[p + 1], !seen[p + 1] { seen[p + 1] = true; stack.append(p + 1) }
                if y > 0, m[p - w], !seen[p - w] { seen[p - w] = true; stack.append(p - w) }
                if y < h - 1, m[p + w], !seen[p + w] { seen[p + w] = true; stack.append(p + w) }
            }
            out.append(Component(box: box, count: count))
        }
        return out
    }

    /// The charts on a page picture rendered at `dpi`.
    static func find(in img: RGBImage, dpi: Double) -> [Layout] {
        let unit = dpi / 100
        let stacks = self.stacks(bars(in: img, unit: unit))
        // Legend marks may be paler than bars are allowed to be: found on a finer mask.
        let marks = components(inkMask(img, contrast: markContrast), width: img.width, height: img.height)
        var layouts: [Layout] = []
        for var s in stacks where s.count >= stackBars {
            let x0 = s.map(\.x0).sorted()[s.count / 2], x1 = s.map(\.x1).sorted()[s.count / 2]
            for i in s.indices { s[i].x0 = x0; s[i].x1 = x1 }
            layouts.append(Layout(bars: s, swatches: legend(under: s, marks: marks, in: img, unit: unit)))
        }
        return layouts
    }

    /// Long solid bars, top to bottom: pieces of bars (segments split by white separators or
    /// white labels) joined per row.
    static func bars(in img: RGBImage, unit: Double) -> [PixelBox] {
        let w = img.width, h = img.height
        let comps = components(erode(inkMask(img), width: w, height: h), width: w, height: h)
        var pieces = comps.filter {
            Double($0.box.height) >= barHeightPx.lowerBound * unit && Double($0.box.height) <= barHeightPx.upperBound * unit
                && $0.box.width >= minPieceWidthPx
                && Double($0.count) >= pieceFill * Double($0.box.width * $0.box.height)
                && $0.box.width >= $0.box.height / 2
        }.map(\.box)
        pieces.sort { $0.x0 < $1.x0 }
        var rows: [PixelBox] = []
        for p in pieces {
            if let i = rows.firstIndex(where: { r in
                let overlap = min(r.y1, p.y1) - max(r.y0, p.y0)
                return overlap >= min(r.height, p.height) * pieceOverlapTenths / 10 && p.x0 - r.x1 <= Int(pieceGapPx * unit) && p.x0 >= r.x0
            }) {
                rows[i] = rows[i].union(p)
            } else {
                rows.append(p)
            }
        }
        return rows.filter { $0.width >= barAspect * $0.height && Double($0.width) >= minBarLengthPx * unit }
            .sorted { $0.y0 < $1.y0 }
    }

    /// Stacks: bars sharing their left and right ends, close above each other.
    static func stacks(_ bars: [PixelBox]) -> [[PixelBox]] {
        var stacks: [[PixelBox]] = []
        for b in bars {
            // Bars end together at 100%; a pale first segment may make one start late.
            if var s = stacks.last, let last = s.last,
               case let endSlack = max(stackEndPx, last.width / stackEndDivisor),
               abs(last.x0 - b.x0) <= endSlack || abs(last.x1 - b.x1) <= endSlack,
               b.y0 - last.y1 <= stackGapInBarHeights * last.height {
                s.append(b); stacks[stacks.count - 1] = s
            } else {
                stacks.append([b])
            }
        }
        return stacks
    }

    /// The legend marks under a stack of bars: of the marks of a legend's size and shape in
    /// reach below it, those wearing the bars' colours, and the marks the masks missed.
    static func legend(under s: [PixelBox], marks: [Component], in img: RGBImage, unit: Double) -> [PixelBox] {
        let first = s.first!, last = s.last!
        let pitch = Double(last.y0 - first.y0) / Double(s.count - 1)
        func inReach(_ c: PixelBox) -> Bool { c.y0 >= last.y1 && Double(c.y0) <= Double(last.y1) + legendReachInPitches * pitch }
        let swatches = marks.filter { Double($0.count) >= markFill * Double($0.box.width * $0.box.height) }.map(\.box).filter { c in
            let side = Double(max(c.width, c.height))
            return side >= markSidePx.lowerBound * unit && side <= markSidePx.upperBound * unit
                && Double(min(c.width, c.height)) >= markShortSidePx * unit
                && c.width * 5 >= c.height * 2 && c.height * 5 >= c.width * 2   // sides within 5:2 before the core is cut
                && inReach(c)
                && c.x0 >= first.x0 - first.width / legendOverhangDivisor && c.x1 <= first.x1 + first.width / legendOverhangDivisor
        }
        // Legend marks wear the bars' colours; text does not.
        let barColours = coloursAlong(s, in: img)
        let uniform = uniformMarks(swatches, in: img)
        let coloured = uniform.filter { sw in
            guard let c = img.medianColour(sw.inset(by: min(sw.width, sw.height) / ChartReader.swatchInsetDivisor)) else { return false }
            return barColours.contains { $0.deltaE(c) < swatchToBarDeltaE }
        }
        var band = grown(legendBand(coloured, in: img), uniform: uniform, unit: unit)
        // A mark just right of another is the first letter of that one's name.
        band = band.filter { m in
            !band.contains { o in o != m && abs(o.y0 - m.y0) <= o.height && m.x0 >= o.x1 && m.x0 - o.x1 < firstLetterInMarks * o.width }
        }
        let paper = Double(img.paperLevel), paperColour = Colour(r: paper, g: paper, b: paper)
        let legendArea = marks.map(\.box).filter { c in inReach(c) && c.x0 >= first.x0 - first.width / legendOverhangDivisor && c.x0 <= first.x1 }
        band += fusedMarks(band, components: legendArea, in: img, barColours: barColours, paper: paperColour)
        band += neighbourRow(band, in: img, barColours: barColours, paper: paperColour)
        band += gridGaps(band, in: img, barColours: barColours, paper: paperColour)
        return band
    }

    /// Legend marks are of one colour, squares or nearly (figures and words are wider than
    /// high): the mark's core when it is one, else the mark as found.
    static func uniformMarks(_ swatches: [PixelBox], in img: RGBImage) -> [PixelBox] {
        swatches.compactMap { sw -> PixelBox? in
            if let c = img.markCore(sw), Double(max(c.width, c.height)) <= legendMarkMaxAspect * Double(min(c.width, c.height)),
               img.uniformity(c.inset(by: 1)) >= legendMarkUniformity { return c }
            return img.uniformity(sw.inset(by: 1)) >= legendMarkUniformity ? sw : nil
        }
    }

    /// The band the bar-coloured marks lie in, with its other marks of their size (a category no
    /// bar shows, a mark too faded to match), or somewhat larger (one a JPEG halo grew; never
    /// smaller: those are letters of the names), row by row.
    static func grown(_ start: [PixelBox], uniform: [PixelBox], unit: Double) -> [PixelBox] {
        var band = start
        guard let ref = band.first else { return band }
        var grown = true
        while grown {
            grown = false
            guard let top = band.map(\.y0).min(), let bottom = band.map(\.y1).max() else { break }
            let halo = Int((legendMarkHaloPx * unit).rounded())
            for m in uniform where !band.contains(m) && m.y0 >= top - bandReachInMarks * ref.height && m.y1 <= bottom + bandReachInMarks * ref.height
                && (ref.width - 1...ref.width + max(halo, ref.width / haloGrowthDivisor)).contains(m.width)
                && (ref.height - 1...ref.height + max(halo, ref.height / haloGrowthDivisor)).contains(m.height)
                && band.contains(where: { abs($0.x0 - m.x0) <= max(markAlignPx, ref.width / 2) || abs($0.y0 - m.y0) <= max(markAlignPx, ref.height / 2) }) {
                band.append(m); grown = true
            }
        }
        return band
    }

    // MARK: finding bars (pixels at 100 dpi, scaled by `unit` at other resolutions)

    /// The paper's level is sampled on about this many pixels (every n-th of the page).
    static let paperSamples = 200_000
    /// The paper's level: the darkest channel reached by the lightest this many tenths of the
    /// pixels (a page is at least a third paper; print and charts are the rest).
    static let paperTenths = 3
    /// A piece of a bar is this high (pixels at 100 dpi): a 3 pt bar to a 43 pt one.
    static let barHeightPx = 4.0...60.0
    /// Narrowest piece of a bar, in pixels (a 1% segment of the shortest bar).
    static let minPieceWidthPx = 3
    /// A piece fills this share of its box (erosion rounds corners; a tilted bar's box is larger).
    static let pieceFill = 0.45
    /// Pieces of one row overlap by this many tenths of the lower's height and lie at most this
    /// many pixels (at 100 dpi) apart: white separators and white labels cut a bar into pieces.
    static let pieceOverlapTenths = 6, pieceGapPx = 5.0
    /// A bar is at least this many times longer than high and this long (pixels at 100 dpi, about
    /// 25 mm): table rules are thinner, text blocks are not solid.
    static let barAspect = 8, minBarLengthPx = 100.0
    /// Bars of one stack end within this many pixels or this share of their length (1/30) of each
    /// other, and stand at most this many bar heights apart.
    /// Bars of one chart (a stack) share an end within this many pixels at 100 dpi or this share
    /// of the bar's length (1/30), whichever is more, and stand at most this many bar heights
    /// apart: the chart's own bars, not another chart's below it.
    static let stackEndPx = 3, stackEndDivisor = 30, stackGapInBarHeights = 3

    // MARK: finding the legend

    /// Legend marks are looked for on a mask of this contrast below the paper (darkest channel):
    /// finer than the bars', as a pale palette's marks lose colour to blur and JPEG.
    static let markContrast = 20
    /// A mark fills this share of its box (a square; letters fill less).
    static let markFill = 0.75
    /// A mark's longer side, and its shorter side at least, in pixels at 100 dpi: office charts
    /// draw marks of 2 to 6 mm.
    static let markSidePx = 5.0...25.0, markShortSidePx = 4.0
    /// The legend stands within this many bar pitches below the last bar (under an axis and
    /// its figures).
    static let legendReachInPitches = 7.0
    /// The legend may overhang the bars by this share of their length (1/4) each side.
    static let legendOverhangDivisor = 4
    /// Other marks of the legend's size join it within this many mark heights above or below it.
    static let bandReachInMarks = 3
    /// A mark within this many mark widths right of another on its row is that one's name's
    /// first letter (`I` of `Inte alls` in a bold font).
    static let firstLetterInMarks = 2
    /// Pixels of one mark lie within this RGB distance of its median colour (JPEG ringing and
    /// blur move a mark's pixels by 20 to 30; its name's black print is 150 away).
    static let markColourDistance = 40.0
    /// A bar's fill colour holds within this RGB distance along a row for at least this many
    /// pixels (label strokes do not), and fills closer than `fillColourDistance` are one.
    static let fillRunDistance = 25.0, fillRunPx = 4, fillColourDistance = 12.0

    /// A chart has at least this many bars in a stack (a survey has several questions).
    static let stackBars = 2
    /// A mark a JPEG halo grew is at most a third larger (or `legendMarkHaloPx`) than the legend's.
    static let haloGrowthDivisor = 3
    /// Marks stand in one column or row when their left or top edges lie within half a mark or
    /// this many pixels of each other.
    static let markAlignPx = 2
    /// Marks of one legend are of one size within a pixel or this share of it (1/5).
    static let markSizeSlackDivisor = 5
    /// A legend's marks stand within this many mark heights of each other, top to bottom (six rows).
    static let legendHeightInMarks = 5
    /// The grid of a legend is known from this many marks (two columns and two rows need three).
    static let gridMarks = 3

    /// Farthest a legend mark's inside may lie from a bar colour (CIE76): JPEG takes a small
    /// mark's colour towards the paper by up to 20; text is grey or black, 40 and more from
    /// any palette colour but grey's.
    static let swatchToBarDeltaE = 30.0
    /// Longest side of a legend mark over its shortest: office charts draw squares or 5:4
    /// rectangles (9x6 pixels at the finding resolution at worst); words are wider.
    static let legendMarkMaxAspect = 1.6
    /// Legend colours closer than this (CIE76) count as one when telling a legend from a row of
    /// grey figures: neighbouring shades of a sequential palette lie 6 and more apart.
    static let distinctSwatchDeltaE = 5.0

    /// The colours the bars are filled with: colours holding still over a few pixels along
    /// the bars (label strokes are too thin to).
    static func coloursAlong(_ bars: [PixelBox], in img: RGBImage) -> [Colour] {
        var out: [Colour] = []
        for b in bars {
            for y in [b.y0 + b.height / 3, b.y0 + b.height / 2, b.y0 + 2 * b.height / 3] where y < img.height {
                var x = b.x0
                while x < min(b.x1, img.width) {
                    let start = img.colour(x, y)
                    var end = x + 1
                    var sum = start
                    while end < min(b.x1, img.width), img.colour(end, y).distance(start) < fillRunDistance {
                        let c = img.colour(end, y); sum.r += c.r; sum.g += c.g; sum.b += c.b; end += 1
                    }
                    let n = Double(end - x)
                    if end - x >= fillRunPx {
                        let c = Colour(r: sum.r / n, g: sum.g / n, b: sum.b / n)
                        if !out.contains(where: { $0.distance(c) < fillColourDistance }) { out.append(c) }
                    }
                    x = end
                }
            }
        }
        return out
    }

    /// How much a JPEG halo may grow a legend mark, in pixels at 100 dpi: chroma is kept per
    /// 16x16 block of a 200 dpi scan, 8 pixels here, and bleeds up to half a block past the mark.
    static let legendMarkHaloPx = 4.0

    /// Marks of a legend laid out in rows and columns that the mask missed (on a noisy scan a
    /// mark runs into its name and no longer looks like a mark): at every crossing of the
    /// legend's rows and columns without a mark, a box of the marks' size that is one colour and
    /// wears a bar's colour.
    static func gridGaps(_ band: [PixelBox], in img: RGBImage, barColours: [Colour], paper: Colour) -> [PixelBox] {
        guard let ref = band.first, band.count >= gridMarks else { return [] }
        let columns = clusters(band.map(\.x0), within: max(markAlignPx, ref.width / 2))
        let rows = clusters(band.map(\.y0), within: max(markAlignPx, ref.height / 2))
        guard columns.count >= 2, rows.count >= 2 else { return [] }
        let w = band.map(\.width).sorted()[band.count / 2], h = band.map(\.height).sorted()[band.count / 2]
        var found: [PixelBox] = []
        for y in rows {
            for x in columns where !band.contains(where: { abs($0.x0 - x) <= max(markAlignPx, ref.width / 2) && abs($0.y0 - y) <= max(markAlignPx, ref.height / 2) }) {
                let box = PixelBox(x0: x, y0: y, x1: x + w, y1: y + h)
                // A mark a tilted scan moved off the crossing is no gap.
                if (band + found).contains(where: { $0.overlaps(box) }) { continue }
                if img.uniformity(box.inset(by: 1)) >= legendMarkUniformity,
                   let c = img.medianColour(box.inset(by: min(w, h) / ChartReader.swatchInsetDivisor)),
                   c.deltaE(paper) >= markOverPaperDeltaE,
                   barColours.contains(where: { $0.deltaE(c) < swatchToBarDeltaE }) {
                    found.append(box); continue
                }
                // The crossing is where the mark would stand were the legend drawn exactly; on a
                // scan its marks stand a few pixels off it (the halo, the tilt): the best mark near it.
                let known = (band + found).compactMap { img.medianColour($0.inset(by: min($0.width, $0.height) / ChartReader.swatchInsetDivisor)) }
                if let m = markNear(box, radius: (w / 2, h / 2), in: img, barColours: barColours, known: known, paper: paper) {
                    found.append(m.box)
                }
            }
        }
        return found
    }
    /// Legend marks fused with their names (at the finding resolution a mark touches the first
    /// letters beside it, `Inte` of `Inte alls`, and the two make one component, too large and
    /// too little filled for a mark): components on a row of the legend that hold none of its
    /// marks found, wider than a mark, whose left end is a box of the marks' size that is one
    /// colour, off the paper, a bar's colour and none of the found marks' colours.
    static func fusedMarks(_ band: [PixelBox], components: [PixelBox], in img: RGBImage, barColours: [Colour], paper: Colour) -> [PixelBox] {
        guard band.count >= legendEntriesForRows else { return [] }
        let w = band.map(\.width).sorted()[band.count / 2], h = band.map(\.height).sorted()[band.count / 2]
        let rows = clusters(band.map(\.y0), within: max(markAlignPx, h / 2))
        let paperLevel = img.paperLevel
        var found: [PixelBox] = []
        for c in components.sorted(by: { $0.x0 < $1.x0 }) where c.width > w + 1 && c.height >= h - 1 && c.height <= h * fusedHeightInMarks
            && !(band + found).contains(where: { $0.overlaps(c) }) {
            guard let row = rows.first(where: { $0 >= c.y0 - h / 2 && $0 + h <= c.y1 + h / 2 }) else { continue }
            // A mark follows the name before it past a space wider than a mark; nearer, it is
            // letters of that name (its word spaces are narrower).
            if let left = (band + found).filter({ abs($0.y0 - row) <= max(markAlignPx, h / 2) && $0.x1 <= c.x0 }).max(by: { $0.x1 < $1.x1 }),
               !paperRun(in: img, from: left.x1, to: c.x0, rows: (row - h / 2)..<(row + h + h / 2), atLeast: w, paperLevel: paperLevel) { continue }
            let known = (band + found).compactMap { img.medianColour($0.inset(by: min($0.width, $0.height) / ChartReader.swatchInsetDivisor)) }
            var best: (box: PixelBox, fill: Double, uniformity: Double)?
            for dy in -(h / 2)...(h / 2) {
                for dx in 0...max(0, min(w / 2, c.width - w)) {
                    let b = PixelBox(x0: c.x0 + dx, y0: row + dy, x1: c.x0 + dx + w, y1: row + dy + h)
                    guard b.x0 >= 0, b.y0 >= 0, b.x1 <= img.width, b.y1 <= img.height else { continue }
                    // A mark is solid ink (letters leave paper between their strokes; a pale
                    // mark's box half on the paper is still one colour).
                    let fill = img.inkShare(b, paperLevel: paperLevel, contrast: markContrast)
                    let u = img.uniformity(b.inset(by: 1))
                    guard fill >= markFill, u >= legendMarkUniformity,
                          (fill, u) > (best?.fill ?? 0, best?.uniformity ?? 0),
                          let colour = img.medianColour(b.inset(by: min(w, h) / ChartReader.swatchInsetDivisor)),
                          colour.deltaE(paper) >= markOverPaperDeltaE,
                          barColours.contains(where: { $0.deltaE(colour) < swatchToBarDeltaE }),
                          !known.contains(where: { $0.deltaE(colour) < distinctSwatchDeltaE }) else { continue }
                    best = (b, fill, u)
                }
            }
            if let best { found.append(best.box) }
        }
        return found
    }
    /// A column is paper, between a legend's names, when less than this share of its pixels in
    /// the row is ink (a textured scan's specks).
    static let paperColumnInkShare = 0.1

    /// Whether `atLeast` neighbouring columns between `from` and `to` are paper over `rows`.
    static func paperRun(in img: RGBImage, from: Int, to: Int, rows: Range<Int>, atLeast: Int, paperLevel: Int) -> Bool {
        var run = 0
        for x in max(0, from)..<max(max(0, from), min(img.width, to)) {
            let column = PixelBox(x0: x, y0: rows.lowerBound, x1: x + 1, y1: rows.upperBound)
            run = img.inkShare(column, paperLevel: paperLevel, contrast: markContrast) < paperColumnInkShare ? run + 1 : 0
            if run >= atLeast { return true }
        }
        return false
    }

    /// A legend's second row of marks the masks missed (on a scan the marks of one row run into
    /// their names): when the marks found make one row, the best mark near each of its columns
    /// within `bandReachInMarks` mark heights above or below, kept when `gridMarks` - 1 or more
    /// of them stand in one row of their own, of distinct colours, each solid ink, one colour,
    /// off the paper and a bar's colour.
    static func neighbourRow(_ band: [PixelBox], in img: RGBImage, barColours: [Colour], paper: Colour) -> [PixelBox] {
        guard band.count >= legendEntriesForRows else { return [] }
        let w = band.map(\.width).sorted()[band.count / 2], h = band.map(\.height).sorted()[band.count / 2]
        let align = max(markAlignPx, h / 2)
        guard let row = clusters(band.map(\.y0), within: align).first, clusters(band.map(\.y0), within: align).count == 1 else { return [] }
        let columns = clusters(band.map(\.x0), within: max(markAlignPx, w / 2))
        let paperLevel = img.paperLevel
        let span = (bandReachInMarks * h - h) / 2
        var best: [PixelBox] = []
        for direction in [1, -1] {
            let centre = row + direction * (h + 1 + span)
            var found: [PixelBox] = []
            for x in columns {
                let known = (band + found).compactMap { img.medianColour($0.inset(by: min($0.width, $0.height) / ChartReader.swatchInsetDivisor)) }
                let probe = PixelBox(x0: x, y0: centre, x1: x + w, y1: centre + h)
                guard let m = markNear(probe, radius: (w / 2, span), in: img, barColours: barColours, known: known, paper: paper),
                      img.inkShare(m.box, paperLevel: paperLevel, contrast: markContrast) >= markFill else { continue }
                found.append(m.box)
            }
            // The marks of one row: those standing level with the most others.
            let level = found.map { m in found.filter { abs($0.y0 - m.y0) <= align } }.max { $0.count < $1.count } ?? []
            if level.count >= gridMarks - 1, level.count > best.count { best = level }
        }
        return best
    }

    /// A mark fused with its name's first letters is at most this many mark heights high
    /// (capitals and descenders of the name's letters stand higher and lower than the mark).
    static let fusedHeightInMarks = 3

    /// Positions grouped where each lies within `d` of the one before (single linkage, so a
    /// row a scan tilted by a few pixels stays one row); each group by its smallest.
    static func clusters(_ v: [Int], within d: Int) -> [Int] {
        var out: [Int] = []
        var previous: Int?
        for x in v.sorted() {
            if let p = previous, x - p <= d { previous = x; continue }
            out.append(x); previous = x
        }
        return out
    }

    /// A legend's rows are searched for marks once this many are found (its size and rows known).
    static let legendEntriesForRows = 2
    /// A legend mark's colour lies at least this far (CIE76) from the paper: paper noise moves by
    /// 2 to 4, the palest palette colour (a light yellow) lies 25 away.
    static let markOverPaperDeltaE = 10.0

    /// The most uniform box of `box`'s size within `radius` of it that is a legend mark: one
    /// colour, off the paper, a bar's colour and none of the `known` marks' colours.
    static func markNear(_ box: PixelBox, radius: (x: Int, y: Int), in img: RGBImage, barColours: [Colour],
                         known: [Colour], paper: Colour) -> (box: PixelBox, uniformity: Double)? {
        var best: (box: PixelBox, uniformity: Double)?
        for dy in -radius.y...radius.y {
            for dx in -radius.x...radius.x {
                let b = PixelBox(x0: box.x0 + dx, y0: box.y0 + dy, x1: box.x1 + dx, y1: box.y1 + dy)
                guard b.x0 >= 0, b.y0 >= 0, b.x1 <= img.width, b.y1 <= img.height else { continue }
                let u = img.uniformity(b.inset(by: 1))
                guard u >= legendMarkUniformity, u > (best?.uniformity ?? 0),
                      let c = img.medianColour(b.inset(by: min(b.width, b.height) / ChartReader.swatchInsetDivisor)),
                      c.deltaE(paper) >= markOverPaperDeltaE,
                      barColours.contains(where: { $0.deltaE(c) < swatchToBarDeltaE }),
                      !known.contains(where: { $0.deltaE(c) < distinctSwatchDeltaE }) else { continue }
                best = (b, u)
            }
        }
        return best
    }

    /// Share of a legend mark's pixels near its median colour (a mark is filled with one colour).
    static let legendMarkUniformity = 0.6

    /// Swatches of one legend: of the groups of same-sized marks lying close together, the one
    /// with the most different colours (a legend shows six; axis figures and bits of text make
    /// marks too, all of one grey), then the largest.
    static func legendBand(_ marks: [PixelBox], in img: RGBImage) -> [PixelBox] {
        // Within a pixel or a fifth of the seed's size: what is left of figures after erosion
        // (9x6, 7x7) lies between the sizes of real marks and would otherwise join them.
        func alike(_ a: PixelBox, _ b: PixelBox) -> Bool {
            abs(a.width - b.width) <= max(1, a.width / markSizeSlackDivisor) && abs(a.height - b.height) <= max(1, a.height / markSizeSlackDivisor)
                && abs(a.y0 - b.y0) <= legendHeightInMarks * a.height
        }
        let colours = marks.map { img.medianColour($0.inset(by: min($0.width, $0.height) / ChartReader.swatchInsetDivisor)) ?? Colour(r: 255, g: 255, b: 255) }
        func group(_ seed: Int) -> [Int] { marks.indices.filter { alike(marks[seed], marks[$0]) } }
        func score(_ g: [Int]) -> (Int, Int) {
            var distinct: [Colour] = []
            for i in g where !distinct.contains(where: { $0.deltaE(colours[i]) < distinctSwatchDeltaE }) { distinct.append(colours[i]) }
            return (distinct.count, g.count)
        }
        guard let best = marks.indices.map(group).max(by: { score($0) < score($1) }) else { return [] }
        return best.map { marks[$0] }
    }
}
