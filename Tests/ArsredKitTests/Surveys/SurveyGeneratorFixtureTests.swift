import Foundation
import Testing
import Bitmap
import Canvas
import Tesseract
@testable import ArsredKit
@testable import make_corpus

/// Survey charts and tables drawn by the project's generator (make-corpus: `SurveyChart`,
/// `SurveyTable`), put through what a scan does to colour (`ColourScan`: scanner levels, a cast,
/// blur, JPEG), and read back through the survey stage.
enum GeneratedSurvey {
    static let answers: [[Int]] = [
        [3, 7, 16, 32, 0, 42], [0, 11, 21, 23, 6, 39], [2, 4, 41, 23, 0, 30], [1, 16, 16, 19, 25, 23],
        [0, 0, 19, 16, 30, 35], [4, 9, 27, 32, 14, 14], [0, 5, 12, 40, 13, 30],
    ]
    static let n = [62, 90, 12, 86, 9, 57, 61]
    static let page = (width: Canvas.PDFDocument.a4.width, height: Canvas.PDFDocument.a4.height)
    static let contentLeft = 60.0, contentWidth = 475.0

    static func data(labelMinPct: Int, answers: [[Int]] = answers) -> SurveyData {
        SurveyData(programme: "Steget vidare", respondents: "ongoing", percentages: answers, n: n, labelMinPct: labelMinPct)
    }

    /// The heading and question list above a survey, drawn; returns where the survey goes.
    @discardableResult
    static func drawContext(_ pen: Surface, font: String) -> Double {
        pen.text("Indikatorer för finansiell samordning – Steget vidare, deltagare i pågående insats 2024",
                 x: contentLeft, y: 70, font: Font(font, size: 11, bold: true))
        let small = Font(font, size: 9)
        for (i, q) in SurveyData.questionTexts.enumerated() {
            pen.text("Fråga \(i + 1)", x: contentLeft, y: 92 + Double(i) * 14, font: small)
            pen.text(q, x: contentLeft + 46, y: 92 + Double(i) * 14, font: small)
        }
        return 92 + 7 * 14 + 10
    }

    /// The same words as a text layer would give them.
    static var contextPage: Page {
        func line(_ text: String, x: Double, y: Double) -> Line {
            var cx = x
            return Line(words: text.split(separator: " ").map { w in
                defer { cx += Double(w.count) * 5 + 3 }
                return Word(text: String(w), box: Box(x0: cx, y0: y - 9, x1: cx + Double(w.count) * 5, y1: y))
            })
        }
        var lines = [line("Indikatorer för finansiell samordning – Steget vidare, deltagare i pågående insats 2024", x: contentLeft, y: 70)]
        for (i, q) in SurveyData.questionTexts.enumerated() { lines.append(line("Fråga \(i + 1) \(q)", x: contentLeft, y: 92 + Double(i) * 14)) }
        return Page(number: 1, method: .textLayer, width: page.width, height: page.height, lines: lines)
    }

    /// Each category's figure as the truth holds it (nil: not printed).
    static func figures(_ q: SurveyQuestion) -> [Double?] {
        SurveyCategory.allCases.map { (q.percentages?[$0]).flatMap { $0 } }
    }
}

/// A page holding a generated chart picture, rendered at the asked resolution and then scanned.
struct ScannedChartPage: PageImageSource {
    let chart: RGBImage
    let frame: Rect
    let scan: ColourScan
    func image(page number: Int, region: Box?, dpi: Double) throws -> RGBImage {
        let k = dpi / 72
        let canvas = ImageCanvas(width: Int(GeneratedSurvey.page.width * k), height: Int(GeneratedSurvey.page.height * k))
        canvas.scale(by: k)
        canvas.draw(chart, in: frame)
        var img = canvas.rgbImage
        if let r = region { img = img.crop(x: Int(r.x0 * k), y: Int(r.y0 * k), width: Int(r.width * k), height: Int(r.height * k)) }
        return scan.apply(img)
    }
}

@Suite struct GeneratedSurveyChartTests {
    func read(_ chart: SurveyChart, _ data: SurveyData, scan: ColourScan) throws -> SurveyRecognition {
        let (img, h) = chart.render(data)
        let source = ScannedChartPage(chart: img, frame: Rect(x: GeneratedSurvey.contentLeft, y: 210, width: chart.width, height: h), scan: scan)
        let doc = IngestedDocument(file: "generated.pdf", sha256: "", pages: [GeneratedSurvey.contextPage], images: source)
        return try SurveyStage.recognise(document: doc, vocabulary: SurveyVocabulary.load(), reader: TesseractLabelReader())
    }

    func expectReadsBack(_ chart: SurveyChart, labelMinPct: Int, scan: ColourScan) throws {
        let data = GeneratedSurvey.data(labelMinPct: labelMinPct)
        let r = try read(chart, data, scan: scan)
        let s = try #require(r.surveys.first)
        let truth = data.truth(page: 1)
        #expect(r.surveys.count == 1)
        #expect(s.questions.map(\.n) == truth.questions.map(\.n))
        for (q, t) in zip(s.questions, truth.questions) {
            #expect(GeneratedSurvey.figures(q) == GeneratedSurvey.figures(t), "question \(q.number)")
        }
        #expect(r.checks.count == 7 && r.checks.allSatisfy(\.passed), "\(r.warnings)")
    }

