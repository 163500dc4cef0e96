/// A warning as the stages raise it: what it is about (page, table, row, column, each when
/// known) and what is wrong. The contract's `warnings` strings are rendered from it at the end
/// (`Diagnostic.rendered`, in Output); the review places a diagnostic by its fields, never by
/// reading the string back.
public struct Diagnostic: Codable, Sendable, Equatable {
    public enum Severity: String, Codable, Sendable {
        /// A figure or part of the document may be wrong or missing.
        case warning
    }
    public var severity: Severity
    /// The page it is about, when it is about one page.
    public var page: Int?
    /// A table id (`income_statement`, `note_3`) or a survey's check key (`survey:...`).
    public var table: String?
    public var row: String?
    public var column: String?
    /// What is wrong, without the location the rendered string opens with (see `rendered`).
    public var message: String

    public init(_ severity: Severity = .warning, page: Int? = nil, table: String? = nil, row: String? = nil,
                column: String? = nil, message: String) {
        self.severity = severity; self.page = page; self.table = table; self.row = row; self.column = column
        self.message = message
    }

    /// A diagnostic known only as its rendered string (older outputs, hand data): no location.
    public init(rendered: String) { self.init(message: rendered) }
}
