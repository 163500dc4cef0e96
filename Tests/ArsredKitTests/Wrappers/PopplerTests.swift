import Foundation
@testable import Poppler
import Testing

@Suite struct PopplerTests {
    @Test(.enabled(if: SharedData.available, "needs ../shared")) func readsWordsWithBoxesFromTheTextLayer() throws {
        let pdf = try PDFDocument(path: SharedData.corpus("dev02-finnveden-2025.pdf").path)
        #expect(pdf.pageCount == 16)
        let size = try pdf.pageSize(4)
        #expect(abs(size.width - 595.28) < 0.01 && abs(size.height - 841.89) < 0.01)
        let words = try pdf.words(page: 4)
        let heading = try #require(words.first { $0.text == "Översikt" })
        #expect(abs(heading.box.x0 - 92.67) < 0.01)
        #expect(abs(heading.box.y0 - 76.20) < 0.01)
        #expect(abs(heading.box.x1 - 143.82) < 0.01)
        #expect(abs(heading.box.y1 - 90.90) < 0.01)
        #expect(words.contains { $0.text == "7040" })
    }

    @Test(.enabled(if: SharedData.available, "needs ../shared")) func findsTheScanOfAScannedPage() throws {
        let pdf = try PDFDocument(path: SharedData.corpus("dev04-skelleftea-2023.pdf").path)
        #expect(try pdf.words(page: 1).isEmpty)
        let placements = try pdf.imagePlacements(page: 1)
        #expect(placements.count == 1)
        let scan = try pdf.image(page: 1, id: placements[0].id)
        #expect(scan.width == 2481 && scan.height == 3508)
        guard case .grey = scan else { Issue.record("a grey scan decoded as colour"); return }
    }

    @Test(.enabled(if: SharedData.available, "needs ../shared")) func rendersARegionAtTheAskedResolution() throws {
        let pdf = try PDFDocument(path: SharedData.corpus("dev02-finnveden-2025.pdf").path)
        let page = try pdf.renderGrey(page: 4, dpi: 72)
        #expect(page.width == 595 && page.height == 842)
        let region = try pdf.renderRGB(page: 4, region: PDFRect(x0: 90, y0: 70, x1: 190, y1: 95), dpi: 144)
        #expect(region.width == 200 && region.height == 50)
        // The heading is dark print on white.
        #expect(region.grey.pixels.contains { $0 < 80 })
        #expect(region.grey.pixels.filter { $0 > 240 }.count > region.grey.pixels.count / 2)
    }

    @Test func namesEachBrokenFile() throws {
        #expect(throws: PDFError.notPDF) { try PDFDocument(data: Data("hello, not a pdf".utf8)) }
        #expect(PDFError.notPDF.description == "not a PDF (the file does not start with %PDF-)")
        #expect(throws: PDFError.noPages) { try PDFDocument(data: BrokenFiles.zeroPagePDF) }
        #expect(PDFError.noPages.description == "the PDF has no pages")
        let encrypted = EncryptedPDF.data
        #expect(throws: PDFError.encrypted) { try PDFDocument(data: encrypted) }
        #expect(PDFError.encrypted.description == "encrypted PDF (password-protected)")
        #expect(throws: PDFError.unreadable("no such file")) { try PDFDocument(path: "/nonexistent/report.pdf") }
        #expect(throws: PDFError.unreadable("it is a directory")) { try PDFDocument(path: NSTemporaryDirectory()) }
    }

    @Test(.enabled(if: SharedData.available, "needs ../shared")) func refusesATruncatedPDF() throws {
        let whole = try Data(contentsOf: SharedData.corpus("dev02-finnveden-2025.pdf"))
        #expect(throws: PDFError.truncated) { try PDFDocument(data: whole.prefix(whole.count / 2)) }
        #expect(PDFError.truncated.description == "truncated PDF (the file ends before its %%EOF marker)")
    }

    @Test func groupsCharactersIntoWordsBySpacesAndGaps() {
        func c(_ ch: Character, _ x: Double) -> PDFChar {
            PDFChar(character: ch, box: PDFRect(x0: x, y0: 10, x1: x + 5, y1: 20))
        }
        // "ab cd" then "12" far to the right on the same line (a table column).
        let chars = [c("a", 0), c("b", 5), c(" ", 10), c("c", 13), c("d", 18), c("1", 100), c("2", 105)]
        let words = PDFDocument.group(chars)
        #expect(words.map(\.text) == ["ab", "cd", "12"])
        #expect(words[2].box == PDFRect(x0: 100, y0: 10, x1: 110, y1: 20))
    }
}
