import Testing
@testable import ArsredKit

// The stages as the tests call them: with the checkout's `pipelines/`, in the order
// `ReportPipeline` runs them.

extension TableStage {
    /// The checkout's table stage (an error loading `pipelines/` is each caller's).
    static let checkout = Result {
        let configuration = try PipelineConfiguration.load()
        return TableStage(vocabulary: configuration.tables, relations: configuration.checks)
    }

    /// One page of `.txt` OCR text (lines of words without positions), read and checked.
    static func recognise(ocrText text: String) throws -> TableRecognition {
        let page = Page(number: 1, method: .ocr, lines: text.split(separator: "\n").map {
            Line(words: $0.split(separator: " ").map { Word(text: String($0)) })
        })
        return try recognise(pages: [page])
    }

    /// Tables read (the tables stage) and checked (the checks stage).
    static func recognise(pages: [Page]) throws -> TableRecognition {
        let read = try checkout.get().read(pages: pages)
        return CheckStage(relations: try PipelineConfiguration.load().checks).check(read, pages: pages)
    }

    /// The skim policy's test with the checkout's vocabulary (an error loading it is the caller's).
    static func pageHoldsTable(_ page: Page) throws -> Bool {
        try checkout.get().pageHoldsTable(page)
    }
}

extension TableRecognition {
    /// Table `table`'s figures by row key and column; a failed expectation when it was not read.
    static func values(_ r: TableRecognition, _ table: String) throws -> [String: [String: Double]] {
        let t = try #require(r.tables.first { $0.id == table }, "\(table) not read")
        var out: [String: [String: Double]] = [:]
        for row in t.rows {
            var values: [String: Double] = [:]
            for entry in row.values { values[entry.column] = entry.value }
            out[row.key] = values
        }
        return out
    }
}

extension SurveyStage {
    /// Every survey of `document`, with the checkout's vocabulary and tesseract's own data.
    static func recognise(document: IngestedDocument) throws -> SurveyRecognition {
        try recognise(document: document, vocabulary: PipelineConfiguration.load().surveys)
    }
}
