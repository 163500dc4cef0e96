import Testing
@testable import ArsredKit

struct TableChecksTests {
    /// The checkout's relations (`pipelines/checks.yaml`), as `ReportPipeline` hands them to the checks.
    let relations: CheckRelations
    init() throws { relations = try PipelineConfiguration.load().checks }

    func note(_ rows: [(String, Double)]) -> Table {
        Table(id: "note_4", title: "Not 4 Fordringar", page: 16, unit: "kr", columns: ["2023"],
              rows: rows.map { TableRow(key: $0.0, label: $0.0, values: TableValues([("2023", $0.1)])) })
    }

    @Test func aWrongSumIsAFailedCheckNotACorrection() {
        // A digit typo in the document (35 561 printed for 53 561): no cell is in doubt.
        var c = TableChecks(tables: [note([("skattekonto", 355_219), ("forutbetalda_kostnader", 35_561), ("summa", 408_780)])],
                            doubts: [], relations: relations)
        c.run()
        let check = c.checks.first { $0.rule == "sum(rows) = summa" }
        #expect(check?.passed == false)
        #expect(check?.detail == "390780 != 408780")
        #expect(c.tables[0].rows[1].values["2023"] == 35_561)
        #expect(c.tables[0].rows[1].derivedFrom == nil)
    }

    @Test func oneDoubtfulCellIsCorrectedFromTheSumAndSaysSo() {
        var c = TableChecks(tables: [note([("skattekonto", 355_219), ("forutbetalda_kostnader", 53_581), ("summa", 408_780)])],
                            doubts: [CellDoubt(table: "note_4", row: "forutbetalda_kostnader", column: "2023", reason: "OCR repaired")], relations: relations)
        c.run()
        #expect(c.tables[0].rows[1].values["2023"] == 53_561)
        #expect(c.tables[0].rows[1].derivedFrom == ["2023": "sum(rows) = summa"])
        #expect(c.warnings.contains { $0.hasPrefix("note_4:") && $0.contains("53561") })
    }

    @Test func balanceIdentityAndCrossTableResult() {
        let bs = Table(id: "balance_sheet", title: "Balansräkning", page: 13, unit: "kr", columns: ["2021"], rows: [
            TableRow(key: "summa_tillgangar", label: "Summa tillgångar", values: TableValues([("2021", 1_729_913)])),
            TableRow(key: "arets_resultat", label: "Årets resultat", values: TableValues([("2021", -587_447)])),
            TableRow(key: "summa_eget_kapital_avsattningar_och_skulder", label: "Summa eget kapital, avsättningar och skulder",
                     values: TableValues([("2021", 1_729_913)])),
        ])
        let fy = Table(id: "five_year_overview", title: "Översikt", page: 4, unit: "tkr", columns: ["2021"], rows: [
            TableRow(key: "arets_resultat", label: "Årets resultat", values: TableValues([("2021", -587)])),
        ])
        let inc = Table(id: "income_statement", title: "Resultaträkning", page: 12, unit: "kr", columns: ["2021"], rows: [
            TableRow(key: "arets_resultat", label: "Årets resultat", values: TableValues([("2021", -587_447)])),
        ])
        var c = TableChecks(tables: [fy, inc, bs], doubts: [], relations: relations)
        c.run()
        #expect(c.checks.contains { $0.table == "balance_sheet" && $0.rule == "summa_tillgangar = summa_eget_kapital_avsattningar_och_skulder" && $0.passed })
        #expect(c.checks.contains { $0.table == "balance_sheet" && $0.rule == "arets_resultat = income_statement.arets_resultat" && $0.passed })
        #expect(c.checks.contains { $0.table == "five_year_overview" && $0.rule == "arets_resultat = income_statement.arets_resultat" && $0.passed })
    }

    func doubt(_ table: String, _ row: String, _ column: String) -> CellDoubt {
        CellDoubt(table: table, row: row, column: column, reason: "OCR repaired")
    }

    @Test func anAbsoluteTermReadWithADigitTooManyIsRepairedKeepingItsSign() {
        // `-272` read `-2172` with confidence 38; the result lines around it are certain.
        let inc = Table(id: "income_statement", title: "Resultaträkning", page: 17, unit: "kr", columns: ["2022"], rows: [
            TableRow(key: "resultat", label: "Resultat", values: TableValues([("2022", -1_724_632)])),
            TableRow(key: "finansiella_intakter", label: "Finansiella intäkter", values: TableValues([("2022", 46_702)])),
            TableRow(key: "finansiella_kostnader", label: "Finansiella kostnader", values: TableValues([("2022", -2172)])),
            TableRow(key: "resultat_efter_finansiella_poster", label: "Resultat efter finansiella poster",
                     values: TableValues([("2022", -1_678_202)])),
        ])
        var c = TableChecks(tables: [inc], doubts: [doubt("income_statement", "finansiella_kostnader", "2022")], relations: relations)
        c.run()
        let row = c.tables[0].rows[2]
        #expect(row.values["2022"] == -272)
        #expect(row.derivedFrom?["2022"] == "resultat + finansiella_intakter - |finansiella_kostnader| = resultat_efter_finansiella_poster")
        #expect(c.checks.contains { $0.rule.hasPrefix("resultat + finansiella_intakter") && !$0.passed && $0.detail == "-1680102 != -1678202" })
        #expect(c.warnings.contains { $0.contains("read as -2172 (in doubt), set to -272") })
    }

