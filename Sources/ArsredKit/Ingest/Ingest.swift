import Codecs
import Foundation
import Poppler
import Tesseract

/// How to ingest a document.
public struct IngestOptions: Sendable {
    /// Swedish first, English second: measured on the dev corpus, `swe+eng` reads more table
    /// figures right than `swe` alone (five-year overviews 0.995 against 0.944 recall) at the
    /// same CPU time; English words and figures set in English fonts are common in these reports.
    public static let defaultLanguage = "swe+eng"

    /// Pages read at once (one poppler document and one tesseract instance per worker).
    public var jobs: Int
    /// Tesseract language(s), e.g. "swe" or "swe+eng".
    public var language: String
    /// Folder holding `<language>.traineddata`; nil: tesseract's default.
    public var tessdataPath: String?
    /// Given a scanned page read without its running text (`readFully == false`, see
    /// `ProseLines`), says whether it holds something the recognisers extract, so that its
    /// running text must be read too. Nil: every scanned page is read whole at once.
    public var mustReadFully: (@Sendable (Page) -> Bool)?
    /// Scans are read at the resolution of their image, but never above this. 200 reads as
    /// many table figures as 300 on the dev corpus in 13% less OCR time.
    public var maxDPI: Double
    /// Only these pages (1-based), for debugging and tests; nil: all.
    public var pages: ClosedRange<Int>?

    public init(jobs: Int = 2, language: String = IngestOptions.defaultLanguage, tessdataPath: String? = nil,
                mustReadFully: (@Sendable (Page) -> Bool)? = nil, maxDPI: Double = 200,
                pages: ClosedRange<Int>? = nil) {
        self.jobs = jobs; self.language = language; self.tessdataPath = tessdataPath
        self.mustReadFully = mustReadFully; self.maxDPI = maxDPI
        self.pages = pages
    }
}

/// Why a document could not be ingested. Descriptions are one line naming the cause (the
/// caller prefixes the file name).
public enum IngestError: Error, Equatable, CustomStringConvertible {
    case unreadable(String)
    case unsupportedType(String)
    case notPDF
    case truncatedPDF
    case damagedPDF(String)
    case encryptedPDF
    case noPages
    case emptyText
    case binaryText
    case ocrUnavailable(String)
    case pageFailed(page: Int, reason: String)
    /// Past a worker's pixel budget (an image or a page too large to decode).
    case overBudget(String)

    public var description: String {
        switch self {
        case .unreadable(let why): PDFError.unreadable(why).description
        case .unsupportedType(let ext): "unsupported input type '.\(ext)' (expected .pdf or .txt)"
        case .notPDF: PDFError.notPDF.description
        case .truncatedPDF: PDFError.truncated.description
        case .damagedPDF(let why): PDFError.damaged(why).description
        case .encryptedPDF: PDFError.encrypted.description
        case .noPages: PDFError.noPages.description
        case .emptyText: "empty text file"
        case .binaryText: "not a text file (binary content)"
        case .ocrUnavailable(let why): why
        case .pageFailed(let page, let why): "page \(page): \(why)"
        case .overBudget(let why): why
        }
    }

    init(_ e: PDFError) {
        switch e {
        case .unreadable(let why): self = .unreadable(why)
        case .notPDF: self = .notPDF
        case .truncated: self = .truncatedPDF
        case .damaged(let why): self = .damagedPDF(why)
        case .encrypted: self = .encryptedPDF
        case .noPages: self = .noPages
        case .noSuchPage(let n): self = .pageFailed(page: n, reason: e.description)
        case .noSuchImage(let p, _): self = .pageFailed(page: p, reason: e.description)
        case .overBudget, .pageTooLarge: self = .overBudget(e.description)
        }
    }
}

public enum Ingest {
    /// Reads a `.pdf` (text layer, scanned or mixed) or a `.txt` (pages split on form feed)
    /// into pages of positioned, folded words.
    public static func document(at url: URL, options: IngestOptions = IngestOptions()) throws -> IngestedDocument {
        let clock = Stopwatch()
        let data: Data
        do { data = try PDFDocument.read(path: url.path) } catch let e as PDFError { throw IngestError(e) }
        let ext = url.pathExtension.lowercased()
        let isPDF = ext == "pdf" || (ext != "txt" && data.starts(with: Data("%PDF-".utf8)))
        // Hashed only once it is known to be an input we read.
        guard isPDF || ext == "txt" else { throw IngestError.unsupportedType(ext) }
        let sha = SHA256.hex(data)
        if isPDF {
            return try PDFIngest(data: data, file: url.lastPathComponent, sha256: sha, options: options,
                                 startSeconds: clock.seconds).run()
        }
        let (pages, warnings) = try TextIngest.read(data)
        return IngestedDocument(file: url.lastPathComponent, sha256: sha, pages: pages, images: nil,
                                warnings: warnings, stageSeconds: ["load": clock.seconds])
    }

    /// How each page of a PDF will be read (text layer or OCR), without reading it: cheap.
    public static func pageMethods(at url: URL) throws -> [PageMethod] {
        do {
            let reader = try PDFPageReader(pdf: PDFDocument(path: url.path), options: IngestOptions())
            return try (1...reader.pdf.pageCount).map { try reader.inspect(page: $0).method }
        } catch let e as PDFError { throw IngestError(e) }
    }
}

/// Wall-clock seconds since creation.
struct Stopwatch {
    private let start = DispatchTime.now().uptimeNanoseconds
    var seconds: Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
    /// Runs `body`, adding its seconds to `totals[stage]`.
    static func time<T>(_ stage: String, _ totals: inout [String: Double], _ body: () throws -> T) rethrows -> T {
        let s = Stopwatch()
        defer { totals[stage, default: 0] += s.seconds }
        return try body()
    }
}
