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

    /// A page showing the answer scale with no survey figure read on it or beside it is said,
    /// never left silent; a survey read on the next page (a legend above its chart) answers it.
    @Test func anAnswerScaleWithNothingReadIsWarnedOf() throws {
        let vocabulary = try PipelineConfiguration.load().surveys
        let legend = page(["Inte alls Till liten del Delvis", "Till stor del Till mycket stor del Helt och hållet"])
        func warned(_ surveys: [IndicatorSurvey]) -> [Int?] {
            SurveyStage.flaggingUnread(SurveyRecognition(surveys: surveys), pages: [legend], vocabulary: vocabulary)
                .diagnostics.map(\.page)
        }
        func survey(page: Int, share: Double?) -> IndicatorSurvey {
            IndicatorSurvey(programme: "Programme", respondents: nil, page: page, questions: [
                SurveyQuestion(number: 1, text: nil, n: 40, percentages: [.delvis: share], printed: [share])])
        }
        #expect(warned([]) == [10])
        #expect(warned([survey(page: 10, share: nil)]) == [10])
        #expect(warned([survey(page: 11, share: 25)]) == [])
        #expect(warned([survey(page: 12, share: 25)]) == [10])
    }
}

