import ArsredKit
import Bitmap
import Canvas

/// One programme's answers to the national indicator survey, as a report prints them.
struct SurveyData {
    /// The national survey asks seven questions, each answered in the six categories.
    static let questionCount = 7
    static let categoryCount = SurveyCategory.allCases.count
    /// Respondents per question are drawn around a programme's base (fewer answer some
    /// questions), never fewer than this.
    static let minimumRespondents = 5

    /// The survey's seven questions as printed, from the vocabulary the reader matches them with
    /// (`pipelines/surveys.yaml`). Without them the corpus would print other questions than its
    /// hand data names: `main` loads them first and stops with the cause.
    static func loadQuestionTexts() throws -> [String] {
        let questions = try SurveyVocabulary.load().questions
        return try (1...questionCount).map { number in
            guard let text = questions[number] else { throw MissingQuestion(number: number) }
            return text
        }
    }

    struct MissingQuestion: Error, CustomStringConvertible {
        var number: Int
        var description: String { "pipelines/surveys.yaml has no text for question \(number)" }
    }

    static let questionTexts: [String] = {
        do { return try loadQuestionTexts() } catch { preconditionFailure("make-corpus: \(error)") }
    }()

    struct Question {
        var number: Int
        var n: Int
        /// Whole percentages per category in printed order, summing to 100.
        var percentages: [Int]
        /// Which segments carry their figure (wide enough to hold it).
        var labelled: [Bool]
    }

    var programme: String
    var respondents: String
    var questions: [Question]

    /// Given answers, for chart fixtures in tests: `percentages[i]` are six whole figures summing to 100.
    init(programme: String, respondents: String, percentages: [[Int]], n: [Int], labelMinPct: Int = 5) {
        self.programme = programme; self.respondents = respondents
        questions = zip(percentages, n).enumerated().map { i, q in
            Question(number: i + 1, n: q.1, percentages: q.0, labelled: q.0.map { $0 >= labelMinPct })
        }
    }

    init(programme: String, respondents: String, labelMinPct: Int, rng: inout SeededRandom) {
        self.programme = programme; self.respondents = respondents
        let baseN = rng.int(9...80)
        questions = (1...Self.questionCount).map { number in
            let n = max(Self.minimumRespondents, baseN + rng.int(-3...1))
            // Answers lean positive, as they do in the family.
            let lean = rng.double(0.5...2.5)
            let weights = (0..<Self.categoryCount).map { i in Double(i + 1) * lean * rng.double(0.1...1.0) + rng.double(0...0.6) }
            var counts = [Int](repeating: 0, count: Self.categoryCount)
            let total = weights.reduce(0, +)
            for _ in 0..<n {
                var r = rng.unit() * total, i = 0
                while i < Self.categoryCount - 1, r >= weights[i] { r -= weights[i]; i += 1 }
                counts[i] += 1
            }
            let pct = SurveyData.wholePercentages(counts)
            return Question(number: number, n: n, percentages: pct, labelled: pct.map { $0 >= labelMinPct })
        }
    }

    /// Largest-remainder rounding so the six figures sum to exactly 100.
    static func wholePercentages(_ counts: [Int]) -> [Int] {
        let n = counts.reduce(0, +)
        let exact = counts.map { Double($0) * 100 / Double(n) }
        var floors = exact.map { Int($0) }
        let order = exact.indices.sorted { (exact[$0] - Double(floors[$0]), -$0) > (exact[$1] - Double(floors[$1]), -$1) }
        for i in order.prefix(100 - floors.reduce(0, +)) { floors[i] += 1 }
        return floors
    }

    func truth(page: Int) -> IndicatorSurvey {
        IndicatorSurvey(programme: programme, respondents: respondents, page: page, questions: questions.map { q in
            var pct: [SurveyCategory: Double?] = [:]
            for (i, cat) in SurveyCategory.allCases.enumerated() {
                pct[cat] = q.labelled[i] ? Double(q.percentages[i]) : nil
            }
            let printed: [Double?] = zip(q.percentages, q.labelled).filter { $0.1 }.map { Double($0.0) }
            return SurveyQuestion(number: q.number, text: SurveyData.questionTexts[q.number - 1], n: q.n,
                                  percentages: pct, printed: printed)
        })
    }
}

