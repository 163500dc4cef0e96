import Foundation
import Testing
@testable import ArsredKit

@Suite struct SurveyTextTests {
    let vocabulary = try! SurveyVocabulary.load()

    @Test func questionLabelsReadThroughOCRGarble() throws {
        let a = try #require(SurveyText.questionLabel("Fraga 5 (n=10) 4 2“4 30% 50% 1]", vocabulary: vocabulary))
        #expect(a.number == 5 && a.n == 10)
        #expect(SurveyText.printedLabels(a.rest, countLeadingGarble: true) == [nil, 30, 50])
        let b = try #require(SurveyText.questionLabel("Fraga7 (n=59) )74 14 14% 25% 44%", vocabulary: vocabulary))
        #expect(b.number == 7 && b.n == 59)
        #expect(SurveyText.printedLabels(b.rest, countLeadingGarble: true) == [nil, nil, 14, 25, 44])
        #expect(SurveyText.questionLabel("Fragal", vocabulary: vocabulary)?.number == 1)
        #expect(SurveyText.questionLabel("Friga 1 (n=62) 7 E0/", vocabulary: vocabulary)?.n == 62)
        #expect(SurveyText.questionLabel("Fraktkostnader 2023", vocabulary: vocabulary) == nil)
        #expect(SurveyText.figure("38Yo") == 38 && SurveyText.figure("Yo") == nil)
        // A scan speck OCR'd before a listed question.
        let c = try #require(SurveyText.questionLabel("_ Fraga5 — Har det stöd du fått hjälpt dig", vocabulary: vocabulary))
        #expect(c.number == 5 && c.n == nil && c.rest.last == "dig")
    }

    @Test func headingGivesProgrammeAndRespondents() throws {
        let h = try #require(SurveyText.heading("Indikatorer för finansiell samordning – Arbetsträning i samverkan, deltagare i pågående insats 2023", vocabulary: vocabulary))
        #expect(h.programme == "Arbetsträning i samverkan")
        #expect(h.respondents == "ongoing")
        let c = try #require(SurveyText.heading("Indikatorer for finansiell samordning — NOVA – Stöd i förändring, avslutade deltagare 2023", vocabulary: vocabulary))
        #expect(c.respondents == "completed")
    }

    @Test func questionTextsGetTheirLettersBack() {
        #expect(vocabulary.questionText(number: 2, printed: "Ar du med och bestimmer vilket stod du skall f&?") == "Är du med och bestämmer vilket stöd du skall få?")
    }

    @Test(.enabled(if: SharedData.available, "needs ../shared")) func hoglandetTextGivesPrintedLabelsAndN() throws {
        let doc = try Ingest.document(at: SharedData.sample("hoglandet-2023.txt"))
        let r = try SurveyStage.recognise(document: doc)
        #expect(r.surveys.count == 2)
        let it = try #require(r.surveys.first)
        #expect(FoldedText.fold(it.programme) == "it_sparet")
        #expect(it.page == 10 && it.respondents == "ongoing")
        #expect(it.questions.map(\.n) == [11, 9, 10, 5, 10, 11, 11])
        #expect(it.questions[0].printed == [18, 0, 36, 45])
        #expect(it.questions.allSatisfy { $0.percentages == nil })
        let se = try #require(r.surveys.last)
        #expect(FoldedText.fold(se.programme) == "se_hoglandet" && se.page == 12)
        #expect(se.questions[4].printed == [15, 20, 29, 27])
        #expect(se.questions[0].text == "Får du stöd på ett sätt som är till stor nytta för dig?")
    }
}
