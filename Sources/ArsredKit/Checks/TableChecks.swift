import Foundation

/// Checks every relation the statements state (sums, result lines, the balance identity, cash
/// flow, notes against the lines citing them, the five-year overview against the statements)
/// and corrects a figure only when exactly one cell of a failed relation is in doubt.
struct TableChecks {
    var tables: [Table]
    let doubts: Set<CellDoubt>
    /// Numbers of pages read by OCR (or from plain text): their unconfirmed figures get a warning.
    var uncertainPages: Set<Int> = []
    let relations: CheckRelations
    var checks: [Check] = []
    var diagnostics: [Diagnostic] = []
    var warnings: [String] { diagnostics.map(\.rendered) }
    /// Cells a passing check confirmed.
    var confirmed: Set<CheckedCell> = []
    /// Relations across units held to the rounding of the coarser unit alone (`printedRounding`):
    /// for choosing between two readings of a misread figure that both pass the usual slack.
    var strict = false
    /// A second read of figures on OCR'd pages (nil: none; see `MisreadRepair`).
    var secondLook: SecondLook? = nil

    /// Figures are printed rounded to whole units: two readings of one amount differ by up to half a unit.
    static let printedRounding = 0.5
    /// Figures of two units (tkr against kr) agree within one unit of the smaller figure's
    /// rounding plus `printedRounding` per right-hand figure.
    static let crossUnitSlack = 1.0
    /// The five-year overview prints the equity ratio in whole percent, rounded from the balance
    /// sheet's figures: within half a point of the ratio they give, plus this much for the
    /// rounding of figures printed in tkr (a tenth of a point would need a balance of 500 tkr).
    /// A point of slack let a misread `71` pass for 71.6.
    static let equityRatioSlack = 0.55
    /// Figures in a unit above kronor (tkr) are rounded twice on the way to a year-on-year sum:
    /// they agree within one unit.
    static let roundedUnitSlack = 1.0
    /// Year-on-year equity is checked only where at least this many of the overview's years,
    /// and at least half, bear the relation out (a table read in the wrong columns bears none).
    static let yearsBearingOut = 2
    /// A suspect figure is repaired from year-on-year equity only when the pairs it stands in
    /// leave at most this many units of readings to choose among.
    static let repairWindow = 4.0
    /// Wrong digits an OCR misreading may hold: two, or one when several cells are in doubt.
    static let misreadDigits = 2, misreadDigitsAmongSeveral = 1
    /// Doubtful figures a warning names before `...`.
    static let namedDoubtfulFigures = 6

    init(tables: [Table], doubts: Set<CellDoubt>, uncertainPages: Set<Int> = [],
         relations: CheckRelations) {
        self.tables = tables; self.doubts = doubts; self.uncertainPages = uncertainPages; self.relations = relations
    }

    typealias Term = CheckRelations.Term
    typealias Relation = CheckRelations.Relation

    func table(_ id: String) -> Table? { tables.first { $0.id == id } }

    /// Unit factor to kronor.
    static func factor(_ unit: String?) -> Double {
        switch unit { case "tkr": 1000; case "mnkr": 1_000_000; default: 1 }
    }

    struct Cell {
        var table: String; var row: String; var column: String; var value: Double; var sign: Double; var absolute: Bool
        var checked: CheckedCell { CheckedCell(table: table, row: row, column: column) }
    }

    /// Resolves a term in `column`: nil when the row or value is missing.
    func resolve(_ t: Term, in home: String, column: String) -> Cell? {
        let tid = t.table ?? home
        guard let tab = table(tid) else { return nil }
        for k in t.key {
            if let row = tab.rows.first(where: { $0.key == k }) {
                guard let v = row.values[column] else { return nil }
                return Cell(table: tid, row: k, column: column, value: v, sign: t.sign, absolute: t.absolute)
            }
        }
        return nil
    }

