import Testing
@testable import ArsredKit

/// A header that does not settle which column is the budget: its readings, and the document's
/// arithmetic choosing among them (or a warning when it cannot).
@Suite struct ColumnOrderTests {
    static func line(_ s: String) -> Line { Line(words: s.split(separator: " ").map { Word(text: String($0)) }) }
    static func page(_ n: Int, _ lines: [String]) -> Page { Page(number: n, method: .ocr, lines: lines.map(line)) }
    let v = try! TableVocabulary.load()

    @Test func aBudgetOnItsOwnLineHeadsTheYearItsLineLeavesUnqualified() {
        let h = ColumnHeader.parse([Self.line("Budget"), Self.line("Belopp i kr. Not Utfall 2023 Utfall 2022 2023")], vocabulary: v)
        #expect(h.keys == ["2023", "2022", "budget:2023"])
        #expect(h.alternatives == [])
    }

    @Test func aBudgetOverRepeatedYearsAllowsEitherOfThem() {
        let h = ColumnHeader.parse([Self.line("Budget"), Self.line("Not 2025 2024 2025")], vocabulary: v)
        #expect(h.keys == ["budget:2025", "2024", "2025"])
        #expect(h.alternatives == [["2025", "2024", "budget:2025"]])
    }

    @Test func aLostBudgetWordAllowsEitherRepeatedYear() {
        let h = ColumnHeader.parse([Self.line("Belopp i kr Not 2023 2023-12-31 2022-12-31")], vocabulary: v)
        #expect(h.keys == ["budget:2023", "2023", "2022"])
        #expect(h.alternatives == [["2023", "budget:2023", "2022"]])
        // Years that do not repeat and a budget the year line names: nothing to choose.
        #expect(ColumnHeader.parse([Self.line("Not Budget 2023 2023 2022")], vocabulary: v).alternatives == [])
        #expect(ColumnHeader.parse([Self.line("Not 2023 2022")], vocabulary: v).alternatives == [])
    }

    static let income = [
        "Resultaträkning",
        "Budget",
        "Belopp i kr Not 2025 2024 2025",
        "Verksamhetens intäkter 2 1 672 828 1 654 219 1 640 000",
        "Verksamhetens kostnader 3 -1 684 461 -1 635 345 -1 793 300",
        "Resultat -11 633 18 874 -153 300",
        "Finansiella intäkter 15 432 22 787 17 800",
        "Finansiella kostnader 0 0 0",
        "Resultat efter finansiella poster 3 799 41 661 -135 500",
        "Årets resultat 3 799 41 661 -135 500",
    ]
    static let balance = [
        "Balansräkning",
        "Belopp i kr 2025 2024",
        "Fordringar 29 370 61 653",
        "Kassa och bank 997 446 870 539",
        "Summa omsättningstillgångar 1 026 816 932 192",
        "Summa tillgångar 1 026 816 932 192",
        "Årets resultat 3 799 41 661",
        "Övrigt eget kapital 671 864 630 203",
        "Summa eget kapital 675 663 671 864",
        "Kortfristiga skulder 351 153 260 328",
        "Summa eget kapital, avsättningar och skulder 1 026 816 932 192",
    ]

    @Test func theBalanceSheetsResultChoosesTheBudgetColumn() throws {
        let r = try TableStage.recognise(pages: [Self.page(10, Self.income + Self.balance)])
        let t = try #require(r.tables.first { $0.id == "income_statement" })
        #expect(t.columns == ["2025", "2024", "budget:2025"])
        #expect(t.rows.first { $0.key == "arets_resultat" }?.values == TableValues([("2025", 3799), ("2024", 41661), ("budget:2025", -135_500)]))
        #expect(!r.warnings.contains { $0.hasPrefix("income_statement: columns") })
        #expect(r.checks.filter { !$0.passed }.map(\.rule) == [])
    }

    @Test func withNothingToWeighAgainstTheHeadersReadingIsKeptAndFlagged() throws {
        let r = try TableStage.recognise(pages: [Self.page(10, Self.income)])
        let t = try #require(r.tables.first { $0.id == "income_statement" })
        #expect(t.columns == ["budget:2025", "2024", "2025"])
        let w = r.warnings.filter { $0.hasPrefix("income_statement: columns budget:2025, 2024, 2025") }
        #expect(w.count == 1)
        #expect(w.first?.contains("2025, 2024, budget:2025") == true)
    }

    @Test func relabelingMovesValuesAndDoubts() {
        let t = Table(id: "x", title: "x", page: 1, unit: "kr", columns: ["budget:2025", "2025"],
                      rows: [TableRow(key: "a", label: "A", values: TableValues([("budget:2025", 1), ("2025", 2)]))])
        let r = TableReading(table: t, doubts: [CellDoubt(table: "x", row: "a", column: "2025", reason: "r")], diagnostics: [])
            .relabeled(["2025", "budget:2025"])
        #expect(r.table.columns == ["2025", "budget:2025"])
        #expect(r.table.rows[0].values == TableValues([("2025", 1), ("budget:2025", 2)]))
        #expect(r.doubts.map(\.column) == ["budget:2025"])
    }
}

