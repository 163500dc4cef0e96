import Bitmap

/// One bar as measured on the picture.
struct BarReading {
    struct Segment {
        var category: SurveyCategory?
        /// Share of the bar's length, 0...100.
        var widthPercent: Double
        /// Whether a label is printed inside.
        var labelled: Bool
        /// The label as read (nil: unreadable).
        var label: Double?
    }
    var number: Int?
    var n: Int?
    /// Whether `n` read whole: with the bracket closing it, or with clear paper between the
    /// label and the crop's end (else its last digits may be lost to the crop: `n=5` for 57).
    var nWhole = false
    var segments: [Segment]
}

/// A chart read from a page picture.
struct ChartReading {
    /// Top of the chart in points on its page.
    var top: Double
    var bars: [BarReading]
}

/// Reads a stacked-bar survey chart: legend colours and names, bars, segments, labels.
struct ChartReader {
    let vocabulary: SurveyVocabulary
    let reader: SurveyLabelReader
    /// Resolution the chart is measured and read at.
    var dpi: Double = 300
    /// Resolution the page is searched for charts at.
    var findDpi: Double = 100

    func read(page: Int, images: any PageImageSource) throws -> [ChartReading] {
        let lo = try images.image(page: page, region: nil, dpi: findDpi)
        var out: [ChartReading] = []
        for layout in ChartFinder.find(in: lo, dpi: findDpi) {
            if let r = try read(layout: layout, page: page, pageWidthPx: lo.width, images: images) { out.append(r) }
        }
        return out
    }