    @Test func ofTwoDoubtfulCellsOnlyTheOneASignSlipExplainsIsRepaired() {
        let note = Table(id: "note_3", title: "Not 3", page: 15, unit: "kr", columns: ["budget:2023"], rows: [
            TableRow(key: "steget_vidare", label: "Steget vidare", values: TableValues([("budget:2023", 1_026_000)])),
            TableRow(key: "framsteget", label: "Framsteget", values: TableValues([("budget:2023", -1_201_000)])),
            TableRow(key: "it_sparet", label: "IT-spåret", values: TableValues([("budget:2023", 1_272_000)])),
            TableRow(key: "summa", label: "Summa", values: TableValues([("budget:2023", 3_499_000)])),
        ])
        var c = TableChecks(tables: [note], doubts: [doubt("note_3", "steget_vidare", "budget:2023"), doubt("note_3", "framsteget", "budget:2023")], relations: relations)
        c.run()
        #expect(c.tables[0].rows[1].values["budget:2023"] == 1_201_000)
        #expect(c.tables[0].rows[0].values["budget:2023"] == 1_026_000)
        #expect(c.tables[0].rows[1].derivedFrom == ["budget:2023": "sum(rows) = summa"])
        // Two doubtful cells and no one-slip reading explains the gap: left as read, check failed.
        var d = TableChecks(tables: [note], doubts: [doubt("note_3", "steget_vidare", "budget:2023"), doubt("note_3", "it_sparet", "budget:2023")], relations: relations)
        d.run()
        #expect(d.tables[0].rows.map { $0.values["budget:2023"] } == [1_026_000, -1_201_000, 1_272_000, 3_499_000])
        #expect(d.checks.contains { $0.table == "note_3" && !$0.passed })
    }

    @Test func equityYearOnYearPinsADoubtfulOverviewFigure() {
        // tkr: each year's equity is last year's plus the year's result, to rounding.
        let years = ["2023", "2022", "2021", "2020", "2019"]
        func row(_ key: String, _ v: [Double]) -> TableRow {
            TableRow(key: key, label: key, values: TableValues(Array(zip(years, v))))
        }
        let fy = Table(id: "five_year_overview", title: "Översikt", page: 4, unit: "tkr", columns: years, rows: [
            row("arets_resultat", [3113, -1678, -1473, 1925, 842]),
            row("eget_kapital", [10346, 7233, 88912, 10385, 8460]),
        ])
        var c = TableChecks(tables: [fy], doubts: [doubt("five_year_overview", "eget_kapital", "2021")], relations: relations)
        c.run()
        #expect(c.tables[0].rows[1].values["2021"] == 8912)
        #expect(c.tables[0].rows[1].derivedFrom == ["2021": "eget_kapital(previous year) + arets_resultat = eget_kapital"])
        #expect(c.checks.filter { $0.rule.hasPrefix("eget_kapital(previous year)") }.map(\.passed) == [true, false, false, true])
        // Not in doubt: the failed checks stand and the figure is left as read.
        var d = TableChecks(tables: [fy], doubts: [], relations: relations)
        d.run()
        #expect(d.tables[0].rows[1].values["2021"] == 88912)
        #expect(d.checks.contains { $0.rule.hasPrefix("eget_kapital(previous year)") && $0.column == "2021" && !$0.passed })
    }

    @Test func anIncomeNoteListingTheInterestAddsUpToBothLines() {
        let inc = Table(id: "income_statement", title: "Resultaträkning", page: 14, unit: "kr", columns: ["2023"], rows: [
            TableRow(key: "verksamhetens_intakter", label: "Verksamhetens intäkter", note: "2", values: TableValues([("2023", 8_035_996)])),
            TableRow(key: "finansiella_intakter", label: "Finansiella intäkter", values: TableValues([("2023", 133_807)])),
        ])
        let note = Table(id: "note_2", title: "Not 2 Verksamhetens intäkter", page: 17, unit: "kr", columns: ["2023"], rows: [
            TableRow(key: "driftbidrag", label: "Driftbidrag", values: TableValues([("2023", 8_035_996)])),
            TableRow(key: "ranta", label: "Ränta", values: TableValues([("2023", 133_807)])),
            TableRow(key: "summa", label: "Summa", values: TableValues([("2023", 8_169_803)])),
        ])
        var c = TableChecks(tables: [inc, note], doubts: [], relations: relations)
        c.run()
        #expect(c.checks.filter { $0.table == "note_2" }.map(\.rule) == ["sum(rows) = summa",
            "summa = |income_statement.verksamhetens_intakter| + |income_statement.finansiella_intakter|"])
        #expect(c.checks.allSatisfy { $0.passed })
    }
}
