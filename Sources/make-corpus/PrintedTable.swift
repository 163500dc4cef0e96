import ArsredKit

/// A table as it is printed on a page. Both the page drawing and the hand data come from it,
/// so they agree by construction.
struct PrintedTable {
    struct Column {
        /// Contract column key: `2024`, `budget:2024`, `deviation:2024`.
        var key: String
        /// Header lines as printed, top to bottom.
        var header: [String]
    }
    struct Row {
        var label: String
        /// Printed before the label (`-`, `+`, `-/+`), not part of it.
        var prefix: String = ""
        var note: String? = nil
        /// One per column; nil is printed empty (or `-` when `dashForMissing`).
        var values: [Int?] = []
        var bold: Bool = false
        /// A row's own unit in the contract (`%`, `antal`).
        var unit: String? = nil
        /// Printed after each value (` %`).
        var suffix: String = ""
        /// A section line (Tillgångar, Administration) with no figures.
        var isSection: Bool { values.allSatisfy { $0 == nil } }
        var dashForMissing: Bool = false
    }

    var id: String
    /// Heading printed above the table.
    var title: String
    /// The contract's unit: kr, tkr.
    var unit: String
    /// Printed above the label column (`Belopp i kr`).
    var unitLine: String?
    var columns: [Column]
    var rows: [Row]
    var hasNoteColumn: Bool { rows.contains { $0.note != nil } }

    func value(_ label: String, _ column: String) -> Int? {
        guard let c = columns.firstIndex(where: { $0.key == column }),
              let r = rows.first(where: { $0.label == label }) else { return nil }
        return r.values[c]
    }

    /// The hand data for this table, on page `page`.
    func truth(page: Int) -> Table {
        var seen: [String: Int] = [:]
        let out: [TableRow] = rows.map { row in
            var key = FoldedText.fold(row.label)
            seen[key, default: 0] += 1
            if let n = seen[key], n > 1 { key += "_\(n)" }
            var values = TableValues()
            for (c, v) in zip(columns, row.values) { if let v { values[c.key] = Double(v) } }
            return TableRow(key: key, label: row.label, note: row.note, values: values, unit: row.unit)
        }
        return Table(id: id, title: title, page: page, unit: unit, columns: columns.map(\.key), rows: out)
    }
}

/// Numbers as Swedish reports print them.
struct NumberStyle {
    var thousandsSeparator: String
    func format(_ v: Int) -> String {
        let digits = String(abs(v))
        var groups: [String] = []
        var end = digits.endIndex
        while end > digits.startIndex {
            let start = digits.index(end, offsetBy: -3, limitedBy: digits.startIndex) ?? digits.startIndex
            groups.insert(String(digits[start..<end]), at: 0)
            end = start
        }
        return (v < 0 ? "-" : "") + groups.joined(separator: thousandsSeparator)
    }
}
