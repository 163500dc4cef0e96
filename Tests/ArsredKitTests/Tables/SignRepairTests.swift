import Testing
@testable import ArsredKit

/// Signs OCR lost, restored from what the document prints elsewhere, in doubt and said.
@Suite struct SignRepairTests {
    /// The checkout's relations, as `ReportPipeline` hands them to the tables stage.
    let relations: CheckRelations
    init() throws { relations = try PipelineConfiguration.load().checks }

    func reading(_ id: String, unit: String = "kr", _ rows: [(String, [(String, Double)])]) -> TableReading {
        let columns = rows.flatMap { $0.1.map(\.0) }.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        return TableReading(table: Table(id: id, title: id, page: 1, unit: unit, columns: columns,
                                         rows: rows.map { TableRow(key: $0.0, label: $0.0, values: TableValues($0.1)) }),
                            doubts: [], diagnostics: [])
    }

    @Test func aCostYearWithoutTheMinusItsOtherYearsCarryGetsItBack() throws {
        var readings = ["income_statement": reading("income_statement", [
            ("verksamhetens_kostnader", [("budget:2023", 10_371_000), ("2023", 9_818_085), ("2022", -9_925_561)]),
            ("verksamhetens_intakter", [("budget:2023", 10_400_000), ("2023", 10_487_358), ("2022", 10_055_981)]),
        ])]
        let w = SignRepair.repair(&readings, relations: relations)
        let row = try #require(readings["income_statement"]?.table.rows.first)
        #expect(row.values == TableValues([("budget:2023", 10_371_000), ("2023", -9_818_085), ("2022", -9_925_561)]))
        #expect(row.derivedFrom?["2023"] != nil)
        #expect(w.count == 1 && w[0].rendered.hasPrefix("income_statement: verksamhetens_kostnader 2023 "))
        #expect(w.first.map { [$0.table, $0.row, $0.column] } == ["income_statement", "verksamhetens_kostnader", "2023"])
        #expect(readings["income_statement"]?.doubts.map(\.column) == ["2023"])
    }

    @Test func costsPrintedPositiveThroughoutStayPositive() {
        var readings = ["note_3": reading("note_3", [("personalkostnader", [("2023", 972_008), ("2022", 1_247_496)])])]
        #expect(SignRepair.repair(&readings, relations: relations) == [])
        #expect(readings["note_3"]?.table.rows[0].values["2023"] == 972_008)
    }

    @Test func theYearsResultTakesTheSignMostTablesPrint() {
        var readings = [
            "income_statement": reading("income_statement", [("arets_resultat", [("2023", -94_301), ("2022", 120_000)])]),
            "balance_sheet": reading("balance_sheet", [("arets_resultat", [("2023", -94_301), ("2022", 120_000)])]),
            "five_year_overview": reading("five_year_overview", unit: "tkr", [("arets_resultat", [("2023", 94), ("2022", 120)])]),
        ]
        let w = SignRepair.repair(&readings, relations: relations)
        #expect(readings["five_year_overview"]?.table.rows[0].values == TableValues([("2023", -94), ("2022", 120)]))
        #expect(w.count == 1 && w[0].rendered.hasPrefix("five_year_overview: arets_resultat 2023 "))
        #expect(w.first.map { [$0.table, $0.row, $0.column] } == ["five_year_overview", "arets_resultat", "2023"])
        // Figures of another size are another misreading: no sign is taken from them.
        var other = [
            "income_statement": reading("income_statement", [("arets_resultat", [("2023", -94_301)])]),
            "five_year_overview": reading("five_year_overview", unit: "tkr", [("arets_resultat", [("2023", 941)])]),
        ]
        #expect(SignRepair.repair(&other, relations: relations) == [])
    }
}
