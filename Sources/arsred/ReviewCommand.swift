import ArgumentParser
import ArsredExport
import Foundation

struct ReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Writes a static HTML review page per report: each table beside the picture of its page.",
        discussion: """
            Failed checks and warnings are highlighted; with --hand, cells that differ from the hand \
            data are marked. Pages are self-contained (pictures embedded) and open from anywhere.
            """)

    @Argument(help: "The folder of output JSON files (or one output file).") var outdir: String
    @Option(help: "Hand data to mark differences against (as for `arsred diff`).") var hand: String?
    @Option(help: "Where the source PDFs are (default: source.file as a path, then beside the outputs).") var pdfs: String?
    @Option(help: "The folder to write the pages to (default: OUTDIR/review).") var out: String?
    @Option(help: "Resolution of the page pictures.") var dpi: Double = ReviewSite.defaultDpi

    func run() throws {
        let outputs = URL(fileURLWithPath: outdir)
        var isFolder: ObjCBool = false
        _ = FileManager.default.fileExists(atPath: outputs.path, isDirectory: &isFolder)
        let outputFolder = isFolder.boolValue ? outputs : outputs.deletingLastPathComponent()
        let destination = out.map { URL(fileURLWithPath: $0) } ?? outputFolder.appendingPathComponent("review")
        do {
            let files = try DatasetFolder.load(outputs, skipped: noteSkipped)
            guard !files.isEmpty else { throw InputError("\(outputs.path): no dataset-v1 JSON files") }
            let diff = try hand.map { DatasetDiff.compare(extracted: files, hand: try HandData.load(URL(fileURLWithPath: $0), skipped: noteSkipped),
                                                          countReportsNotExtracted: false) }
            let site = ReviewSite(files: files, diff: diff, dpi: dpi)
            let pdfFolder = pdfs.map { URL(fileURLWithPath: $0) }
            try site.write(to: destination) { file in
                SourcePDF.pageImages(file, pdfs: pdfFolder, outputFolder: outputFolder)
            }
            FileHandle.standardError.write(Data("\(files.count) report\(files.count == 1 ? "" : "s") -> \(destination.appendingPathComponent("index.html").path)\n".utf8))
        } catch let error as InputError {
            FileHandle.standardError.write(Data("arsred review: \(error)\n".utf8))
            throw ExitCode(2)
        }
    }
}
