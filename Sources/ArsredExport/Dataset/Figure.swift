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

extension IndicatorSurvey {
    /// The survey's place among the figures: `survey:<folded programme>:<respondents>`.
    public var figureTable: String {
        "survey:" + FoldedText.fold(programme) + (respondents.map { ":" + $0 } ?? "")
    }

    /// Each question's `n`, its percentages by category (those printed) and its printed labels
    /// (`printed:1`, `printed:2`, ... left to right), as figures of row `q<number>`.
    func figures(table: String) -> [Figure] {
        questions.flatMap { q -> [Figure] in
            let label = q.text ?? "Fråga \(q.number)"
            func figure(_ column: String, _ value: Double) -> Figure {
                Figure(at: FigureKey(table: table, key: "q\(q.number)", column: column), value: value, label: label, page: page)
            }
            var out: [Figure] = []
            if let n = q.n { out.append(figure("n", Double(n))) }
            for category in SurveyCategory.allCases {
                if let v = q.percentages?[category] ?? nil { out.append(figure(category.rawValue, v)) }
            }
            for (i, v) in q.printed.enumerated() { if let v { out.append(figure("printed:\(i + 1)", v)) } }
            return out
        }
    }
}

extension DatasetDocument {
    /// The figure table of each survey, in document order: its `figureTable` unless `renamed`
    /// gives another (the diff pairs a survey whose programme was read slightly differently),
    /// `_2`, `_3` on repeats.
    public func surveyTables(renamed: [Int: String] = [:]) -> [String] {
        var seen: [String: Int] = [:]
        return indicatorSurveys.enumerated().map { i, survey in
            let table = renamed[i] ?? survey.figureTable
            seen[table, default: 0] += 1
            return seen[table]! > 1 ? table + "_\(seen[table]!)" : table
        }
    }

    /// Every survey figure, surveys in document order, under `tables` (default `surveyTables()`).
    public func surveyFigures(tables: [String]? = nil) -> [Figure] {
        zip(indicatorSurveys, tables ?? surveyTables()).flatMap { $0.figures(table: $1) }
    }
}
