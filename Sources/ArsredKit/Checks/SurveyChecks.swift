/// The checks of an indicator survey, one per question (a chart's bar or a table's row): its
/// labelled figures agree with the widths of their segments where there is a chart, every
/// segment's colour is explained by the legend, and the figures sum to 100 within rounding.
/// A failed check names its question; its detail says what failed.
enum SurveyChecks {
    /// Whole percentages are each off their share by at most half a point.
    static let roundingPerFigure = 0.5
    /// Segment widths measured on a picture are off by up to this many points in all.
    static let measuredWidthSlack = 1.5

    /// The `table` key of a survey's checks.
    static func table(programme: String, respondents: String?) -> String {
        "survey:\(FoldedText.fold(programme)):\(respondents ?? "unknown")"
    }

    /// The survey's table among the dataset's figures (`arsred diff`, the export, the review):
    /// `survey:<folded programme>:<respondents>`, without the last part when the respondents
    /// are not known; a survey's repeats in one document take `_2`, `_3` (see `SurveyStage`).
    static func figureTable(programme: String, respondents: String?) -> String {
        "survey:" + FoldedText.fold(programme) + (respondents.map { ":" + $0 } ?? "")
    }

    /// The figures of question `number` a check reads, named as the dataset's figures are: row
    /// `q<N>`, a column per category it gives a figure or a segment (`categories`) and
    /// `printed:<i>` per label printed, left to right. Their table is the survey's
    /// `figureTable`, which `SurveyStage` fills in once the survey is read.
    static func cells(number: Int, categories: [SurveyCategory], printed: Int) -> [CheckedCell] {
        let row = "q\(number)"
        return SurveyCategory.allCases.filter(categories.contains).map { CheckedCell(table: "", row: row, column: $0.rawValue) }
            + (0..<printed).map { CheckedCell(table: "", row: row, column: "printed:\($0 + 1)") }
    }

    /// A question's check from its problems (none: passed), with the warning a failed one gives.
    static func check(table: String, number: Int, rule: String, problems: [String], page: Int, programme: String,
                      cells: [CheckedCell] = []) -> (check: Check, warning: Diagnostic?) {
        let detail = problems.joined(separator: "; ")
        let column = "fraga_\(number)"
        let check = Check(table: table, rule: "\(column): \(rule)", column: column, passed: problems.isEmpty, detail: detail,
                          cells: cells)
        let warning = Diagnostic(page: page, table: table, column: column, message: "survey \(programme) question \(number): \(detail)")
        return (check, problems.isEmpty ? nil : warning)
    }

    static let barRule = "labels agree with segment widths, colours with the legend, and sum to 100"
    static let rowRule = "row sums to 100"

    /// What is wrong with a bar read from a chart: labels that did not read or disagree with their
    /// segment's width, colours no legend entry explains in their place, a sum off 100.
    static func barProblems(_ bar: BarReading) -> (problems: [String], sumFails: Bool) {
        var problems: [String] = []
        var sum = 0.0
        for s in bar.segments {
            let value = s.labelled ? (s.label ?? s.widthPercent) : s.widthPercent
            sum += value
            if s.labelled, s.label == nil {
                problems.append(String(format: "a label on a %.1f%% segment did not read or disagrees with its width", s.widthPercent))
            }
            if s.category == nil {
                problems.append(String(format: "a %.0f%% segment's colour matches no legend entry in its place", value))
            }
        }
        let labelled = bar.segments.filter(\.labelled).count
        let tolerance = measuredWidthSlack + roundingPerFigure * Double(labelled)
        let sumFails = abs(sum - 100) > tolerance
        if sumFails { problems.append(String(format: "segments sum to %.1f%%", sum)) }
        return (problems, sumFails)
    }

    /// What is wrong with a table row: figures summing off 100 by more than their rounding.
    static func rowProblems(_ printed: [Double?]) -> [String] {
        let figures = printed.compactMap { $0 }
        guard !figures.isEmpty else { return ["no figure read"] }
        let sum = figures.reduce(0, +)
        let tolerance = roundingPerFigure * Double(printed.count)
        var problems: [String] = []
        if abs(sum - 100) > tolerance { problems.append(String(format: "figures sum to %.0f%%", sum)) }
        return problems
    }
}
