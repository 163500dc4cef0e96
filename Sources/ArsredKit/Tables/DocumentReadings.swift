/// Readings of single tables that only the document as a whole settles: which column is the
/// budget (`ColumnOrder`), then signs OCR lost (`SignRepair`, then `SignSets`). Runs once all
/// tables are read, before the checks; returns the diagnostics for what it could not settle or had
/// to restore.
enum DocumentReadings {
    /// `ocrPages`: the numbers of the pages read by OCR (see `SignRepair.repair`).
    /// `relations`: the configuration's check relations, by which readings are weighed.
    static func settle(_ readings: inout [String: TableReading], ocrPages: Set<Int> = [], relations: CheckRelations) -> [Diagnostic] {
        var warnings = ColumnOrder.settle(&readings, relations: relations)
        warnings += SignRepair.repair(&readings, ocrPages: ocrPages, relations: relations)
        for id in readings.keys.sorted() where ocrPages.contains(readings[id]!.table.page) {
            warnings += SignSets.repair(&readings[id]!, relations: relations)
        }
        return warnings
    }
}

/// OCR that loses one minus in a column often loses several (a thin dash under a low
/// resolution, a whole column of `−` read as nothing): a result, the subtotal it feeds and the
/// total after it, all printed without their sign. Where a column of a table on an OCR'd page
/// still fails its relations, the smallest set of cells whose other sign makes every relation
/// of the column hold is the reading, when it is the only set of that size; each of its cells
/// gets the sign back, in doubt (`SignRepair.restore`). Where no single cell does it and two
/// sets of the smallest size would, nothing changes: the failed check stays.
enum SignSets {
    /// Cells at most whose signs are restored together in one column (a result, its subtotal,
    /// the total: three sums of a cash-flow analysis chain through one lost sign each).
    static let maxFlips = 3
    /// Cells of one column at most that the enumeration considers (C(24, 3) = 2024 sets).
    static let maxCells = 24

    static func repair(_ r: inout TableReading, relations: CheckRelations) -> [Diagnostic] {
        var warnings: [Diagnostic] = []
        for column in r.table.columns {
            let before = SignRepair.tally(r.table, column: column, relations: relations)
            guard before.failed > 0 else { continue }
            let cells = r.table.rows.indices.filter { r.table.rows[$0].values[column].map { $0 != 0 } ?? false }
            guard cells.count <= maxCells else { continue }
            var found: [[Int]] = []
            for size in 1...maxFlips {
                TableReader.forEachCombination(of: cells, choosing: size) { set in
                    var trial = r.table
                    for i in set { trial.rows[i].values[column] = -(trial.rows[i].values[column]!) }
                    let after = SignRepair.tally(trial, column: column, relations: relations)
                    // Every relation holds, and at least as many as were stated before.
                    if after.failed == 0, after.passed >= before.passed + before.failed { found.append(set) }
                }
                if !found.isEmpty { break }
            }
            // One cell alone is `SignRepair`'s to restore; two sets of the smallest size are doubt.
            guard found.count == 1, found[0].count >= 2 else { continue }
            for i in found[0] {
                let v = r.table.rows[i].values[column]!
                warnings.append(SignRepair.restore(&r, row: i, column: column, to: -v,
                                                   because: "the table's own arithmetic (\(found[0].count) signs lost in one column)"))
            }
        }
        return warnings
    }
}
