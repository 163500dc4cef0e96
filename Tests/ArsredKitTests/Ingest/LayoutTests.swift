import Bitmap
import Testing
@testable import ArsredKit

@Suite struct LayoutTests {
    private func word(_ t: String, _ x: Double, _ y: Double, w: Double = 30) -> Word {
        Word(text: t, box: Box(x0: x, y0: y, x1: x + w, y1: y + 10))
    }

    @Test func rowsOfATwoColumnTableStayRowsWithColumnsApartByX() {
        let words = [word("2023", 400, 50), word("Intäkter", 50, 51), word("5890", 400, 70),
                     word("Kostnader", 50, 70), word("5984", 480, 69), word("2022", 480, 50)]
        let lines = LineBuilder.lines(words)
        #expect(lines.map(\.text) == ["Intäkter 2023 2022", "Kostnader 5890 5984"])
        #expect(lines[0].words.map { $0.box!.x0 } == [50, 400, 480])
    }

    @Test func aSkewedScanKeepsItsRowsWhole() {
        // A page rotated ~1.7°: y grows by 3 pt per 100 pt of x. Rows are 14 pt apart.
        var words: [Word] = [], hints: [Int] = []
        for row in 0..<3 {
            for col in 0..<6 {
                let x = 50 + Double(col) * 80
                words.append(word("r\(row)c\(col)", x, 100 + Double(row) * 14 + x * 0.03))
                hints.append(row)
            }
        }
        let lines = LineBuilder.lines(words, lineHints: hints)
        #expect(lines.count == 3)
        #expect(lines[1].words.map(\.text) == (0..<6).map { "r1c\($0)" })
        // Without the skew correction the rows' ends would run into the next row.
        #expect(LineBuilder.lines(words).count > 3)
    }

    @Test func judgesTextLayers() {
        let prose = "Årets resultat beror till stor del på vakanser i insatser finansierade av förbundet".split(separator: " ").map(String.init)
        #expect(TextLayerQuality.isRealText(prose, scanCoverage: 0))
        // A stamp on a page-sized scan is not the page's text.
        #expect(!TextLayerQuality.isRealText(["Comfact", "Signature", "Referensnummer:", "747704SE"], scanCoverage: 1))
        #expect(TextLayerQuality.isRealText(["Comfact", "Signature", "Referensnummer:", "747704SE"], scanCoverage: 0))
        #expect(!TextLayerQuality.isRealText(["3"], scanCoverage: 0))
        // Glyphs without a Unicode mapping come out as symbols and private-use characters.
        #expect(!TextLayerQuality.isRealText(["\u{E001}\u{E002}\u{E003}", "\u{E004}\u{E005}", "!\"#$", "%&'"], scanCoverage: 0))
        #expect(!TextLayerQuality.isRealText(["xkcd", "qwrtp", "zzgh", "bcdfg", "hjklm"], scanCoverage: 0))
    }

    @Test func rulesAreWhitenedTextIsKept() {
        var image = GreyImage(width: 300, height: 100)
        for x in 10..<290 { image[x, 50] = 0; image[x, 51] = 0 }        // a table rule
        for y in 5..<95 { image[150, y] = 0 }                              // a column rule
        for y in 20..<35 { for x in 20..<24 { image[x, y] = 0 } }         // a glyph stroke
        for y in 60..<95 { for x in 200..<280 { image[x, y] = 40 } }      // a filled chart bar
        let clean = RuleRemoval.clean(image, dpi: 300)
        #expect(clean[100, 50] == 255 && clean[150, 10] == 255)
        #expect(clean[21, 25] == 0)
        #expect(clean[240, 80] == 40)
    }
}
