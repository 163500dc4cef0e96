import Foundation
import Testing
import Bitmap
import Canvas
@testable import ArsredKit

/// A page with two figures of a made-up table, drawn on demand; counts the renderings asked for.
final class CountingFigurePage: PageImageSource, @unchecked Sendable {
    static let figures: [(text: String, x: Double, y: Double)] = [("-1 234", 300, 200), ("87", 300, 260)]
    static let size = 10.0
    private let lock = NSLock()
    private(set) var wholePages = 0, regions = 0

    /// The figures' boxes in points: as wide as their text, one em high above the baseline.
    static func box(_ i: Int) -> Box {
        let f = figures[i], width = ImageCanvas(width: 1, height: 1).textWidth(f.text, font: Font("DejaVu Sans", size: size))
        return Box(x0: f.x, y0: f.y - size * 0.8, x1: f.x + width, y1: f.y + size * 0.2)
    }

    func image(page number: Int, region: Box?, dpi: Double) throws -> RGBImage {
        lock.withLock { if region == nil { wholePages += 1 } else { regions += 1 } }
        let k = dpi / 72
        let canvas = ImageCanvas(width: Int(595 * k), height: Int(842 * k))
        canvas.scale(by: k)
        for f in Self.figures { canvas.text(f.text, x: f.x, y: f.y, font: Font("DejaVu Sans", size: Self.size)) }
        let page = canvas.rgbImage
        guard let r = region else { return page }
        return page.crop(x: Int((r.x0 * k).rounded()), y: Int((r.y0 * k).rounded()),
                         width: Int((r.width * k).rounded()), height: Int((r.height * k).rounded()))
    }
}

@Suite struct CellRereadTests {
    @Test func theSecondReadsBorrowTheLabelReadersFigureModel() throws {
        let pool = LabelReaderPool(tessdata: nil)
        let loan = pool.loan()
        let rereader = OCRFigureRereader(images: CountingFigurePage(), language: IngestOptions.defaultLanguage, tessdata: nil,
                                         borrowReader: loan.take)
        #expect(rereader.reread(page: 1, box: CountingFigurePage.box(0), pass: 0) == -1234)
        let lent = try #require(loan.take().map(ObjectIdentifier.init))
        loan.end()
        // Back in the pool: the next loan gets the same reader, models loaded once.
        #expect(try pool.withReader { ObjectIdentifier($0) } == lent)
    }

}