    private func read(layout: ChartFinder.Layout, page: Int, pageWidthPx: Int, images: any PageImageSource) throws -> ChartReading? {
        let toPt = 72 / findDpi
        let first = layout.bars.first!, last = layout.bars.last!
        let pitch = layout.bars.count > 1 ? Double(last.y0 - first.y0) / Double(layout.bars.count - 1) : Double(first.height * 2)
        var bottomPx = Double(last.y1) + pitch * 0.5
        for s in layout.swatches { bottomPx = max(bottomPx, Double(s.y1) + Double(s.height)) }
        // Wide enough for the legend's last name, which may run past the bars' end.
        var rightPx = Double(first.x1) + Double(first.width) * 0.05
        if let legendEnd = layout.swatches.map(\.x1).max() { rightPx = max(rightPx, Double(legendEnd) + Double(first.width) * 0.3) }
        let regionPt = Box(x0: max(0, Double(first.x0) - Double(first.width) * 0.45) * toPt,
                           y0: max(0, Double(first.y0) - pitch * 0.5) * toPt,
                           x1: min(Double(pageWidthPx), rightPx) * toPt,
                           y1: bottomPx * toPt)
        let img = try images.image(page: page, region: regionPt, dpi: dpi)
        let s = dpi / findDpi
        let ox = regionPt.x0 / toPt, oy = regionPt.y0 / toPt
        func hi(_ b: PixelBox) -> PixelBox {
            PixelBox(x0: Int((Double(b.x0) - ox) * s), y0: Int((Double(b.y0) - oy) * s),
                     x1: Int((Double(b.x1) - ox) * s), y1: Int((Double(b.y1) - oy) * s))
        }
        let paper = img.paperLevel
        // Legend: colour of each swatch, name from the text beside it.
        let swatches = layout.swatches.map(hi)
        var legend: [(colour: Colour, category: SurveyCategory?)] = []
        var texts: [String] = []
        for sw in swatches {
            let inset = max(1, sw.width / 4)
            guard let c = img.medianColour(PixelBox(x0: sw.x0 + inset, y0: sw.y0 + inset, x1: sw.x1 - inset, y1: sw.y1 - inset)) else { continue }
            let rowMates = swatches.filter { abs($0.y0 - sw.y0) <= sw.height / 2 && $0.x0 > sw.x0 }
            let nextX = rowMates.map(\.x0).min() ?? min(img.width, sw.x1 + sw.width * 18)
            let crop = binarised(img, PixelBox(x0: sw.x1 + sw.width / 3, y0: sw.y0 - sw.height / 2,
                                               x1: nextX - sw.width / 3, y1: sw.y1 + sw.height / 2), paper: paper)
            let text = crop.map { reader.readLine($0, dpi: Int(dpi), whitelist: nil) } ?? ""
            legend.append((c, vocabulary.category(named: FoldedText.fold(text))))
            texts.append(text)
        }
        // One swatch and one category left over: they belong together.
        let named = Set(legend.compactMap(\.category))
        let unnamed = legend.indices.filter { legend[$0].category == nil }
        let missing = SurveyCategory.allCases.filter { !named.contains($0) }
        if unnamed.count == 1, missing.count == 1 { legend[unnamed[0]].category = missing[0] }
        // Marks with no words beside them are not legend entries (bits of axis figures).
        legend = legend.indices.filter { legend[$0].category != nil || texts[$0].filter(\.isLetter).count >= 3 }.map { legend[$0] }
        guard legend.count >= 2 else { return nil }

        var bars: [BarReading] = []
        var geometries = layout.bars.map(hi).compactMap { BarGeometry.measure(img, approx: $0, paper: paper) }
        // Stacked bars start together; a first segment too pale to count as ink still belongs to its bar.
        if let commonLeft = geometries.map(\.left).min() {
            let paperColour = Colour(r: Double(paper), g: Double(paper), b: Double(paper))
            for i in geometries.indices where geometries[i].left > commonLeft + 2 {
                let g = geometries[i]
                let from = Int(commonLeft.rounded()), to = Int(g.left.rounded())
                let tinted = (from..<to).filter { x in
                    let yc = g.y(at: Double(x))
                    guard let c = img.medianColour(PixelBox(x0: x, y0: Int(yc - g.height / 4), x1: x + 1, y1: Int(yc + g.height / 4))),
                          let nearest = legend.map({ c.distance($0.colour) }).min() else { return false }
                    return nearest < c.distance(paperColour) && c.distance(paperColour) > 10
                }.count
                if tinted * 10 >= (to - from) * 9 { geometries[i].left = commonLeft }
            }
        }
        for geometry in geometries {
            var reading = segments(img, geometry, legend: legend)
            // The question label left of the bar.
            let labelBox = PixelBox(x0: 0, y0: Int(geometry.y(at: geometry.left) - geometry.height * 0.8),
                                    x1: Int(geometry.left - geometry.height * Self.labelToBarGap),
                                    y1: Int(geometry.y(at: geometry.left) + geometry.height * 0.8))
            if let crop = binarised(img, labelBox, paper: paper) {
                let edge = max(2, Int(geometry.height * Self.labelToBarGap))
                (reading.number, reading.n, reading.nWhole) = questionLabel(crop, edgeColumns: edge)
            }
            bars.append(reading)
        }
        return ChartReading(top: regionPt.y0, bars: bars)
    }

    /// Right end of the question label's crop, in bar heights left of the bar: labels stand
    /// right-aligned a few points off the bar, their closing bracket within a tenth of its height;
    /// the bar's blurred edge stays out.
    static let labelToBarGap = 0.08

    /// Colour change along a bar (CIE76 delta E between a column and the run it would extend)
    /// that opens a new segment: neighbouring palette colours lie 15 and more apart, scan noise
    /// moves a column's median by 2 to 4.
    static let segmentSplitDeltaE = 9.0
    /// Farthest a segment's colour may lie from its legend swatch and still be explained by it:
    /// blur and JPEG chroma loss wash a small swatch out by 20 and more, the bars keep their colour.
    static let unexplainedDeltaE = 40.0
    /// Where a bar's colour is sampled: between these fractions of its height off the centre
    /// line, above and below the label, which sits centred and spans about a third of the bar.
    static let sampleBand = (inner: 0.22, outer: 0.40)

