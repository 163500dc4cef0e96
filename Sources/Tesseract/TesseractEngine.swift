import Bitmap

/// One word as tesseract read it, in pixels of the image it was given.
public struct OCRWord: Sendable, Equatable {
    public var text: String
    public var x: Int, y: Int, width: Int, height: Int
    /// 0...100
    public var confidence: Double
    /// Index of the text line the word belongs to (tesseract's layout), counting from 0.
    public var line: Int
    public init(text: String, x: Int, y: Int, width: Int, height: Int, confidence: Double, line: Int) {
        self.text = text; self.x = x; self.y = y; self.width = width; self.height = height
        self.confidence = confidence; self.line = line
    }
}

/// How tesseract should cut the image into lines (its page segmentation modes).
public enum SegmentationMode: Int32, Sendable {
    case auto = 3          // PSM_AUTO
    case singleColumn = 4  // PSM_SINGLE_COLUMN
    case block = 6         // PSM_SINGLE_BLOCK
    case singleLine = 7    // PSM_SINGLE_LINE
    case sparse = 11       // PSM_SPARSE_TEXT
}

public enum TesseractError: Error, CustomStringConvertible, Equatable {
    case cannotInitialise(language: String, dataPath: String?)
    public var description: String {
        switch self {
        case .cannotInitialise(let l, let p):
            "tesseract: cannot load language '\(l)' from \(p ?? "the default tessdata") (is tesseract-ocr-\(l.split(separator: "+").first ?? "") installed?)"
        }
    }
}

/// A tesseract instance. Not thread-safe: one per worker.
public final class TesseractEngine {
    public let language: String

    /// Loads `language` (e.g. "swe", "swe+eng") from `dataPath` (nil: tesseract's default).
    public init(language: String = "swe", dataPath: String? = nil) throws {
        self.language = language
        fatalError("TesseractEngine: not built yet")
    }

    /// Reads `image` (scanned at `dpi`). `whitelist` limits the characters tesseract may answer.
    public func recognise(_ image: GreyImage, dpi: Int, mode: SegmentationMode = .auto,
                          whitelist: String? = nil) -> [OCRWord] {
        fatalError("TesseractEngine: not built yet")
    }
}
