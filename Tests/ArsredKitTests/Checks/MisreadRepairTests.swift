import Testing
@testable import ArsredKit

/// Figures OCR misread on scanned pages, each class with a made-up table of the project's own:
/// the readings a misread allows, chosen by the table's arithmetic, flagged where two do.
struct MisreadRepairTests {
    /// The checkout's relations (`pipelines/checks.yaml`), as `ReportPipeline` hands them to the checks.
    let relations: CheckRelations
    init() throws { relations = try PipelineConfiguration.load().checks }

    static func row(_ key: String, _ values: [(String, Double)]) -> TableRow {
        TableRow(key: key, label: key, values: TableValues(values))
    }

    /// A second read that answers from a list (cells by their box's left edge).
    final class ListedRereads: FigureRereading {
        var answers: [Double: Double]
        var asked = 0
        init(_ answers: [Double: Double]) { self.answers = answers }
        func reread(page: Int, box: Box, pass: Int) -> Double? { asked += 1; return answers[box.x0] }
    }

    @Test func aMinusReadAsALeadingSevenIsTheReadingTheSumsChoose() {
        // `−2 310 000` read `72310000` in the budget column; the result lines print it twice more.
        let inc = Table(id: "income_statement", title: "Resultaträkning", page: 14, unit: "kr", columns: ["budget:2024"], rows: [
            Self.row("verksamhetens_intakter", [("budget:2024", 9_400_000)]),
            Self.row("verksamhetens_kostnader", [("budget:2024", -11_710_000)]),
            Self.row("resultat", [("budget:2024", 72_310_000)]),
            Self.row("finansiella_intakter", [("budget:2024", 60_000)]),
            Self.row("finansiella_kostnader", [("budget:2024", 0)]),
            Self.row("resultat_efter_finansiella_poster", [("budget:2024", 72_250_000)]),
            Self.row("arets_resultat", [("budget:2024", 72_250_000)]),
        ])
        var c = TableChecks(tables: [inc], doubts: [], uncertainPages: [14], relations: relations)
        c.run()
        let t = c.tables[0]
        #expect(t.rows[2].values["budget:2024"] == -2_310_000)
        // The same figure on two lines, read again together.
        #expect(t.rows[5].values["budget:2024"] == -2_250_000 && t.rows[6].values["budget:2024"] == -2_250_000)
        #expect(c.checks.filter { $0.table == "income_statement" }.allSatisfy { $0.passed })
        #expect(c.warnings.contains { $0.hasPrefix("income_statement:") && $0.contains("read as 72310000, taken as -2310000") })
    }

    @Test func aDigitTooManyOrLostIsReadAgainstTheStatement() {
        // The overview (tkr) against the income statement (kr): `31 406` read `314406`, `562` read `56`.
        let inc = Table(id: "income_statement", title: "Resultaträkning", page: 11, unit: "kr", columns: ["2024"], rows: [
            Self.row("verksamhetens_intakter", [("2024", 31_406_200)]),
            Self.row("arets_resultat", [("2024", 561_700)]),
        ])
        let fy = Table(id: "five_year_overview", title: "Översikt", page: 3, unit: "tkr", columns: ["2024"], rows: [
            Self.row("verksamhetens_intakter", [("2024", 314_406)]),
            Self.row("arets_resultat", [("2024", 56)]),
        ])
        var c = TableChecks(tables: [fy, inc], doubts: [], uncertainPages: [3], relations: relations)
        c.run()
        #expect(c.tables[0].rows[0].values["2024"] == 31_406)
        // 561 and 562 both pass the cross-unit slack; only 562 is the rounding of 561 700.
        #expect(c.tables[0].rows[1].values["2024"] == 562)
        #expect(c.tables[0].rows[1].derivedFrom == ["2024": "misread: the table's arithmetic"])
    }

    @Test func aTextLayerFigureIsNeverReadAnew() {
        let fy = Table(id: "five_year_overview", title: "Översikt", page: 3, unit: "tkr", columns: ["2024"], rows: [
            Self.row("arets_resultat", [("2024", 56)]),
        ])
        let inc = Table(id: "income_statement", title: "Resultaträkning", page: 11, unit: "kr", columns: ["2024"], rows: [
            Self.row("arets_resultat", [("2024", 561_700)]),
        ])
        var c = TableChecks(tables: [fy, inc], doubts: [], relations: relations)
        c.run()
        #expect(c.tables[0].rows[0].values["2024"] == 56)
        #expect(c.checks.contains { $0.table == "five_year_overview" && !$0.passed })
    }

