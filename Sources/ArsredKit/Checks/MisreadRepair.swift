import Foundation

/// OCR misreads a figure in a few ways the table's arithmetic can undo: a minus read as a digit
/// (`−1 485 000` as `71485000`), a minus lost, a digit too many (a ruling line read as `1`) or
/// lost, one digit read as another. Where the document's checks fail on OCR'd figures, each
/// figure of a failed check is tried in each reading its misreading allows, the slightest kind
/// of slip first; the one reading that makes checks pass and breaks none is taken, marked
/// derived and warned about. Where two readings (two cells, or two values of one) do equally
/// well, nothing changes and a warning names them.
extension TableChecks {
    /// Kinds of slip, tried in this order (a reading of an earlier kind is the likelier).
    enum Slip: Int, CaseIterable, Comparable {
        /// What a second read of the figure's region gives.
        case reread
        /// A minus read as a leading `7` or `1`, or lost.
        case sign
        /// One digit too many or lost.
        case digitCount
        /// One digit read as another.
        case digit
        static func < (a: Slip, b: Slip) -> Bool { a.rawValue < b.rawValue }
    }

    /// Rounds of repair: each takes one reading (a figure repaired can open the next check).
    static let misreadRounds = 8
    /// Figures with more digits than this are left as read (no statement prints them; a reading
    /// of a run-together row is not a figure).
    static let misreadMaxDigits = 12

    /// The readings of `value` one slip of `kind` allows (whole figures only).
    static func misreadings(of value: Double, _ kind: Slip) -> [Double] {
        guard value.isFinite, value == value.rounded(), abs(value) < 1e12 else { return [] }
        let negative = value < 0
        let digits = Array(String(Int(abs(value))))
        guard digits.count <= misreadMaxDigits else { return [] }
        func number(_ d: [Character], negative n: Bool) -> Double? {
            guard !d.isEmpty, d.count == 1 || d[0] != "0", let v = Double(String(d)) else { return nil }
            return n ? -v : v
        }
        var out: [Double] = []
        switch kind {
        case .reread: break
        case .sign:
            if value != 0 { out.append(-value) }
            if !negative, digits.count >= 2, digits[0] == "7" || digits[0] == "1",
               let v = number(Array(digits.dropFirst()), negative: true) { out.append(v) }
        case .digitCount:
            for i in digits.indices where digits.count > 1 {
                var d = digits; d.remove(at: i)
                if let v = number(d, negative: negative) { out.append(v) }
            }
            for i in 0...digits.count {
                for c in "0123456789" {
                    var d = digits; d.insert(c, at: i)
                    if let v = number(d, negative: negative) { out.append(v) }
                }
            }
        case .digit:
            for i in digits.indices {
                for c in "0123456789" where c != digits[i] {
                    var d = digits; d[i] = c
                    if let v = number(d, negative: negative) { out.append(v) }
                }
            }
        }
        var seen: Set<Double> = [value]
        return out.filter { seen.insert($0).inserted }
    }

    /// Which checks pass on `tables` (keyed by table, rule and column), evaluated without
    /// any correction.
    func outcomes(of tables: [Table], strict: Bool = false) -> [String: Bool] {
        var out: [String: Bool] = [:]
        for k in evaluated(tables, strict: strict) { out[Self.key(k)] = (out[Self.key(k)] ?? true) && k.passed }
        return out
    }

    /// The checks of `tables`, evaluated without any correction.
    func evaluated(_ tables: [Table], strict: Bool = false) -> [Check] {
        var c = TableChecks(tables: tables, doubts: [], uncertainPages: uncertainPages, relations: relations)
        c.strict = strict
        c.evaluateAll()
        return c.checks.filter { !$0.table.hasPrefix("survey") }
    }

    static func key(_ k: Check) -> String { "\(k.table)|\(k.rule)|\(k.column ?? "")" }

    /// One way of reading the figures anew: these cells (one figure, or the same figure printed
    /// in several rows of a column) read as `value`.
    struct Reading {
        var cells: [CheckedCell]
        var read: Double
        var value: Double
        var slip: Slip
        /// The failed checks (keys) it makes pass.
        var fixed: Set<String>
        /// Failed checks its figure stands in.
        var suspicion: Int
    }

