import ArgumentParser
import ArsredExport
import Foundation

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compares extracted figures with figures keyed by hand.",
        discussion: """
            EXTRACTED is an output JSON or a folder of them. HAND is dataset-v1 JSON (a file, or a \
            folder of <stem>.json / <stem>.truth.json) or long-form CSV with a header line: \
            organisation,fiscalYear,table,key,column,value (';' or ',' separated, decimal comma accepted). \
            A folder of outputs is compared as a dataset (a report in the hand data \
            with no output counts as figures only in hand data); a single output file only with its own \
            hand data. Exit status: 0 nothing differs, 1 something differs, 2 bad input.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json }

    @Argument(help: "An output JSON file or a folder of them.") var extracted: String
    @Argument(help: "Hand data: dataset-v1 JSON file or folder, or long-form CSV.") var hand: String
    @Option(help: "table (for people) or json (for machines).") var format: Format = .table

    func run() throws {
        let report: DiffReport
        do {
            report = try DatasetDiff.compare(extractedAt: URL(fileURLWithPath: extracted),
                                             handAt: URL(fileURLWithPath: hand), skipped: noteSkipped)
        } catch let error as InputError {
            FileHandle.standardError.write(Data("arsred diff: \(error)\n".utf8))
            throw ExitCode(2)
        }
        switch format {
        case .table: FileHandle.standardOutput.write(Data(report.text().utf8))
        case .json: FileHandle.standardOutput.write(try report.json())
        }
        if report.hasDifferences { throw ExitCode(1) }
    }
}

/// Tells the user a JSON file in a folder was not a dataset document and was left out.
func noteSkipped(_ name: String) {
    FileHandle.standardError.write(Data("note: \(name) is not a dataset-v1 document, skipped\n".utf8))
}
