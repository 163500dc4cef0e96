/// Which column of a statement is the budget and which the outcome is not always printed in a
/// way the header alone settles: OCR sets a `Budget` on a line of its own above `2023 2023 2022`,
/// or loses it altogether. The header then allows several keyings of the same figure columns
/// (`ColumnHeader.alternatives`); each is a reading, and the document's own arithmetic across its
/// tables (the result against the balance sheet's, the five-year overview's years, the
/// balanskravsresultat, the driftredovisning) chooses. Where no reading does better than another,
/// the one the header suggests is kept and a warning names the table and its columns.
enum ColumnOrder {
    /// Most combinations of keyings (over all tables with alternatives) weighed together; past it
    /// each table is weighed alone, the others as read. Tables with alternatives are few (the
    /// statements with a budget column), each with two or three readings.
    static let maxCombinations = 64

    /// Each table with alternative keyings set to the one the arithmetic bears out; warnings for
    /// the tables it could not settle.
    static func settle(_ readings: inout [String: TableReading], relations: CheckRelations) -> [Diagnostic] {
        // A plan's budget table is keyed by its heading (`BudgetColumns`), not by its header.
        for id in readings.keys where id == BudgetColumns.tableID { readings[id]!.columnOrders = [] }
        let ambiguous = readings.keys.filter { !(readings[$0]!.columnOrders.isEmpty) }.sorted()
        guard !ambiguous.isEmpty else { return [] }
        let options = ambiguous.map { id in
            let r = readings[id]!
            let keyings = [Keying(keys: r.table.columns)] + r.columnOrders.map { Keying(keys: $0) }
            // A row printed with fewer figures than the table has columns was placed under the
            // header's outcome columns; keyed otherwise, its figures may be the new keying's
            // outcomes instead (a budget left out of `Resultat`): both are readings.
            let moved = r.columnOrders.map { Keying(keys: $0, movesShortRows: true) }
                .filter { r.relabeled($0.keys, movingShortRows: true).table != r.relabeled($0.keys).table }
            return keyings + moved
        }
        let combinations = options.reduce(1) { $0 * $1.count }
        var warnings: [Diagnostic] = []
        if combinations <= maxCombinations {
            let choice = choose(ambiguous, options: options, in: readings, relations: relations)
            for (i, id) in ambiguous.enumerated() { apply(choice[i], to: id, options: options[i], in: &readings, warnings: &warnings) }
        } else {
            for (i, id) in ambiguous.enumerated() {
                let choice = choose([id], options: [options[i]], in: readings, relations: relations)
                apply(choice[0], to: id, options: options[i], in: &readings, warnings: &warnings)
            }
        }
        return warnings
    }

    /// Per table, the indices of its options that score best in some best-scoring combination.
    /// One keying of a table's columns; `movesShortRows`: rows that fill only the outcome
    /// columns fill the new keying's outcome columns, in order.
    struct Keying: Equatable { var keys: [String]; var movesShortRows = false }

    static func choose(_ ids: [String], options: [[Keying]], in readings: [String: TableReading], relations: CheckRelations) -> [[Int]] {
        var best = Int.min
        var winners: [[Int]] = []
        forEachCombination(options.map(\.count)) { combo in
            var trial = readings
            for (i, id) in ids.enumerated() where combo[i] != 0 { trial[id] = trial[id]!.relabeled(options[i][combo[i]]) }
            let s = score(Array(trial.values.map(\.table)), relations: relations)
            if s > best { best = s; winners = [] }
            if s == best { winners.append(combo) }
        }
        return ids.indices.map { i in Array(Set(winners.map { $0[i] })).sorted() }
    }

    /// The relations the tables state, passed minus twice failed (as `chooseRows` weighs them).
    static func score(_ tables: [Table], relations: CheckRelations) -> Int {
        var checks = TableChecks(tables: tables, doubts: [], relations: relations)
        checks.run()
        return checks.checks.filter(\.passed).count - 2 * checks.checks.filter { !$0.passed }.count
    }

    /// Sets the table to its one best keying, or keeps the header's among several and says so.
    static func apply(_ best: [Int], to id: String, options: [Keying], in readings: inout [String: TableReading],
                      warnings: inout [Diagnostic]) {
        guard let pick = best.contains(0) ? 0 : best.first else { return }
        if pick != 0 { readings[id] = readings[id]!.relabeled(options[pick]) }
        readings[id]!.columnOrders = []
        guard best.count > 1 else { return }
        let others = best.filter { $0 != pick }.map { options[$0].keys.joined(separator: ", ") }
        warnings.append(Diagnostic(table: id, message: "columns \(options[pick].keys.joined(separator: ", ")): the header does not settle which column is which and the arithmetic does not either (also possible: \(others.joined(separator: "; "))); in doubt"))
    }