    /// Tries readings for the figures of failed checks on OCR'd pages; true when it repaired one.
    /// A reading competes with those that make one of the same failed checks pass: it wins when
    /// it makes more of them pass, or as many and its figure stands in more failed checks (one
    /// misreading explaining more of the failures), or, still tied, when it alone holds within
    /// the printed rounding. Readings no rival beats are taken one a round, the strongest first;
    /// where rivals tie, the checks they concern are left failed and a warning names them.
    mutating func repairMisreads() -> Bool {
        var repaired = false
        var blocked: Set<String> = []
        var warned: Set<String> = []
        for _ in 0..<Self.misreadRounds {
            let current = evaluated(tables)
            var before: [String: Bool] = [:]
            for k in current { before[Self.key(k)] = (before[Self.key(k)] ?? true) && k.passed }
            let failing = current.filter { !$0.passed }
            guard !failing.isEmpty else { break }
            let suspects = suspectCells(failing)
            guard !suspects.isEmpty,
                  let r = roundReading(suspects, failing: failing, before: before, blocked: &blocked, warned: &warned)
            else { break }
            for cell in r.cells { repairReading(cell, to: r.value, read: r.read) }
            repaired = true
        }
        return repaired
    }

    /// The reading one round takes: of the slightest kind of slip that has one no rival beats,
    /// the strongest. Kinds whose best readings tie block the checks they concern (`blocked`) and
    /// say so, once each (`warned`).
    mutating func roundReading(_ suspects: [[CheckedCell]], failing: [Check], before: [String: Bool],
                               blocked: inout Set<String>, warned: inout Set<String>) -> Reading? {
        for slip in Slip.allCases {
            let hits = readings(of: suspects, slip, failing: failing, before: before, blocked: blocked)
            guard !hits.isEmpty else { continue }
            let (taken, tiedClusters) = unrivalled(hits)
            if let taken { return taken }
            for cluster in tiedClusters {
                blocked.formUnion(cluster.flatMap(\.fixed))
                let named = cluster.prefix(Self.namedDoubtfulFigures).map { r in
                    "\(r.cells[0].row) \(r.cells[0].column) \(format(r.read)) as \(format(r.value))"
                }
                let message = "the arithmetic allows more than one reading of a misread figure: "
                    + named.joined(separator: ", ") + (cluster.count > named.count ? ", ..." : "") + "; left as read"
                if warned.insert(message).inserted {
                    diagnostics.append(Diagnostic(table: cluster[0].cells[0].table, message: message))
                }
            }
        }
        return nil
    }

    /// Every reading of one kind of slip of the suspect figures that makes a failed check pass
    /// (none of `blocked`) and breaks no check that held.
    func readings(of suspects: [[CheckedCell]], _ slip: Slip, failing: [Check], before: [String: Bool],
                  blocked: Set<String>) -> [Reading] {
        var hits: [Reading] = []
        for group in suspects {
            guard let read = value(of: group[0]) else { continue }
            let suspicion = group.map { c in failing.filter { $0.cells.contains(c) }.count }.max() ?? 0
            var readings = Self.misreadings(of: read, slip)
            let second = secondRead(group[0])
            // A second read's size, with either sign (the region's edge may hold a dash or rule).
            if slip == .reread {
                readings = second.flatMap { $0 }.map { v in (v == 0 ? [v] : [v, -v]).filter { $0 != read } } ?? []
            }
            // One digit for another is what a printed misprint looks like too: only where
            // a second read of the figure does not bear the first out, or the engine
            // itself read the figure with doubt.
            let engineDoubt = group.contains { inDoubt($0.table, $0.row, $0.column) }
            if slip == .digit, !engineDoubt, second.flatMap({ $0 }) == read || second == nil { readings = [] }
            // A reading a unit away absorbs a printed rounding, not a misread.
            readings.removeAll { abs($0 - read) <= Self.roundedUnitSlack }
            for v in readings {
                let after = outcomes(of: setting(group, to: v))
                // A reading breaks no check that held.
                guard before.allSatisfy({ !$0.value || after[$0.key] == true }) else { continue }
                let fixed = Set(before.filter { !$0.value && after[$0.key] == true }.map(\.key))
                guard !fixed.isEmpty, fixed.isDisjoint(with: blocked) else { continue }
                hits.append(Reading(cells: group, read: read, value: v, slip: slip, fixed: fixed, suspicion: suspicion))
            }
        }
        return hits
    }

