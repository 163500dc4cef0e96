import CXlsxWriter
import Foundation

/// One cell of a sheet. A number carries its Excel format code (en-US syntax, as files store it:
/// `#,##0` shows thousands separated the viewer's way), nil for General.
public enum XLSXCell: Sendable, Equatable {
    case text(String)
    case number(Double, format: String? = nil)
    case boolean(Bool)
    case empty
}

/// A sheet holding one table: a bold header row, frozen, with an autofilter over the table.
public struct XLSXSheet: Sendable, Equatable {
    public var name: String
    public var header: [String]
    public var rows: [[XLSXCell]]
    public init(name: String, header: [String], rows: [[XLSXCell]]) {
        self.name = name; self.header = header; self.rows = rows
    }
}

/// Why libxlsxwriter could not write the workbook: the file and its own message.
public struct XLSXError: Error, Equatable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

/// Excel workbooks through libxlsxwriter. The same sheets and creation time always give the
/// same bytes: the creation time is the only date in the file.
public enum XLSXWorkbook {
    /// Column widths in characters: as wide as the header, within these bounds.
    static let narrowestColumn = 8.0, widestColumn = 40.0

    public static func write(_ sheets: [XLSXSheet], to url: URL, created: Date) throws {
        guard let workbook = workbook_new(url.path) else {
            throw XLSXError(message: "cannot create the workbook")
        }
        var closed = false
        defer { if !closed { _ = workbook_close(workbook) } }
        try setCreationTime(workbook, created)
        var formats = Formats(workbook: workbook)
        for sheet in sheets { try add(sheet, to: workbook, formats: &formats) }
        closed = true
        try check(workbook_close(workbook), "closing the workbook")
    }

    private static func setCreationTime(_ workbook: UnsafeMutablePointer<lxw_workbook>, _ created: Date) throws {
        var properties = lxw_doc_properties()
        properties.created = time_t(created.timeIntervalSince1970)
        try check(workbook_set_properties(workbook, &properties), "workbook properties")
    }

    private static func add(_ sheet: XLSXSheet, to workbook: UnsafeMutablePointer<lxw_workbook>, formats: inout Formats) throws {
        try check(workbook_validate_sheet_name(workbook, sheet.name), "sheet name \(sheet.name)")
        guard let worksheet = workbook_add_worksheet(workbook, sheet.name) else {
            throw XLSXError(message: "sheet \(sheet.name): cannot be added")
        }
        for (column, title) in sheet.header.enumerated() {
            try check(worksheet_write_string(worksheet, 0, lxw_col_t(column), title, formats.bold), sheet.name)
            let width = min(max(Double(title.count) + 2, narrowestColumn), widestColumn)
            try check(worksheet_set_column(worksheet, lxw_col_t(column), lxw_col_t(column), width, nil), sheet.name)
        }
        for (r, cells) in sheet.rows.enumerated() {
            for (c, cell) in cells.enumerated() {
                try write(cell, worksheet, row: lxw_row_t(r + 1), column: lxw_col_t(c), formats: &formats, sheet: sheet.name)
            }
        }
        worksheet_freeze_panes(worksheet, 1, 0)
        if !sheet.header.isEmpty {
            try check(worksheet_autofilter(worksheet, 0, 0, lxw_row_t(sheet.rows.count), lxw_col_t(sheet.header.count - 1)), sheet.name)
        }
    }

    private static func write(_ cell: XLSXCell, _ worksheet: UnsafeMutablePointer<lxw_worksheet>, row: lxw_row_t,
                              column: lxw_col_t, formats: inout Formats, sheet: String) throws {
        switch cell {
        case .text(let s): try check(worksheet_write_string(worksheet, row, column, s, nil), sheet)
        case .number(let v, let code):
            try check(worksheet_write_number(worksheet, row, column, v, code.map { formats.number($0) } ?? nil), sheet)
        case .boolean(let b): try check(worksheet_write_boolean(worksheet, row, column, b ? 1 : 0, nil), sheet)
        case .empty: break
        }
    }

    private static func check(_ error: lxw_error, _ what: String) throws {
        guard error != LXW_NO_ERROR else { return }
        throw XLSXError(message: "\(what): \(String(cString: lxw_strerror(error)))")
    }

    /// The workbook's formats, one per number format code.
    private struct Formats {
        let workbook: UnsafeMutablePointer<lxw_workbook>
        let bold: UnsafeMutablePointer<lxw_format>?
        var byCode: [String: UnsafeMutablePointer<lxw_format>] = [:]
        init(workbook: UnsafeMutablePointer<lxw_workbook>) {
            self.workbook = workbook
            bold = workbook_add_format(workbook)
            format_set_bold(bold)
        }
        mutating func number(_ code: String) -> UnsafeMutablePointer<lxw_format>? {
            if let f = byCode[code] { return f }
            let f = workbook_add_format(workbook)
            format_set_num_format(f, code)
            byCode[code] = f
            return f
        }
    }
}