    /// Calls `body` with every combination of one index below each count.
    static func forEachCombination(_ counts: [Int], _ body: ([Int]) -> Void) {
        var combo = Array(repeating: 0, count: counts.count)
        while true {
            body(combo)
            var i = counts.count - 1
            while i >= 0 {
                combo[i] += 1
                if combo[i] < counts[i] { break }
                combo[i] = 0; i -= 1
            }
            if i < 0 { return }
        }
    }
}

extension ColumnHeader {
    /// A qualifier (`Budget`) the header prints apart from the years it heads: the columns it may
    /// head, and the one the header reading gives it.
    struct LooseQualifier: Equatable { var role: WordRole; var candidates: [Int]; var chosen: Int }

    /// The year of `2023` or `budget:2023`.
    static func plainYear(_ key: String) -> Int? { Int(key.split(separator: ":").last ?? "") }

    /// Where a loose qualifier may stand among `indices`: on a plain year, on a repeated one where
    /// years repeat (a budget heads the year an outcome column heads too; `repeatedOnly`: only
    /// there), the first by default (statements mostly print the budget first). Nil when a column
    /// carries the qualifier already.
    static func looseQualifier(_ role: WordRole, over indices: [Int], of columns: [Column],
                               repeatedOnly: Bool = false) -> LooseQualifier? {
        let prefix = key(role, year: 0).split(separator: ":").first.map(String.init) ?? ""
        guard !columns.contains(where: { $0.key.hasPrefix(prefix + ":") }) else { return nil }
        let plain = indices.filter { Int(columns[$0].key) != nil }
        let years = columns.map { plainYear($0.key) }
        let repeated = plain.filter { i in columns.indices.contains { $0 != i && years[$0] == years[i] } }
        let candidates = repeated.isEmpty && !repeatedOnly ? plain : repeated
        guard let first = candidates.first else { return nil }
        return LooseQualifier(role: role, candidates: candidates, chosen: first)
    }

    /// The keyings with the qualifier on each other candidate whose keys stay unique.
    static func alternatives(_ columns: [Column], moving q: LooseQualifier) -> [[String]] {
        guard let fromYear = plainYear(columns[q.chosen].key) else { return [] }
        var out: [[String]] = []
        for c in q.candidates where c != q.chosen {
            guard let y = plainYear(columns[c].key) else { continue }
            var moved = columns
            moved[q.chosen].key = String(fromYear)
            moved[c].key = key(q.role, year: y)
            let keys = moved.map(\.key)
            guard Set(keys).count == keys.count else { continue }
            out.append(finished(moved).map(\.key))
        }
        return out
    }
}

extension TableReading {
    /// The same reading keyed as `keying` says.
    func relabeled(_ keying: ColumnOrder.Keying) -> TableReading {
        relabeled(keying.keys, movingShortRows: keying.movesShortRows)
    }

    /// The same reading with its columns keyed `keys` (index for index). `movingShortRows`: a
    /// row whose figures fill exactly the outcome columns of the present keying, fewer than the
    /// table's columns, fills the outcome columns of the new one (in order) where they are as many.
    func relabeled(_ keys: [String], movingShortRows: Bool = false) -> TableReading {
        let map = Dictionary(zip(table.columns, keys), uniquingKeysWith: { a, _ in a })
        let outcomes = table.columns.filter { Int($0) != nil }
        let newOutcomes = keys.filter { Int($0) != nil }
        var r = self
        r.table.columns = keys
        var moved: [String: [String: String]] = [:]   // row key -> old column -> new column
        for i in r.table.rows.indices {
            let row = table.rows[i]
            let filled = table.columns.filter { row.values[$0] != nil }
            if movingShortRows, filled.count < table.columns.count, filled == outcomes, newOutcomes.count == filled.count {
                let m = Dictionary(uniqueKeysWithValues: zip(filled, newOutcomes))
                moved[row.key] = m
                r.table.rows[i].values = TableValues(filled.map { (m[$0]!, row.values[$0]!) })
                continue
            }
            r.table.rows[i].values = TableValues(row.values.map { (map[$0.column] ?? $0.column, $0.value) })
        }
        r.doubts = doubts.map { var d = $0; d.column = moved[d.row]?[d.column] ?? map[d.column] ?? d.column; return d }
        return r
    }
}