    /// Of the readings, the strongest that no rival (a reading fixing one of the same checks)
    /// beats or ties, a tie settled by the one reading that holds within the printed rounding;
    /// else the clusters of tied rivals.
    func unrivalled(_ hits: [Reading]) -> (taken: Reading?, tied: [[Reading]]) {
        func stronger(_ a: Reading, _ b: Reading) -> Bool {
            a.fixed.count != b.fixed.count ? a.fixed.count > b.fixed.count : a.suspicion > b.suspicion
        }
        let order = hits.indices.sorted { stronger(hits[$0], hits[$1]) }
        var tiedClusters: [[Reading]] = []
        for i in order {
            let h = hits[i]
            let rivals = hits.indices.filter { $0 != i && !hits[$0].fixed.isDisjoint(with: h.fixed) }
            if rivals.contains(where: { stronger(hits[$0], h) }) { continue }
            let tied = rivals.filter { !stronger(h, hits[$0]) }
            if tied.isEmpty { return (h, []) }
            // Tied: the readings whose checks hold within the printed rounding alone.
            let cluster = [h] + tied.map { hits[$0] }
            let strict = cluster.filter { r in
                let after = outcomes(of: setting(r.cells, to: r.value), strict: true)
                return r.fixed.allSatisfy { after[$0] == true }
            }
            if strict.count == 1, strict[0].cells == h.cells, strict[0].value == h.value { return (h, []) }
            tiedClusters.append(cluster)
        }
        return (nil, tiedClusters)
    }

    /// The cells of failed checks on pages read by OCR, each alone, and those of one column that
    /// hold one figure (a result printed on two lines) together.
    func suspectCells(_ failing: [Check]) -> [[CheckedCell]] {
        var cells: [CheckedCell] = []
        var seen: Set<CheckedCell> = []
        for k in failing {
            for c in k.cells where seen.insert(c).inserted {
                guard let t = table(c.table), uncertainPages.contains(t.page), value(of: c) != nil else { continue }
                cells.append(c)
            }
        }
        var groups = cells.map { [$0] }
        // The same figure on other lines of its column (a result printed twice), failed or not.
        var seenGroups: Set<[CheckedCell]> = []
        for c in cells {
            guard let t = table(c.table), let v = value(of: c), v != 0 else { continue }
            let same = t.rows.filter { $0.values[c.column] == v }.map { CheckedCell(table: t.id, row: $0.key, column: c.column) }
            if same.count > 1, seenGroups.insert(same).inserted { groups.append(same) }
        }
        return groups
    }

    func value(of cell: CheckedCell) -> Double? {
        table(cell.table)?.rows.first { $0.key == cell.row }?.values[cell.column]
    }

    func setting(_ cells: [CheckedCell], to v: Double) -> [Table] {
        var trial = tables
        for c in cells {
            guard let ti = trial.firstIndex(where: { $0.id == c.table }),
                  let ri = trial[ti].rows.firstIndex(where: { $0.key == c.row }) else { continue }
            trial[ti].rows[ri].values[c.column] = v
        }
        return trial
    }

    mutating func repairReading(_ cell: CheckedCell, to v: Double, read: Double) {
        guard let ti = tables.firstIndex(where: { $0.id == cell.table }),
              let ri = tables[ti].rows.firstIndex(where: { $0.key == cell.row }) else { return }
        setDerived(table: ti, row: ri, column: cell.column, to: v, by: "misread: the table's arithmetic")
        diagnostics.append(Diagnostic(table: cell.table, row: cell.row, column: cell.column,
                                      message: "\(cell.row) \(cell.column) read as \(format(read)), taken as \(format(v)): the only reading of an OCR misread the arithmetic bears out"))
    }

