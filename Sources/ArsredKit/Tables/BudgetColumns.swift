/// A plan's budget table names its budget years in its heading (`Förslag budget 2022-2024`,
/// `Budget 2025`): a column keyed by a plain year the heading names is a budget, not an outcome.
/// `Prognos` columns are forecasts already; the other years are outcomes.
enum BudgetColumns {
    /// The id of a plan's budget table.
    static let tableID = "budget"

    /// The years a heading names: a range `2022-2024` (or `2022–2024`, `2022 - 2024`) and single years.
    static func years(inHeading text: String) -> Set<Int> {
        var years = Set<Int>()
        let joined = text.replacing(#/\s*[-–—]\s*/#, with: "-")
        for token in joined.split(whereSeparator: { !$0.isNumber && $0 != "-" }) {
            let parts = token.split(separator: "-").compactMap { Int($0) }.filter { (1990...2099).contains($0) }
            if parts.count == 2, parts[0] <= parts[1], parts[1] - parts[0] <= maxRangeYears {
                years.formUnion(parts[0]...parts[1])
            } else {
                years.formUnion(parts)
            }
        }
        return years
    }

    /// A plan covers a few years; a longer "range" is two dates, not a budget period.
    static let maxRangeYears = 5

    /// The table with plain-year columns its heading names as budgets keyed `budget:YYYY`.
    static func keyedByHeading(_ table: Table, heading: String) -> Table {
        let named = years(inHeading: heading)
        guard !named.isEmpty else { return table }
        func key(_ k: String) -> String {
            guard let y = Int(k), named.contains(y), !table.columns.contains("budget:\(k)") else { return k }
            return "budget:\(k)"
        }
        var t = table
        t.columns = table.columns.map(key)
        for i in t.rows.indices {
            var values = TableValues()
            for (k, v) in t.rows[i].values { values[key(k)] = v }
            t.rows[i].values = values
        }
        return t
    }
}
