import Foundation
import ArsredKit
import Bitmap
import Codecs
import Poppler

/// Finds the PDF a document was extracted from, for its page pictures.
public enum SourcePDF {
    /// Candidates in order: `pdfs/<source.file>`, `pdfs/<its file name>` when a PDF folder is
    /// given; else `source.file` as a path (absolute, or relative to the working directory), then
    /// beside the output file.
    public static func candidates(for file: DatasetFile, pdfs: URL?, outputFolder: URL) -> [URL] {
        let source = file.document.source.file
        let name = (source as NSString).lastPathComponent
        if let pdfs {
            return [pdfs.appendingPathComponent(source), pdfs.appendingPathComponent(name)]
        }
        return [URL(fileURLWithPath: source), outputFolder.appendingPathComponent(name)]
    }

    public static func locate(_ file: DatasetFile, pdfs: URL?, outputFolder: URL) -> URL? {
        candidates(for: file, pdfs: pdfs, outputFolder: outputFolder).first {
            FileManager.default.fileExists(atPath: $0.path)
        }
    }

    /// Page pictures for `file`: rendered from its PDF when found, else why not.
    public static func pageImages(_ file: DatasetFile, pdfs: URL?, outputFolder: URL) -> PageImages {
        guard file.document.source.file.lowercased().hasSuffix(".pdf") else {
            return .unavailable("the source is \(file.document.source.file), not a PDF")
        }
        guard let url = locate(file, pdfs: pdfs, outputFolder: outputFolder) else {
            let looked = candidates(for: file, pdfs: pdfs, outputFolder: outputFolder).map(\.path).joined(separator: ", ")
            return .unavailable("\(file.document.source.file) not found (looked at \(looked); give --pdfs DIR)")
        }
        return render(url, expectedSHA256: file.document.source.sha256)
    }

    /// Hex digits of a SHA-256 a warning shows: enough to tell two files apart by eye.
    static let shownHashDigits = 12

    /// Pictures from the PDF at `url`; a warning when its bytes are not those extracted.
    static func render(_ url: URL, expectedSHA256: String) -> PageImages {
        do {
            let data = try PDFDocument.read(path: url.path)
            let pages = PDFPages(try PDFDocument(data: data))
            let sha256 = SHA256.hex(data)
            guard sha256 == expectedSHA256.lowercased() else {
                return .available(pages, warning: "\(url.path) is not the file this output was extracted from "
                    + "(sha256 \(sha256.prefix(shownHashDigits))…, expected \(expectedSHA256.prefix(shownHashDigits))…): the pictures may show other pages")
            }
            return .available(pages)
        } catch {
            return .unavailable("\(url.lastPathComponent) cannot be opened (\(error))")
        }
    }
}

/// Pictures of a PDF's pages, rendered with poppler. One document behind a lock: poppler
/// documents are not thread-safe.
final class PDFPages: PageImageSource, @unchecked Sendable {
    private let pdf: PDFDocument
    private let lock = NSLock()

    init(_ pdf: PDFDocument) { self.pdf = pdf }

    func image(page number: Int, region: Box?, dpi: Double) throws -> RGBImage {
        lock.lock(); defer { lock.unlock() }
        guard (1...pdf.pageCount).contains(number) else {
            throw InputError("page \(number) is not in the PDF (\(pdf.pageCount) pages)")
        }
        return try pdf.renderRGB(page: number, region: region.map { PDFRect(x0: $0.x0, y0: $0.y0, x1: $0.x1, y1: $0.y1) }, dpi: dpi)
    }
}