    mutating func run() {
        evaluateAll()
        if repairMisreads() {
            // The checks again, on the figures as repaired.
            checks = []; confirmed = []
            evaluateAll()
        }
        rereadUnconfirmed()
        flagUnconfirmed()
    }

    /// Every check of the document (a doubtful cell a failed relation pins is corrected as it goes).
    mutating func evaluateAll() {
        for rel in relations.relations {
            guard let home = table(rel.table) else { continue }
            for column in home.columns where !column.hasPrefix("deviation:") {
                evaluate(rel, home: home, column: column)
            }
        }
        deviations()
        noteSums()
        notesAgainstStatements()
        soliditet()
        equityYearOnYear()
    }

    /// How well one reading of a table agrees with its own arithmetic in one column: the
    /// relations it states there, passed minus twice failed (for choosing between readings).
    static func balance(of table: Table, column: String, relations: CheckRelations) -> Int {
        var c = TableChecks(tables: [table], doubts: [], relations: relations)
        if column.hasPrefix("deviation:") {
            c.deviations()
        } else {
            for rel in relations.relations where rel.table == table.id { c.evaluate(rel, home: table, column: column) }
            if table.id.hasPrefix("note_") { c.noteSums() }
        }
        let own = c.checks.filter { $0.column == column }
        return own.filter(\.passed).count - 2 * own.filter { !$0.passed }.count
    }

    func sum(_ cells: [Cell], scale: (Cell) -> Double) -> Double {
        cells.reduce(0) { $0 + $1.sign * (($1.absolute ? abs($1.value) : $1.value) * scale($1)) }
    }

    mutating func evaluate(_ rel: Relation, home: Table, column: String) {
        let lhs = rel.lhs.compactMap { t -> Cell?? in
            let c = resolve(t, in: rel.table, column: column)
            return c == nil && t.optional ? nil : .some(c)
        }
        guard lhs.allSatisfy({ $0 != nil }) else { return }
        let homeFactor = Self.factor(home.unit)
        func scale(_ c: Cell) -> Double { Self.factor(table(c.table)?.unit) / homeFactor }
        var tried: [(cells: [Cell], value: Double)] = []
        for alt in rel.rhs {
            let r = alt.compactMap { t -> Cell?? in
                let c = resolve(t, in: rel.table, column: column)
                return c == nil && t.optional ? nil : .some(c)
            }
            guard r.allSatisfy({ $0 != nil }) else { continue }
            tried.append((r.map { $0! }, sum(r.map { $0! }, scale: scale)))
        }
        guard !tried.isEmpty else { return }
        let lcells = lhs.map { $0! }
        let l = sum(lcells, scale: scale)
        // Figures in tkr against kronor: the rounding of the smaller unit.
        let crossUnit = (lcells + tried.flatMap(\.cells)).contains { scale($0) != 1 }
        let tolerance = crossUnit && !strict ? Self.crossUnitSlack + Self.printedRounding * Double(tried[0].cells.count) : Self.printedRounding
        if let hit = tried.first(where: { abs($0.value - l) <= tolerance }) {
            let cells = (lcells + hit.cells).map(\.checked)
            checks.append(Check(table: rel.table, rule: rel.rule, column: column, passed: true, cells: Self.unique(cells)))
            confirmed.formUnion(cells)
            return
        }
        let r = tried[0]
        let detail = "\(format(l)) != \(format(r.value))"
        checks.append(Check(table: rel.table, rule: rel.rule, column: column, passed: false, detail: detail,
                            cells: Self.unique((lcells + tried.flatMap(\.cells)).map(\.checked))))
        if !crossUnit { correct(rel: rel, cells: lcells, rhs: r.cells, column: column) }
    }

    func inDoubt(_ table: String, _ row: String, _ column: String) -> Bool {
        doubts.contains { $0.table == table && $0.row == row && $0.column == column }
    }

