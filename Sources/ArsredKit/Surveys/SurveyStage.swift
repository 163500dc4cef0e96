import Foundation
import Bitmap

/// What the survey stage hands on: the surveys, one check per bar read from a picture, warnings.
public struct SurveyRecognition: Sendable {
    public var surveys: [IndicatorSurvey]
    public var checks: [Check]
    public var diagnostics: [Diagnostic]
    /// The diagnostics as the contract's strings.
    public var warnings: [String] { diagnostics.map(\.rendered) }
    public init(surveys: [IndicatorSurvey] = [], checks: [Check] = [], diagnostics: [Diagnostic] = []) {
        self.surveys = surveys; self.checks = checks; self.diagnostics = diagnostics
    }
}

/// Indicator surveys (the national participant survey's stacked-bar charts) from pages and
/// their pictures.
public enum SurveyStage {
    /// Reads every survey of `document`, using a tesseract engine of its own for chart labels.
    public static func recognise(document: IngestedDocument, vocabulary: SurveyVocabulary, tessdata: String? = nil) throws -> SurveyRecognition {
        try recognise(document: document, vocabulary: vocabulary, labelReaders: LabelReaderPool(tessdata: tessdata))
    }

    /// Reads every survey of `document`, with a label reader of `labelReaders` for its charts.
    public static func recognise(document: IngestedDocument, vocabulary: SurveyVocabulary,
                                 labelReaders: LabelReaderPool) throws -> SurveyRecognition {
        // Only a document with pictures has charts to look at.
        let holding = document.images == nil ? [] : document.pages.filter { $0.hasPositions && pageHoldsSurvey($0, vocabulary) }
        guard !holding.isEmpty else { return try recognise(document: document, vocabulary: vocabulary, reader: nil, holding: []) }
        return try labelReaders.withReader { try recognise(document: document, vocabulary: vocabulary, reader: $0, holding: holding) }
    }

    /// As above with a given label reader (nil: words only, no chart reading).
    public static func recognise(document: IngestedDocument, vocabulary: SurveyVocabulary,
                                 reader: SurveyLabelReader?) throws -> SurveyRecognition {
        try recognise(document: document, vocabulary: vocabulary, reader: reader,
                      holding: reader == nil ? [] : document.pages.filter { $0.hasPositions && pageHoldsSurvey($0, vocabulary) })
    }

    /// `holding`: the pages with positions whose words show a survey (its heading or question list).
    private static func recognise(document: IngestedDocument, vocabulary: SurveyVocabulary,
                                  reader: SurveyLabelReader?, holding: [Page]) throws -> SurveyRecognition {
        let stream = LineStream(pages: document.pages)
        var result = SurveyRecognition()
        let textSurveys = SurveyTextRecogniser.recognise(stream, vocabulary: vocabulary)
        guard let images = document.images, let reader, document.pages.contains(where: \.hasPositions) else {
            // No picture to read a chart from: a table of percentages still reads from its words
            // (a `.txt` input's rows are the table's rows, in the categories' printed order).
            for s in textSurveys { add(&result) { table(s, pages: document.pages, vocabulary: vocabulary, result: &$0) } }
            return flaggingUnread(result, pages: document.pages, vocabulary: vocabulary)
        }
        let chartReader = ChartReader(vocabulary: vocabulary, reader: reader)
        // A chart may sit on the page after its heading and question list.
        let present = Set(document.pages.map(\.number))
        var candidates: [Int] = []
        for p in holding {
            for n in [p.number, p.number + 1] where present.contains(n) && !candidates.contains(n) { candidates.append(n) }
        }
        var chartPages = Set<Int>()
        for pageNumber in candidates {
            let charts: [ChartReading]
            do { charts = try chartReader.read(page: pageNumber, images: images) } catch {
                result.diagnostics.append(Diagnostic(page: pageNumber, message: "survey chart not readable: \(error)"))
                continue
            }
            for chart in charts where chart.bars.count >= SurveySettings.questionsInSurvey {
                chartPages.insert(pageNumber)
                let at = stream.index(page: pageNumber, atY: chart.top)
                let ctx = SurveyContext.before(at, in: stream, vocabulary: vocabulary)
                add(&result) { build(chart, page: pageNumber, context: ctx, words: textSurveys, result: &$0) }
            }
        }
        // Surveys printed as words only (a table of percentages, or a chart we could not see).
        for s in textSurveys where !chartPages.contains(s.page ?? -1) && !chartPages.contains((s.page ?? -1) + 1) {
            add(&result) { table(s, pages: document.pages, vocabulary: vocabulary, result: &$0) }
        }
        return flaggingUnread(result, pages: document.pages, vocabulary: vocabulary)
    }

    /// Appends the survey `make` reads and puts its checks' cells in its figure table, as the
    /// dataset names it in document order: a repeat (one programme and respondents twice) `_2`, `_3`.
    private static func add(_ result: inout SurveyRecognition, _ make: (inout SurveyRecognition) -> IndicatorSurvey) {
        let from = result.checks.count
        let survey = make(&result)
        func base(_ s: IndicatorSurvey) -> String { SurveyChecks.figureTable(programme: s.programme, respondents: s.respondents) }
        let table = base(survey), repeats = result.surveys.filter { base($0) == table }.count
        let named = repeats == 0 ? table : table + "_\(repeats + 1)"
        for i in from..<result.checks.count {
            result.checks[i].cells = result.checks[i].cells.map { CheckedCell(table: named, row: $0.row, column: $0.column) }
        }
        result.surveys.append(survey)
    }

