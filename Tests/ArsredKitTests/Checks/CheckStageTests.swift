import Testing
@testable import ArsredKit

/// The checks stage on tables as the tables stage hands them on: checks with the cells they
/// read, a doubtful figure repaired from the arithmetic with a diagnostic naming its cell.
@Suite struct CheckStageTests {
    @Test func aDoubtfulFigureIsRepairedAndTheDiagnosticNamesItsCell() throws {
        let note = Table(id: "note_4", title: "Not 4 Fordringar", page: 2, unit: "kr", columns: ["2023"], rows: [
            TableRow(key: "skattekonto", label: "Skattekonto", values: TableValues([("2023", 355_219)])),
            TableRow(key: "forutbetalda_kostnader", label: "Förutbetalda kostnader", values: TableValues([("2023", 53_581)])),
            TableRow(key: "summa", label: "Summa", values: TableValues([("2023", 408_780)])),
        ])
        let read = TableReadings(tables: [note], doubts: [CellDoubt(table: "note_4", row: "forutbetalda_kostnader", column: "2023", reason: "OCR")],
                                 diagnostics: [Diagnostic(table: "note_4", message: "read by the test")])
        let page = Page(number: 2, method: .ocr, lines: [])
        let r = CheckStage(relations: try PipelineConfiguration.load().checks).check(read, pages: [page])
        #expect(r.tables[0].rows[1].values["2023"] == 53_561)
        let check = try #require(r.checks.first)
        #expect(!check.passed)
        #expect(check.cells == ["skattekonto", "forutbetalda_kostnader", "summa"].map { CheckedCell(table: "note_4", row: $0, column: "2023") })
        #expect(r.diagnostics.first == Diagnostic(table: "note_4", message: "read by the test"))
        let repair = try #require(r.diagnostics.last)
        #expect(repair.table == "note_4" && repair.row == "forutbetalda_kostnader" && repair.column == "2023")
        #expect(repair.rendered == "note_4: forutbetalda_kostnader 2023 read as 53581 (in doubt), set to 53561 from sum(rows) = summa")
    }

    @Test func aRelationsCheckCarriesTheCellsOfBothTables() throws {
        let inc = Table(id: "income_statement", title: "Resultaträkning", page: 1, unit: "kr", columns: ["2023"], rows: [
            TableRow(key: "arets_resultat", label: "Årets resultat", values: TableValues([("2023", 100)])),
        ])
        let bs = Table(id: "balance_sheet", title: "Balansräkning", page: 2, unit: "kr", columns: ["2023"], rows: [
            TableRow(key: "arets_resultat", label: "Årets resultat", values: TableValues([("2023", 100)])),
        ])
        let r = CheckStage(relations: try PipelineConfiguration.load().checks)
            .check(TableReadings(tables: [inc, bs], doubts: [], diagnostics: []), pages: [])
        let check = try #require(r.checks.first { $0.rule == "arets_resultat = income_statement.arets_resultat" })
        #expect(check.passed)
        #expect(check.cells == [CheckedCell(table: "balance_sheet", row: "arets_resultat", column: "2023"),
                                CheckedCell(table: "income_statement", row: "arets_resultat", column: "2023")])
    }
}