    /// A failed relation fixes a doubtful cell when solving for it gives a plausible misreading
    /// of what was read. One cell in doubt: that one, all others certain. Several in doubt: only
    /// when exactly one of them admits a repair, and a one-slip repair at that (a sign, one digit).
    static func chooseRepair(_ candidates: [(read: Double, solved: Double)]) -> Int? {
        let plausible = candidates.indices.filter {
            candidates[$0].solved.rounded() == candidates[$0].solved && plausibleRepair(candidates[$0].read, candidates[$0].solved)
        }
        guard plausible.count == 1, let i = plausible.first else { return nil }
        if candidates.count == 1 { return i }
        return plausibleRepair(candidates[i].read, candidates[i].solved, wrongDigits: misreadDigitsAmongSeveral) ? i : nil
    }

    mutating func correct(rel: Relation, cells lhs: [Cell], rhs: [Cell], column: String) {
        let all = lhs.map { ($0, 1.0) } + rhs.map { ($0, -1.0) }
        let doubtful = all.indices.filter {
            inDoubt(all[$0].0.table, all[$0].0.row, all[$0].0.column) && !secondReadBearsOut(all[$0].0.checked, all[$0].0.value)
        }
        guard !doubtful.isEmpty, doubtful.allSatisfy({ all[$0].0.table == rel.table }) else { return }
        // sum(lhs) - sum(rhs) = 0 -> solve for one cell; `|x|` keeps the printed sign.
        func contribution(_ c: Cell) -> Double { c.sign * (c.absolute ? abs(c.value) : c.value) }
        let candidates = doubtful.map { i -> (read: Double, solved: Double) in
            let (cell, side) = all[i]
            let others = all.indices.filter { $0 != i }.reduce(0.0) { $0 + all[$1].1 * contribution(all[$1].0) }
            var solved = -others / (side * cell.sign)
            if cell.absolute { solved = solved < 0 ? .nan : (cell.value < 0 ? -solved : solved) }
            return (cell.value, solved)
        }
        guard let pick = Self.chooseRepair(candidates) else { return }
        let cell = all[doubtful[pick]].0, solved = candidates[pick].solved
        guard let ti = tables.firstIndex(where: { $0.id == cell.table }),
              let ri = tables[ti].rows.firstIndex(where: { $0.key == cell.row }) else { return }
        repair(table: ti, row: ri, column: column, from: cell.value, to: solved, rule: rel.rule)
    }

    /// Sets a cell to `value` and records `rule` as how it was derived (the contract's `derivedFrom`).
    mutating func setDerived(table ti: Int, row ri: Int, column: String, to value: Double, by rule: String) {
        tables[ti].rows[ri].values[column] = value
        var d = tables[ti].rows[ri].derivedFrom ?? [:]
        d[column] = rule
        tables[ti].rows[ri].derivedFrom = d
    }

    /// Sets a cell in doubt to what the document's own arithmetic fixes, marks it derived, and says so.
    private mutating func repair(table ti: Int, row ri: Int, column: String, from old: Double, to value: Double, rule: String) {
        setDerived(table: ti, row: ri, column: column, to: value, by: rule)
        let row = tables[ti].rows[ri].key
        diagnostics.append(Diagnostic(table: tables[ti].id, row: row, column: column,
                                      message: "\(row) \(column) read as \(format(old)) (in doubt), set to \(format(value)) from \(rule)"))
    }

    /// A deviation column against its budget and outcome: outcome - budget, or budget - outcome
    /// for costs printed as positive amounts.
    mutating func deviations() {
        for t in tables {
            for dcol in t.columns where dcol.hasPrefix("deviation:") {
                let year = dcol.dropFirst("deviation:".count)
                let bcol = "budget:\(year)", ocol = String(year)
                guard t.columns.contains(bcol), t.columns.contains(ocol) else { continue }
                for row in t.rows {
                    guard let d = row.values[dcol], let b = row.values[bcol], let o = row.values[ocol] else { continue }
                    let costs = row.key.contains("kostnad") && o >= 0
                    let expected = costs ? b - o : o - b
                    let passed = abs(expected - d) <= Self.printedRounding
                    let rule = costs ? "\(row.key): budget - utfall = avvikelse" : "\(row.key): utfall - budget = avvikelse"
                    let cells = [dcol, bcol, ocol].map { CheckedCell(table: t.id, row: row.key, column: $0) }
                    checks.append(Check(table: t.id, rule: rule, column: dcol, passed: passed,
                                        detail: passed ? "" : "\(format(d)) != \(format(expected))", cells: cells))
                    if passed { confirmed.formUnion(cells) }
                }
            }
        }
    }

