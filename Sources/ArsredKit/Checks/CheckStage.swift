/// Tables checked against every sum and relation the document states, corrected where its own
/// arithmetic fixes a doubtful figure, with the diagnostics of reading and checking them.
public struct TableRecognition: Sendable {
    public var tables: [Table]
    public var checks: [Check]
    public var diagnostics: [Diagnostic]
    /// The diagnostics as the contract's strings.
    public var warnings: [String] { diagnostics.map(\.rendered) }
    public init(tables: [Table], checks: [Check], diagnostics: [Diagnostic]) {
        self.tables = tables; self.checks = checks; self.diagnostics = diagnostics
    }
}

/// The checks stage: runs after tables and surveys are read, on the tables read (a survey's
/// checks are made while its bars are read, since a bar that fails keeps no figure).
public struct CheckStage: Sendable {
    let relations: CheckRelations

    public init(relations: CheckRelations) { self.relations = relations }

    /// `pages`: the document's, to know which were read by OCR or without positions (their
    /// figures no check confirmed get a warning).
    /// `rereader`: ingestion's second look at a figure on an OCR'd page (nil: none), for the
    /// figures the arithmetic suspects or no check confirms (`MisreadRepair`).
    public func check(_ read: TableReadings, pages: [Page], rereader: (any FigureRereading)? = nil) -> TableRecognition {
        let uncertain = Set(pages.filter { $0.method == .ocr || !$0.hasPositions }.map(\.number))
        let ocrPages = Set(pages.filter { $0.method == .ocr }.map(\.number))
        var checker = TableChecks(tables: read.tables, doubts: Set(read.doubts), uncertainPages: uncertain, relations: relations)
        if let rereader {
            checker.secondLook = SecondLook(rereader: rereader, places: read.places.filter { ocrPages.contains($0.value.page) })
        }
        checker.run()
        return TableRecognition(tables: checker.tables, checks: checker.checks, diagnostics: read.diagnostics + checker.diagnostics)
    }
}