    /// The figure of `cell` as the second look reads it: nil when there is none for it, `.some(nil)`
    /// when it reads as no number.
    func secondRead(_ cell: CheckedCell, pass: Int = 0) -> Double?? {
        guard let look = secondLook, let place = look.places[cell] else { return nil }
        return .some(look.read(cell, place: place, pass: pass))
    }

    /// True when a second read of a doubtful figure gives its size as first read: the doubt is
    /// the engine's, the figure stands (a failed sum then has another cause).
    func secondReadBearsOut(_ cell: CheckedCell, _ read: Double) -> Bool {
        guard let second = secondRead(cell) ?? nil else { return false }
        return abs(second) == abs(read)
    }

    /// Figures on OCR'd pages no check confirmed (nothing else can catch their misreadings): each
    /// read again; where two further reads agree with each other and not with the first, theirs
    /// is taken, with a warning; where the reads disagree otherwise, the figure is left as read and
    /// a warning names it.
    mutating func rereadUnconfirmed() {
        guard let look = secondLook else { return }
        let unconfirmed = look.places.keys.filter { !confirmed.contains($0) && value(of: $0) != nil }
            .sorted { ($0.table, $0.row, $0.column) < ($1.table, $1.row, $1.column) }
        var disputed: [String: [String]] = [:]
        for cell in unconfirmed.prefix(Self.unconfirmedRereads) {
            // Sizes only: a sign is the arithmetic's to restore (`SignRepair`), and the region's
            // edge may hold a dash or rule a second read takes for a minus.
            guard let read = value(of: cell), let r0 = secondRead(cell) ?? nil, abs(r0) != abs(read) else { continue }
            let first = read < 0 ? -abs(r0) : abs(r0)
            let second = (secondRead(cell, pass: 1) ?? nil).map { read < 0 ? -abs($0) : abs($0) }
            guard let ti = tables.firstIndex(where: { $0.id == cell.table }),
                  let ri = tables[ti].rows.firstIndex(where: { $0.key == cell.row }) else { continue }
            let unit = tables[ti].rows[ri].unit
            if second == first, unit != "%" || (0...100).contains(first) {
                setDerived(table: ti, row: ri, column: cell.column, to: first, by: "misread: read again")
                diagnostics.append(Diagnostic(table: cell.table, row: cell.row, column: cell.column,
                                              message: "\(cell.row) \(cell.column) read as \(format(read)), twice read again as \(format(first)); no check confirms it"))
            } else {
                disputed[cell.table, default: []].append("\(cell.row) \(cell.column) (\(format(read)) or \(format(first)))")
            }
        }
        for (table, cells) in disputed.sorted(by: { $0.key < $1.key }) {
            diagnostics.append(Diagnostic(table: table, message: "figures that read differently when read again, left as first read: "
                + cells.prefix(Self.namedDoubtfulFigures).joined(separator: ", ") + (cells.count > Self.namedDoubtfulFigures ? ", ..." : "")))
        }
    }

    /// Unconfirmed figures a document reads again at most (each read costs about a tenth of a
    /// second of OCR; a scanned report has 10-40 figures no check reaches).
    static let unconfirmedRereads = 60
}

/// The checks' second look at figures of OCR'd pages: where each stands and ingestion's reader,
/// each read once per pass.
final class SecondLook {
    let rereader: any FigureRereading
    let places: [CheckedCell: CellPlace]
    private var cache: [String: Double?] = [:]
    init(rereader: any FigureRereading, places: [CheckedCell: CellPlace]) { self.rereader = rereader; self.places = places }
    func read(_ cell: CheckedCell, place: CellPlace, pass: Int) -> Double? {
        let key = "\(cell.table)|\(cell.row)|\(cell.column)|\(pass)"
        if let hit = cache[key] { return hit }
        let v = rereader.reread(page: place.page, box: place.box, pass: pass)
        cache[key] = v
        return v
    }
}
