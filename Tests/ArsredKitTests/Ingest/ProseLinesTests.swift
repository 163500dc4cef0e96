import Bitmap
import Testing
import Tesseract
@testable import ArsredKit

/// Which lines of a scanned page are running text (read second, and only when the page matters).
@Suite struct ProseLinesTests {
    /// A line of `count` words of `width` pixels each, `gap` pixels apart, starting at `x`.
    private func line(y: Int, x: Int = 100, count: Int, width: Int = 60, gap: Int = 12, height: Int = 20) -> LayoutLine {
        let words = (0..<count).map { PixelRect(x: x + $0 * (width + gap), y: y, width: width, height: height) }
        let right = words.last!.maxX
        return LayoutLine(box: PixelRect(x: x, y: y, width: right - x, height: height), words: words)
    }

    /// A table row: a label of three words, then figures far to the right.
    private func tableRow(y: Int) -> LayoutLine {
        var row = line(y: y, count: 3)
        for x in [900, 1100, 1300] { row.words.append(PixelRect(x: x, y: y, width: 80, height: 20)) }
        row.box.width = 1380 - row.box.x
        return row
    }

    @Test func wideLinesOfEvenlySpacedWordsAreRunningText() {
        let paragraph = (0..<6).map { line(y: 200 + $0 * 30, count: 18) }   // 100...1390 px
        let heading = line(y: 150, count: 2)
        #expect(ProseLines.indices(of: [heading] + paragraph) == Array(1...6))
    }

    @Test func tableRowsHeadingsAndShortLinesAreNot() {
        let rows = (0..<8).map { tableRow(y: 200 + $0 * 30) }
        let short = line(y: 500, count: 4)
        let fewWideWords = line(y: 540, count: 4, width: 300)
        let lines = rows + [short, fewWideWords, line(y: 600, count: 18)]
        #expect(lines.indices.filter { ProseLines.isRunningText(lines[$0], textWidth: 1290) } == [10])
        // One running-text line among ten: not worth a second read.
        #expect(ProseLines.indices(of: lines).isEmpty)
    }

    @Test func theFirstReadSeesThePageWithoutItsRunningText() {
        let image = GreyImage(width: 6, height: 4, pixels: [UInt8](repeating: 0, count: 24))
        let area = PixelRect(x: 1, y: 1, width: 3, height: 2)
        let without = ProseLines.without([area], in: image)
        for y in 0..<4 {
            for x in 0..<6 {
                let inside = (1..<4).contains(x) && (1..<3).contains(y)
                #expect(without.pixels[y * 6 + x] == (inside ? 255 : 0))
            }
        }
        // Areas reaching past the edges are cut to the image.
        #expect(ProseLines.without([PixelRect(x: -5, y: 3, width: 100, height: 9)], in: image).pixels.suffix(6).allSatisfy { $0 == 255 })
    }

    /// A page of running text with headings, as its first read gives it: nothing on it is a
    /// table, a chart or a signing page, so its running text need not be read.
    @Test func aProsePageReadWithoutItsRunningTextHoldsNothingToExtract() throws {
        let lines = ["Exempelbygdens samordningsförbund - Årsredovisning 2023", "1. Förvaltningsberättelse",
                     "samordningsförbundens struktur.", "Organisation", "medlemmarna. Till sin hjälp har styrelsen ett kansli.",
                     "Uppdrag", "insatser som bedrivs av de samverkande parterna.", "Finansiering",
                     "förbundsmedlemmarna uppgick till 1 234 000 kr.", "Verksamhetsidé och vision",
                     "behov samverkar så effektivt som möjligt.", "sin egen verksamhet."]
        let page = Page(number: 3, method: .ocr, lines: lines.map(TableReaderTests.line), readFully: false)
        #expect(try !TableStage.pageHoldsTable(page))
        #expect(!SurveyStage.pageHoldsSurvey(page, try PipelineConfiguration.load().surveys))
        #expect(!MetadataStage(vocabulary: try MetadataVocabulary.load()).pageHoldsMetadata(page))
        // The same page with a table's one-word heading, as OCR garbles it, must be read whole.
        let withTable = Page(number: 3, method: .ocr, lines: (lines + ["Resultatrakmng"]).map(TableReaderTests.line), readFully: false)
        #expect(try TableStage.pageHoldsTable(withTable))
    }
}

/// The first read of a page is split into ink and paper as the whole page is.
@Suite struct InkOnWhiteTests {
    @Test func theWholePagesSplitMakesShadingPaperInBothParts() throws {
        // Text (dark), paper (light) and a grey band (a shaded header row).
        var pixels = [UInt8](repeating: 245, count: 100 * 100)
        for i in 0..<1500 { pixels[i * 3] = 20 }            // ink
        for i in 9000..<9600 { pixels[i] = 200 }            // shading
        let page = GreyImage(width: 100, height: 100, pixels: pixels)
        let split = try #require(GreyThreshold.otsu(page))
        #expect(split >= 20 && split < 200)
        let clean = ProseLines.inkOnWhite(page)
        #expect(clean.pixels[9100] == 255 && clean.pixels[3] == 20 && clean.pixels[1] == 255)
    }

    @Test func aOneLevelImageHasNoSplit() {
        #expect(GreyThreshold.otsu(GreyImage(width: 3, height: 3, pixels: [UInt8](repeating: 7, count: 9))) == nil)
    }
}
