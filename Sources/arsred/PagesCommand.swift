import ArgumentParser
import ArsredKit
import Foundation

/// Debug view of ingestion: the page model of one input as JSON.
struct PagesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pages",
        abstract: "Print the ingested pages of one PDF or .txt as JSON (every page read fully).")

    @Argument(help: "A .pdf or .txt file.") var file: String
    @Option(help: "Pages read at once.") var jobs: Int = ProcessInfo.processInfo.activeProcessorCount
    @Option(help: "Write the JSON here instead of stdout.") var out: String?
    @Option(help: "Tesseract language(s).") var language: String = IngestOptions.defaultLanguage
    @Option(help: "Folder holding the tesseract models.") var tessdata: String?
    @Option(help: "First page to read.") var first: Int?
    @Option(help: "Last page to read.") var last: Int?
    @Option(help: "Highest resolution scans are read at.") var maxDpi: Double = IngestOptions().maxDPI
    @Option(help: ArgumentHelp("Skim scanned pages; read fully only these (comma-separated page numbers).",
                               visibility: .hidden))
    var fullPages: String?

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
    }

    func run() throws {
        var options = IngestOptions(jobs: JobLimit.cap(jobs).jobs, language: language, tessdataPath: tessdata)
        options.maxDPI = maxDpi
        if let fullPages {
            let wanted = Set(fullPages.split(separator: ",").compactMap { Int($0) })
            options.mustReadFully = { wanted.contains($0.number) }
        }
        if first != nil || last != nil { options.pages = (first ?? 1)...(last ?? Int.max) }
        let document: IngestedDocument
        do { document = try Ingest.document(at: URL(fileURLWithPath: file), options: options) } catch {
            FileHandle.standardError.write(Data("\(file): \(error)\n".utf8))
            throw ExitCode(1)
        }
        var json = try DatasetJSON.encoder().encode(document.pages)
        json.append(0x0A)
        if let out {
            try json.write(to: URL(fileURLWithPath: out), options: .atomic)
        } else {
            FileHandle.standardOutput.write(json)
        }
        let stages = document.stageSeconds.sorted { $0.key < $1.key }
            .map { "\($0.key) \(String(format: "%.2f", $0.value))s" }.joined(separator: ", ")
        let ocr = document.pages.filter { $0.method == .ocr }.count
        FileHandle.standardError.write(Data("\(file): \(document.pages.count) pages, \(ocr) OCR'd; \(stages)\n".utf8))
    }
}
