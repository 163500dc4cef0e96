import Foundation
import ArsredKit
import XLSX

/// The dataset as an Excel workbook for analysts: `figures` (the long-form CSV, values as
/// numbers), one sheet per table kind (a report a row, a (row, column) of the table a column),
/// `surveys`, `checks` and `warnings`. Reports in file-name order, columns in order of first
/// appearance: the same outputs always give the same bytes.
public enum WorkbookExport {
    /// Whole figures with thousands separated by spaces: `,` is the separator in a file's format
    /// codes, and the Swedish locale tag `[$-41D]` makes LibreOffice show it as a space (and the
    /// decimal point as a comma) whatever its own locale; Excel shows its system's separator.
    /// A literal `# ##0` would misplace the space from a million on.
    static let wholeNumber = "[$-41D]#,##0"
    /// Figures with decimals (key ratios, percentages): up to three places, as printed.
    static let decimalNumber = "[$-41D]#,##0.###"
    /// The only date in the file, fixed so a workbook depends on the outputs alone: 2000-01-01 00:00 UTC.
    static let creationTime = Date(timeIntervalSince1970: 946_684_800)
    /// Table-kind sheets in the contract's order; every `note_N` shares the sheet `notes`.
    static let kindOrder = ["five_year_overview", "income_statement", "balance_sheet", "cash_flow",
                            "operating_statement", "balance_requirement", "notes", "budget"]
    /// What names a report on every sheet.
    static let reportColumns = ["organisation", "fiscalYear", "sourceFile"]

    public static func write(_ files: [DatasetFile], to url: URL) throws {
        try XLSXWorkbook.write(sheets(files), to: url, created: creationTime)
    }

    static func sheets(_ files: [DatasetFile]) -> [XLSXSheet] {
        [figuresSheet(files)] + tableSheets(files) + [surveysSheet(files), checksSheet(files), warningsSheet(files)]
    }

    static func figuresSheet(_ files: [DatasetFile]) -> XLSXSheet {
        let rows = files.flatMap { file in
            let doc = file.document
            return (doc.figures + doc.surveyFigures()).map { f -> [XLSXCell] in
                [.text(file.organisationName), year(doc), .text(f.at.table), .text(f.at.key), .text(f.at.column),
                 figure(f.value), f.page.map { .number(Double($0)) } ?? .empty, .text(doc.source.file)]
            }
        }
        return XLSXSheet(name: "figures", header: DatasetExport.csvColumns, rows: rows)
    }

    /// The sheet a table goes on: its id, or `notes` for `note_N`.
    static func kind(_ table: Table) -> String {
        table.id.hasPrefix("note_") ? "notes" : table.id
    }

    /// One sheet per table kind: each report that has the kind a row, each (row, column) a column
    /// (`key · column`, notes `note_N · key · column`; a repeated table id gets `_2`, `_3`).
    static func tableSheets(_ files: [DatasetFile]) -> [XLSXSheet] {
        var columns: [String: [String]] = [:]            // kind -> column headings in first-seen order
        var known: [String: Set<String>] = [:]           // kind -> the same headings, to look up
        var cells: [String: [String: [String: Double]]] = [:]   // kind -> file -> heading -> value
        for file in files {
            var seen: [String: Int] = [:]
            for table in file.document.tables {
                seen[table.id, default: 0] += 1
                let id = seen[table.id]! > 1 ? "\(table.id)_\(seen[table.id]!)" : table.id
                let kind = kind(table), prefix = id == kind ? "" : "\(id) · "
                for row in table.rows {
                    for (column, value) in row.orderedValues(columns: table.columns) {
                        let heading = "\(prefix)\(row.key) · \(column)"
                        if known[kind, default: []].insert(heading).inserted { columns[kind, default: []].append(heading) }
                        cells[kind, default: [:]][file.fileName, default: [:]][heading] = value
                    }
                }
            }
        }
        let kinds = kindOrder.filter { columns[$0] != nil } + columns.keys.filter { !kindOrder.contains($0) }.sorted()
        return kinds.map { kind in
            let headings = columns[kind]!
            let rows = files.compactMap { file -> [XLSXCell]? in
                guard let values = cells[kind]?[file.fileName] else { return nil }
                return reportCells(file) + headings.map { values[$0].map(figure) ?? .empty }
            }
            return XLSXSheet(name: sheetName(kind), header: reportColumns + headings, rows: rows)
        }
    }

    static func surveysSheet(_ files: [DatasetFile]) -> XLSXSheet {
        let printedCount = files.flatMap { $0.document.indicatorSurveys.flatMap(\.questions) }.map(\.printed.count).max() ?? 0
        let header = reportColumns + ["programme", "respondents", "page", "question", "text", "n"]
            + SurveyCategory.allCases.map(\.rawValue) + (0..<printedCount).map { "printed:\($0 + 1)" }
        let rows = files.flatMap { file in
            file.document.indicatorSurveys.flatMap { survey in
                survey.questions.map { q -> [XLSXCell] in
                    let percentages = SurveyCategory.allCases.map { (q.percentages?[$0] ?? nil).map(figure) ?? .empty }
                    let printed = (0..<printedCount).map { i in i < q.printed.count ? q.printed[i].map(figure) ?? .empty : .empty }
                    return reportCells(file) + [.text(survey.programme), survey.respondents.map(XLSXCell.text) ?? .empty,
                                                survey.page.map { .number(Double($0)) } ?? .empty, .number(Double(q.number)),
                                                q.text.map(XLSXCell.text) ?? .empty, q.n.map { .number(Double($0)) } ?? .empty]
                        + percentages + printed
                }
            }
        }
        return XLSXSheet(name: "surveys", header: header, rows: rows)
    }

    static func checksSheet(_ files: [DatasetFile]) -> XLSXSheet {
        let rows = files.flatMap { file in
            file.document.checks.map { c -> [XLSXCell] in
                reportCells(file) + [.text(c.table), .text(c.rule), c.column.map(XLSXCell.text) ?? .empty,
                                     .boolean(c.passed), c.detail.isEmpty ? .empty : .text(c.detail)]
            }
        }
        return XLSXSheet(name: "checks", header: reportColumns + ["table", "rule", "column", "passed", "detail"], rows: rows)
    }

    static func warningsSheet(_ files: [DatasetFile]) -> XLSXSheet {
        let rows = files.flatMap { file in file.document.warnings.map { reportCells(file) + [.text($0)] } }
        return XLSXSheet(name: "warnings", header: reportColumns + ["warning"], rows: rows)
    }

    static func reportCells(_ file: DatasetFile) -> [XLSXCell] {
        [.text(file.organisationName), year(file.document), .text(file.document.source.file)]
    }

    static func year(_ doc: DatasetDocument) -> XLSXCell { doc.fiscalYear.map { .number(Double($0)) } ?? .empty }

    static func figure(_ value: Double) -> XLSXCell {
        .number(value, format: value == value.rounded() ? wholeNumber : decimalNumber)
    }

    /// Excel refuses a longer sheet name.
    static let sheetNameCharacters = 31

    /// A valid sheet name (Excel: at most 31 characters, none of `[]:*?/\`) for a table kind.
    static func sheetName(_ kind: String) -> String {
        String(kind.map { "[]:*?/\\".contains($0) ? "_" : $0 }.prefix(sheetNameCharacters))
    }
}
