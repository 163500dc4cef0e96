import Testing
@testable import ArsredKit

struct SectionLocatorTests {
    func line(_ s: String) -> Line { Line(words: s.split(separator: " ").map { Word(text: String($0)) }) }
    let v = try! TableVocabulary.load()

    @Test func findsGarbledHeadings() {
        #expect(SectionLocator.classify(line("2. Resultatrdakning"), vocabulary: v) == .table("income_statement"))
        #expect(SectionLocator.classify(line("3. Balansriakning"), vocabulary: v) == .table("balance_sheet"))
        #expect(SectionLocator.classify(line("Kassaflédesanalys"), vocabulary: v) == .table("cash_flow"))
        #expect(SectionLocator.classify(line("1.1. Oversikt 6ver verksamhetens utveckling"), vocabulary: v) == .table("five_year_overview"))
        #expect(SectionLocator.classify(line("5. Driftredovisning"), vocabulary: v) == .table("operating_statement"))
        #expect(SectionLocator.classify(line("1.6 Balanskravsresultat"), vocabulary: v) == .table("balance_requirement"))
        #expect(SectionLocator.classify(line("6. Noter"), vocabulary: v) == .notes)
        #expect(SectionLocator.classify(line("Not 3. Verksamhetens kostnader"), vocabulary: v) == .note(3))
        #expect(SectionLocator.classify(line("Not 4 Fordringar"), vocabulary: v) == .note(4))
    }

    @Test func aStrayDigitAfterATableHeadingLeavesItAHeading() {
        #expect(SectionLocator.classify(line("2. Resultaträkning 2"), vocabulary: v) == .table("income_statement"))
        #expect(SectionLocator.classify(line("Kassaflödesanalys 1"), vocabulary: v) == .table("cash_flow"))
        // Words that are also a row's label stay a row; two digits are a figure.
        #expect(SectionLocator.classify(line("Balanskravsresultat 5"), vocabulary: v) == nil)
        #expect(SectionLocator.classify(line("Resultaträkning 12"), vocabulary: v) == nil)
    }

    @Test func rowsAndProseAreNoHeadings() {
        #expect(SectionLocator.classify(line("= Balanskravsresultat 423 889 kr"), vocabulary: v) == nil)
        #expect(SectionLocator.classify(line("Årets balanskravsresultat uppgår till -436 tkr."), vocabulary: v) == nil)
        #expect(SectionLocator.classify(line("Belopp i kr Not 2023-12-31 2022-12-31"), vocabulary: v) == nil)
        #expect(SectionLocator.classify(line("Fordringar 4 47 489 66 990"), vocabulary: v) == nil)
    }

    @Test func pagePredicateSeesTableHeadings() throws {
        let page = Page(number: 1, method: .ocr, lines: [line("Den hoga inflationen paverkar"), line("4. Kassaflodesanalys")])
        let prose = Page(number: 2, method: .ocr, lines: [line("Resultatet visar att insatsen gav stöd"), line("Sida 4")])
        #expect(try TableStage.pageHoldsTable(page))
        #expect(try !TableStage.pageHoldsTable(prose))
    }
}
