import ArsredKit

/// The cells a failed check touches: every row key its rule names (in its own table, or in
/// another as `table.key`; `rows` meaning all rows of its table), in the check's column.
struct CheckedCells {
    /// table -> row key -> column ("" when the check names none: every column) -> failed rules.
    private var failed: [FigureKey: [Check]] = [:]

    init(_ document: DatasetDocument) {
        var keysOf: [String: Set<String>] = [:]
        for t in document.tables { keysOf[t.id, default: []].formUnion(t.rows.map(\.key)) }
        for check in document.checks where !check.passed {
            for (table, key) in Self.cellsNamed(by: check, keysOf: keysOf) {
                failed[FigureKey(table: table, key: key, column: check.column ?? ""), default: []].append(check)
            }
        }
    }

    static func cellsNamed(by check: Check, keysOf: [String: Set<String>]) -> [(String, String)] {
        let tokens = check.rule.split { !($0.isLetter || $0.isNumber || $0 == "_" || $0 == ".") }
        var out: [(String, String)] = []
        for token in tokens {
            let parts = token.split(separator: ".", maxSplits: 1).map(String.init)
            if parts.count == 2 {
                if keysOf[parts[0]]?.contains(parts[1]) == true { out.append((parts[0], parts[1])) }
            } else if parts[0] == "rows" {
                out += (keysOf[check.table] ?? []).sorted().map { (check.table, $0) }
            } else if keysOf[check.table]?.contains(parts[0]) == true {
                out.append((check.table, parts[0]))
            }
        }
        return out
    }

    /// The failed checks that touch one cell.
    func failures(table: String, key: String, column: String) -> [Check] {
        (failed[FigureKey(table: table, key: key, column: column)] ?? [])
            + (failed[FigureKey(table: table, key: key, column: "")] ?? [])
    }
}