    /// An OCR misreading changes few digits: a correction that rewrites the number is no repair.
    /// A sign lost or gained, up to `wrongDigits` digits read wrong, or one digit too many or too few.
    static func plausibleRepair(_ read: Double, _ solved: Double, wrongDigits: Int = misreadDigits) -> Bool {
        guard read.isFinite, solved.isFinite else { return false }
        if read == -solved { return true }
        let a = String(Int(abs(read))), b = String(Int(abs(solved)))
        if a.count == b.count { return zip(a, b).filter { $0 != $1 }.count <= wrongDigits }
        return oneDigitApart(a, b)
    }

    /// The longer digit string with one digit left out is the shorter.
    static func oneDigitApart(_ a: String, _ b: String) -> Bool {
        let (long, short) = a.count > b.count ? (Array(a), Array(b)) : (Array(b), Array(a))
        guard long.count == short.count + 1 else { return false }
        return long.indices.contains { i in var l = long; l.remove(at: i); return l == short }
    }

    /// In first-named order, each once.
    static func unique(_ cells: [CheckedCell]) -> [CheckedCell] {
        var seen: Set<CheckedCell> = []
        return cells.filter { seen.insert($0).inserted }
    }

    func format(_ v: Double) -> String {
        v == v.rounded() ? String(Int(v)) : String(format: "%.1f", v)
    }

    static let totalKeys = ["summa", "totalt", "summa_totalt", "total"]

    /// Each note: its items add up to its total.
    mutating func noteSums() {
        for t in tables where t.id.hasPrefix("note_") {
            guard let ti = t.rows.lastIndex(where: { Self.totalKeys.contains($0.key) }) else { continue }
            let total = t.rows[ti]
            let items = t.rows[..<ti].filter { !$0.key.hasPrefix("summa") && !Self.totalKeys.contains($0.key) }
            for column in t.columns {
                guard let tv = total.values[column] else { continue }
                let vals = items.compactMap { $0.values[column] }
                guard !vals.isEmpty else { continue }
                let s = vals.reduce(0, +)
                let passed = abs(s - tv) <= Self.printedRounding
                let rule = "sum(rows) = \(total.key)"
                let cells = (items.filter { $0.values[column] != nil } + [total]).map { CheckedCell(table: t.id, row: $0.key, column: column) }
                checks.append(Check(table: t.id, rule: rule, column: column, passed: passed,
                                    detail: passed ? "" : "\(format(s)) != \(format(tv))", cells: Self.unique(cells)))
                if passed {
                    confirmed.formUnion(cells)
                } else {
                    let doubtful = items.filter { r in
                        inDoubt(t.id, r.key, column) && r.values[column].map {
                            !secondReadBearsOut(CheckedCell(table: t.id, row: r.key, column: column), $0)
                        } ?? false
                    }
                    let candidates = doubtful.map { r in (read: r.values[column]!, solved: r.values[column]! + (tv - s)) }
                    if let pick = Self.chooseRepair(candidates), let old = doubtful[pick].values[column],
                       let tix = tables.firstIndex(where: { $0.id == t.id }),
                       let rix = tables[tix].rows.firstIndex(where: { $0.key == doubtful[pick].key }) {
                        repair(table: tix, row: rix, column: column, from: old, to: candidates[pick].solved, rule: rule)
                    }
                }
            }
        }
    }

