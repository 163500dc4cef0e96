import Testing
import Bitmap
@testable import ArsredKit

/// A legend over two rows whose second row the masks missed (its marks run into their names on
/// a scan): the marks are looked for level with the first row's columns.
@Suite struct ChartLegendRowTests {
    static let palette: [(UInt8, UInt8, UInt8)] = [(40, 90, 180), (160, 160, 160), (80, 150, 215), (235, 115, 35), (250, 200, 5), (110, 180, 70)]
    static let columns = [20, 100, 180], mark = (w: 8, h: 7), rows = [10, 26]

    static func picture(secondRow: (Int, Int) -> (UInt8, UInt8, UInt8)?) -> RGBImage {
        var img = RGBImage(width: 260, height: 50, pixels: [UInt8](repeating: 255, count: 260 * 50 * 3))
        func fill(_ x0: Int, _ y0: Int, _ c: (UInt8, UInt8, UInt8)) {
            for y in y0..<(y0 + mark.h) { for x in x0..<(x0 + mark.w) { img.pixels.replaceSubrange((3 * (y * img.width + x))..<(3 * (y * img.width + x) + 3), with: [c.0, c.1, c.2]) } }
        }
        for (i, x) in columns.enumerated() {
            fill(x, rows[0], palette[i])
            if let c = secondRow(i, x) { fill(x, rows[1], c) }
        }
        return img
    }

    static var firstRow: [PixelBox] { columns.map { PixelBox(x0: $0, y0: rows[0], x1: $0 + mark.w, y1: rows[0] + mark.h) } }
    static var barColours: [Colour] { palette.map { Colour(r: Double($0.0), g: Double($0.1), b: Double($0.2)) } }
    static let paper = Colour(r: 255, g: 255, b: 255)

    @Test func theSecondRowIsFoundUnderTheFirstRowsColumns() {
        let img = Self.picture { i, _ in Self.palette[3 + i] }
        let found = ChartFinder.neighbourRow(Self.firstRow, in: img, barColours: Self.barColours, paper: Self.paper)
        #expect(found.count == 3)
        #expect(found.allSatisfy { abs($0.y0 - Self.rows[1]) <= 1 })
        // A box a pixel off the mark is as much one colour inside (the first best is kept).
        #expect(zip(found.map(\.x0).sorted(), Self.columns).allSatisfy { abs($0 - $1) <= 1 })
    }

    @Test func paperOrOneLoneMarkBelowIsNoRow() {
        let none = Self.picture { _, _ in nil }
        #expect(ChartFinder.neighbourRow(Self.firstRow, in: none, barColours: Self.barColours, paper: Self.paper).isEmpty)
        let one = Self.picture { i, _ in i == 0 ? Self.palette[3] : nil }
        #expect(ChartFinder.neighbourRow(Self.firstRow, in: one, barColours: Self.barColours, paper: Self.paper).isEmpty)
    }
}
