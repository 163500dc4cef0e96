import Foundation
import Testing
@testable import ArsredKit

/// Failure classes of page text OCR'd earlier (`.txt`), each with a fixture of the project's own
/// laid out the way tesseract prints such pages: labels first, figure columns as blocks after.
@Suite struct OCRTextClassesTests {
    init() {
        setenv("ARSRED_PIPELINES", SharedData.checkout.appendingPathComponent("pipelines").path, 1)
    }

    private func recognise(_ text: String) throws -> TableRecognition { try TableStage.recognise(ocrText: text) }

    /// A block under `Budget` / `Not 2024 2024-12-31` whose derived rows print no budget: a line
    /// of one figure is the outcome, the budget left empty (`-91 750` is one figure, not a budget
    /// `-91` and `750`).
    @Test func aBlockLineWithoutItsBudgetLeavesTheBudgetEmpty() throws {
        let page = """
            2. Resultaträkning
            Belopp i kr
            Verksamhetens intäkter
            Verksamhetens kostnader
            Resultat
            Finansiella intäkter
            Finansiella kostnader
            Resultat efter finansiella poster
            Årets resultat
            Budget
            Not 2024 2024-12-31
            2 4 200 000 4 310 500
            3 -4 500 000 -4 402 250
            -91 750
            20 000 12 300
            0
            -79 450
            -79 450
            2023-12-31
            4 150 000
            -4 020 800
            129 200
            9 100
            0
            138 300
            138 300
            """
        let v = try TableRecognition.values(try recognise(page), "income_statement")
        #expect(v["verksamhetens_intakter"] == ["budget:2024": 4_200_000, "2024": 4_310_500, "2023": 4_150_000])
        #expect(v["resultat"] == ["2024": -91_750, "2023": 129_200])
        #expect(v["arets_resultat"] == ["2024": -79_450, "2023": 138_300])
    }

    /// A note whose sum fails by twice one row's figure: OCR lost that minus; the table's own
    /// arithmetic restores it, with a warning.
    @Test func aSignTheNotesSumRestores() throws {
        let page = """
            6. Noter
            Not 2 Verksamhetens intäkter
            2024-12-31 2023-12-31
            Driftbidrag från Försäkringskassan 2 000 000 1 900 000
            Driftbidrag från Regionen 1 000 000 950 000
            Övriga ersättningar och intäkter 41 204 20 017
            Öres- och kronutjämning -2 4
            Summa 3 041 202 2 870 013
            """
        let r = try recognise(page)
        let v = try TableRecognition.values(r, "note_2")
        #expect(v["ores_och_kronutjamning"] == ["2024": -2, "2023": -4])
        #expect(r.warnings.contains { $0.hasPrefix("note_2: ores_och_kronutjamning 2023 read as 4, sign restored") })
    }

    /// The figures of a balance requirement printed after the next section's heading, with their
    /// `kr` (`Okr`, `O kr`): the labels take them.
    @Test func figuresPrintedPastTheNextHeadingAndZeroKronor() throws {
        let page = """
            1.6 Balanskravsresultat
            Årets resultat enligt resultaträkningen
            - Samtliga realisationsvinster
            + Realisationsvinster enligt undantagsmöjlighet
            + Realisationsförluster enligt undantagsmöjlighet
            Årets resultat efter balanskravsjusteringar
            Årets balanskravsresultat
            1.7 Väsentliga personalförhållanden
            2024
            -120 400 kr
            Okr |
            O kr
            0 kr
            -120 400 kr
            -120 400 kr
            Under året har förbundet haft två anställda på kansliet.
            """
        let v = try TableRecognition.values(try recognise(page), "balance_requirement")
        #expect(v["arets_resultat_enligt_resultatrakningen"] == ["2024": -120_400])
        #expect(v["samtliga_realisationsvinster"] == ["2024": 0])
        #expect(v["realisationsforluster_enligt_undantagsmojlighet"] == ["2024": 0])
        #expect(v["arets_balanskravsresultat"] == ["2024": -120_400])
    }

    /// A figure garbled past reading (`1#2 0?0`) keeps its row: the lines after it stay on
    /// theirs, and the cell is left out, in doubt.
    @Test func anUnreadableFigureLineKeepsItsRow() throws {
        let page = """
            4. Kassaflödesanalys
            \(OCRTextFixture.cashFlowLabelColumn)
            2024-12-31
            -150 000
            0
            -12 500
            1#2 0?0
            -42 500
            -42 500
            1 000 000
            957 500
            2023-12-31
            80 000
            0
            5 000
            -15 000
            70 000
            70 000
            930 000
            1 000 000
            """
        let r = try recognise(page)
        let v = try TableRecognition.values(r, "cash_flow")
        #expect(v["okning_minskning_kortfristiga_skulder"] == ["2023": -15_000])
        #expect(v["kassaflode_fran_den_lopande_verksamheten"] == ["2024": -42_500, "2023": 70_000])
        #expect(v["likvida_medel_vid_arets_slut"] == ["2024": 957_500, "2023": 1_000_000])
        #expect(r.warnings.contains { $0.hasPrefix("cash_flow: columns 2024: which rows") })
    }

    /// Tokens OCR makes of zeros and marks.
    @Test func zerosAndMarksOCRMakes() {
        #expect(SwedishNumber.token("(e)").map { SwedishNumber.value(of: [$0]) } == 0)
        #expect(SwedishNumber.token("¢)").map { SwedishNumber.value(of: [$0]) } == 0)
        #expect(SwedishNumber.token("§12345")?.digits == "512345")
        #expect(SwedishNumber.token("000°")?.digits == "000")
    }

    /// Header words: two run-together years, and a mark alone beside a label.
    @Test func headerLines() throws {
        let v = try TableVocabulary.load()
        let years = ColumnHeader.parse([Line(words: ["20192018", "|"].map { Word(text: $0) })], vocabulary: v)
        #expect(years.keys == ["2019", "2018"])
        #expect(!ColumnHeader.isHeaderLine(Line(words: ["|", "Kundfordringar"].map { Word(text: $0) }), vocabulary: v))
        #expect(ColumnHeader.isHeaderLine(Line(words: [":", "-", "Budget"].map { Word(text: $0) }), vocabulary: v))
    }

    /// A label with a comma is one label (the vocabulary's flow mappings quote it).
    @Test func aLabelWithACommaIsWhole() throws {
        let v = try TableVocabulary.load()
        let kind = try #require(v.kind("balance_sheet"))
        #expect(kind.rows.contains { $0.label == "Eget kapital, avsättningar och skulder" && $0.isHeading })
        #expect(kind.rows.contains { $0.label == "Summa eget kapital, avsättningar och skulder" && !$0.isHeading })
    }
}