/// The stacked horizontal bar chart reports paste in as a picture.
struct SurveyChart {
    enum Palette { case diverging, blues, excel
        var colours: [RGB] {
            switch self {
            case .diverging: [0xB2182B, 0xEF8A62, 0xFDDBC7, 0xD1E5F0, 0x67A9CF, 0x2166AC].map(RGB.init(hex:))
            case .blues: [0xDEEBF7, 0xC6DBEF, 0x9ECAE1, 0x6BAED6, 0x3182BD, 0x08519C].map(RGB.init(hex:))
            case .excel: [0x4472C4, 0xED7D31, 0xA5A5A5, 0xFFC000, 0x5B9BD5, 0x70AD47].map(RGB.init(hex:))
            }
        }
    }
    var palette: Palette
    var family: String
    var dpi: Double
    var legendColumns: Int
    /// Width in points of the picture on the page.
    var width: Double

    var barHeight = 16.0, barGap = 10.0, labelWidth = 78.0, fontSize = 7.5
    /// Printed after a segment's figure: `32%` or `32 %`.
    var percentSuffix = "%"
    /// A legend mark's side, and the space between it and its name, in points (office charts
    /// set small marks close to their names: at 100 dpi they touch).
    var legendMark = 8.0, legendNameGap = 4.0
    /// A segment's figure is printed white on a fill darker than this luma (0...1), else black.
    static let darkFillLuma = 0.55

    func height(questions: Int) -> Double {
        let legendRows = Double((SurveyData.categoryCount + legendColumns - 1) / legendColumns)
        return 10 + Double(questions) * (barHeight + barGap) + 22 + legendRows * 13 + 8
    }

    func render(_ survey: SurveyData) -> (image: RGBImage, height: Double) {
        let h = height(questions: survey.questions.count)
        let scale = dpi / 72
        let canvas = ImageCanvas(width: Int((width * scale).rounded()), height: Int((h * scale).rounded()))
        canvas.scale(by: scale)
        let font = Font(family, size: fontSize)
        let colours = palette.colours
        let barX = labelWidth + 6, barW = width - barX - 14
        var y = 10.0
        let gridBottom = 10 + Double(survey.questions.count) * (barHeight + barGap)
        for t in 0...10 {
            let x = barX + barW * Double(t) / 10
            canvas.line(from: (x, 6), to: (x, gridBottom), RGB(grey: 225), lineWidth: 0.5)
            canvas.textCentred("\(t * 10)%", centreX: x, y: gridBottom + 10, font: font.sized(6.5), RGB(grey: 70))
        }
        for q in survey.questions {
            canvas.textRight("Fråga \(q.number) (n=\(q.n))", right: labelWidth, y: y + barHeight / 2 + fontSize * 0.35, font: font)
            var x = barX
            for (i, p) in q.percentages.enumerated() where p > 0 {
                let w = barW * Double(p) / 100
                canvas.fill(Rect(x: x, y: y, width: w, height: barHeight), colours[i])
                if q.labelled[i] {
                    let ink: RGB = colours[i].luma < Self.darkFillLuma ? .white : .black
                    canvas.textCentred("\(p)\(percentSuffix)", centreX: x + w / 2, y: y + barHeight / 2 + fontSize * 0.35, font: font, ink)
                }
                x += w
            }
            y += barHeight + barGap
        }
        // Legend, row by row.
        let legendTop = gridBottom + 22
        let colW = (width - 40) / Double(legendColumns)
        for (i, cat) in SurveyCategory.allCases.enumerated() {
            let col = i % legendColumns, row = i / legendColumns
            let lx = 30 + Double(col) * colW, ly = legendTop + Double(row) * 13
            canvas.fill(Rect(x: lx, y: ly - 2 - legendMark / 2, width: legendMark, height: legendMark), colours[i])
            canvas.text(cat.printed, x: lx + legendMark + legendNameGap, y: ly + 1.5, font: font.sized(7))
        }
        return (canvas.rgbImage, h)
    }
}
