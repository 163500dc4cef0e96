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
        let regionPt = cropRegion(layout, pageWidthPx: pageWidthPx, toPt: toPt)
        let img = try images.image(page: page, region: regionPt, dpi: dpi)
        let s = dpi / findDpi
        let ox = regionPt.x0 / toPt, oy = regionPt.y0 / toPt
        func hi(_ b: PixelBox) -> PixelBox {
            PixelBox(x0: Int((Double(b.x0) - ox) * s), y0: Int((Double(b.y0) - oy) * s),
                     x1: Int((Double(b.x1) - ox) * s), y1: Int((Double(b.y1) - oy) * s))
        }
        let paper = img.paperLevel
        guard let legend = legend(layout.swatches.map(hi), in: img, paper: paper) else { return nil }
        var geometries = layout.bars.map(hi).compactMap { BarGeometry.measure(img, approx: $0, paper: paper) }
        startTogether(&geometries, in: img, legend: legend, paper: paper)
        let bars = geometries.map { geometry in
            var reading = segments(img, geometry, legend: legend)
            // The question label left of the bar.
            let labelBox = PixelBox(x0: 0, y0: Int(geometry.y(at: geometry.left) - geometry.height * Self.labelReachInBarHeights),
                                    x1: Int(geometry.left - geometry.height * Self.labelToBarGap),
                                    y1: Int(geometry.y(at: geometry.left) + geometry.height * Self.labelReachInBarHeights))
            if let crop = binarised(img, labelBox, paper: paper) {
                let edge = max(Self.minEdgeColumns, Int(geometry.height * Self.labelToBarGap))
                (reading.number, reading.n, reading.nWhole) = questionLabel(crop, edgeColumns: edge)
            }
            return reading
        }
        return ChartReading(top: regionPt.y0, bars: bars)
    }

    /// The part of the page (points) read at full resolution: the bars with their question
    /// labels left of them and the legend below, its last name included.
    private func cropRegion(_ layout: ChartFinder.Layout, pageWidthPx: Int, toPt: Double) -> Box {
        let first = layout.bars.first!, last = layout.bars.last!
        let pitch = layout.bars.count > 1 ? Double(last.y0 - first.y0) / Double(layout.bars.count - 1)
            : Double(first.height * Self.lonePitchInBarHeights)
        var bottomPx = Double(last.y1) + pitch * Self.cropMarginInPitches
        for s in layout.swatches { bottomPx = max(bottomPx, Double(s.y1) + Double(s.height) * Self.legendMarginInMarks) }
        // Wide enough for the legend's last name, which may run past the bars' end.
        var rightPx = Double(first.x1) + Double(first.width) * Self.rightMarginInBarLengths
        if let legendEnd = layout.swatches.map(\.x1).max() { rightPx = max(rightPx, Double(legendEnd) + Double(first.width) * Self.lastLegendNameInBarLengths) }
        return Box(x0: max(0, Double(first.x0) - Double(first.width) * Self.labelColumnInBarLengths) * toPt,
                   y0: max(0, Double(first.y0) - pitch * Self.cropMarginInPitches) * toPt,
                   x1: min(Double(pageWidthPx), rightPx) * toPt,
                   y1: bottomPx * toPt)
    }

    /// The legend: each mark's colour and the category its name names (nil: fewer entries than
    /// a legend has).
    private func legend(_ marks: [PixelBox], in img: RGBImage, paper: Int) -> [(colour: Colour, category: SurveyCategory?)]? {
        // A mark is one colour inside at this resolution too; print the finder took for one (a
        // blurred word at its resolution) comes apart into strokes and paper.
        let swatches = marks.filter { sw in
            img.uniformity(sw.inset(by: max(1, min(sw.width, sw.height) / Self.swatchInsetDivisor))) >= ChartFinder.legendMarkUniformity
        }
        var legend: [(colour: Colour, category: SurveyCategory?)] = []
        var texts: [String] = []
        for sw in swatches {
            let inset = max(1, sw.width / Self.swatchInsetDivisor)
            guard let c = img.medianColour(PixelBox(x0: sw.x0 + inset, y0: sw.y0 + inset, x1: sw.x1 - inset, y1: sw.y1 - inset)) else { continue }
            let rowMates = swatches.filter { abs($0.y0 - sw.y0) <= sw.height / 2 && $0.x0 > sw.x0 }
            let nextX = rowMates.map(\.x0).min() ?? min(img.width, sw.x1 + sw.width * Self.legendNameInMarks)
            let gap = sw.width / Self.nameGapDivisor
            let crop = binarised(img, PixelBox(x0: sw.x1 + gap, y0: sw.y0 - sw.height / 2,
                                               x1: nextX - gap, y1: sw.y1 + sw.height / 2), paper: paper)
            let text = crop.map { reader.readLine($0, dpi: Int(dpi), whitelist: nil) } ?? ""
            legend.append((c, vocabulary.category(named: FoldedText.fold(text))))
            texts.append(text)
        }
        // Marks with no words beside them are not legend entries (bits of axis figures).
        legend = legend.indices.filter { legend[$0].category != nil || texts[$0].filter(\.isLetter).count >= Self.legendNameLetters }.map { legend[$0] }
        // One swatch and one category left over: they belong together.
        let named = Set(legend.compactMap(\.category))
        let unnamed = legend.indices.filter { legend[$0].category == nil }
        let missing = SurveyCategory.allCases.filter { !named.contains($0) }
        if unnamed.count == 1, missing.count == 1 { legend[unnamed[0]].category = missing[0] }
        return legend.count >= Self.legendEntries ? legend : nil
    }

    /// Stacked bars start together; a first segment too pale to count as ink still belongs to
    /// its bar: a bar starting late whose gap to the others' start is tinted a legend colour
    /// starts with them.
    private func startTogether(_ geometries: inout [BarGeometry], in img: RGBImage,
                               legend: [(colour: Colour, category: SurveyCategory?)], paper: Int) {
        guard let commonLeft = geometries.map(\.left).min() else { return }
        let paperColour = Colour(r: Double(paper), g: Double(paper), b: Double(paper))
        for i in geometries.indices where geometries[i].left > commonLeft + Self.lateStartPx {
            let g = geometries[i]
            let from = Int(commonLeft.rounded()), to = Int(g.left.rounded())
            let tinted = (from..<to).filter { x in
                let yc = g.y(at: Double(x))
                guard let c = img.medianColour(PixelBox(x0: x, y0: Int(yc - g.height / Self.tintBandDivisor), x1: x + 1, y1: Int(yc + g.height / Self.tintBandDivisor))),
                      let nearest = legend.map({ c.distance($0.colour) }).min() else { return false }
                return nearest < c.distance(paperColour) && c.distance(paperColour) > Self.tintOverPaper
            }.count
            if tinted * 10 >= (to - from) * Self.tintedTenths { geometries[i].left = commonLeft }
        }
    }

    // MARK: the crop read at full resolution (distances in the finder's pixels, bar lengths, pitches)

    /// Pitch of a chart with one bar, in bar heights: bars stand about a bar's height apart.
    static let lonePitchInBarHeights = 2
    /// Paper kept above the first bar and below the last, in bar pitches: half the space to
    /// the neighbouring bar, where the question label's lines may reach.
    static let cropMarginInPitches = 0.5
    /// Paper kept below the legend's lowest mark, in mark heights: the descenders of its names.
    static let legendMarginInMarks = 1.0
    /// Paper kept right of the bars' end, in bar lengths: a label of a last segment over 100%.
    static let rightMarginInBarLengths = 0.05
    /// Room right of the legend's last mark for its name, in bar lengths: `Helt och hållet`
    /// at legend size is about a quarter of a bar.
    static let lastLegendNameInBarLengths = 0.3
    /// Room left of the bars for the question labels (`Fråga 6 (n=123)`), in bar lengths.
    static let labelColumnInBarLengths = 0.45

    // MARK: the legend

    /// A swatch's colour is its median inside a border of this share of its side (1/4):
    /// the anti-aliased and JPEG-bled edge stays out.
    static let swatchInsetDivisor = 4
    /// Farthest a legend name reaches right of its mark when no mark follows on its row, in
    /// mark widths: `Till mycket stor del` at legend size.
    static let legendNameInMarks = 18
    /// Space left out between a mark and its name, and before the next mark, as a share of the
    /// mark's width (1/3): the mark's blurred edge is no letter.
    static let nameGapDivisor = 3
    /// A mark whose name named no category is still an entry when its text has this many
    /// letters (a name misread); bits of axis figures have none.
    static let legendNameLetters = 3
    /// A legend tells at least this many categories apart, or it is not a legend.
    static let legendEntries = 2

    // MARK: a bar starting late (its first segment too pale to count as ink)

    /// A bar whose left end lies more than this many pixels right of the others' is looked at.
    static let lateStartPx = 2.0
    /// The colour beside such a bar is sampled over its centre within this share of its height
    /// (1/4 either side): clear of the label and the edges.
    static let tintBandDivisor = 4.0
    /// A column is tinted when farther than this (RGB distance) from the paper and nearer a
    /// legend colour than the paper: scan noise moves paper by 3 to 6.
    static let tintOverPaper = 10.0
    /// The gap is the bar's when this many tenths of its columns are tinted (a stray speck is not).
    static let tintedTenths = 9
    /// The question label's crop reaches this many bar heights above and below the bar's
    /// centre: a label over two lines (`Fråga 3` / `(n=59)`).
    static let labelReachInBarHeights = 0.8
    /// Fewest columns looked at for print running past the label crop's right end.
    static let minEdgeColumns = 2

    // MARK: segments

    /// Shortest run of one colour that is a segment: this many pixels, or this share of the
    /// bar's length (0.4%, under the smallest labelled segment of 1%); shorter runs are
    /// anti-aliased edges and white separators.
    static let minRunPx = 3, minRunShare = 0.004
    /// A run's colour is its columns' median with this share of it left out at each end (1/8):
    /// the edges blend into the neighbours.
    static let runEdgeDivisor = 8
    /// A run's opening colour is the mean of its first this many columns, not its first alone.
    static let openingColumns = 3

    // MARK: labels inside segments (crop distances in pixels at `dpi`)

    /// The label crop leaves out this much of the segment's ends (pixels, or this share of the
    /// bar's height): the neighbouring colour's blurred edge.
    static let labelInsetPx = 4, labelInsetInBarHeights = 0.12
    /// The label crop's height in bar heights: the bar less its blurred top and bottom.
    static let labelCropInBarHeights = 0.84
    /// A crop narrower or lower than this many pixels holds no label.
    static let smallestCropPx = 4
    /// A pixel is a label's ink when this far (RGB distance) from the segment's colour: white
    /// or black print on any palette colour lies 100 and more away, scan noise under 40.
    static let labelInkDistance = 90.0
    /// The middle of a segment where its label stands, in crop heights: `100%` at label size.
    static let labelWindowInHeights = 4
    /// A segment holds a label when its middle has this many ink pixels and at least one in
    /// `labelInkDivisor` of its pixels (speckle holds fewer).
    static let labelMinInkPx = 20, labelInkDivisor = 100
    /// White padding around a label crop given to OCR, in pixels.
    static let labelPad = 12
    /// The ink's own distance from the segment colour: this percentile of its pixels' (the
    /// strokes' core, past the blurred edges).
    static let inkLevelPercentile = 95
    /// The shaded crop runs from white at this distance from the segment colour to black at the
    /// ink level: nearer is the segment's own noise.
    static let shadeFromDistance = 40.0
    /// Margin around the tight crop: a third of the label's height, at least this many pixels.
    static let tightMarginPx = 4
    /// The enlarged attempt's scale factor: small labels on a 200 dpi scan read better twice as large.
    static let enlargement = 2
    /// The strokes' core attempt keeps pixels from this share of the ink level up.
    static let coreInkShare = 0.75
    /// A percentage label has at most this many digits (`100`).
    static let labelDigits = 3
    /// A label reads when it lies within this many points of its segment's width: whole
    /// percentages are half a point off their share, a width measured on a scan a point more.
    static let labelToWidthSlack = 1.6

    // MARK: label text crops

    /// Print is darker than this share of the paper's level (luma): grey axis lines and pale
    /// segment colours are lighter.
    static let printLumaOfPaper = 0.6
    /// A label crop with this few ink pixels or fewer holds no text (specks).
    static let minLabelInkPx = 10

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
        let minRun = max(Self.minRunPx, Int(length * Self.minRunShare))
        var runs = colourRuns(labs, nearest: nearest).filter { $0.to - $0.from >= minRun }
        // Once slivers (anti-aliased edges, white separators) are gone, neighbours of one colour
        // and one nearest swatch are one run.
        func colour(_ r: (from: Int, to: Int)) -> Colour {
            let trim = (r.to - r.from) / Self.runEdgeDivisor
            return Self.median(columns[(r.from + trim)..<(r.to - trim)])
        }
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
            } else if i - start < Self.openingColumns {
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
        guard let crop = labelCrop(img, g, x0: x0, x1: x1, colour: colour), crop.holdsLabel else { return (false, nil) }
        return (true, readLabel(crop, widthPercent: widthPercent))
    }

    /// A segment's middle along the bar, deskewed: each pixel's distance from the segment's
    /// colour says how much it is text.
    struct LabelCrop {
        var distance: [Double], w: Int, h: Int
        /// The pixels far enough from the segment colour to be a label's ink, their distances sorted.
        var inkDistances: [Double]
        /// Labels sit centred in their segment and do not grow with it: ink counted in the middle.
        var holdsLabel: Bool {
            guard !inkDistances.isEmpty else { return false }
            let window = min(w, ChartReader.labelWindowInHeights * h)
            let middle = (w - window) / 2
            let inkInMiddle = (0..<h).reduce(0) { n, r in n + (middle..<(middle + window)).filter { distance[r * w + $0] > ChartReader.labelInkDistance }.count }
            return inkInMiddle >= max(ChartReader.labelMinInkPx, window * h / ChartReader.labelInkDivisor)
        }
    }

    private func labelCrop(_ img: RGBImage, _ g: BarGeometry, x0: Int, x1: Int, colour: Colour) -> LabelCrop? {
        let inset = max(Self.labelInsetPx, Int(g.height * Self.labelInsetInBarHeights))
        let w = x1 - x0 - 2 * inset
        let h = Int(g.height * Self.labelCropInBarHeights)
        guard w > Self.smallestCropPx, h > Self.smallestCropPx else { return nil }
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
        return LabelCrop(distance: distance, w: w, h: h, inkDistances: distance.filter { $0 > Self.labelInkDistance }.sorted())
    }

    /// The label's value, read from one crop after another until a reading agrees with the
    /// segment's width (nil: none did).
    private func readLabel(_ crop: LabelCrop, widthPercent: Double) -> Double? {
        let (distance, w, h) = (crop.distance, crop.w, crop.h)
        let loose = Self.labelInkDistance
        let pad = Self.labelPad
        func binarised(_ threshold: Double) -> GreyImage {
            var out = GreyImage(width: w + 2 * pad, height: h + 2 * pad)
            for r in 0..<h { for c in 0..<w where distance[r * w + c] > threshold { out[c + pad, r + pad] = 0 } }
            return out
        }
        let inkLevel = crop.inkDistances[crop.inkDistances.count * Self.inkLevelPercentile / 100]
        // Shades of grey by distance: tesseract reads soft edges better than a hard cut at times.
        func shaded() -> GreyImage {
            var out = GreyImage(width: w + 2 * pad, height: h + 2 * pad)
            let from = Self.shadeFromDistance, span = max(1, inkLevel - from)
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
            let m = max(Self.tightMarginPx, (by1 - by0) / 3)
            var out = GreyImage(width: bx1 - bx0 + 2 * m, height: by1 - by0 + 2 * m)
            for r in by0..<by1 { for c in bx0..<bx1 where distance[r * w + c] > loose { out[c - bx0 + m, r - by0 + m] = 0 } }
            return out
        }
        // Each a second chance for a label tesseract misses: as cut; shaded; cut close; twice as
        // large; the core of the strokes (on a blurred scan a loose cut fuses neighbouring
        // figures); thinned (bold figures on a scan read as `%` alone). A reading counts only
        // when it agrees with the segment's width.
        let attempts: [() -> (GreyImage, Int)] = [
            { (padded, 1) }, { (shaded(), 1) }, { (tight(), 1) }, { (self.scaled(padded, by: Self.enlargement), Self.enlargement) },
            { (binarised(max(loose, Self.coreInkShare * inkLevel)), 1) }, { (self.thinned(padded), 1) },
        ]
        // Last, the figures alone with the `%` cut off: bold figures touching their `%` (`7%`)
        // read as `%` or nothing, the figures alone read.
        let figuresOnly: [() -> (GreyImage, Int)] = [{ (self.withoutPercentSign(padded), 1) }]
        for (k, make) in (attempts + figuresOnly).enumerated() {
            let (image, scale) = make()
            let text = reader.readLine(image, dpi: Int(dpi) * scale, whitelist: k < attempts.count ? "0123456789%" : "0123456789")
            let digits = text.filter(\.isNumber)
            guard !digits.isEmpty, digits.count <= Self.labelDigits, let v = Double(digits), v <= 100 else { continue }
            if abs(v - widthPercent) <= Self.labelToWidthSlack { return v }
        }
        return nil
    }

    /// A label's `%` is this wide, in the label's heights (from its last ink column back to the
    /// gap before it): 0.6 in a narrow font, 1.3 in a wide bold one.
    static let percentSignWidthInHeights = (narrowest: 0.6, widest: 1.3)

    /// The label with its last glyph (the `%`) blanked: cut at the column of least ink where
    /// the sign can begin.
    private func withoutPercentSign(_ g: GreyImage) -> GreyImage {
        var columnInk = [Int](repeating: 0, count: g.width)
        var top = g.height, bottom = -1
        for y in 0..<g.height { for x in 0..<g.width where g[x, y] == 0 { columnInk[x] += 1; top = min(top, y); bottom = max(bottom, y) } }
        guard bottom >= top, let right = columnInk.lastIndex(where: { $0 > 0 }), let left = columnInk.firstIndex(where: { $0 > 0 }) else { return g }
        let h = Double(bottom - top + 1)
        let from = max(left + 1, Int(Double(right) - Self.percentSignWidthInHeights.widest * h))
        let to = Int(Double(right) - Self.percentSignWidthInHeights.narrowest * h)
        guard to > from else { return g }
        let cut = (from...to).min { columnInk[$0] < columnInk[$1] }!
        var out = g
        for y in 0..<g.height { for x in cut..<g.width { out[x, y] = 255 } }
        return out
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
        guard x1 - x0 > Self.smallestCropPx, y1 - y0 > Self.smallestCropPx else { return nil }
        let pad = Self.cropPad
        var out = GreyImage(width: x1 - x0 + 2 * pad, height: y1 - y0 + 2 * pad)
        let threshold = Double(paper) * Self.printLumaOfPaper
        var ink = 0
        for y in y0..<y1 {
            for x in x0..<x1 where img.colour(x, y).luma < threshold {
                out[x - x0 + pad, y - y0 + pad] = 0; ink += 1
            }
        }
        return ink > Self.minLabelInkPx ? out : nil
    }
}

