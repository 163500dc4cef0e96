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

    /// A skim that kept two lines of the question list (the heading and the legend went with
    /// the running text) marks the page, so that its heading is read for the chart below it.
    @Test func twoLinesOfTheQuestionListMarkTheSurveyPage() throws {
        let vocabulary = try PipelineConfiguration.load().surveys
        let two = page(["ha otillräckliga kunskaper.", "Fråga 2 Har du varit med och bestämt vilket stöd du skulle få?",
                        "Fråga 3 Har stödet fått ta den tid du behövt?", "oss?"])
        #expect(SurveyStage.pageHoldsSurvey(two, vocabulary))
        let one = page(["Fråga 3 Har stödet fått ta den tid du behövt?", "Fråga 4 visar ett lägre värde än i fjol."])
        #expect(!SurveyStage.pageHoldsSurvey(one, vocabulary))
    }

    @Test func oneOrTwoCategoriesInTextDoNot() throws {
        let p = page(["stor del eller helt och hållet på frågan om stödet är till nytta.", "Delvis finansierat"])
        #expect(!SurveyStage.pageShowsAnswerScale(p, try PipelineConfiguration.load().surveys))
    }
}
