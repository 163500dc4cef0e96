import Testing
@testable import ArsredKit

struct TableChecksTests {
    func note(_ rows: [(String, Double)]) -> Table {
        Table(id: "note_4", title: "Not 4 Fordringar", page: 16, unit: "kr", columns: ["2023"],
              rows: rows.map { TableRow(key: $0.0, label: $0.0, values: TableValues([("2023", $0.1)])) })
    }

    @Test func aWrongSumIsAFailedCheckNotACorrection() {
        // A digit typo in the document (35 561 printed for 53 561): no cell is in doubt.
        var c = TableChecks(tables: [note([("skattekonto", 355_219), ("forutbetalda_kostnader", 35_561), ("summa", 408_780)])],
                            doubts: [])
        c.run()
        let check = c.checks.first { $0.rule == "sum(rows) = summa" }
        #expect(check?.passed == false)
        #expect(check?.detail == "390780 != 408780")
        #expect(c.tables[0].rows[1].values["2023"] == 35_561)
        #expect(c.tables[0].rows[1].derivedFrom == nil)
    }

    @Test func oneDoubtfulCellIsCorrectedFromTheSumAndSaysSo() {
        var c = TableChecks(tables: [note([("skattekonto", 355_219), ("forutbetalda_kostnader", 53_581), ("summa", 408_780)])],
                            doubts: [CellDoubt(table: "note_4", row: "forutbetalda_kostnader", column: "2023", reason: "OCR repaired")])
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
        var c = TableChecks(tables: [fy, inc, bs], doubts: [])
        c.run()
        #expect(c.checks.contains { $0.table == "balance_sheet" && $0.rule == "summa_tillgangar = summa_eget_kapital_avsattningar_och_skulder" && $0.passed })
        #expect(c.checks.contains { $0.table == "balance_sheet" && $0.rule == "arets_resultat = income_statement.arets_resultat" && $0.passed })
        #expect(c.checks.contains { $0.table == "five_year_overview" && $0.rule == "arets_resultat = income_statement.arets_resultat" && $0.passed })
    }
}
