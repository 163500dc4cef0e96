/// OCR loses minus signs (a thin dash under a low resolution, a `−` read as nothing) far more
/// often than it invents them, and the statements' sums cannot see a lost sign where they take a
/// cost as `|x|`. What the document prints elsewhere can: a cost row keeps one sign convention
/// over its outcome years, and the year's result is one figure printed in several tables. A
/// figure that disagrees in sign with that evidence and in nothing else gets the sign back, in
/// doubt and with a warning naming its table.
enum SignRepair {
    /// The year's result as each table prints it.
    static let resultRows: [(table: String, row: String)] = [
        ("income_statement", "arets_resultat"), ("balance_sheet", "arets_resultat"), ("cash_flow", "arets_resultat"),
        ("five_year_overview", "arets_resultat"), ("balance_requirement", "arets_resultat_enligt_resultatrakningen"),
        ("operating_statement", "resultat"),
    ]

    /// Rows whose key holds this word are costs (as `TableChecks.deviations` reads them).
    static let costWord = "kostnad"

    /// `ocrPages`: numbers of the pages read by OCR (or OCR'd earlier): a table on one has its
    /// own arithmetic restore a sign too (`relationSigns`); a text layer's signs are as printed.
    static func repair(_ readings: inout [String: TableReading], ocrPages: Set<Int> = [], relations: CheckRelations) -> [Diagnostic] {
        var warnings: [Diagnostic] = []
        for id in readings.keys.sorted() { warnings += costSigns(&readings[id]!) }
        warnings += resultSigns(&readings)
        for id in readings.keys.sorted() where ocrPages.contains(readings[id]!.table.page) {
            warnings += relationSigns(&readings[id]!, relations: relations)
        }
        return warnings
    }

    /// A column of a table whose own relations fail, where the figure of exactly one cell with
    /// the other sign makes every relation of the column hold: OCR lost that sign (`5` for `-5`
    /// in a note) or made one of a speck (`——»-12345`). The one such cell gets the other sign,
    /// in doubt; where two cells could, nothing changes (the failed check stays).
    static func relationSigns(_ r: inout TableReading, relations: CheckRelations) -> [Diagnostic] {
        var warnings: [Diagnostic] = []
        for column in r.table.columns {
            let before = tally(r.table, column: column, relations: relations)
            guard before.failed > 0 else { continue }
            var flips: [Int] = []
            for i in r.table.rows.indices {
                guard let v = r.table.rows[i].values[column], v != 0 else { continue }
                var trial = r.table
                trial.rows[i].values[column] = -v
                let after = tally(trial, column: column, relations: relations)
                if after.failed == 0, after.passed >= before.passed + before.failed { flips.append(i) }
            }
            guard flips.count == 1, let v = r.table.rows[flips[0]].values[column] else { continue }
            warnings.append(restore(&r, row: flips[0], column: column, to: -v, because: "the table's own arithmetic"))
        }
        return warnings
    }

    /// The relations of its table that hold and fail in one column (as `TableChecks.balance` weighs them).
    static func tally(_ table: Table, column: String, relations: CheckRelations) -> (passed: Int, failed: Int) {
        var c = TableChecks(tables: [table], doubts: [], relations: relations)
        if column.hasPrefix("deviation:") {
            c.deviations()
        } else {
            for rel in c.relations.relations where rel.table == table.id { c.evaluate(rel, home: table, column: column) }
            if table.id.hasPrefix("note_") { c.noteSums() }
        }
        let own = c.checks.filter { $0.column == column }
        return (own.filter(\.passed).count, own.filter { !$0.passed }.count)
    }

    /// In a cost row, an outcome year printed without the minus every other outcome year of the
    /// row carries (or as many as carry none) lost it. Budget columns keep their own convention.
    static func costSigns(_ r: inout TableReading) -> [Diagnostic] {
        var warnings: [Diagnostic] = []
        let years = r.table.columns.filter { Int($0) != nil }
        for i in r.table.rows.indices where r.table.rows[i].key.contains(costWord) {
            let values = years.compactMap { c in r.table.rows[i].values[c].map { (c, $0) } }.filter { $0.1 != 0 }
            let negative = values.filter { $0.1 < 0 }, positive = values.filter { $0.1 > 0 }
            guard !negative.isEmpty, !positive.isEmpty, negative.count >= positive.count else { continue }
            for (c, v) in positive { warnings.append(restore(&r, row: i, column: c, to: -v, because: "the row's other years print costs negative")) }
        }
        return warnings
    }

    /// The year's result: where the tables printing it agree on its size, the sign most of them
    /// print (the income statement's on a tie) is the sign.
    static func resultSigns(_ readings: inout [String: TableReading]) -> [Diagnostic] {
        var warnings: [Diagnostic] = []
        let columns = Set(resultRows.flatMap { readings[$0.table]?.table.columns ?? [] }).filter { Int($0) != nil }
        for column in columns.sorted() {
            var cells: [(id: String, row: Int, kronor: Double, factor: Double)] = []
            for (id, key) in resultRows {
                guard let t = readings[id]?.table, let ri = t.rows.firstIndex(where: { $0.key == key }),
                      let v = t.rows[ri].values[column], v != 0 else { continue }
                let f = TableChecks.factor(t.unit)
                cells.append((id, ri, v * f, f))
            }
            guard cells.count >= 2 else { continue }
            let coarsest = cells.map(\.factor).max()!
            let size = cells[0].kronor.magnitude
            guard cells.allSatisfy({ abs($0.kronor.magnitude - size) <= coarsest }) else { continue }
            let negative = cells.filter { $0.kronor < 0 }.count, positive = cells.count - negative
            guard negative > 0, positive > 0 else { continue }
            let incomeNegative = cells.first { $0.id == "income_statement" }.map { $0.kronor < 0 }
            guard negative != positive || incomeNegative != nil else { continue }
            let sign: Double = negative > positive || (negative == positive && incomeNegative == true) ? -1 : 1
            for c in cells where (c.kronor < 0) != (sign < 0) {
                let v = readings[c.id]!.table.rows[c.row].values[column]!
                warnings.append(restore(&readings[c.id]!, row: c.row, column: column, to: -v,
                                        because: "the year's result as the other statements print it"))
            }
        }
        return warnings
    }

    static func restore(_ r: inout TableReading, row i: Int, column: String, to value: Double, because reason: String) -> Diagnostic {
        let old = r.table.rows[i].values[column] ?? 0
        r.table.rows[i].values[column] = value
        let key = r.table.rows[i].key
        var derived = r.table.rows[i].derivedFrom ?? [:]
        derived[column] = "sign: \(reason)"
        r.table.rows[i].derivedFrom = derived
        r.doubts.append(CellDoubt(table: r.table.id, row: key, column: column, reason: "sign restored"))
        return Diagnostic(table: r.table.id, row: key, column: column,
                          message: "\(key) \(column) read as \(format(old)), sign restored from \(reason); in doubt")
    }

    static func format(_ v: Double) -> String { v == v.rounded() ? String(Int(v)) : String(v) }
}