    /// Cuts the bar into runs of one colour, gives the runs to legend categories as one monotone
    /// alignment and reads each segment's label.
    private func segments(_ img: RGBImage, _ g: BarGeometry, legend: [(colour: Colour, category: SurveyCategory?)]) -> BarReading {
        let left = Int(g.left.rounded()), right = Int(g.right.rounded())
        let length = Double(right - left)
        guard right > left else { return BarReading(number: nil, n: nil, segments: []) }
        // Legend entries in the categories' printed order: the order the segments run in.
        var slots: [(colour: Colour, category: SurveyCategory)] = []
        for c in SurveyCategory.allCases { if let e = legend.first(where: { $0.category == c }) { slots.append((e.colour, c)) } }
        let slotLabs = slots.map(\.colour.lab)
        let columns = (left..<right).map { columnColour(img, g, x: $0) }
        let labs = columns.map(\.lab)
        let nearest = labs.map { c in slotLabs.indices.min { c.distance(slotLabs[$0]) < c.distance(slotLabs[$1]) } ?? -1 }
        let minRun = max(3, Int(length * 0.004))
        var runs = colourRuns(labs, nearest: nearest).filter { $0.to - $0.from >= minRun }
        // Once slivers (anti-aliased edges, white separators) are gone, neighbours of one colour
        // and one nearest swatch are one run.
        func colour(_ r: (from: Int, to: Int)) -> Colour { Self.median(columns[(r.from + (r.to - r.from) / 8)..<(r.to - (r.to - r.from) / 8)]) }
        func swatch(_ r: (from: Int, to: Int)) -> Int { slotLabs.indices.min { colour(r).lab.distance(slotLabs[$0]) < colour(r).lab.distance(slotLabs[$1]) } ?? -1 }
        var merged: [(from: Int, to: Int)] = []
        for r in runs {
            if let m = merged.last, swatch(m) == swatch(r), colour(m).deltaE(colour(r)) <= Self.segmentSplitDeltaE { merged[merged.count - 1].to = r.to }
            else { merged.append(r) }
        }
        runs = merged
        let runColours = runs.map(colour)
        let cost = runColours.map { rc in slots.map { rc.deltaE($0.colour) } }
        let assigned = MonotoneAlignment.align(cost, unexplainedCost: Self.unexplainedDeltaE, neighboursMayShare: true)
        // Neighbouring runs given one category are one segment.
        var pieces: [(from: Int, to: Int, slot: Int?, colour: Colour)] = []
        for (i, r) in runs.enumerated() {
            if let last = pieces.last, let k = assigned[i], last.slot == k { pieces[pieces.count - 1].to = r.to }
            else { pieces.append((r.from, r.to, assigned[i], runColours[i])) }
        }
        var segs: [BarReading.Segment] = []
        for (i, r) in pieces.enumerated() {
            let from = i == 0 ? 0 : Double(pieces[i - 1].to + r.from) / 2
            let to = i == pieces.count - 1 ? length : Double(r.to + pieces[i + 1].from) / 2
            let widthPct = (to - from) / length * 100
            let (labelled, value) = label(img, g, x0: left + Int(from), x1: left + Int(to), colour: r.colour, widthPercent: widthPct)
            segs.append(.init(category: r.slot.map { slots[$0].category }, widthPercent: widthPct, labelled: labelled, label: value))
        }
        return BarReading(number: nil, n: nil, segments: segs)
    }

    /// The bar's colour at column `x`: the median over the sample bands above and below its label.
    private func columnColour(_ img: RGBImage, _ g: BarGeometry, x: Int) -> Colour {
        let yc = g.y(at: Double(x))
        var rs: [Double] = [], gs: [Double] = [], bs: [Double] = []
        for sign in [-1.0, 1.0] {
            let a = yc + sign * g.height * Self.sampleBand.inner, b = yc + sign * g.height * Self.sampleBand.outer
            for y in Int(min(a, b).rounded())...Int(max(a, b).rounded()) where y >= 0 && y < img.height && x < img.width {
                let c = img.colour(x, y); rs.append(c.r); gs.append(c.g); bs.append(c.b)
            }
        }
        guard !rs.isEmpty else { return Colour(r: 255, g: 255, b: 255) }
        rs.sort(); gs.sort(); bs.sort()
        return Colour(r: rs[rs.count / 2], g: gs[gs.count / 2], b: bs[bs.count / 2])
    }

