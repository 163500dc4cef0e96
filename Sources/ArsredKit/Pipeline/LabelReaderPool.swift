import Foundation

/// The survey stage's label readers (two tesseract models each), kept across the documents a
/// runner reads: loading them costs about a quarter of a second of CPU, as much as reading every
/// chart label of a small report (measured: 0.23-0.32 s per document). A reader is lent to one
/// document at a time and comes back when the document is done, so documents read concurrently
/// never share one (a tesseract engine is for one thread).
public final class LabelReaderPool: @unchecked Sendable {
    /// The folder holding the models (nil: tesseract's default), as `--tessdata` gives it.
    public let tessdata: String?
    private var idle: [TesseractLabelReader] = []
    private let lock = NSLock()

    public init(tessdata: String?) { self.tessdata = tessdata }

    /// Runs `body` with a reader of the pool (made on first need), returned afterwards.
    func withReader<T>(_ body: (SurveyLabelReader) throws -> T) throws -> T {
        let reader = try lock.withLock { idle.popLast() } ?? TesseractLabelReader(tessdata: tessdata)
        defer { lock.withLock { idle.append(reader) } }
        return try body(reader)
    }
}
