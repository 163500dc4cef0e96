import Bitmap
import Canvas

/// What a page mostly holds, as the hand data's `source.pages[].kind` says.
enum PageKind: String { case cover, prose, table, chart, signature, signing }

/// One page before it is rendered: its drawing, replayable onto a PDF page or a raster.
struct PageDraft {
    var kind: PageKind
    var ops: [(Surface) -> Void] = []
    /// Where colour pictures sit (points); a scan keeps these in colour and the rest grey.
    var colourRegions: [Rect] = []
    func draw(on s: Surface) { for op in ops { op(s) } }
}

/// The look of one report.
struct PageStyle {
    var family: String
    var bodySize: Double
    /// Table rules: every cell boxed, lines under header and above sums, or none.
    enum Ruling { case grid, rules, none }
    var ruling: Ruling
    var numbers: NumberStyle
    var accent: RGB = RGB(hex: 0x1F3A5F)
    var body: Font { Font(family, size: bodySize) }
    var tableFont: Font { Font(family, size: bodySize - 1) }
    /// Headings are set this many points larger than the body.
    static let headingLarger = 4.0
    var headingSize: Double { bodySize + Self.headingLarger }
}

/// Lays out headings, paragraphs and tables top to bottom, starting a new page when one is full.
/// Page numbers of placed tables are returned so the hand data can cite them.
final class Composer {
    let style: PageStyle
    let width = PDFDocument.a4.width, height = PDFDocument.a4.height
    let left = 68.0, right = 68.0, top = 72.0, bottom = 80.0
    var contentWidth: Double { width - left - right }
    private(set) var pages: [PageDraft] = []
    private var y = 0.0
    /// Measures text with the same fonts the pages use.
    private let ruler = ImageCanvas(width: 1, height: 1)

    init(style: PageStyle) { self.style = style }

    /// 1-based number of the page being filled.
    var pageNumber: Int { pages.count }

    func newPage(_ kind: PageKind) {
        pages.append(PageDraft(kind: kind)); y = top
    }

    func setKind(_ kind: PageKind) { pages[pages.count - 1].kind = kind }

    func draw(_ op: @escaping (Surface) -> Void) { pages[pages.count - 1].ops.append(op) }

    var remaining: Double { height - bottom - y }

    func ensure(_ h: Double, kind: PageKind = .prose) { if pages.isEmpty || remaining < h { newPage(kind) } }

    func space(_ h: Double) { y += h }

    func moveTo(y newY: Double) { y = newY }
    var cursor: Double { y }

    func width(_ s: String, _ f: Font) -> Double { ruler.textWidth(s, font: f) }

    func heading(_ text: String, size: Double? = nil) {
        let f = Font(style.family, size: size ?? style.headingSize, bold: true)
        let lines = wrap(text, font: f, width: contentWidth)
        ensure(f.size * (2.8 + 1.25 * Double(lines.count)))
        for (i, line) in lines.enumerated() {
            y += f.size * (i == 0 ? 1.2 : 1.25)
            let at = y
            draw { $0.text(line, x: self.left, y: at, font: f, self.style.accent) }
        }
        y += f.size * 0.7
    }

    /// A left-aligned paragraph wrapped to the text column.
    func paragraph(_ text: String, font: Font? = nil, gapAfter: Double? = nil) {
        let f = font ?? style.body
        let lineHeight = f.size * 1.38
        for line in wrap(text, font: f, width: contentWidth) {
            ensure(lineHeight)
            y += lineHeight
            let at = y
            draw { $0.text(line, x: self.left, y: at, font: f) }
        }
        y += gapAfter ?? f.size * 0.7
    }

