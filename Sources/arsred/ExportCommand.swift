import ArgumentParser
import ArsredExport
import ArsredKit
import Foundation

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Writes the dataset of an output folder as JSON Lines, long-form CSV, SQLite or an Excel workbook.",
        discussion: """
            jsonl: one document a line, in file-name order. csv: one figure a row \
            (organisation,fiscalYear,table,key,column,value,page,sourceFile). sqlite: tables documents, \
            pages, signatories, tables, rows, "values", surveys, survey_questions, survey_answers, checks, \
            warnings and the view figures. xlsx: sheets figures (the csv's rows, values as numbers), one per \
            table kind (a report a row, key · column a column; every note_N on notes), surveys, checks \
            and warnings; header frozen, autofilter, figures shown Swedish style (1 234 567). \
            The same outputs always give the same bytes. \
            A folder written by shards (extract --shard) is checked against their summaries in \
            OUTDIR/.arsred/: each shard missing or with failed inputs is named on stderr. Exit status: \
            0 the export is written and complete, 1 it is written but a shard is missing or failed, \
            2 usage error or unreadable input.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case jsonl, csv, sqlite, xlsx }

    @Option(help: "jsonl, csv, sqlite or xlsx.") var format: Format
    @Argument(help: "The folder of output JSON files.") var outdir: String
    @Option(help: "The file to write (default: OUTDIR/dataset.<format>).") var to: String?

    func run() throws {
        let folder = URL(fileURLWithPath: outdir)
        let destination = to.map { URL(fileURLWithPath: $0) } ?? folder.appendingPathComponent("dataset.\(format.rawValue)")
        do {
            let files = try DatasetFolder.load(folder, skipped: noteSkipped)
            guard !files.isEmpty else { throw InputError("\(folder.path): no dataset-v1 JSON files") }
            try ConfigurationCheck.outputFile(destination.path, option: to == nil ? "destination" : "--to")
            try DatasetExport.write(files, as: DatasetExport.Format(rawValue: format.rawValue)!, to: destination)
            FileHandle.standardError.write(Data("\(files.count) document\(files.count == 1 ? "" : "s") -> \(destination.path)\n".utf8))
            let incomplete = ShardSummary.problems(in: folder)
            for line in incomplete { FileHandle.standardError.write(Data("arsred export: incomplete: \(line)\n".utf8)) }
            if !incomplete.isEmpty { throw ExitCode(1) }
        } catch let exit as ExitCode {
            throw exit
        } catch let error as InputError {
            FileHandle.standardError.write(Data("arsred export: \(error)\n".utf8))
            throw ExitCode(2)
        } catch let error as ConfigurationError {
            FileHandle.standardError.write(Data("arsred export: \(error)\n".utf8))
            throw ExitCode(2)
        } catch {
            // A writer's own failure (SQLite, libxlsxwriter): one line, nothing left behind.
            FileHandle.standardError.write(Data("arsred export: \(destination.path): \(error)\n".utf8))
            throw ExitCode(1)
        }
    }
}
