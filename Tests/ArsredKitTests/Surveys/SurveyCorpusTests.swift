import Foundation
import Testing
@testable import ArsredKit

/// The survey stage on real reports of ../shared/corpus-dev, through the real ingestion: a
/// scanned report (charts in the page scan) and a text-layer one (charts as embedded pictures).
/// Each report is read once for the whole suite.
@Suite struct SurveyCorpusTests {
    /// Scanned, office-chart colours whose legend runs over two rows; only the pages of two of its
    /// charts are ingested.
    static let skelleftea: Result<SurveyRecognition, any Error>? = SharedData.available ? Result {
        let doc = try Ingest.document(at: SharedData.corpus("dev04-skelleftea-2023.pdf"), options: IngestOptions(pages: 7...8))
        return try SurveyStage.recognise(document: doc)
    } : nil

    /// Text layer, the whole report through the pipeline.
    static let norraBohuslan: Result<DatasetDocument, any Error>? = SharedData.available ? Result {
        try ReportPipeline(options: PipelineOptions(jobs: 2)).extract(file: SharedData.corpus("dev08-norra-bohuslan-2021.pdf"))
    } : nil

    static func percentages(_ q: SurveyQuestion) -> [Double?] {
        SurveyCategory.allCases.map { (q.percentages?[$0]).flatMap { $0 } }
    }

    /// Every figure read equals the truth file's; `printed` likewise.
    static func expectAgreesWithTruth(_ surveys: [IndicatorSurvey], stem: String) throws {
        let truth = try JSONDecoder().decode(DatasetDocument.self, from: Data(contentsOf: SharedData.corpus("\(stem).truth.json")))
        for s in surveys {
            let t = try #require(truth.indicatorSurveys.first { $0.page == s.page && FoldedText.fold($0.programme) == FoldedText.fold(s.programme) },
                                 "\(s.programme) p\(s.page ?? 0) is not in the truth")
            #expect(s.respondents == t.respondents, "\(s.programme)")
            #expect(s.questions.map(\.n) == t.questions.map(\.n), "\(s.programme)")
            for (q, tq) in zip(s.questions, t.questions) {
                #expect(percentages(q) == percentages(tq), "\(s.programme) question \(q.number)")
                #expect(q.printed == tq.printed, "\(s.programme) question \(q.number)")
            }
        }
    }

    @Test(.enabled(if: SharedData.available, "needs ../shared")) func scannedChartsWithATwoRowLegendReadInFull() throws {
        let result = try #require(Self.skelleftea)
        let r = try result.get()
        #expect(r.surveys.map(\.programme) == ["Arbetsträning i samverkan", "Steget vidare"])
        #expect(r.surveys.map(\.page) == [7, 8])
        #expect(r.surveys.map(\.respondents) == ["ongoing", "completed"])
        let work = try #require(r.surveys.first)
        // Till stor del and Helt och hållet sit in the legend's second row.
        #expect(Self.percentages(work.questions[0]) == [nil, 6, 21, 46, 10, 16])
        // A small "7%" label that reads only from the core of its strokes.
        #expect(Self.percentages(work.questions[1]) == [7, nil, 14, 43, 24, 9])
        #expect(Self.percentages(r.surveys[1].questions[2]) == [nil, 7, 9, 26, 35, 23])
        #expect(r.checks.count == 14 && r.checks.allSatisfy(\.passed), "\(r.warnings)")
        try Self.expectAgreesWithTruth(r.surveys, stem: "dev04-skelleftea-2023")
    }

    @Test(.enabled(if: SharedData.available, "needs ../shared")) func textLayerReportThroughThePipeline() throws {
        let result = try #require(Self.norraBohuslan)
        let doc = try result.get()
        let enter = try #require(doc.indicatorSurveys.first)
        #expect(doc.indicatorSurveys.count == 1)
        #expect(enter.programme == "Enter" && enter.page == 9 && enter.respondents == "ongoing")
        #expect(enter.questions.first?.text == "Får du stöd på ett sätt som är till stor nytta för dig?")
        // A 62% segment: its label is small beside the segment's width.
        #expect(Self.percentages(enter.questions[5]) == [nil, nil, 15, 23, 62, nil])
        #expect(Self.percentages(enter.questions[1]) == [34, nil, 8, 8, 17, 33])
        let surveyChecks = doc.checks.filter { $0.table.hasPrefix("survey:") }
        #expect(surveyChecks.count == 7 && surveyChecks.allSatisfy(\.passed), "\(doc.warnings)")
        try Self.expectAgreesWithTruth(doc.indicatorSurveys, stem: "dev08-norra-bohuslan-2021")
    }
}
