import ArsredKit
import Canvas

/// The survey printed as a table instead of a chart: a grey header row naming the categories in
/// cells too narrow for most names (`Till` / `mycket` / `stor del`), a row per question, every
/// cell a figure (`0%` included), a grid around all.
struct SurveyTable {
    var family: String
    var fontSize = 9.0
    /// Printed after a figure: `32%` or `32 %`.
    var percentSuffix = "%"
    var labelWidth = 96.0, cellWidth = 56.0, rowHeight = 16.0
    /// Padding of a header cell on each side.
    var padding = 5.0

    var width: Double { labelWidth + Double(SurveyData.categoryCount) * cellWidth }

    /// The category names wrapped to the header cells, line by line.
    func headerLines(_ pen: Surface) -> [[String]] {
        let bold = Font(family, size: fontSize, bold: true)
        return SurveyCategory.allCases.map { c in
            var lines: [String] = []
            for w in c.printed.split(separator: " ").map(String.init) {
                if let last = lines.last, pen.textWidth(last + " " + w, font: bold) <= cellWidth - 2 * padding {
                    lines[lines.count - 1] = last + " " + w
                } else {
                    lines.append(w)
                }
            }
            return lines
        }
    }

    func height(_ pen: Surface, questions: Int) -> Double {
        headerHeight(pen) + Double(questions) * rowHeight
    }

    private func headerHeight(_ pen: Surface) -> Double {
        Double(headerLines(pen).map(\.count).max() ?? 1) * fontSize * 1.2 + 2 * padding
    }

    /// Draws the table with its top-left corner at (`x`, `y`); returns its height.
    @discardableResult
    func draw(_ survey: SurveyData, on pen: Surface, x: Double, y: Double) -> Double {
        let bold = Font(family, size: fontSize, bold: true), body = Font(family, size: fontSize)
        let lines = headerLines(pen)
        let hh = headerHeight(pen)
        let total = hh + Double(survey.questions.count) * rowHeight
        pen.fill(Rect(x: x, y: y, width: width, height: hh), RGB(hex: 0xE7E6E6))
        for (i, cell) in lines.enumerated() {
            let cx = x + labelWidth + (Double(i) + 0.5) * cellWidth
            // Names centred in their cell both ways, as a word processor's table sets them.
            let top = y + (hh - Double(cell.count) * fontSize * 1.2) / 2
            for (k, line) in cell.enumerated() {
                pen.textCentred(line, centreX: cx, y: top + Double(k + 1) * fontSize * 1.2 - fontSize * 0.3, font: bold)
            }
        }
        for (r, q) in survey.questions.enumerated() {
            let baseline = y + hh + Double(r) * rowHeight + rowHeight / 2 + fontSize * 0.35
            pen.text("Fråga \(q.number) (n=\(q.n))", x: x + padding, y: baseline, font: body)
            for (i, p) in q.percentages.enumerated() {
                pen.textCentred("\(p)\(percentSuffix)", centreX: x + labelWidth + (Double(i) + 0.5) * cellWidth, y: baseline, font: body)
            }
        }
        let grid = RGB(grey: 128)
        for r in 0...survey.questions.count {
            let ly = r == 0 ? y : y + hh + Double(r) * rowHeight
            pen.line(from: (x, ly), to: (x + width, ly), grid, lineWidth: 0.4)
        }
        pen.line(from: (x, y + total), to: (x + width, y + total), grid, lineWidth: 0.4)
        for c in 0...7 {
            let lx = c == 0 ? x : x + labelWidth + Double(c - 1) * cellWidth
            pen.line(from: (lx, y), to: (lx, y + total), grid, lineWidth: 0.4)
        }
        return total
    }
}