/// A bar's place on the picture: its ends and its (possibly tilted) centre line.
struct BarGeometry {
    var left: Double, right: Double
    var a: Double, b: Double   // centre y = a + b * x
    var height: Double
    func y(at x: Double) -> Double { a + b * x }

    /// A pixel is a bar's ink when its darkest channel lies this far below the paper's level:
    /// the palettes' palest fill (a light grey or yellow) does, paper noise does not.
    static let inkContrast = 35
    /// The bar's edges are fitted on its columns less this share of its length at each end
    /// (1/50): the rounded or blurred ends.
    static let endsLeftOutDivisor = 50
    /// Every this many columns one is measured for the fit.
    static let columnStepPx = 3
    /// Fewest measured columns a bar's fit needs (labels and gridlines spoil some).
    static let minColumns = 10
    /// A column is solid bar when this many tenths of its pixels within `solidBand` bar heights
    /// of the centre line are ink (its label is white or dark print, about a third of the bar).
    static let solidBand = 0.3, solidTenths = 6
    /// A bar begins where columns stay solid over this many bar heights (at least `minEndRunPx`
    /// columns), all but a share of them (white separators between segments, 2 pixels each): a
    /// bold label's closing bracket beside the bar is solid over a few columns only, then paper.
    static let endRunInBarHeights = 0.33, endRunSolidShare = 0.8, minEndRunPx = 3

