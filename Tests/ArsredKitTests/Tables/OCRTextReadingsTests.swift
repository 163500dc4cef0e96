import Foundation
import Testing
@testable import ArsredKit

/// Failure classes of `.txt` OCR text where several readings are possible and the table's own
/// arithmetic (or, where it cannot, the count and the labels' order, in doubt) chooses: one
/// fixture of the project's own per class, laid out the way tesseract prints such pages.
@Suite struct OCRTextReadingsTests {
    init() {
        setenv("ARSRED_PIPELINES", SharedData.checkout.appendingPathComponent("pipelines").path, 1)
    }

    private func recognise(_ text: String) throws -> TableRecognition { try TableStage.recognise(ocrText: text) }

    /// Under `Not`, `2 825 750` reads as note 2 and 825 750 or as 2 825 750: a total and its
    /// parts change together, so the readings are weighed in combination, and the sums choose.
    @Test func noteOrMillionsChosenTogether() throws {
        let page = """
            3. Balansräkning
            Belopp i kr
            Tillgångar
            Omsättningstillgångar
            Fordringar
            Kassa och bank
            Summa omsättningstillgångar
            Summa tillgångar
            Eget kapital, avsättningar och skulder
            Eget kapital
            Årets resultat
            Övrigt eget kapital
            Summa eget kapital
            Skulder
            Kortfristiga skulder
            Summa eget kapital, avsättningar och skulder
            Not 2024-12-31
            4 215 300
            2 610 450
            2 825 750
            2 825 750
            310 200
            1 405 300
            1 715 500
            5 1 110 250
            2 825 750
            """
        let v = try TableRecognition.values(try recognise(page), "balance_sheet")
        #expect(v["kassa_och_bank"] == ["2024": 2_610_450])
        #expect(v["summa_tillgangar"] == ["2024": 2_825_750])
        #expect(v["summa_eget_kapital"] == ["2024": 1_715_500])
        #expect(v["summa_eget_kapital_avsattningar_och_skulder"] == ["2024": 2_825_750])
    }

    /// A five-year header whose last years carry a signature's specks (`+2021 #&«42020`): the
    /// run of years continues through them, so each row's five figures have five columns.
    @Test func headerYearsContinuePastSpecks() throws {
        let page = """
            1.1 Översikt över verksamhetens utveckling
            Belopp i tkr 2024 2023 2022 +2021 #&«42020
            Verksamhetens intäkter 6 120 5 940 5 710 5 505 5 300
            Verksamhetens kostnader 6 010 5 905 5 300 5 517 5 212
            Årets resultat 110 35 410 -12 88
            Soliditet 71% 64% 60% 55% 58%
            """
        let v = try TableRecognition.values(try recognise(page), "five_year_overview")
        #expect(v["arets_resultat"] == ["2024": 110, "2023": 35, "2022": 410, "2021": -12, "2020": 88])
        #expect(v["verksamhetens_intakter"]?["2020"] == 5_300)
    }

    /// Three minus signs lost in one cash-flow column (a result's subtotal, a change, the
    /// total): no single sign repairs the column; the one set of three does, in doubt.
    @Test func severalSignsLostInOneColumn() throws {
        let page = """
            4. Kassaflödesanalys
            Belopp i kr 2024 2023
            Årets resultat -250 400 120 000
            Justering för ej likviditetspåverkande poster 0 0
            Medel från verksamheten före förändring av rörelsekapital 250 400 120 000
            Ökning(-)/minskning(+) kortfristiga fordringar 310 200 -40 000
            Ökning(+)/minskning(-) kortfristiga skulder -1 100 000 55 000
            Kassaflöde från den löpande verksamheten 1 660 600 135 000
            Kassaflöde från investeringsverksamheten 0 0
            Kassaflöde från finansieringsverksamheten 0 0
            Årets kassaflöde -1 660 600 135 000
            Likvida medel vid årets början 5 000 000 4 865 000
            Likvida medel vid årets slut 3 339 400 5 000 000
            """
        let r = try recognise(page)
        let v = try TableRecognition.values(r, "cash_flow")
        #expect(v["medel_fran_verksamheten_fore_forandring_av_rorelsekapital"] == ["2024": -250_400, "2023": 120_000])
        #expect(v["okning_minskning_kortfristiga_fordringar"] == ["2024": -310_200, "2023": -40_000])
        #expect(v["kassaflode_fran_den_lopande_verksamheten"] == ["2024": -1_660_600, "2023": 135_000])
        #expect(r.warnings.filter { $0.contains("3 signs lost in one column") }.count == 3)
    }

