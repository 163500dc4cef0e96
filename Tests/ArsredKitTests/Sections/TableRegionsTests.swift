import Testing
@testable import ArsredKit

/// Regions from heading to heading, page furniture left out, running on to a next page only when
/// that page opens with what carries a table on.
@Suite struct TableRegionsTests {
    func line(_ s: String) -> Line { Line(words: s.split(separator: " ").map { Word(text: String($0)) }) }
    let v = try! TableVocabulary.load()

    /// Four pages with a running header (the förbund and year on three pages' top) and page numbers.
    func pages(secondOpensWith first: String) -> [Page] {
        [Page(number: 1, method: .textLayer, lines: [line("Testbygdens samordningsförbund 2023"), line("Resultaträkning"), line("Verksamhetens intäkter 100"), line("Sida 1")]),
         Page(number: 2, method: .textLayer, lines: [line("Testbygdens samordningsförbund 2023"), line(first), line("Årets resultat 5"), line("Sida 2")]),
         Page(number: 3, method: .textLayer, lines: [line("Testbygdens samordningsförbund 2023"), line("Balansräkning"), line("Fordringar 7")]),
         Page(number: 4, method: .textLayer, lines: [line("Förvaltningsberättelse"), line("Text")])]
    }

    func regions(_ pages: [Page]) -> [TableRegion] {
        TableRegions.cut(pages: pages, headings: SectionLocator.locate(pages: pages, vocabulary: v),
                         furniture: PageFurniture(pages: pages, vocabulary: v)) { !TableReader.split($0).tokens.isEmpty }
    }

    @Test func aRegionRunsOnWhenTheNextPageOpensWithFigures() {
        let r = regions(pages(secondOpensWith: "Verksamhetens kostnader -95"))
        #expect(r.map(\.heading.kind) == [.table("income_statement"), .table("balance_sheet")])
        #expect(r[0].lines.map(\.line.text) == ["Verksamhetens intäkter 100", "Verksamhetens kostnader -95", "Årets resultat 5"])
        #expect(r[0].lines.map(\.pageNumber) == [1, 2, 2])
        #expect(r[1].lines.map(\.line.text) == ["Fordringar 7"])
    }

    @Test func itStopsWhenTheNextPageOpensWithProse() {
        let r = regions(pages(secondOpensWith: "Styrelsen har under året"))
        #expect(r[0].lines.map(\.line.text) == ["Verksamhetens intäkter 100"])
    }
}
