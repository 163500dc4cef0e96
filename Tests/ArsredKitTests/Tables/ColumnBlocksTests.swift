import Foundation
import Testing
@testable import ArsredKit

/// Tables in position-less text whose figures the OCR engine printed apart from their labels:
/// label column first, then each figure column as a block under its heading. Fixtures are laid
/// out the way tesseract's page analysis prints such pages.
@Suite struct ColumnBlocksTests {
    init() {
        setenv("ARSRED_PIPELINES", SharedData.checkout.appendingPathComponent("pipelines").path, 1)
    }

    private func recognise(_ pages: [String]) throws -> TableRecognition {
        let parsed = pages.enumerated().map { i, text in
            Page(number: i + 1, method: .ocr, lines: text.split(separator: "\n").map {
                Line(words: $0.split(separator: " ").map { Word(text: String($0)) })
            })
        }
        return try TableStage.recognise(pages: parsed)
    }

    /// A label with a ruling dash after it (`Resultat -`) is a row, not a column heading: the
    /// figure blocks still find seven rows for their seven lines.
    @Test func aLabelWithADashAfterItIsARowNotAHeading() throws {
        #expect(!ColumnHeader.isHeaderLine(Line(words: ["Resultat", "-"].map { Word(text: $0) }), vocabulary: try TableVocabulary.load()))
        let page = """
            2. Resultaträkning
            Belopp i kr
            Verksamhetens intäkter
            Verksamhetens kostnader
            Resultat -
            Finansiella intäkter
            Finansiella kostnader
            Resultat efter finansiella poster
            Årets resultat -
            2023-12-31
            5820937
            -5984019
            -163082
            68781
            0
            -94301
            -94301
            2022-12-31
            5690994
            -5189646
            501348
            12561
            0
            513909
            513909
            """
        let v = try TableRecognition.values(try recognise([page]), "income_statement")
        #expect(v["resultat"] == ["2023": -163_082, "2022": 501_348])
        #expect(v["arets_resultat"] == ["2023": -94_301, "2022": 513_909])
    }