    @Test func officeColoursShiftedByTheScanWithSpacedPercentAndThreeLegendColumns() throws {
        var chart = SurveyChart(palette: .excel, family: "Carlito", dpi: 150, legendColumns: 3, width: GeneratedSurvey.contentWidth)
        chart.percentSuffix = " %"
        try expectReadsBack(chart, labelMinPct: 4, scan: ColourScan(gains: (1.0, 0.93, 0.85), jpegQuality: 55))
    }

    /// Six marks in one row, the small first ones washed out by JPEG: a letter of a long name
    /// fused with paper specks is no mark (a mark follows its name past a space wider than a mark).
    @Test
    func divergingColoursWithAStrongCastAndSixLegendColumns() throws {
        let chart = SurveyChart(palette: .diverging, family: "DejaVu Sans", dpi: 200, legendColumns: 6, width: GeneratedSurvey.contentWidth)
        try expectReadsBack(chart, labelMinPct: 5, scan: ColourScan(gains: (0.92, 1.0, 0.9), jpegQuality: 50))
    }

    /// Small legend marks set close to their names in one row: at the finding resolution a mark
    /// and its name's first letters are one component, found again on the legend's row.
    /// Known failure (issue 9, left open; session 6): every figure but `helt_och_hallet` reads
    /// back in its category; the last entry's mark is not found, so every question's last
    /// figure is left out and all 7 checks fail (flagged, none silent).
    @Test(.disabled("known failure: the last legend entry's fused mark is not found; its figures are flagged, not given"))
    func singleRowLegendWithMarksTouchingTheirNames() throws {
        var chart = SurveyChart(palette: .excel, family: "DejaVu Sans", dpi: 200, legendColumns: 6, width: GeneratedSurvey.contentWidth)
        chart.legendMark = 6; chart.legendNameGap = 1.5
        try expectReadsBack(chart, labelMinPct: 5, scan: ColourScan(gains: (1.0, 0.97, 0.94), jpegQuality: 70))
    }

    /// Neighbouring shades of one blue lie closer together than scan noise moves a small swatch:
    /// the segments' order tells them apart.
    @Test func sequentialBluesAfterJPEGLoss() throws {
        let chart = SurveyChart(palette: .blues, family: "Liberation Sans", dpi: 170, legendColumns: 6, width: GeneratedSurvey.contentWidth)
        try expectReadsBack(chart, labelMinPct: 6, scan: ColourScan(jpegQuality: 60))
    }
}

@Suite struct MonotoneAlignmentTests {
    @Test func aSegmentNearerAnotherCategoryStillTakesTheOneItsPlaceAllows() {
        // Segment 1 is nearest slot 0 (as a washed-out swatch makes it) but slot 0 is taken by segment 0.
        let cost: [[Double]] = [[2, 30, 40], [10, 12, 35], [40, 30, 3]]
        #expect(MonotoneAlignment.align(cost, unexplainedCost: 25) == [0, 1, 2])
    }

    @Test func aColourNoEntryExplainsIsLeftOut() {
        let cost: [[Double]] = [[2, 30, 40], [60, 70, 55], [40, 30, 3]]
        #expect(MonotoneAlignment.align(cost, unexplainedCost: 25) == [0, nil, 2])
    }

    @Test func neighboursShareASlotOnlyWhenAllowed() {
        let cost: [[Double]] = [[2, 30], [3, 30], [40, 1]]
        #expect(MonotoneAlignment.align(cost, unexplainedCost: 25, neighboursMayShare: true) == [0, 0, 1])
        #expect(MonotoneAlignment.align(cost, unexplainedCost: 25) == [0, nil, 1])
    }
}

