import Bitmap

/// A rectangle on a page in PDF points (1/72 inch), origin top-left, y growing downwards.
public struct Box: Codable, Sendable, Equatable, Hashable {
    public var x0: Double, y0: Double, x1: Double, y1: Double
    public init(x0: Double, y0: Double, x1: Double, y1: Double) {
        self.x0 = x0; self.y0 = y0; self.x1 = x1; self.y1 = y1
    }
    public var width: Double { x1 - x0 }
    public var height: Double { y1 - y0 }
    public var midX: Double { (x0 + x1) / 2 }
    public var midY: Double { (y0 + y1) / 2 }
    public func union(_ o: Box) -> Box {
        Box(x0: min(x0, o.x0), y0: min(y0, o.y0), x1: max(x1, o.x1), y1: max(y1, o.y1))
    }
}

/// One word as read: its text, its folded form, where it stands (nil for text input) and,
/// for OCR, how sure the engine was (0...100).
public struct Word: Codable, Sendable, Equatable {
    public var text: String
    public var folded: String
    public var box: Box?
    public var confidence: Double?
    public init(text: String, box: Box? = nil, confidence: Double? = nil) {
        self.text = text; self.folded = FoldedText.fold(text); self.box = box; self.confidence = confidence
    }
}

/// A line of words in reading order. On a table, one printed row.
public struct Line: Codable, Sendable, Equatable {
    public var words: [Word]
    public var text: String
    /// The folded form of the whole line (see FoldedText).
    public var folded: String
    public var box: Box?
    public init(words: [Word]) {
        self.words = words
        self.text = words.map(\.text).joined(separator: " ")
        // The words' folded forms joined by `_` are the fold of the joined text: no second fold.
        self.folded = words.map(\.folded).filter { !$0.isEmpty }.joined(separator: "_")
        self.box = words.compactMap(\.box).reduce(nil) { acc, b in acc.map { $0.union(b) } ?? b }
    }
}

/// A page as the later stages see it: lines of words, whether read from the text layer or by
/// OCR, and the page size (points) when the source has one.
public struct Page: Codable, Sendable, Equatable {
    public var number: Int
    public var method: PageMethod
    public var width: Double?
    public var height: Double?
    public var lines: [Line]
    /// Mean OCR word confidence (0...100) for OCR'd pages.
    public var meanConfidence: Double?
    /// False when a page was only skimmed (read at low resolution) because it held nothing the
    /// recognisers extract.
    public var readFully: Bool
    public init(number: Int, method: PageMethod, width: Double? = nil, height: Double? = nil,
                lines: [Line], meanConfidence: Double? = nil, readFully: Bool = true) {
        self.number = number; self.method = method; self.width = width; self.height = height
        self.lines = lines; self.meanConfidence = meanConfidence; self.readFully = readFully
    }
    public var hasPositions: Bool { lines.contains { $0.box != nil } }
    public var text: String { lines.map(\.text).joined(separator: "\n") }
}

/// Gives later stages a picture of a page or a region of it (a chart embedded in a text page,
/// a bar to measure). Implemented by the ingestion stage over the PDF; nil for text input.
public protocol PageImageSource: Sendable {
    /// Renders `region` (points; whole page when nil) of page `number` (1-based) at `dpi`.
    func image(page number: Int, region: Box?, dpi: Double) throws -> RGBImage
}

/// Everything ingestion hands on: the pages, and a way back to their pictures.
public struct IngestedDocument: Sendable {
    public var file: String
    public var sha256: String
    public var pages: [Page]
    public var images: (any PageImageSource)?
    public var warnings: [String]
    /// Pages whose picture could not be decoded whole (page -> the decoder's complaint).
    public var pagesNotReadWhole: [Int: String] = [:]
    /// Seconds spent per ingestion stage ("load", "render", "ocr", ...), summed over pages.
    public var stageSeconds: [String: Double]
    public init(file: String, sha256: String, pages: [Page], images: (any PageImageSource)?,
                warnings: [String] = [], stageSeconds: [String: Double] = [:]) {
        self.file = file; self.sha256 = sha256; self.pages = pages; self.images = images
        self.warnings = warnings; self.stageSeconds = stageSeconds
    }
}
