import Foundation
import Testing
import Bitmap
import Canvas
@testable import ArsredKit

/// Survey charts drawn here with Canvas (colours, label placement and fonts varied) and read
/// back through the whole survey stage.
struct ChartFixture {
    var programme = "Steget vidare"
    var respondents = "pågående"
    var palette: [RGB]
    var font: String
    var percentSuffix = "%"
    var legendColumns = 3
    /// Six whole percentages per question (summing to 100) and n.
    var questions: [(pct: [Int], n: Int)]
    var labelMinPct = 5
    /// Space between a question label and its bar, in points; labels in bold or not.
    var labelGap = 6.0, boldLabels = false
    /// Labels printed instead of the true figure (question index, category index) -> text.
    var misprints: [[Int]: String] = [:]

    static let pageWidth = 595.0, pageHeight = 842.0
    let chartTop = 230.0, barLeft = 170.0, barWidth = 360.0, barHeight = 15.0, pitch = 27.0

    func draw(_ pen: Surface) {
        let body = Font(font, size: 10)
        pen.text("Indikatorer för finansiell samordning – \(programme), deltagare i \(respondents) insats 2024",
                 x: 50, y: 70, font: Font(font, size: 12, bold: true))
        for (i, q) in SurveyVocabularyFixture.questions.enumerated() {
            pen.text("Fråga \(i + 1)", x: 50, y: 95 + Double(i) * 16, font: body)
            pen.text(q, x: 110, y: 95 + Double(i) * 16, font: body)
        }
        let small = Font(font, size: 8)
        for (i, q) in questions.enumerated() {
            let y = chartTop + Double(i) * pitch
            pen.textRight("Fråga \(i + 1) (n=\(q.n))", right: barLeft - labelGap, y: y + barHeight * 0.7,
                          font: Font(font, size: 8, bold: boldLabels))
            var x = barLeft
            for (k, p) in q.pct.enumerated() where p > 0 {
                let w = barWidth * Double(p) / 100
                pen.fill(Rect(x: x, y: y, width: w, height: barHeight), palette[k])
                if p >= labelMinPct {
                    let text = misprints[[i, k]] ?? "\(p)\(percentSuffix)"
                    pen.textCentred(text, centreX: x + w / 2, y: y + barHeight * 0.68, font: small,
                                    palette[k].luma < 0.5 ? .white : .black)
                }
                x += w
            }
        }
        let axisY = chartTop + Double(questions.count) * pitch + 6
        for t in stride(from: 0, through: 100, by: 10) {
            pen.textCentred("\(t)%", centreX: barLeft + barWidth * Double(t) / 100, y: axisY, font: small)
        }
        // Legend columns as wide as their longest name, centred under the bars (as office
        // charts lay them out; a single row may run past the bars' ends).
        let rows = (6 + legendColumns - 1) / legendColumns
        let columns = stride(from: 0, to: 6, by: rows).map { Array(SurveyCategory.allCases[$0..<min(6, $0 + rows)]) }
        let widths = columns.map { col in 11 + col.map { pen.textWidth($0.printed, font: small) }.max()! + 14 }
        var x = barLeft + (barWidth - widths.reduce(0, +)) / 2
        for (col, categories) in columns.enumerated() {
            for (row, c) in categories.enumerated() {
                let y = axisY + 18 + Double(row) * 13
                pen.fill(Rect(x: x, y: y - 7, width: 7, height: 7), palette[SurveyCategory.allCases.firstIndex(of: c)!])
                pen.text(c.printed, x: x + 11, y: y, font: small)
            }
            x += widths[col]
        }
    }

    /// The page's words as ingestion would give them (the text above the chart).
    var page: Page {
        func line(_ text: String, y: Double) -> Line {
            var x = 50.0
            return Line(words: text.split(separator: " ").map { w in
                defer { x += Double(w.count) * 6 + 4 }
                return Word(text: String(w), box: Box(x0: x, y0: y - 10, x1: x + Double(w.count) * 6, y1: y))
            })
        }
        var lines = [line("Indikatorer för finansiell samordning – \(programme), deltagare i \(respondents) insats 2024", y: 70)]
        for (i, q) in SurveyVocabularyFixture.questions.enumerated() { lines.append(line("Fråga \(i + 1) \(q)", y: 95 + Double(i) * 16)) }
        return Page(number: 1, method: .textLayer, width: Self.pageWidth, height: Self.pageHeight, lines: lines)
    }
}

enum SurveyVocabularyFixture {
    static let questions = (try? SurveyVocabulary.load()).map { v in (1...7).map { v.questions[$0]! } } ?? []
}

/// A page picture drawn on demand at the asked resolution.
struct FixtureImages: PageImageSource {
    let fixture: ChartFixture
    func image(page number: Int, region: Box?, dpi: Double) throws -> RGBImage {
        let k = dpi / 72
        let canvas = ImageCanvas(width: Int(ChartFixture.pageWidth * k), height: Int(ChartFixture.pageHeight * k))
        canvas.scale(by: k)
        fixture.draw(canvas)
        let img = canvas.rgbImage
        guard let r = region else { return img }
        return img.crop(x: Int(r.x0 * k), y: Int(r.y0 * k), width: Int(r.width * k), height: Int(r.height * k))
    }
}

