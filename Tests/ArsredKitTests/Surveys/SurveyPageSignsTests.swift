import Testing
@testable import ArsredKit

/// A chart's legend or a table's headers mark a survey page even when its question labels and
/// heading were not read (a page read without its running text).
@Suite struct SurveyPageSignsTests {
    private func page(_ lines: [String]) -> Page {
        Page(number: 10, method: .ocr, lines: lines.map(TableReaderTests.line), readFully: false)
    }

    @Test func aLegendAsOCRReadsItMarksTheSurveyPage() throws {
        let vocabulary = try PipelineConfiguration.load().surveys
        let p = page(["Fråga 3 Har stödet fått ta den tid du behövt?", "0% 10% 20% 30% 40% 50% 60% 70% 80% 90% 100%",
                      "@ Inte alls Delvis mm Till mycket stor del", "Till liten del Till stor del ™™ Helt och hållet"])
        #expect(!SurveyStage.pageHoldsSurvey(p, vocabulary))
        #expect(SurveyStage.pageShowsAnswerScale(p, vocabulary))
    }

    @Test func oneOrTwoCategoriesInTextDoNot() throws {
        let p = page(["stor del eller helt och hållet på frågan om stödet är till nytta.", "Delvis finansierat"])
        #expect(!SurveyStage.pageShowsAnswerScale(p, try PipelineConfiguration.load().surveys))
    }
}