    /// Runs of columns of one colour: a column opens a new run when it and the next both lie
    /// farther than the split distance from the run's opening colour, or both are nearest to
    /// another legend swatch than the run's (neighbouring shades of one hue lie closer than the
    /// split distance).
    private func colourRuns(_ labs: [Lab], nearest: [Int]) -> [(from: Int, to: Int)] {
        guard !labs.isEmpty else { return [] }
        var runs: [(from: Int, to: Int)] = []
        var start = 0, reference = labs[0], swatch = nearest[0]
        for i in 1..<labs.count {
            let next = min(i + 1, labs.count - 1)
            let far = labs[i].distance(reference) > Self.segmentSplitDeltaE && labs[next].distance(reference) > Self.segmentSplitDeltaE
            let other = nearest[i] != swatch && nearest[next] == nearest[i]
            if far || other {
                runs.append((start, i)); start = i; reference = labs[i]; swatch = nearest[i]
            } else if i - start < 3 {
                // The opening colour from the run's first columns, not its first alone.
                let n = Double(i - start + 1)
                let sum = labs[start...i].reduce(Lab(l: 0, a: 0, b: 0)) { Lab(l: $0.l + $1.l, a: $0.a + $1.a, b: $0.b + $1.b) }
                reference = Lab(l: sum.l / n, a: sum.a / n, b: sum.b / n)
            }
        }
        runs.append((start, labs.count))
        return runs
    }

    static func median(_ colours: ArraySlice<Colour>) -> Colour {
        guard !colours.isEmpty else { return Colour(r: 255, g: 255, b: 255) }
        let m = colours.count / 2
        return Colour(r: colours.map(\.r).sorted()[m], g: colours.map(\.g).sorted()[m], b: colours.map(\.b).sorted()[m])
    }

    /// Whether a label is printed inside the segment, and its value when it reads and agrees
    /// with the segment's width.
    private func label(_ img: RGBImage, _ g: BarGeometry, x0: Int, x1: Int, colour: Colour, widthPercent: Double) -> (Bool, Double?) {
        let inset = max(4, Int(g.height * 0.12))
        let w = x1 - x0 - 2 * inset
        let h = Int(g.height * 0.84)
        guard w > 4, h > 4 else { return (false, nil) }
        // Deskewed crop along the bar; a pixel's distance from the segment colour says how
        // much it is text.
        var distance = [Double](repeating: 0, count: w * h)
        for c in 0..<w {
            let x = x0 + inset + c
            let top = g.y(at: Double(x)) - Double(h) / 2
            for r in 0..<h {
                let y = Int(top) + r
                guard y >= 0, y < img.height, x < img.width else { continue }
                distance[r * w + c] = img.colour(x, y).distance(colour)
            }
        }
        let loose = 90.0
        let inkDistances = distance.filter { $0 > loose }.sorted()
        guard !inkDistances.isEmpty else { return (false, nil) }
        // Labels sit centred in their segment and do not grow with it: ink counted in the middle.
        let window = min(w, 4 * h)
        let middle = (w - window) / 2
        let inkInMiddle = (0..<h).reduce(0) { n, r in n + (middle..<(middle + window)).filter { distance[r * w + $0] > loose }.count }
        guard inkInMiddle >= max(20, window * h / 100) else { return (false, nil) }
        let pad = 12
        func binarised(_ threshold: Double) -> GreyImage {
            var out = GreyImage(width: w + 2 * pad, height: h + 2 * pad)
            for r in 0..<h { for c in 0..<w where distance[r * w + c] > threshold { out[c + pad, r + pad] = 0 } }
            return out
        }
        let inkLevel = inkDistances[inkDistances.count * 95 / 100]
        // Shades of grey by distance: tesseract reads soft edges better than a hard cut at times.
        func shaded() -> GreyImage {
            var out = GreyImage(width: w + 2 * pad, height: h + 2 * pad)
            let from = 40.0, span = max(1, inkLevel - from)
            for r in 0..<h {
                for c in 0..<w { out[c + pad, r + pad] = UInt8(255 - 255 * min(1, max(0, (distance[r * w + c] - from) / span))) }
            }
            return out
        }
        let padded = binarised(loose)
        // The label alone with a margin of a third of its height.
        func tight() -> GreyImage {
            var bx0 = w, bx1 = 0, by0 = h, by1 = 0
            for r in 0..<h { for c in 0..<w where distance[r * w + c] > loose { bx0 = min(bx0, c); bx1 = max(bx1, c + 1); by0 = min(by0, r); by1 = max(by1, r + 1) } }
            let m = max(4, (by1 - by0) / 3)
            var out = GreyImage(width: bx1 - bx0 + 2 * m, height: by1 - by0 + 2 * m)
            for r in by0..<by1 { for c in bx0..<bx1 where distance[r * w + c] > loose { out[c - bx0 + m, r - by0 + m] = 0 } }
            return out
        }
        // Each a second chance for a label tesseract misses: as cut; shaded; cut close; twice as
        // large; the core of the strokes (on a blurred scan a loose cut fuses neighbouring
        // figures); thinned (bold figures on a scan read as `%` alone). A reading counts only
        // when it agrees with the segment's width.
        let attempts: [() -> (GreyImage, Int)] = [
            { (padded, 1) }, { (shaded(), 1) }, { (tight(), 1) }, { (self.scaled(padded, by: 2), 2) },
            { (binarised(max(loose, 0.75 * inkLevel)), 1) }, { (self.thinned(padded), 1) },
        ]
        for make in attempts {
            let (image, scale) = make()
            let text = reader.readLine(image, dpi: Int(dpi) * scale, whitelist: "0123456789%")
            let digits = text.filter(\.isNumber)
            guard !digits.isEmpty, digits.count <= 3, let v = Double(digits), v <= 100 else { continue }
            if abs(v - widthPercent) <= 1.6 { return (true, v) }
        }
        return (true, nil)
    }

