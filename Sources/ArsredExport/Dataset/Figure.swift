import ArsredKit

/// Where a figure sits in a document: table id, row key, column key.
public struct FigureKey: Hashable, Sendable, Comparable {
    public var table: String
    public var key: String
    public var column: String
    public init(table: String, key: String, column: String) {
        self.table = table; self.key = key; self.column = column
    }
    public static func < (a: FigureKey, b: FigureKey) -> Bool {
        (a.table, a.key, a.column) < (b.table, b.key, b.column)
    }
}

/// One figure in long form: a table cell with what a reader needs to find it again.
public struct Figure: Sendable, Equatable {
    public var at: FigureKey
    public var value: Double
    public var label: String?
    public var page: Int?
    public init(at: FigureKey, value: Double, label: String? = nil, page: Int? = nil) {
        self.at = at; self.value = value; self.label = label; self.page = page
    }
}

extension TableRow {
    /// The row's values in the table's column order, then any column the table does not list,
    /// sorted: decoding does not keep the JSON's key order, and exports must not vary run to run.
    public func orderedValues(columns: [String]) -> [(column: String, value: Double)] {
        var byColumn: [String: Double] = [:]
        for entry in values { byColumn[entry.column] = entry.value }
        var out: [(column: String, value: Double)] = []
        for c in columns { if let v = byColumn.removeValue(forKey: c) { out.append((c, v)) } }
        for c in byColumn.keys.sorted() { out.append((c, byColumn[c]!)) }
        return out
    }
}

extension DatasetDocument {
    /// Every table figure in document order: tables, rows, columns as printed.
    public var figures: [Figure] {
        tables.flatMap { table in
            table.rows.flatMap { row in
                row.orderedValues(columns: table.columns).map {
                    Figure(at: FigureKey(table: table.id, key: row.key, column: $0.column),
                           value: $0.value, label: row.label, page: table.page)
                }
            }
        }
    }
}
