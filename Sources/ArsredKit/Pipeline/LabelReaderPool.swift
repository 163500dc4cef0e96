import Foundation

/// The survey stage's label readers (two tesseract models each), kept across the documents a
/// runner reads: loading them costs about a quarter of a second of CPU, as much as reading every
/// chart label of a small report (measured: 0.23-0.32 s per document). A reader is lent to one
/// document at a time and comes back when the document is done, so documents read concurrently
/// never share one (a tesseract engine is for one thread). The checks' second reads of figures
/// borrow one too (`loan()`): they read with the same English model the same way.
public final class LabelReaderPool: @unchecked Sendable {
    /// The folder holding the models (nil: tesseract's default), as `--tessdata` gives it.
    public let tessdata: String?
    private var idle: [TesseractLabelReader] = []
    private let lock = NSLock()

    public init(tessdata: String?) { self.tessdata = tessdata }

    /// Runs `body` with a reader of the pool (made on first need), returned afterwards.
    func withReader<T>(_ body: (SurveyLabelReader) throws -> T) throws -> T {
        let reader = try borrow()
        defer { giveBack(reader) }
        return try body(reader)
    }

    /// A reader of the pool (made when none is idle), out of the pool until `giveBack`.
    func borrow() throws -> TesseractLabelReader {
        try lock.withLock { idle.popLast() } ?? TesseractLabelReader(tessdata: tessdata)
    }

    func giveBack(_ reader: TesseractLabelReader) { lock.withLock { idle.append(reader) } }

    /// A loan taken only when first asked for (a document without second reads loads no model).
    func loan() -> LabelReaderLoan { LabelReaderLoan(pool: self) }
}

/// A reader borrowed from a pool on first need and returned by `end()`. Use from one thread.
final class LabelReaderLoan {
    private let pool: LabelReaderPool
    private var reader: TesseractLabelReader?
    private var failed = false

    init(pool: LabelReaderPool) { self.pool = pool }

    /// The borrowed reader; nil when the pool cannot make one (a model missing).
    func take() -> SurveyLabelReader? {
        if reader == nil, !failed {
            reader = try? pool.borrow()
            failed = reader == nil
        }
        return reader
    }

    /// Returns the reader to the pool (the loan can be taken again afterwards).
    func end() {
        if let reader { pool.giveBack(reader) }
        reader = nil
    }
}