    /// `Budget` over `2021 Utfall 2021` heads two columns, the budget block and a headless one
    /// the engine printed right under the next table's column: the run is cut where both parts
    /// find their table.
    @Test func aHeadingOverTwoColumnsAndTwoColumnsPrintedAsOneRun() throws {
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
            3. Balansräkning
            Belopp i kr
            Tillgångar
            Omsättningstillgångar
            Fordringar
            Kassa och bank
            Summa omsättningstillgångar
            Summa tillgångar
            Eget kapital, avsättningar och skulder
            Ingående eget kapital
            Årets resultat
            Utgående eget kapital
            Skulder
            Kortfristiga skulder
            Summa eget kapital, avsättningar och skulder
            Budget
            2021 = Utfall 2021
            5 000 000
            5 400 000
            (400 000)
            0
            0
            (400 000)
            (400 000)
            2021-12-31
            200 000
            1 800 000
            2 000 000
            2 000 000
            1 501 000
            (299 000)
            1 202 000
            798 000
            2 000 000
            5 000 000
            (5 300 000)
            (300 000)
            1 200
            (200)
            (299 000)
            (299 000)
            Utfall 2020
            4 900 000
            (4 600 000)
            300 000
            1 000
            0
            301 000
            301 000
            2020-12-31
            100 000
            1 900 000
            2 000 000
            2 000 000
            1 200 000
            301 000
            1 501 000
            499 000
            2 000 000
            """
        let r = try recognise([page])
        let income = try TableRecognition.values(r, "income_statement")
        #expect(income["verksamhetens_kostnader"] == ["budget:2021": 5_400_000, "2021": -5_300_000, "2020": -4_600_000])
        #expect(income["arets_resultat"] == ["budget:2021": -400_000, "2021": -299_000, "2020": 301_000])
        let balance = try TableRecognition.values(r, "balance_sheet")
        #expect(balance["kortfristiga_skulder"] == ["2021": 798_000, "2020": 499_000])
        #expect(balance["arets_resultat"] == ["2021": -299_000, "2020": 301_000])
        #expect(r.checks.filter { !$0.passed }.map(\.rule) == [])
    }

    /// Eight labels, seven figures a column: the arithmetic says which row prints none.
    @Test func theArithmeticChoosesTheRowLeftEmpty() throws {
        let page = """
            4. Kassaflödesanalys
            \(OCRTextFixture.cashFlowLabelColumn)
            2024-12-31
            -120000
            -5000
            40000
            -85000
            -85000
            900000
            815000
            2023-12-31
            60000
            7000
            -3000
            64000
            64000
            836000
            900000
            """
        let r = try recognise(["Årsredovisning 2024", page])
        let cf = try TableRecognition.values(r, "cash_flow")
        #expect(cf["arets_resultat"] == ["2024": -120000, "2023": 60000])
        #expect(cf["justering_for_ej_likviditetspaverkande_poster"] == [:])
        #expect(cf["okning_minskning_kortfristiga_skulder"] == ["2024": 40000, "2023": -3000])
        #expect(cf["likvida_medel_vid_arets_slut"] == ["2024": 815000, "2023": 900000])
        #expect(!r.warnings.contains { $0.contains("not settled") })
        let checks = r.checks.filter { $0.table == "cash_flow" }
        #expect(!checks.isEmpty && checks.allSatisfy { $0.passed })
    }

    /// A group heading as OCR garbles it is still a heading: a short column skips it, not an item.
    @Test func aGarbledGroupHeadingIsSkippedByAShortColumn() throws {
        let page = """
            Not 3 Verksamhetens kostnader
            Steget vidare
            Framsteget
            Strukturdvergripande insatser
            Inspirationsdag
            Summa
            2024-12-31
            100000
            200000
            50000
            350000
            """
        let n3 = try TableRecognition.values(try recognise(["Årsredovisning 2024", page]), "note_3")
        #expect(n3["inspirationsdag"] == ["2024": 50000])
        #expect(n3.filter { !$0.value.isEmpty }.keys.sorted() == ["framsteget", "inspirationsdag", "steget_vidare", "summa"])
    }

    /// Two notes on one page: both label columns, then the columns of each in turn.
    @Test func twoTablesOnAPageShareItsBlocksInReadingOrder() throws {
        let page = """
            Not 2 Verksamhetens intäkter
            Driftbidrag från Försäkringskassan
            Driftbidrag från regionen
            Summa
            Not 3 Verksamhetens kostnader
            Styrelse
            Revision
            Ekonomihantering
            Totalt
            2024-12-31
            500000
            250000
            750000
            2024-12-31
            40000
            30000
            20000
            90000
            2023-12-31
            480000
            240000
            720000
            2023-12-31
            38000
            29000
            21000
            88000
            """
        let r = try recognise(["Årsredovisning 2024", page])
        let n2 = try TableRecognition.values(r, "note_2"), n3 = try TableRecognition.values(r, "note_3")
        #expect(n2["summa"] == ["2024": 750000, "2023": 720000])
        #expect(n3["revision"] == ["2024": 30000, "2023": 29000])
        #expect(n3["totalt"] == ["2024": 90000, "2023": 88000])
        #expect(r.checks.filter { $0.table.hasPrefix("note_") }.allSatisfy { $0.passed })
    }

    /// The figure columns of a table printed after the next section's heading go back to it.
    @Test func blocksAfterTheNextHeadingReturnToTheirTable() throws {
        let page = """
            2. Resultaträkning
            Belopp i kr
            Verksamhetens intäkter
            Verksamhetens kostnader
            Resultat
            Finansiella intäkter
            Resultat efter finansiella poster
            Årets resultat
            3. Balansräkning
            2024
            1000000
            -900000
            100000
            2000
            102000
            102000
            2023
            950000
            -980000
            -30000
            1500
            -28500
            -28500
            Fordringar
            Kassa och bank
            Summa omsättningstillgångar
            Summa tillgångar
            2024-12-31
            100000
            200000
            300000
            300000
            2023-12-31
            50000
            150000
            200000
            200000
            """
        let r = try recognise(["Årsredovisning 2024", page])
        let inc = try TableRecognition.values(r, "income_statement"), bal = try TableRecognition.values(r, "balance_sheet")
        #expect(inc["resultat"] == ["2024": 100000, "2023": -30000])
        #expect(inc["arets_resultat"] == ["2024": 102000, "2023": -28500])
        #expect(bal["kassa_och_bank"] == ["2024": 200000, "2023": 150000])
        #expect(r.checks.filter { $0.table == "income_statement" || $0.table == "balance_sheet" }.allSatisfy { $0.passed })
    }

    /// Where nothing in the arithmetic tells which rows a short column fills, the cells are in doubt.
    @Test func anUnsettledPairingIsFlagged() throws {
        let page = """
            Not 4 Fordringar
            Kundfordringar
            Skattekonto
            Fordran moms
            Förutbetalda kostnader
            2024-12-31
            1200
            3400
            """
        let r = try recognise(["Årsredovisning 2024", page])
        #expect(r.warnings.contains { $0.hasPrefix("note_4:") && $0.contains("not settled") })
    }
}

/// A plan's budget table: the years its heading names are budgets.
@Suite struct BudgetColumnsTests {
    @Test func theHeadingNamesTheBudgetYears() {
        #expect(BudgetColumns.years(inHeading: "Förslag budget 2022-2024") == [2022, 2023, 2024])
        #expect(BudgetColumns.years(inHeading: "Förslag budget 2022 – 2024") == [2022, 2023, 2024])
        #expect(BudgetColumns.years(inHeading: "Budget 2025") == [2025])
        #expect(BudgetColumns.years(inHeading: "Ekonomiska förutsättningar") == [])
    }

    @Test func plainYearColumnsTheHeadingNamesBecomeBudgets() {
        let table = Table(id: "budget", title: "Budget", page: 1, unit: "kr", columns: ["2021", "forecast:2022", "2022", "2023"],
                          rows: [TableRow(key: "intakter", label: "Intäkter",
                                          values: TableValues([("2021", 10), ("forecast:2022", 11), ("2022", 12), ("2023", 13)]))])
        let t = BudgetColumns.keyedByHeading(table, heading: "Förslag budget 2022-2024")
        #expect(t.columns == ["2021", "forecast:2022", "budget:2022", "budget:2023"])
        #expect(t.rows[0].values["budget:2023"] == 13)
        #expect(t.rows[0].values["2021"] == 10)
    }
}