    /// A note's total against the statement lines that cite it.
    mutating func notesAgainstStatements() {
        for st in tables where !st.id.hasPrefix("note_") {
            for row in st.rows {
                guard let refs = row.note?.split(separator: ",").compactMap({ Int($0.trimmingCharacters(in: .whitespaces)) }),
                      refs.count == 1, let note = table("note_\(refs[0])"),
                      let total = note.rows.last(where: { Self.totalKeys.contains($0.key) }) else { continue }
                // A note of the operating income that lists the interest too adds up to both lines.
                let financial = st.rows.first { $0.key == row.key.replacingOccurrences(of: "verksamhetens_", with: "finansiella_") && $0.key != row.key }
                for column in note.columns {
                    guard let nv = total.values[column], let sv = row.values[column] else { continue }
                    var passed = abs(abs(nv) - abs(sv)) <= Self.printedRounding
                    var rule = "\(total.key) = |\(st.id).\(row.key)|"
                    var cells = [CheckedCell(table: note.id, row: total.key, column: column), CheckedCell(table: st.id, row: row.key, column: column)]
                    if !passed, let f = financial, let fv = f.values[column], abs(abs(nv) - abs(sv) - abs(fv)) <= Self.printedRounding {
                        passed = true
                        rule += " + |\(st.id).\(f.key)|"
                        cells.append(CheckedCell(table: st.id, row: f.key, column: column))
                    }
                    checks.append(Check(table: note.id, rule: rule, column: column, passed: passed,
                                        detail: passed ? "" : "\(format(nv)) != \(format(sv))", cells: cells))
                    if passed { confirmed.formUnion(cells) }
                }
            }
        }
    }

    /// The five-year overview's equity ratio against the balance sheet.
    mutating func soliditet() {
        guard let fy = table("five_year_overview"), let bs = table("balance_sheet"),
              let row = fy.rows.first(where: { $0.key == "soliditet" }) else { return }
        let equityKeys = ["summa_eget_kapital", "utgaende_eget_kapital", "summa_utgaende_eget_kapital"]
        for column in fy.columns {
            guard let s = row.values[column],
                  let equity = bs.rows.first(where: { equityKeys.contains($0.key) && $0.values[column] != nil }),
                  let eq = equity.values[column],
                  let ta = bs.rows.first(where: { $0.key == "summa_tillgangar" })?.values[column], ta != 0 else { continue }
            let expected = 100 * eq / ta
            let passed = abs(expected - s) <= (strict ? Self.printedRounding : Self.equityRatioSlack)
            let cells = [CheckedCell(table: fy.id, row: "soliditet", column: column), CheckedCell(table: bs.id, row: equity.key, column: column),
                         CheckedCell(table: bs.id, row: "summa_tillgangar", column: column)]
            checks.append(Check(table: fy.id, rule: "soliditet = round(100 * balance_sheet.eget_kapital / summa_tillgangar)",
                                column: column, passed: passed, detail: passed ? "" : "\(format(s)) != \(String(format: "%.1f", expected))",
                                cells: cells))
            if passed { confirmed.insert(cells[0]) }
        }
    }

