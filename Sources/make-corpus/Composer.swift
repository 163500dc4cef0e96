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
        let f = Font(style.family, size: size ?? style.bodySize + 4, bold: true)
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

    /// Draws `t` (kept on one page) under its heading; returns the page it landed on.
    @discardableResult
    func table(_ t: PrintedTable, heading: String? = nil, headingSize: Double? = nil) -> Int {
        let f = style.tableFont, bold = f.asBold
        let rowH = f.size * 1.75
        let headerLines = max(1, t.columns.map(\.header.count).max() ?? 1)
        let headerH = Double(headerLines) * f.size * 1.25 + f.size * 0.8
        let noteW = t.hasNoteColumn ? 34.0 : 0
        let valueW = min(86.0, (contentWidth - noteW - 170) / Double(t.columns.count))
        let labelW = contentWidth - noteW - valueW * Double(t.columns.count)
        let rowHeights = t.rows.map { row -> Double in
            let lines = wrap(row.prefix.isEmpty ? row.label : row.prefix + " " + row.label, font: row.bold ? bold : f, width: labelW - 8).count
            return rowH + Double(lines - 1) * f.size * 1.2
        }
        let needed = headerH + rowHeights.reduce(0, +) + (heading == nil ? 0 : (headingSize ?? style.bodySize + 4) * 2.5)
        if pages.isEmpty || remaining < needed { newPage(.table) }
        if let heading { self.heading(heading, size: headingSize) }
        let page = pageNumber
        setKindIfProse(.table)
        let x0 = left, noteX = left + labelW, valuesX = noteX + noteW
        let colRight = (0..<t.columns.count).map { valuesX + valueW * Double($0 + 1) - 5 }
        let ruling = style.ruling, numbers = style.numbers
        let top = y

        // Header: lines bottom-aligned above the first row.
        let headerBottom = top + headerH - f.size * 0.55
        draw { s in
            if let unit = t.unitLine { s.text(unit, x: x0 + 4, y: headerBottom, font: bold) }
            if t.hasNoteColumn { s.text("Not", x: noteX + 4, y: headerBottom, font: bold) }
            for (i, c) in t.columns.enumerated() {
                for (j, line) in c.header.enumerated() {
                    let ly = headerBottom - Double(c.header.count - 1 - j) * f.size * 1.25
                    s.textRight(line, right: colRight[i], y: ly, font: bold)
                }
            }
        }
        y = top + headerH
        let lineColour = RGB(grey: 90)
        let tableRight = valuesX + valueW * Double(t.columns.count)
        if ruling == .rules { let ly = y; draw { $0.line(from: (x0, ly), to: (tableRight, ly), lineColour, lineWidth: 0.8) } }
        var rowTops: [Double] = [top]
        for (row, h) in zip(t.rows, rowHeights) {
            let rowTop = y
            rowTops.append(rowTop)
            let font = row.bold ? bold : f
            let labelLines = wrap(row.prefix.isEmpty ? row.label : row.prefix + " " + row.label, font: font, width: labelW - 8)
            let base = rowTop + rowH / 2 + f.size * 0.35
            if ruling == .rules && row.bold && row.label.hasPrefix("Summa") || ruling == .rules && row.label == "Summa" {
                draw { $0.line(from: (x0, rowTop), to: (tableRight, rowTop), lineColour, lineWidth: 0.6) }
            }
            draw { s in
                for (j, line) in labelLines.enumerated() {
                    s.text(line, x: x0 + 4, y: base + Double(j) * f.size * 1.2, font: font)
                }
                if let note = row.note { s.text(note, x: noteX + 4, y: base, font: f) }
                let lastBase = base + Double(labelLines.count - 1) * f.size * 1.2
                for (i, v) in row.values.enumerated() {
                    if let v { s.textRight(numbers.format(v) + row.suffix, right: colRight[i], y: lastBase, font: font) }
                    else if row.dashForMissing { s.textRight("-", right: colRight[i], y: lastBase, font: font) }
                }
            }
            y += h
        }
        rowTops.append(y)
        if ruling == .grid {
            let xs = [x0] + (t.hasNoteColumn ? [noteX] : []) + (0...t.columns.count).map { valuesX + valueW * Double($0) }
            let ys = rowTops, bottomY = y
            draw { s in
                for ly in ys { s.line(from: (x0, ly), to: (tableRight, ly), lineColour, lineWidth: 0.6) }
                for lx in xs { s.line(from: (lx, top), to: (lx, bottomY), lineColour, lineWidth: 0.6) }
            }
        }
        y += f.size * 1.2
        return page
    }

    private func setKindIfProse(_ k: PageKind) { if pages[pages.count - 1].kind == .prose { setKind(k) } }
}
