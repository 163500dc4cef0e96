/// Readings of single tables that only the document as a whole settles: which column is the
/// budget (`ColumnOrder`), then signs OCR lost (`SignRepair`). Runs once all tables are read,
/// before the checks; returns the diagnostics for what it could not settle or had to restore.
enum DocumentReadings {
    /// `ocrPages`: the numbers of the pages read by OCR (see `SignRepair.repair`).
    /// `relations`: the configuration's check relations, by which readings are weighed.
    static func settle(_ readings: inout [String: TableReading], ocrPages: Set<Int> = [], relations: CheckRelations) -> [Diagnostic] {
        var warnings = ColumnOrder.settle(&readings, relations: relations)
        warnings += SignRepair.repair(&readings, ocrPages: ocrPages, relations: relations)
        return warnings
    }
}
