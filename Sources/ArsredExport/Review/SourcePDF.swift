import Foundation
import ArsredKit

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
        return render(url)
    }

    static func render(_ url: URL) -> PageImages {
        .unavailable("this build cannot render PDF pages yet (\(url.lastPathComponent))")
    }
}