    /// Black pixels with a white 4-neighbour turned white: strokes one pixel thinner each side.
    private func thinned(_ g: GreyImage) -> GreyImage {
        var out = g
        for y in 1..<max(1, g.height - 1) {
            for x in 1..<max(1, g.width - 1) where g[x, y] == 0 {
                if g[x - 1, y] != 0 || g[x + 1, y] != 0 || g[x, y - 1] != 0 || g[x, y + 1] != 0 { out[x, y] = 255 }
            }
        }
        return out
    }

    private func scaled(_ g: GreyImage, by k: Int) -> GreyImage {
        var out = GreyImage(width: g.width * k, height: g.height * k)
        for y in 0..<out.height { for x in 0..<out.width { out[x, y] = g[x / k, y / k] } }
        return out
    }

    /// The question number and n of a bar's label crop, and whether n read whole.
    private func questionLabel(_ crop: GreyImage, edgeColumns: Int) -> (number: Int?, n: Int?, whole: Bool) {
        let text = reader.readLine(crop, dpi: Int(dpi), whitelist: nil)
        var r: (number: Int?, n: Int?, whole: Bool) = (nil, nil, false)
        if let q = SurveyText.questionLabel(text, vocabulary: vocabulary) {
            r.number = q.number; r.n = q.n
        } else if let m = text.firstMatch(of: #/[nN]\s*[=:\-]\s*(\d{1,4})/#) {
            r.n = Int(m.1)
        }
        r.whole = text.firstMatch(of: #/[nN]\s*[=:\-]\s*\d{1,4}\s*[)\]}]/#) != nil
            || !Self.inkNearRightEdge(crop, pad: Self.cropPad, columns: edgeColumns)
        return r
    }

    /// White margin around a crop given to OCR, in pixels.
    static let cropPad = 10

    /// Whether a padded crop has ink in its last `columns` columns before the padding: print
    /// running on past the crop.
    static func inkNearRightEdge(_ g: GreyImage, pad: Int, columns: Int) -> Bool {
        let end = g.width - pad
        for x in max(0, end - columns)..<max(0, end) { for y in 0..<g.height where g[x, y] == 0 { return true } }
        return false
    }

    /// Dark print on paper as black on white, for OCR of label text.
    private func binarised(_ img: RGBImage, _ box: PixelBox, paper: Int) -> GreyImage? {
        let x0 = max(0, box.x0), y0 = max(0, box.y0), x1 = min(img.width, box.x1), y1 = min(img.height, box.y1)
        guard x1 - x0 > 4, y1 - y0 > 4 else { return nil }
        let pad = Self.cropPad
        var out = GreyImage(width: x1 - x0 + 2 * pad, height: y1 - y0 + 2 * pad)
        let threshold = Double(paper) * 0.6
        var ink = 0
        for y in y0..<y1 {
            for x in x0..<x1 where img.colour(x, y).luma < threshold {
                out[x - x0 + pad, y - y0 + pad] = 0; ink += 1
            }
        }
        return ink > 10 ? out : nil
    }
}

/// A bar's place on the picture: its ends and its (possibly tilted) centre line.
struct BarGeometry {
    var left: Double, right: Double
    var a: Double, b: Double   // centre y = a + b * x
    var height: Double
    func y(at x: Double) -> Double { a + b * x }

