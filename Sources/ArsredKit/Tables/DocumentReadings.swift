/// Readings of single tables that only the document as a whole settles: which column is the
/// budget (`ColumnOrder`), then signs OCR lost (`SignRepair`). Runs once all tables are read,
/// before the checks; returns the warnings for what it could not settle or had to restore.
enum DocumentReadings {
    static func settle(_ readings: inout [String: TableReading]) -> [String] {
        var warnings = ColumnOrder.settle(&readings)
        warnings += SignRepair.repair(&readings)
        return warnings
    }
}