@Suite struct GeneratedSurveyTableTests {
    /// A page with the survey's heading, question list and table, as a PDF with a text layer or
    /// as a colour scan of it.
    func pdf(_ data: SurveyData, table: SurveyTable, scan: ColourScan?) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("survey-table-\(UUID().uuidString).pdf")
        let doc = try Canvas.PDFDocument(path: url.path)
        func draw(_ pen: Surface) {
            let top = GeneratedSurvey.drawContext(pen, font: table.family)
            table.draw(data, on: pen, x: GeneratedSurvey.contentLeft, y: top)
        }
        if let scan {
            let picture = Self.picture(data, table: table, scan: scan, dpi: 200)
            doc.page { $0.draw(picture, in: Rect(x: 0, y: 0, width: GeneratedSurvey.page.width, height: GeneratedSurvey.page.height)) }
        } else {
            doc.page(draw)
        }
        try doc.finish()
        return url
    }

    /// The page with the survey's heading, question list and table as a scan of it at `dpi`.
    static func picture(_ data: SurveyData, table: SurveyTable, scan: ColourScan, dpi: Double) -> RGBImage {
        let k = dpi / 72
        let canvas = ImageCanvas(width: Int(GeneratedSurvey.page.width * k), height: Int(GeneratedSurvey.page.height * k))
        canvas.scale(by: k)
        canvas.rotate(degrees: 0.5, aboutX: GeneratedSurvey.page.width / 2, y: GeneratedSurvey.page.height / 2)
        let top = GeneratedSurvey.drawContext(canvas, font: table.family)
        table.draw(data, on: canvas, x: GeneratedSurvey.contentLeft, y: top)
        return scan.apply(canvas.rgbImage)
    }

    func read(_ data: SurveyData, table: SurveyTable, scan: ColourScan?) throws -> (SurveyRecognition, PageMethod?) {
        let url = try pdf(data, table: table, scan: scan)
        defer { try? FileManager.default.removeItem(at: url) }
        let doc = try Ingest.document(at: url, options: IngestOptions(jobs: 1))
        return (try SurveyStage.recognise(document: doc), doc.pages.first?.method)
    }

    func expectReadsBack(_ table: SurveyTable, scan: ColourScan?) throws {
        let data = GeneratedSurvey.data(labelMinPct: 0)
        let (r, method) = try read(data, table: table, scan: scan)
        #expect(method == (scan == nil ? .textLayer : .ocr))
        let s = try #require(r.surveys.first)
        #expect(r.surveys.count == 1)
        #expect(s.programme == "Steget vidare")
        let truth = data.truth(page: 1)
        #expect(s.questions.map(\.n) == truth.questions.map(\.n))
        for (q, t) in zip(s.questions, truth.questions) {
            #expect(GeneratedSurvey.figures(q) == GeneratedSurvey.figures(t), "question \(q.number)")
        }
        #expect(r.checks.count == 7 && r.checks.allSatisfy(\.passed), "\(r.warnings)")
    }

    @Test func textLayerTableWithNamesOverThreeLines() throws {
        try expectReadsBack(SurveyTable(family: "Liberation Serif", percentSuffix: " %"), scan: nil)
    }

    @Test func scannedTableWithNamesOverThreeLines() throws {
        try expectReadsBack(SurveyTable(family: "DejaVu Sans"), scan: ColourScan(jpegQuality: 60))
    }

    @Test func aRowThatDoesNotAddUpFailsTheCheckOfItsQuestion() throws {
        var answers = GeneratedSurvey.answers
        answers[3][2] += 10   // question 4 printed 10 points over
        let (r, _) = try read(GeneratedSurvey.data(labelMinPct: 0, answers: answers), table: SurveyTable(family: "Carlito"), scan: nil)
        #expect(r.checks.count == 7)
        #expect(r.checks.filter { !$0.passed }.map(\.column) == ["fraga_4"])
        #expect(r.warnings.contains { $0.contains("question 4") })
    }
}

/// Survey tables in `.txt` input: the page OCR'd as the generator's `--ocr-text` makes it
/// (tesseract's English model over the whole page at 200 dpi grey, page segmentation 3), words
/// without positions.
@Suite struct GeneratedSurveyTableTextTests {
    /// The scanned table page read to text, line by line, written as a `.txt` input.
    func ocrText(_ data: SurveyData, table: SurveyTable, scan: ColourScan) throws -> URL {
        let picture = GeneratedSurveyTableTests.picture(data, table: table, scan: scan, dpi: 200)
        let words = try TesseractEngine(language: "eng").recognise(picture.grey, dpi: 200, mode: .auto)
        var lines: [[String]] = []
        var current = -1
        for w in words {
            if w.line != current { lines.append([]); current = w.line }
            lines[lines.count - 1].append(w.text)
        }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("survey-table-\(UUID().uuidString).txt")
        try lines.map { $0.joined(separator: " ") }.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    @Test func ocrTextTableReadsItsRowsOrFailsTheirChecks() throws {
        let data = GeneratedSurvey.data(labelMinPct: 0)
        let url = try ocrText(data, table: SurveyTable(family: "DejaVu Sans"), scan: ColourScan(jpegQuality: 60))
        defer { try? FileManager.default.removeItem(at: url) }
        let doc = try Ingest.document(at: url, options: IngestOptions(jobs: 1))
        #expect(doc.images == nil && !doc.pages.contains(where: \.hasPositions))
        let r = try SurveyStage.recognise(document: doc)
        let s = try #require(r.surveys.first)
        let truth = data.truth(page: 1)
        #expect(s.questions.map(\.n) == truth.questions.map(\.n))
        // Every question has its check; a row that reads gives the truth, one that does not
        // gives nothing and fails.
        #expect(r.checks.count == 7)
        var read = 0
        for (q, t) in zip(s.questions, truth.questions) {
            let passed = r.checks.first { $0.column == "fraga_\(q.number)" }?.passed ?? false
            if passed {
                #expect(GeneratedSurvey.figures(q) == GeneratedSurvey.figures(t), "question \(q.number)"); read += 1
            } else {
                #expect(GeneratedSurvey.figures(q).allSatisfy { $0 == nil }, "question \(q.number)")
            }
        }
        #expect(read >= 5)
    }
}