@Suite struct SurveyChartReadBackTests {
    static let answers: [(pct: [Int], n: Int)] = [
        ([3, 7, 16, 32, 0, 42], 62), ([0, 11, 21, 23, 6, 39], 90), ([2, 4, 41, 23, 0, 30], 12),
        ([1, 16, 16, 19, 25, 23], 86), ([0, 0, 19, 16, 30, 35], 9),
    ]
    static let blues = [RGB(hex: 0x1F3864), RGB(hex: 0x2E75B6), RGB(hex: 0x9DC3E6), RGB(hex: 0xF4B183), RGB(hex: 0xC55A11), RGB(hex: 0x843C0C)]
    static let excel = [RGB(hex: 0x4472C4), RGB(hex: 0xED7D31), RGB(hex: 0xA5A5A5), RGB(hex: 0xFFC000), RGB(hex: 0x5B9BD5), RGB(hex: 0x70AD47)]
    static let diverging = [RGB(hex: 0xD7191C), RGB(hex: 0xFDAE61), RGB(hex: 0xFFFFBF), RGB(hex: 0xA6D96A), RGB(hex: 0x66BD63), RGB(hex: 0x1A9641)]

    func read(_ f: ChartFixture) throws -> SurveyRecognition {
        let doc = IngestedDocument(file: "fixture.pdf", sha256: "", pages: [f.page], images: FixtureImages(fixture: f))
        return try SurveyStage.recognise(document: doc, vocabulary: SurveyVocabulary.load(), reader: TesseractLabelReader())
    }

    func expectReadsBack(_ f: ChartFixture) throws {
        let r = try read(f)
        let s = try #require(r.surveys.first)
        #expect(r.surveys.count == 1)
        #expect(s.programme == f.programme)
        #expect(s.questions.map(\.n) == f.questions.map(\.n))
        #expect(s.questions.first?.text == SurveyVocabularyFixture.questions.first)
        for (q, truth) in zip(s.questions, f.questions) {
            let want = SurveyCategory.allCases.enumerated().map { k, _ in truth.pct[k] >= f.labelMinPct ? Double(truth.pct[k]) : nil }
            let got = SurveyCategory.allCases.map { (q.percentages?[$0]).flatMap { $0 } }
            #expect(got == want, "question \(q.number)")
        }
        #expect(r.checks.count == f.questions.count && r.checks.allSatisfy(\.passed), "\(r.warnings)")
    }

    @Test func bluesInCarlitoWithThreeLegendColumns() throws {
        try expectReadsBack(ChartFixture(palette: Self.blues, font: "Carlito", questions: Self.answers))
    }

    @Test func excelColoursInLiberationSerifSpacedPercentSixColumns() throws {
        try expectReadsBack(ChartFixture(programme: "NOVA", respondents: "avslutade", palette: Self.excel, font: "Liberation Serif",
                                         percentSuffix: " %", legendColumns: 6, questions: Self.answers))
    }

    /// The first colour is too pale to count as ink: bars opening with it still start at the axis.
    @Test func barsOpeningWithAnAlmostWhiteSegment() throws {
        let sequential = [RGB(hex: 0xDEEBF7), RGB(hex: 0xC6DBEF), RGB(hex: 0x9ECAE1), RGB(hex: 0x6BAED6), RGB(hex: 0x3182BD), RGB(hex: 0x08519C)]
        let answers: [(pct: [Int], n: Int)] = [
            ([0, 22, 8, 12, 27, 31], 49), ([11, 22, 13, 13, 26, 15], 46), ([15, 0, 6, 30, 19, 30], 47),
            ([9, 7, 17, 26, 26, 15], 46), ([0, 6, 34, 6, 21, 33], 48),
        ]
        try expectReadsBack(ChartFixture(palette: sequential, font: "Carlito", questions: answers))
    }

    @Test func paleDivergingColoursInDejaVuSans() throws {
        try expectReadsBack(ChartFixture(palette: Self.diverging, font: "DejaVu Sans", questions: Self.answers, labelMinPct: 8))
    }

    /// Bold labels close to their bars: a closing bracket is solid over a few columns, and the bar
    /// must not be taken to begin there (its label's bracket cut off, its n lost, the paper
    /// between taken for a segment).
    @Test func boldLabelsCloseToTheirBars() throws {
        var f = ChartFixture(palette: Self.excel, font: "DejaVu Sans", questions: Self.answers)
        f.labelGap = 2; f.boldLabels = true
        try expectReadsBack(f)
    }

    @Test func aMisprintedLabelFailsItsBarAndIsNotReported() throws {
        var f = ChartFixture(palette: Self.blues, font: "DejaVu Sans", questions: Self.answers)
        f.misprints[[1, 2]] = "45%"   // a 21% segment labelled 45%
        let r = try read(f)
        let q2 = try #require(r.surveys.first?.questions[1])
        #expect(q2.percentages?[.delvis] == .some(nil))
        #expect(r.checks.filter { !$0.passed }.map(\.column) == ["fraga_2"])
        #expect(r.warnings.contains { $0.contains("question 2") })
    }

    @Test func aBarWhoseFiguresSumTo110FailsItsCheckAndKeepsNoFigure() throws {
        var answers = Self.answers
        answers[2].pct = [0, 0, 20, 30, 30, 30]   // drawn to scale: a bar a tenth too long
        let r = try read(ChartFixture(palette: Self.blues, font: "Carlito", questions: answers))
        let q3 = try #require(r.surveys.first?.questions[2])
        #expect(SurveyCategory.allCases.allSatisfy { q3.percentages?[$0] == .some(nil) })
        #expect(r.checks.filter { !$0.passed }.map(\.column) == ["fraga_3"])
        #expect(r.warnings.count == 1 && r.warnings.allSatisfy { $0.contains("question 3") }, "\(r.warnings)")
    }
}
