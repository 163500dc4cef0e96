import Foundation
import ArsredKit

/// Figures keyed by hand for one report: from a dataset-v1 JSON file or the lines of a
/// long-form CSV naming one organisation and year.
public struct HandDocument: Sendable {
    /// The file it came from: `x.truth.json`, `hand.csv`.
    public var name: String
    /// The stem of a JSON hand file; the organisation as written in a CSV.
    public var stem: String?
    public var organisation: String?
    public var organisationKey: String?
    public var fiscalYear: Int?
    /// In the order keyed.
    public var figures: [Figure]
    /// True for CSV: only the tables it names were keyed, so an extracted table it does not
    /// name is not compared. A dataset-v1 document is the whole report.
    public var coversOnlyItsTables: Bool

    public init(name: String, stem: String?, organisation: String?, organisationKey: String?,
                fiscalYear: Int?, figures: [Figure], coversOnlyItsTables: Bool = false) {
        self.name = name; self.stem = stem; self.organisation = organisation
        self.organisationKey = organisationKey; self.fiscalYear = fiscalYear; self.figures = figures
        self.coversOnlyItsTables = coversOnlyItsTables
    }

    public init(_ file: DatasetFile) {
        self.init(name: file.fileName, stem: file.stem, organisation: file.document.organisation,
                  organisationKey: file.document.organisationKey ?? file.document.organisation.map(FoldedText.fold),
                  fiscalYear: file.document.fiscalYear,
                  figures: file.document.figures + file.document.surveyFigures())
    }
}

/// Reads hand data: dataset-v1 JSON (a file, or a folder of `<stem>.json` / `<stem>.truth.json`)
/// or long-form CSV (`organisation,fiscalYear,table,key,column,value`, a header line, `;` or `,`
/// separated, Swedish decimal comma accepted; further columns such as page are ignored).
public enum HandData {
    public static func load(_ url: URL, skipped: (String) -> Void = { _ in }) throws -> [HandDocument] {
        var isFolder: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder)
        if exists && !isFolder.boolValue && url.pathExtension.lowercased() != "json" {
            guard let data = try? Data(contentsOf: url) else { throw InputError("\(url.lastPathComponent): cannot read") }
            if data.first(where: { !(Character(UnicodeScalar($0)).isWhitespace) }) != UInt8(ascii: "{") {
                guard let text = String(data: data, encoding: .utf8) else {
                    throw InputError("\(url.lastPathComponent): not UTF-8")
                }
                return try csv(text, name: url.lastPathComponent)
            }
        }
        return try DatasetFolder.load(url, as: .handData, skipped: skipped).map(HandDocument.init)
    }

    /// The documents named by a long-form CSV, in order of first appearance.
    public static func csv(_ text: String, name: String) throws -> [HandDocument] {
        var text = Substring(text)
        if text.hasPrefix("\u{FEFF}") { text = text.dropFirst() }
        let separator = LongFormCSV.separator(ofHeader: text)
        let records = LongFormCSV.records(String(text), separator: separator)
        guard let header = records.first else { throw InputError("\(name): empty, expected a header line") }
        let columns = try CSVColumns(header, separator: separator, name: name)

        var documents: [HandDocument] = []
        var documentIndex: [String: Int] = [:]
        var firstLine: [String: Int] = [:]
        for record in records.dropFirst() {
            guard let row = try columns.row(record, name: name) else { continue }
            let docID = "\(FoldedText.fold(row.organisation))\u{1F}\(row.year)"
            let at = row.figure.at
            let figureID = "\(docID)\u{1F}\(at.table)\u{1F}\(at.key)\u{1F}\(at.column)"
            if let first = firstLine[figureID] {
                throw InputError("\(name):\(record.line): \(at.table) \(at.key) \(at.column) is already given on line \(first)")
            }
            firstLine[figureID] = record.line
            if let i = documentIndex[docID] {
                documents[i].figures.append(row.figure)
            } else {
                documentIndex[docID] = documents.count
                documents.append(HandDocument(name: name, stem: row.organisation,
                                              organisation: row.organisation, organisationKey: FoldedText.fold(row.organisation),
                                              fiscalYear: row.year, figures: [row.figure], coversOnlyItsTables: true))
            }
        }
        return documents
    }

    /// Where a long-form CSV's header puts the figure columns (names compared folded, `_` ignored).
    struct CSVColumns {
        /// Field index of each of `LongFormCSV.figureColumns`, in their order.
        var figure: [Int]
        var page: Int?
        var count: Int

        init(_ header: LongFormCSV.Record, separator: Character, name: String) throws {
            func squash(_ s: String) -> String { FoldedText.fold(s).replacingOccurrences(of: "_", with: "") }
            let names = header.fields.map(squash)
            figure = try LongFormCSV.figureColumns.map { column in
                guard let i = names.firstIndex(of: squash(column)) else {
                    throw InputError("\(name):\(header.line): header must name the columns "
                        + LongFormCSV.figureColumns.joined(separator: String(separator)) + "; \(column) is missing")
                }
                return i
            }
            page = names.firstIndex(of: "page")
            count = header.fields.count
        }

        /// One record's figure, or nil for an empty value (a figure not printed: the contract leaves it out, so do we).
        func row(_ record: LongFormCSV.Record, name: String) throws -> (organisation: String, year: Int, figure: Figure)? {
            let where_ = "\(name):\(record.line)"
            guard record.fields.count == count else {
                throw InputError("\(where_): expected \(count) fields, got \(record.fields.count)")
            }
            let f = figure.map { record.fields[$0].trimmingCharacters(in: .whitespaces) }
            let (organisation, yearText, table, key, column, valueText) = (f[0], f[1], f[2], f[3], f[4], f[5])
            for (value, what) in [(organisation, "organisation"), (table, "table"), (key, "key"), (column, "column")]
            where value.isEmpty {
                throw InputError("\(where_): \(what) is empty")
            }
            guard let year = Int(yearText) else {
                throw InputError("\(where_): fiscalYear \"\(yearText)\" is not a year")
            }
            if valueText.isEmpty { return nil }
            guard let value = FigureFormat.parse(valueText) else {
                throw InputError("\(where_): value \"\(valueText)\" is not a number")
            }
            let page = self.page.flatMap { Int(record.fields[$0].trimmingCharacters(in: .whitespaces)) }
            return (organisation, year, Figure(at: FigureKey(table: table, key: key, column: column), value: value, label: nil, page: page))
        }
    }
}
