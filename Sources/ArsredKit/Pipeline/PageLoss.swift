import Foundation

/// A page that could not be read whole (its scan's image stream damaged): never passed off as a
/// blank page. The document carries a warning per such page, and fails unless it still holds
/// every statement a report must hold.
public enum PageLoss {
    /// The statements every annual report holds (the law on municipal accounts, LKBR ch. 4-5):
    /// when one is missing from a document that lost a page, the page is where it was.
    public static let statementsEveryReportHolds = ["income_statement", "balance_sheet"]

    static func warning(page: Int, cause: String) -> String { diagnostic(page: page, cause: cause).rendered }

    static func diagnostic(page: Int, cause: String) -> Diagnostic {
        Diagnostic(page: page, message: "not read whole (\(cause)); what it holds may be missing")
    }

    /// Ingestion's warnings as diagnostics: a lost page's (ingestion's last) by its page, others
    /// as they were written.
    static func diagnostics(of ingested: IngestedDocument) -> [Diagnostic] {
        let lost = ingested.pagesNotReadWhole.sorted { $0.key < $1.key }.map { diagnostic(page: $0.key, cause: $0.value) }
        let rendered = Set(lost.map(\.rendered))
        return ingested.warnings.filter { !rendered.contains($0) }.map(Diagnostic.init(rendered:)) + lost
    }

    /// The failure of a document that lost `pages` and found `tables`, nil when nothing it must
    /// hold is missing.
    public static func verdict(lost pages: [Int: String], tables: [String]) -> String? {
        guard let first = pages.keys.min() else { return nil }
        let missing = statementsEveryReportHolds.filter { !tables.contains($0) }
        guard !missing.isEmpty else { return nil }
        let which = pages.count == 1 ? "page \(first)" : "pages " + pages.keys.sorted().map(String.init).joined(separator: ", ")
        return "\(which) not read whole (\(pages[first]!)); \(missing.joined(separator: " and ")) not found"
    }
}