    /// `Budget` on a line of its own over `Not 2024 2023 2024`: which column is the budget the
    /// arithmetic settles, and rows printed without a budget (`Resultat`) move with the outcomes.
    @Test func rowsWithoutABudgetFollowTheOutcomeColumns() throws {
        let page = """
            2. Resultaträkning
            Budget
            Belopp i kr Not 2024 2023 2024
            Verksamhetens intäkter 2 5 100 000 4 900 000 5 000 000
            Verksamhetens kostnader 3 -5 300 000 -4 800 000 -5 200 000
            Resultat -200 000 100 000
            Finansiella intäkter 12 000 8 000 10 000
            Finansiella kostnader 0 0
            Resultat efter finansiella poster -188 000 108 000
            Årets resultat -188 000 108 000
            """
        let v = try TableRecognition.values(try recognise(page), "income_statement")
        #expect(v["verksamhetens_intakter"] == ["2024": 5_100_000, "2023": 4_900_000, "budget:2024": 5_000_000])
        #expect(v["resultat"] == ["2024": -200_000, "2023": 100_000])
        #expect(v["arets_resultat"] == ["2024": -188_000, "2023": 108_000])
    }

    /// A label the engine printed after `Summa` goes where the labels' usual order puts it; a
    /// sum cannot tell the order, so the rows from there to the total are in doubt.
    @Test func aLabelPrintedAfterTheTotal() throws {
        let page = """
            6. Noter
            Not 3 Verksamhetens kostnader
            Styrelse
            Personalkostnader kansli
            Revision
            Ekonomihantering
            Summa
            Övrig administration
            2024-12-31
            50 000
            900 000
            120 000
            60 000
            80 000
            1 210 000
            2023-12-31
            45 000
            880 000
            110 000
            58 000
            75 000
            1 168 000
            """
        let r = try recognise(page)
        let v = try TableRecognition.values(r, "note_3")
        #expect(v["ovrig_administration"] == ["2024": 120_000, "2023": 110_000])
        #expect(v["revision"] == ["2024": 60_000, "2023": 58_000])
        #expect(v["summa"] == ["2024": 1_210_000, "2023": 1_168_000])
        #expect(r.warnings.contains { $0.hasPrefix("note_3: a label printed after the total was placed") })
    }

    /// A label OCR lower-cased (`välfärdsguiden`) is no wrapped tail of the one before where the
    /// blocks print one figure line per label kept apart.
    @Test func aLowerCasedLabelKeptApartByTheCount() throws {
        let page = """
            6. Noter
            Not 3 Verksamhetens kostnader
            Styrelse
            Psykiatriveckan
            välfärdsguiden
            Revision
            Summa
            2024-12-31
            10 000
            20 000
            30 000
            40 000
            100 000
            """
        let v = try TableRecognition.values(try recognise(page), "note_3")
        #expect(v["psykiatriveckan"] == ["2024": 20_000])
        #expect(v["valfardsguiden"] == ["2024": 30_000])
        #expect(v["summa"] == ["2024": 100_000])
    }

    /// A label's words printed as columns of their own (`Driftbidrag` k times, the `f` of `från`
    /// as specks, then k tails): zipped into k labels, the opening spelled as the vocabulary's.
    @Test func labelWordsPrintedAsColumns() throws {
        let page = """
            6. Noter
            Not 2 Verksamhetens intäkter
            Driftbidrag
            Driftbidrag
            Driftbidrag
            ft!
            ft!
            ran Försäkringskassan
            ran Ljusby kommun
            ran Norrviks kommun
            Summa
            2024-12-31
            1 000 000
            600 000
            400 000
            2 000 000
            """
        let v = try TableRecognition.values(try recognise(page), "note_2")
        #expect(v["driftbidrag_fran_forsakringskassan"] == ["2024": 1_000_000])
        #expect(v["driftbidrag_fran_ljusby_kommun"] == ["2024": 600_000])
        #expect(v["driftbidrag_fran_norrviks_kommun"] == ["2024": 400_000])
        #expect(v["summa"] == ["2024": 2_000_000])
    }
}