    static func measure(_ img: RGBImage, approx: PixelBox, paper: Int) -> BarGeometry? {
        func ink(_ x: Int, _ y: Int) -> Bool {
            let p = img.pixel(x, y); return paper - Int(min(p.r, p.g, p.b)) > 35
        }
        let h = approx.height
        let ys = max(0, approx.y0 - h / 2), ye = min(img.height, approx.y1 + h / 2)
        var tops: [(Double, Double)] = [], bottoms: [(Double, Double)] = []
        let xs = max(0, approx.x0 + approx.width / 50), xe = min(img.width, approx.x1 - approx.width / 50)
        guard xe > xs, ye > ys else { return nil }
        for x in stride(from: xs, to: xe, by: 3) {
            // Longest ink run in the column (gridlines pass by but are thin in y? no: vertical, so take the run nearest the bar's middle).
            var best = (0, 0), cur = -1
            for y in ys..<ye {
                if ink(x, y) { if cur < 0 { cur = y } } else if cur >= 0 { if y - cur > best.1 - best.0 { best = (cur, y) }; cur = -1 }
            }
            if cur >= 0, ye - cur > best.1 - best.0 { best = (cur, ye) }
            let len = best.1 - best.0
            guard len >= h / 2, len <= h * 3 / 2 else { continue }
            tops.append((Double(x), Double(best.0))); bottoms.append((Double(x), Double(best.1)))
        }
        guard tops.count >= 10 else { return nil }
        let slope = median(stride(from: 0, to: tops.count - tops.count / 2, by: 1).map { i -> Double in
            let j = i + tops.count / 2
            return ((tops[j].1 + bottoms[j].1) - (tops[i].1 + bottoms[i].1)) / 2 / (tops[j].0 - tops[i].0)
        })
        let intercept = median(tops.indices.map { (tops[$0].1 + bottoms[$0].1) / 2 - slope * tops[$0].0 })
        let height = median(tops.indices.map { bottoms[$0].1 - tops[$0].1 })
        var g = BarGeometry(left: 0, right: 0, a: intercept, b: slope, height: height)
        func solid(_ x: Int) -> Bool {
            let yc = g.y(at: Double(x)); var n = 0, k = 0
            for y in Int(yc - height * 0.3)...Int(yc + height * 0.3) where y >= 0 && y < img.height { n += 1; if ink(x, y) { k += 1 } }
            return n > 0 && k * 10 >= n * 6
        }
        var x = max(0, approx.x0 - h)
        while x < approx.x1, !(solid(x) && solid(x + 1) && solid(x + 2)) { x += 1 }
        // A bar longer than its neighbours (figures over 100%) runs on past the window.
        while x > 0, solid(x - 1) { x -= 1 }
        g.left = Double(x)
        x = min(img.width - 1, approx.x1 + h)
        while x > approx.x0, !(solid(x) && solid(x - 1) && solid(x - 2)) { x -= 1 }
        while x < img.width - 1, solid(x + 1) { x += 1 }
        g.right = Double(x + 1)
        guard g.right - g.left > Double(approx.width) / 2 else { return nil }
        return g
    }

    static func median(_ v: [Double]) -> Double {
        let s = v.sorted(); return s.isEmpty ? 0 : s[s.count / 2]
    }
}
