import Bitmap
import Tesseract

/// Reads one line of printed text from a crop (dark text on white). The chart reader's OCR.
public protocol SurveyLabelReader: AnyObject {
    /// The text of `image` (scanned at `dpi`), limited to the characters of `whitelist` when given.
    func readLine(_ image: GreyImage, dpi: Int, whitelist: String?) -> String
}

/// Label reading through tesseract (use from one thread). Words (legend, question labels) are
/// read with the Swedish model; figures with the English one, which reads `24%` where the
/// Swedish model answers `244`.
public final class TesseractLabelReader: SurveyLabelReader {
    let words: TesseractEngine
    let figures: TesseractEngine
    /// The models it loads: words, figures.
    public static let languages = ["swe", "eng"]
    /// `tessdata`: the folder holding the models (nil: tesseract's default), as `--tessdata` gives it.
    public init(tessdata: String? = nil) throws {
        words = try TesseractEngine(language: Self.languages[0], dataPath: tessdata)
        figures = try TesseractEngine(language: Self.languages[1], dataPath: tessdata)
    }
    public func readLine(_ image: GreyImage, dpi: Int, whitelist: String?) -> String {
        (whitelist == nil ? words : figures).readLine(image, dpi: dpi, whitelist: whitelist)
    }
}

extension TesseractEngine {
    /// `image` read as one line of text, its words joined by spaces.
    func readLine(_ image: GreyImage, dpi: Int, whitelist: String?) -> String {
        recognise(image, dpi: dpi, mode: .singleLine, whitelist: whitelist).map(\.text).joined(separator: " ")
    }
}