    static func measure(_ img: RGBImage, approx: PixelBox, paper: Int) -> BarGeometry? {
        func ink(_ x: Int, _ y: Int) -> Bool {
            let p = img.pixel(x, y); return paper - Int(min(p.r, p.g, p.b)) > inkContrast
        }
        let h = approx.height
        let ys = max(0, approx.y0 - h / 2), ye = min(img.height, approx.y1 + h / 2)
        var tops: [(Double, Double)] = [], bottoms: [(Double, Double)] = []
        let ends = approx.width / endsLeftOutDivisor
        let xs = max(0, approx.x0 + ends), xe = min(img.width, approx.x1 - ends)
        guard xe > xs, ye > ys else { return nil }
        for x in stride(from: xs, to: xe, by: columnStepPx) {
            // Longest ink run in the column (gridlines pass by but are thin in y? no: vertical, so take the run nearest the bar's middle).
            var best = (0, 0), cur = -1
            for y in ys..<ye {
                if ink(x, y) { if cur < 0 { cur = y } } else if cur >= 0 { if y - cur > best.1 - best.0 { best = (cur, y) }; cur = -1 }
            }
            if cur >= 0, ye - cur > best.1 - best.0 { best = (cur, ye) }
            let len = best.1 - best.0
            guard len >= h / 2, len <= h * 3 / 2 else { continue }   // the bar's height as found, within half of it
            tops.append((Double(x), Double(best.0))); bottoms.append((Double(x), Double(best.1)))
        }
        guard tops.count >= minColumns else { return nil }
        let slope = median(stride(from: 0, to: tops.count - tops.count / 2, by: 1).map { i -> Double in
            let j = i + tops.count / 2
            return ((tops[j].1 + bottoms[j].1) - (tops[i].1 + bottoms[i].1)) / 2 / (tops[j].0 - tops[i].0)
        })
        let intercept = median(tops.indices.map { (tops[$0].1 + bottoms[$0].1) / 2 - slope * tops[$0].0 })
        let height = median(tops.indices.map { bottoms[$0].1 - tops[$0].1 })
        var g = BarGeometry(left: 0, right: 0, a: intercept, b: slope, height: height)
        func solid(_ x: Int) -> Bool {
            let yc = g.y(at: Double(x)); var n = 0, k = 0
            for y in Int(yc - height * solidBand)...Int(yc + height * solidBand) where y >= 0 && y < img.height { n += 1; if ink(x, y) { k += 1 } }
            return n > 0 && k * 10 >= n * solidTenths
        }
        // Solid from `x` on over `endRun` columns, but for white separators between segments.
        let endRun = max(minEndRunPx, Int(height * endRunInBarHeights))
        func holds(_ x: Int) -> Bool {
            Double((x..<(x + endRun)).filter { $0 < img.width && solid($0) }.count) >= endRunSolidShare * Double(endRun)
        }
        var x = max(0, approx.x0 - h)
        while x < approx.x1, !(solid(x) && solid(x + 1) && solid(x + 2) && holds(x)) { x += 1 }
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