    /// Fills a words-only survey's percentages from a table of percentages on its page.
    static func table(_ survey: IndicatorSurvey, pages: [Page], vocabulary: SurveyVocabulary,
                      result: inout SurveyRecognition) -> IndicatorSurvey {
        guard let page = pages.first(where: { $0.number == survey.page }) else { return survey }
        let rows = SurveyTableReader.read(page, vocabulary: vocabulary)
        guard !rows.isEmpty else { return survey }
        var s = survey
        let table = SurveyChecks.table(programme: s.programme, respondents: s.respondents), programme = s.programme
        func record(_ number: Int, _ problems: [String], categories: [SurveyCategory], printed: Int) {
            let cells = SurveyChecks.cells(number: number, categories: categories, printed: printed)
            let (check, warning) = SurveyChecks.check(table: table, number: number, rule: SurveyChecks.rowRule,
                                                      problems: problems, page: page.number, programme: programme, cells: cells)
            result.checks.append(check)
            if let warning { result.diagnostics.append(warning) }
        }
        for i in s.questions.indices {
            // The table read, a question's row did not: its figures are not known to add up.
            guard let row = rows.first(where: { $0.number == s.questions[i].number }) else {
                record(s.questions[i].number, ["its row did not read"], categories: SurveyCategory.allCases, printed: 0); continue
            }
            s.questions[i].percentages = row.percentages
            s.questions[i].printed = row.printed
            if s.questions[i].n == nil { s.questions[i].n = row.n }
            let unplaced = row.placed ? [] : ["\(row.printed.count) figures read for \(SurveyCategory.allCases.count) categories: none placed"]
            let sum = SurveyChecks.rowProblems(row.printed)
            let placed = SurveyCategory.allCases.filter { (row.percentages[$0] ?? nil) != nil }
            record(row.number, unplaced + sum, categories: placed, printed: row.printed.count)
            // A row that does not add up keeps no figure that could pass for right (as a bar).
            if !sum.isEmpty, s.questions[i].percentages != nil {
                for c in SurveyCategory.allCases { s.questions[i].percentages![c] = .some(nil) }
            }
        }
        return s
    }

    /// Cheap test on a page's words: does it hold (the list or labels of) a survey chart?
    public static func pageHoldsSurvey(_ page: Page, _ vocabulary: SurveyVocabulary) -> Bool {
        var questions = 0, asked = 0
        for l in page.lines {
            if let q = SurveyText.questionLabel(l.text, vocabulary: vocabulary) {
                questions += 1
                if isQuestionListLine(q) { asked += 1 }
            }
            if questions >= SurveySettings.questionLabelsOnPage || asked >= SurveySettings.questionListLinesOnPage { return true }
            if l.folded.count < SurveySettings.headingLineCharacters, vocabulary.headings.prefix(SurveySettings.titleHeadings).contains(where: { SurveyText.foldedContainsFuzzy(l.folded, $0) }),
               l.text.contains(where: { "–—-".contains($0) }) { return true }
        }
        return false
    }

    /// A line of a survey's question list: a label without n, then a question asked
    /// (`Fråga 3 Får stödet ta den tid du behöver?`).
    static func isQuestionListLine(_ q: QuestionLabel) -> Bool {
        let asked = q.rest.joined(separator: " ")
        return q.n == nil && asked.hasSuffix("?") && asked.filter(\.isLetter).count >= SurveySettings.wrappedQuestionLetters
    }

    private static func build(_ chart: ChartReading, page: Int, context ctx: SurveyContext,
                              words: [IndicatorSurvey], result: inout SurveyRecognition) -> IndicatorSurvey {
        let programme = ctx.programme ?? ""
        let table = SurveyChecks.table(programme: programme, respondents: ctx.respondents)
        // Question numbers: as read when they climb 1, 2, 3 ...; else the bar's place.
        let read = chart.bars.map(\.number)
        let numbers: [Int] = read.enumerated().allSatisfy { $0.element == $0.offset + 1 }
            ? read.map { $0! } : Array(1...chart.bars.count)
        // n from the words of the page when the picture's label did not read.
        let wordBars = words.first { $0.page == page }?.questions ?? []
        var questions: [SurveyQuestion] = []
        for (i, bar) in chart.bars.enumerated() {
            let number = numbers[i]
            var percentages: [SurveyCategory: Double?] = [:]
            for c in SurveyCategory.allCases { percentages[c] = .some(nil) }
            for s in bar.segments where s.labelled {
                if let v = s.label, let c = s.category { percentages[c] = v }
            }
            let (problems, sumFails) = SurveyChecks.barProblems(bar)
            // An n that may have lost digits to the crop (`n=5` for 57): the page's words' n
            // then, else none.
            let wordN = wordBars.first { $0.number == number }?.n
            let n = bar.nWhole ? bar.n ?? wordN : wordN
            let printed: [Double?] = bar.segments.filter(\.labelled).map(\.label)
            // A bar that does not add up keeps no figure that could pass for right.
            if sumFails { for c in SurveyCategory.allCases { percentages[c] = .some(nil) } }
            let cells = SurveyChecks.cells(number: number, categories: bar.segments.compactMap(\.category),
                                           printed: printed.count)
            let (check, warning) = SurveyChecks.check(table: table, number: number, rule: SurveyChecks.barRule,
                                                      problems: problems, page: page, programme: programme, cells: cells)
            result.checks.append(check)
            if let warning { result.diagnostics.append(warning) }
            questions.append(SurveyQuestion(number: number, text: ctx.questionTexts[number], n: n,
                                            percentages: percentages, printed: printed))
        }
        return IndicatorSurvey(programme: programme, respondents: ctx.respondents, page: page, questions: questions)
    }
}
