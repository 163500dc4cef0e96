import Foundation
import ArsredKit

/// The dataset of an output folder in the formats other tools read. Every writer gives the same
/// bytes for the same outputs: documents in file-name order, values in column order, no dates.
public enum DatasetExport {
    public enum Format: String, CaseIterable, Sendable {
        case jsonl, csv, sqlite, xlsx
    }

    /// The long-form CSV's columns: the hand-data columns, then where the figure was found.
    public static let csvColumns = LongFormCSV.figureColumns + ["page", "sourceFile"]

    /// Writes `files` as `format` to `destination`, atomically (a temporary file beside it, renamed).
    public static func write(_ files: [DatasetFile], as format: Format, to destination: URL) throws {
        // Checked here, so every writer fails the same way, with one line (libxlsxwriter would
        // print its own besides).
        let folder = destination.deletingLastPathComponent()
        guard FileManager.default.isWritableFile(atPath: folder.path) else {
            throw InputError("\(destination.path): cannot write (\(folder.path) is not a writable folder)")
        }
        let temporary = folder
            .appendingPathComponent(".\(destination.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        try? FileManager.default.removeItem(at: temporary)
        do {
            switch format {
            case .jsonl: try jsonLines(files).write(to: temporary)
            case .csv: try csv(files).write(to: temporary)
            case .sqlite: try SQLiteExport.write(files, to: temporary)
            case .xlsx: try WorkbookExport.write(files, to: temporary)
            }
            guard rename(temporary.path, destination.path) == 0 else {
                throw InputError("\(destination.path): cannot write (\(String(cString: strerror(errno))))")
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }

    /// One document a line, compact, keys sorted as in the per-report files.
    public static func jsonLines(_ files: [DatasetFile]) throws -> Data {
        let encoder = DatasetJSON.encoder()
        encoder.outputFormatting.remove(.prettyPrinted)
        var out = Data()
        for file in files {
            out.append(try encoder.encode(file.document))
            out.append(0x0A)
        }
        return out
    }

    /// One figure a row: organisation, fiscalYear, table, key, column, value, page, sourceFile;
    /// table figures, then survey figures (`survey:<programme>:<respondents>`, row `q<N>`,
    /// columns `n`, the category keys, `printed:<i>`). Readable by `arsred diff` as hand data.
    public static func csv(_ files: [DatasetFile]) -> Data {
        var out = LongFormCSV.line(csvColumns)
        for file in files {
            let doc = file.document
            let year = doc.fiscalYear.map(String.init) ?? ""
            for f in doc.figures + doc.surveyFigures() {
                out += LongFormCSV.line([file.organisationName, year, f.at.table, f.at.key, f.at.column,
                                         FigureFormat.plain(f.value), f.page.map(String.init) ?? "", doc.source.file])
            }
        }
        return Data(out.utf8)
    }
}

extension DatasetFile {
    /// The organisation as printed, else its key, else the file's stem: what names a report in exports.
    var organisationName: String { document.organisation ?? document.organisationKey ?? stem }
}
