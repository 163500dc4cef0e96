import Bitmap
import Tesseract

/// Reads one line of printed text from a crop (dark text on white). The chart reader's OCR.
public protocol SurveyLabelReader: AnyObject {
    /// The text of `image` (scanned at `dpi`), limited to the characters of `whitelist` when given.
    func readLine(_ image: GreyImage, dpi: Int, whitelist: String?) -> String
}

/// Label reading through tesseract (one engine: use from one thread).
public final class TesseractLabelReader: SurveyLabelReader {
    let engine: TesseractEngine
    public init(language: String = "swe") throws { engine = try TesseractEngine(language: language) }
    public func readLine(_ image: GreyImage, dpi: Int, whitelist: String?) -> String {
        engine.recognise(image, dpi: dpi, mode: .singleLine, whitelist: whitelist).map(\.text).joined(separator: " ")
    }
}