    func wrap(_ text: String, font: Font, width w: Double) -> [String] {
        var lines: [String] = [], current = ""
        for word in text.split(separator: " ") {
            let candidate = current.isEmpty ? String(word) : current + " " + word
            if !current.isEmpty, width(candidate, font) > w { lines.append(current); current = String(word) }
            else { current = candidate }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    /// A picture (a chart) at full column width or `w` points wide.
    func image(_ img: RGBImage, height h: Double, width w: Double? = nil) {
        let w = w ?? contentWidth
        ensure(h + 10, kind: .chart)
        y += 6
        let r = Rect(x: left, y: y, width: w, height: h)
        draw { $0.draw(img, in: r) }
        pages[pages.count - 1].colourRegions.append(r)
        y += h + 6
    }

    /// Proportions of a printed table, in points or in multiples of the table font's size.
    private enum TableLayout {
        /// Row height per font size: one line of label plus the gap around it.
        static let rowHeight = 1.75
        /// Line height (per font size) of a wrapped label and of the gap under the table.
        static let labelLineHeight = 1.2
        /// Line height (per font size) of a header of several lines, and the gap it leaves above the first row.
        static let headerLineHeight = 1.25, headerGap = 0.8
        /// How far (per font size) the header's last line stands above the first row.
        static let headerLift = 0.55
        /// How far (per font size) a row's text baseline sits below the row's middle.
        static let baselineDrop = 0.35
        /// The note column's width, the widest a value column gets, and the least the labels keep (points).
        static let noteWidth = 34.0, maxValueWidth = 86.0, minLabelWidth = 170.0
        /// Text stands this far inside its cell on the left, a value this far from the column's right edge (points).
        static let inset = 4.0, valueInset = 5.0
        /// Room a heading above the table takes, per size of the heading's font.
        static let headingHeight = 2.5
        /// Grey level of the rules, and their widths (points) under the header and elsewhere.
        static let ruleGrey: UInt8 = 90
        static let headerRuleWidth = 0.8, ruleWidth = 0.6
    }

    /// Where the parts of one printed table go: column edges and each row's height.
    private struct TableGeometry {
        let font: Font, bold: Font
        let rowH: Double, headerH: Double, noteW: Double, valueW: Double, labelW: Double
        let x0: Double, noteX: Double, valuesX: Double, tableRight: Double
        /// Right edge of each value column's figures.
        let colRight: [Double]
        let rowHeights: [Double]
    }

    private func labelLines(_ row: PrintedTable.Row, font: Font, width labelW: Double) -> [String] {
        wrap(row.prefix.isEmpty ? row.label : row.prefix + " " + row.label, font: font, width: labelW - 2 * TableLayout.inset)
    }

    private func geometry(of t: PrintedTable) -> TableGeometry {
        let f = style.tableFont, bold = f.asBold
        let rowH = f.size * TableLayout.rowHeight
        let headerLines = max(1, t.columns.map(\.header.count).max() ?? 1)
        let headerH = Double(headerLines) * f.size * TableLayout.headerLineHeight + f.size * TableLayout.headerGap
        let noteW = t.hasNoteColumn ? TableLayout.noteWidth : 0
        let valueW = min(TableLayout.maxValueWidth, (contentWidth - noteW - TableLayout.minLabelWidth) / Double(t.columns.count))
        let labelW = contentWidth - noteW - valueW * Double(t.columns.count)
        let noteX = left + labelW, valuesX = noteX + noteW
        let colRight = (0..<t.columns.count).map { valuesX + valueW * Double($0 + 1) - TableLayout.valueInset }
        let rowHeights = t.rows.map { row -> Double in
            let lines = labelLines(row, font: row.bold ? bold : f, width: labelW).count
            return rowH + Double(lines - 1) * f.size * TableLayout.labelLineHeight
        }
        return TableGeometry(font: f, bold: bold, rowH: rowH, headerH: headerH, noteW: noteW, valueW: valueW, labelW: labelW,
                             x0: left, noteX: noteX, valuesX: valuesX, tableRight: valuesX + valueW * Double(t.columns.count),
                             colRight: colRight, rowHeights: rowHeights)
    }

    /// Draws `t` (kept on one page) under its heading; returns the page it landed on.
    @discardableResult
    func table(_ t: PrintedTable, heading: String? = nil, headingSize: Double? = nil) -> Int {
        let g = geometry(of: t)
        let headingH = heading == nil ? 0 : (headingSize ?? style.headingSize) * TableLayout.headingHeight
        let needed = g.headerH + g.rowHeights.reduce(0, +) + headingH
        if pages.isEmpty || remaining < needed { newPage(.table) }
        if let heading { self.heading(heading, size: headingSize) }
        let page = pageNumber
        setKindIfProse(.table)
        let top = y
        drawHeader(t, g, top: top)
        y = top + g.headerH
        if style.ruling == .rules {
            let ly = y
            draw { $0.line(from: (g.x0, ly), to: (g.tableRight, ly), RGB(grey: TableLayout.ruleGrey), lineWidth: TableLayout.headerRuleWidth) }
        }
        let rowTops = [top] + drawRows(t, g)
        if style.ruling == .grid { drawGrid(t, g, rowTops: rowTops + [y]) }
        y += g.font.size * TableLayout.labelLineHeight
        return page
    }

    /// The unit line, "Not" and the column headers, bottom-aligned above the first row.
    private func drawHeader(_ t: PrintedTable, _ g: TableGeometry, top: Double) {
        let f = g.font, bold = g.bold
        let headerBottom = top + g.headerH - f.size * TableLayout.headerLift
        draw { s in
            if let unit = t.unitLine { s.text(unit, x: g.x0 + TableLayout.inset, y: headerBottom, font: bold) }
            if t.hasNoteColumn { s.text("Not", x: g.noteX + TableLayout.inset, y: headerBottom, font: bold) }
            for (i, c) in t.columns.enumerated() {
                for (j, line) in c.header.enumerated() {
                    let ly = headerBottom - Double(c.header.count - 1 - j) * f.size * TableLayout.headerLineHeight
                    s.textRight(line, right: g.colRight[i], y: ly, font: bold)
                }
            }
        }
    }

    /// Each row's label (wrapped), note and figures, figures on the label's last line; a rule
    /// above a sum when the style rules sums. Returns each row's top.
    private func drawRows(_ t: PrintedTable, _ g: TableGeometry) -> [Double] {
        let f = g.font, numbers = style.numbers, rules = style.ruling == .rules
        var rowTops: [Double] = []
        for (row, h) in zip(t.rows, g.rowHeights) {
            let rowTop = y
            rowTops.append(rowTop)
            let font = row.bold ? g.bold : f
            let labelLines = labelLines(row, font: font, width: g.labelW)
            let base = rowTop + g.rowH / 2 + f.size * TableLayout.baselineDrop
            if rules && row.bold && row.label.hasPrefix("Summa") || rules && row.label == "Summa" {
                draw { $0.line(from: (g.x0, rowTop), to: (g.tableRight, rowTop), RGB(grey: TableLayout.ruleGrey), lineWidth: TableLayout.ruleWidth) }
            }
            draw { s in
                for (j, line) in labelLines.enumerated() {
                    s.text(line, x: g.x0 + TableLayout.inset, y: base + Double(j) * f.size * TableLayout.labelLineHeight, font: font)
                }
                if let note = row.note { s.text(note, x: g.noteX + TableLayout.inset, y: base, font: f) }
                let lastBase = base + Double(labelLines.count - 1) * f.size * TableLayout.labelLineHeight
                for (i, v) in row.values.enumerated() {
                    if let v { s.textRight(numbers.format(v) + row.suffix, right: g.colRight[i], y: lastBase, font: font) }
                    else if row.dashForMissing { s.textRight("-", right: g.colRight[i], y: lastBase, font: font) }
                }
            }
            y += h
        }
        return rowTops
    }

    /// Every cell boxed: a rule under the header and each row, and between the columns.
    private func drawGrid(_ t: PrintedTable, _ g: TableGeometry, rowTops: [Double]) {
        let xs = [g.x0] + (t.hasNoteColumn ? [g.noteX] : []) + (0...t.columns.count).map { g.valuesX + g.valueW * Double($0) }
        let top = rowTops[0], bottomY = rowTops[rowTops.count - 1]
        let colour = RGB(grey: TableLayout.ruleGrey)
        draw { s in
            for ly in rowTops { s.line(from: (g.x0, ly), to: (g.tableRight, ly), colour, lineWidth: TableLayout.ruleWidth) }
            for lx in xs { s.line(from: (lx, top), to: (lx, bottomY), colour, lineWidth: TableLayout.ruleWidth) }
        }
    }

    private func setKindIfProse(_ k: PageKind) { if pages[pages.count - 1].kind == .prose { setKind(k) } }
}
