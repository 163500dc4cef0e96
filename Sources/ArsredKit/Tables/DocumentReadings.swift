/// Readings of single tables that only the document as a whole settles: which column is the
/// budget (`ColumnOrder`), then signs OCR lost (`SignRepair`). Runs once all tables are read,
/// before the checks; returns the warnings for what it could not settle or had to restore.
enum DocumentReadings {
    /// `ocrPages`: the numbers of the pages read by OCR (see `SignRepair.repair`).
    static func settle(_ readings: inout [String: TableReading], ocrPages: Set<Int> = []) -> [String] {
        var warnings = ColumnOrder.settle(&readings)
        warnings += SignRepair.repair(&readings, ocrPages: ocrPages)
        return warnings
    }
}
