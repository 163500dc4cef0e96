import Bitmap
import Foundation
import Tesseract

/// A second look at one figure of a page: its region read again on its own. What ingestion
/// hands the checks, beside the pages, so a figure the arithmetic suspects can be read once more
/// without the checks touching images or OCR (nil for text input).
public protocol FigureRereading: AnyObject {
    /// The figure in `box` (points) of page `page` as another read gives it (`pass` 0, 1, ...:
    /// reads made differently); nil when it reads as no number.
    func reread(page: Int, box: Box, pass: Int) -> Double?
}

/// Reads a figure's region again, apart from its row: rendered finer than the page was read,
/// as a single line, digits and signs only, with the English model (which reads `24%` where
/// the Swedish one answers `244`, see `TesseractLabelReader`). Another segmentation and scale
/// than the page's, so its misreadings are others. Use from one thread.
public final class OCRFigureRereader: FigureRereading {
    let images: any PageImageSource
    let language: String
    let tessdata: String?
    /// Lends the reader of the second reads (the chart labels' figure reader, already loaded);
    /// nil or answering nil: an engine of the rereader's own.
    let borrowReader: (() -> SurveyLabelReader?)?
    private var reader: SurveyLabelReader?
    private var failed = false

    /// Resolutions the region is rendered at, one a pass (dpi): finer than the page's OCR
    /// (200-300 dpi), so tesseract sees the minus and the digit strokes over more pixels; two
    /// scales, so two passes do not share one misreading.
    static let passDPI = [400.0, 300.0]
    /// Margin around the figure's box, in box heights: room for a minus or a digit the first
    /// read left out of the word, not so much that a cell's ruling comes in (at 0.6 a vertical
    /// rule beside a lone `1` read as `14`).
    static let marginX = 0.3, marginY = 0.35
    /// What a figure is made of.
    static let whitelist = "0123456789-−()%"
    /// The model of the second read; the page's own language when it is not installed.
    static let figureLanguage = "eng"

    public init(images: any PageImageSource, language: String, tessdata: String?,
                borrowReader: (() -> SurveyLabelReader?)? = nil) {
        self.images = images; self.language = language; self.tessdata = tessdata; self.borrowReader = borrowReader
    }

    public func reread(page: Int, box: Box, pass: Int) -> Double? {
        guard !failed, Self.passDPI.indices.contains(pass), let reader = figureReader() else { return nil }
        let dpi = Self.passDPI[pass]
        let h = box.height
        let region = Box(x0: box.x0 - Self.marginX * h, y0: box.y0 - Self.marginY * h,
                         x1: box.x1 + Self.marginX * h, y1: box.y1 + Self.marginY * h)
        guard let image = crop(page: page, region: region, dpi: dpi) else { return nil }
        let text = reader.readLine(image, dpi: Int(dpi), whitelist: Self.whitelist).replacingOccurrences(of: "−", with: "-")
        return SwedishNumber.parse(text)
    }

    /// The lent reader, else one of its own: the English model, else the page's language.
    private func figureReader() -> SurveyLabelReader? {
        if let reader { return reader }
        reader = borrowReader?() ?? (try? TesseractEngine(language: Self.figureLanguage, dataPath: tessdata)).map(EngineLineReader.init)
            ?? (try? TesseractEngine(language: language, dataPath: tessdata)).map(EngineLineReader.init)
        failed = reader == nil
        return reader
    }

    /// `region` of the page rendered at `dpi`.
    private func crop(page: Int, region: Box, dpi: Double) -> GreyImage? {
        (try? images.image(page: page, region: region, dpi: dpi))?.grey
    }
}

/// One engine reading single lines as the chart-label reader does.
private final class EngineLineReader: SurveyLabelReader {
    let engine: TesseractEngine
    init(_ engine: TesseractEngine) { self.engine = engine }
    func readLine(_ image: GreyImage, dpi: Int, whitelist: String?) -> String {
        engine.readLine(image, dpi: dpi, whitelist: whitelist)
    }
}