    /// The five-year overview year on year: last year's equity plus this year's result is this
    /// year's equity (within the rounding of its unit). Checked only where most of the overview's
    /// own years bear it out; a doubtful figure it pins to one plausible reading is corrected.
    mutating func equityYearOnYear() {
        guard let ti = tables.firstIndex(where: { $0.id == "five_year_overview" }),
              let ek = tables[ti].rows.firstIndex(where: { $0.key == "eget_kapital" }),
              let ar = tables[ti].rows.firstIndex(where: { $0.key == "arets_resultat" }) else { return }
        let t = tables[ti]
        let tolerance = t.unit == "kr" ? Self.printedRounding : Self.roundedUnitSlack
        let rule = "eget_kapital(previous year) + arets_resultat = eget_kapital"
        struct Pair { var year: String; var previous: String; var gap: Double }
        let pairs = t.columns.compactMap { c -> Pair? in
            guard let y = Int(c), let e1 = t.rows[ek].values[c], let e0 = t.rows[ek].values[String(y - 1)],
                  let r = t.rows[ar].values[c] else { return nil }
            return Pair(year: c, previous: String(y - 1), gap: e0 + r - e1)
        }
        let holding = pairs.filter { abs($0.gap) <= tolerance }.count
        guard holding >= Self.yearsBearingOut, holding * 2 >= pairs.count else { return }
        var suspects: [(row: Int, column: String)] = []
        for p in pairs {
            let passed = abs(p.gap) <= tolerance
            let cells = [(ek, p.year), (ek, p.previous), (ar, p.year)]
            let checked = cells.map { CheckedCell(table: t.id, row: t.rows[$0.0].key, column: $0.1) }
            checks.append(Check(table: t.id, rule: rule, column: p.year, passed: passed,
                                detail: passed ? "" : "\(format(p.gap + t.rows[ek].values[p.year]!)) != \(format(t.rows[ek].values[p.year]!))",
                                cells: checked))
            if passed {
                confirmed.formUnion(checked)
            } else {
                for (r, c) in cells where inDoubt(t.id, t.rows[r].key, c) && !suspects.contains(where: { $0 == (r, c) }) { suspects.append((r, c)) }
            }
        }
        guard !suspects.isEmpty else { return }
        // Each suspect's readings allowed by every pair it stands in.
        var found: [(row: Int, column: String, value: Double)] = []
        for (r, c) in suspects {
            guard let read = t.rows[r].values[c] else { continue }
            var lo = -Double.infinity, hi = Double.infinity
            for p in pairs where (r == ek && (p.year == c || p.previous == c)) || (r == ar && p.year == c) {
                let e1 = t.rows[ek].values[p.year]!, e0 = t.rows[ek].values[p.previous]!, res = t.rows[ar].values[p.year]!
                let centre = r == ar ? e1 - e0 : (p.year == c ? e0 + res : e1 - res)
                lo = max(lo, centre - tolerance); hi = min(hi, centre + tolerance)
            }
            guard lo <= hi, hi - lo <= Self.repairWindow else { continue }
            let plausible = stride(from: lo.rounded(.up), through: hi.rounded(.down), by: 1).filter {
                Self.plausibleRepair(read, $0, wrongDigits: suspects.count == 1 ? Self.misreadDigits : Self.misreadDigitsAmongSeveral)
            }
            if plausible.count == 1 { found.append((r, c, plausible[0])) }
        }
        guard found.count == 1, let f = found.first, let old = tables[ti].rows[f.row].values[f.column] else { return }
        repair(table: ti, row: f.row, column: f.column, from: old, to: f.value, rule: rule)
    }

    /// Figures in doubt, or read by OCR, that no passing check confirmed: say so, naming the table.
    mutating func flagUnconfirmed() {
        let failed = Set(checks.filter { !$0.passed }.map(\.table))
        for t in tables where !failed.contains(t.id) {
            var doubtful: [String] = []
            var unconfirmed: [String] = []
            for r in t.rows {
                for (c, _) in r.values {
                    if confirmed.contains(CheckedCell(table: t.id, row: r.key, column: c)) { continue }
                    if doubts.contains(where: { $0.table == t.id && $0.row == r.key && $0.column == c }) { doubtful.append("\(r.key) \(c)") }
                    else if uncertainPages.contains(t.page) { unconfirmed.append("\(r.key) \(c)") }
                }
            }
            let named = Self.namedDoubtfulFigures
            if !doubtful.isEmpty {
                diagnostics.append(Diagnostic(table: t.id, message: "figures read with doubt and not confirmed by any check: "
                    + doubtful.prefix(named).joined(separator: ", ") + (doubtful.count > named ? ", ..." : "")))
            } else if !unconfirmed.isEmpty {
                diagnostics.append(Diagnostic(table: t.id, message: "\(unconfirmed.count) OCR-read figure(s) not confirmed by any check"))
            }
        }
    }
}
