import ArsredKit

/// The cells a failed check touches: those it names in its `cells` (an output without them
/// marks none).
struct CheckedCells {
    private var failed: [FigureKey: [Check]] = [:]

    init(_ document: DatasetDocument) {
        for check in document.checks where !check.passed {
            for cell in check.cells {
                failed[FigureKey(table: cell.table, key: cell.row, column: cell.column), default: []].append(check)
            }
        }
    }

    /// The failed checks that touch one cell.
    func failures(table: String, key: String, column: String) -> [Check] {
        failed[FigureKey(table: table, key: key, column: column)] ?? []
    }
}
