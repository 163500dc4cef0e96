import Bitmap
import Canvas
import Foundation
import Testing

@Suite struct CanvasTests {
    @Test func filledRectangleLandsOnItsPixels() {
        let canvas = ImageCanvas(width: 40, height: 30)
        canvas.fill(Rect(x: 10, y: 5, width: 20, height: 10), RGB(200, 30, 40))
        let img = canvas.rgbImage
        #expect(img.width == 40 && img.height == 30)
        #expect(img.pixel(10, 5) == (200, 30, 40))
        #expect(img.pixel(29, 14) == (200, 30, 40))
        #expect(img.pixel(30, 14) == (255, 255, 255))
        #expect(img.pixel(9, 5) == (255, 255, 255))
        #expect(img.pixel(10, 15) == (255, 255, 255))
    }

    @Test func textInksOnlyRightOfItsOriginAndAboveItsBaseline() {
        let canvas = ImageCanvas(width: 200, height: 60)
        let font = Font("DejaVu Sans", size: 24, bold: true)
        canvas.text("Delvis", x: 20, y: 40, font: font)
        let width = canvas.textWidth("Delvis", font: font)
        #expect(width > 60 && width < 110)
        let grey = canvas.rgbImage.grey
        var inkXs: [Int] = [], inkYs: [Int] = []
        for y in 0..<grey.height { for x in 0..<grey.width where grey[x, y] < 128 { inkXs.append(x); inkYs.append(y) } }
        #expect(inkXs.count > 200)
        #expect(inkXs.min()! >= 20 && inkXs.max()! <= 20 + Int(width.rounded(.up)))
        #expect(inkYs.max()! < 41)
        #expect(inkYs.min()! >= 40 - 24)
    }

    @Test func imageDrawnScaledKeepsItsColours() {
        let src = RGBImage(width: 2, height: 1, pixels: [255, 0, 0, 0, 0, 255])
        let canvas = ImageCanvas(width: 20, height: 10)
        canvas.draw(src, in: Rect(x: 0, y: 0, width: 20, height: 10), smooth: false)
        let img = canvas.rgbImage
        #expect(img.pixel(2, 5) == (255, 0, 0))
        #expect(img.pixel(17, 5) == (0, 0, 255))
    }

    @Test func pdfWithTwoPagesIsWrittenAndRepeatable() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("canvas-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        func make(_ name: String) throws -> Data {
            let path = dir.appendingPathComponent(name).path
            let doc = try PDFDocument(path: path)
            doc.page { $0.text("Resultaträkning", x: 72, y: 72, font: Font("DejaVu Sans", size: 14)) }
            doc.page { $0.fill(Rect(x: 72, y: 72, width: 100, height: 20), RGB(hex: 0x336699)) }
            try doc.finish()
            return try Data(contentsOf: URL(fileURLWithPath: path))
        }
        let a = try make("a.pdf"), b = try make("b.pdf")
        #expect(a.starts(with: Data("%PDF-".utf8)))
        #expect(a == b)
        #expect(String(decoding: a, as: UTF8.self).contains("/Count 2"))
    }
}