    @Test func twoItemsThatCouldEachBeTheMisreadOneAreFlaggedNotPicked() {
        // Items 30 more than the total: either item's tens digit could be the slip.
        let note = Table(id: "note_6", title: "Not 6", page: 16, unit: "kr", columns: ["2023"], rows: [
            Self.row("loner", [("2023", 4_745)]), Self.row("sociala_avgifter", [("2023", 2_435)]),
            Self.row("summa", [("2023", 7_150)]),
        ])
        // Both re-read as first read: no second read disputes either.
        let rereads = ListedRereads([:])
        var c = TableChecks(tables: [note], doubts: [], uncertainPages: [16], relations: relations)
        c.secondLook = SecondLook(rereader: rereads, places: [:])
        c.run()
        #expect(c.tables[0].rows[0].values["2023"] == 4_745 && c.tables[0].rows[1].values["2023"] == 2_435)
        #expect(c.checks.contains { $0.table == "note_6" && !$0.passed })
    }

    @Test func aSecondReadDecidesWhichItemWasMisread() {
        // `4 715` read `4 745`; the other item was in doubt but reads the same again.
        let note = Table(id: "note_6", title: "Not 6", page: 16, unit: "kr", columns: ["2023"], rows: [
            Self.row("loner", [("2023", 4_745)]), Self.row("sociala_avgifter", [("2023", 2_435)]),
            Self.row("summa", [("2023", 7_150)]),
        ])
        let place = { (x: Double) in CellPlace(page: 16, box: Box(x0: x, y0: 200, x1: x + 20, y1: 209)) }
        let rereads = ListedRereads([400: 4_715, 401: 2_435])
        var c = TableChecks(tables: [note], doubts: [CellDoubt(table: "note_6", row: "sociala_avgifter", column: "2023", reason: "OCR repaired")],
                            uncertainPages: [16], relations: relations)
        c.secondLook = SecondLook(rereader: rereads, places: [
            CheckedCell(table: "note_6", row: "loner", column: "2023"): place(400),
            CheckedCell(table: "note_6", row: "sociala_avgifter", column: "2023"): place(401),
        ])
        c.run()
        #expect(c.tables[0].rows[0].values["2023"] == 4_715)
        #expect(c.tables[0].rows[1].values["2023"] == 2_435)
        #expect(c.checks.filter { $0.table == "note_6" }.allSatisfy { $0.passed })
    }

    @Test func anEquityRatioIsHeldToItsRoundingAndAnUncheckedOneIsReadAgain() {
        // `66 %` read `61`: 0.6 points from the balance sheet's 65.6, past the rounding.
        let bs = Table(id: "balance_sheet", title: "Balansräkning", page: 13, unit: "kr", columns: ["2023"], rows: [
            Self.row("summa_tillgangar", [("2023", 1_000_000)]), Self.row("summa_eget_kapital", [("2023", 656_000)]),
        ])
        let fy = Table(id: "five_year_overview", title: "Översikt", page: 4, unit: "tkr", columns: ["2023", "2019"], rows: [
            Self.row("soliditet", [("2023", 61), ("2019", 71)]),
        ])
        let place = { (x: Double) in CellPlace(page: 4, box: Box(x0: x, y0: 300, x1: x + 20, y1: 309)) }
        // The 2023 figure reads 66 again; the 2019 one (no balance sheet checks it) 74, twice.
        let rereads = ListedRereads([320: 66, 500: 74])
        var c = TableChecks(tables: [fy, bs], doubts: [], uncertainPages: [4], relations: relations)
        c.secondLook = SecondLook(rereader: rereads, places: [
            CheckedCell(table: "five_year_overview", row: "soliditet", column: "2023"): place(320),
            CheckedCell(table: "five_year_overview", row: "soliditet", column: "2019"): place(500),
        ])
        c.run()
        #expect(c.tables[0].rows[0].values["2023"] == 66)
        #expect(c.tables[0].rows[0].values["2019"] == 74)
        #expect(c.warnings.contains { $0.contains("soliditet 2019 read as 71, twice read again as 74") })
    }

    @Test func misreadingsOfAFigure() {
        #expect(TableChecks.misreadings(of: 71_695, .sign).contains(-1_695))
        #expect(TableChecks.misreadings(of: 147_721, .digitCount).contains(14_771))
        #expect(TableChecks.misreadings(of: 71, .digitCount).contains(718))
        #expect(TableChecks.misreadings(of: 71, .digit).contains(77))
        #expect(TableChecks.misreadings(of: 2.5, .digit).isEmpty)
    }
}
