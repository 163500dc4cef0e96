import Foundation
import Poppler
import Testing
@testable import ArsredKit

@Suite struct IngestTests {
    @Test(.enabled(if: SharedData.available, "needs ../shared")) func textLayerReportKeepsWordsBoxesAndRows() throws {
        let doc = try Ingest.document(at: SharedData.corpus("dev02-finnveden-2025.pdf"), options: IngestOptions(jobs: 2))
        #expect(doc.file == "dev02-finnveden-2025.pdf")
        #expect(doc.sha256 == "8eab3b25e593efef05f3bd78928f80cc6b9398696142f3c433b286b2486d3bc5")
        #expect(doc.pages.count == 16)
        #expect(doc.pages.allSatisfy { $0.method == .textLayer && $0.readFully && $0.hasPositions })
        // The five-year overview: one line per row, label then the figures left to right.
        let row = try #require(doc.pages[3].lines.first { $0.folded.hasPrefix("verksamhetens_intakter") })
        #expect(row.text == "Verksamhetens intäkter 7040 7213 7271 7012 6948")
        let xs = row.words.compactMap { $0.box?.x0 }
        #expect(xs == xs.sorted())
        #expect(doc.stageSeconds["load"] != nil && doc.stageSeconds["layout"] != nil)
        #expect(doc.images != nil)
    }

    @Test(.enabled(if: SharedData.available, "needs ../shared")) func mixedReportGetsEachPageMethodRight() throws {
        let methods = try Ingest.pageMethods(at: SharedData.corpus("dev01-alv-kust-2023.pdf"))
        let truth = try JSONSerialization.jsonObject(
            with: Data(contentsOf: SharedData.corpus("dev01-alv-kust-2023.truth.json"))) as! [String: Any]
        let pages = (truth["source"] as! [String: Any])["pages"] as! [[String: Any]]
        #expect(methods.map(\.rawValue) == pages.map { $0["method"] as! String })
        #expect(methods.filter { $0 == .ocr }.count == 9)
    }

    @Test(.enabled(if: SharedData.available, "needs ../shared")) func scannedReportIsAllOCR() throws {
        let methods = try Ingest.pageMethods(at: SharedData.corpus("dev05-vastra-skaraborg-2020.pdf"))
        #expect(methods == Array(repeating: .ocr, count: 20))
    }

    @Test(.enabled(if: SharedData.available, "needs ../shared")) func sameOutputWhateverTheNumberOfJobs() throws {
        // Pages 2-4 of the mixed report: two text pages and a scanned table page.
        let url = SharedData.corpus("dev01-alv-kust-2023.pdf")
        let one = try Ingest.document(at: url, options: IngestOptions(jobs: 1, pages: 2...4))
        let two = try Ingest.document(at: url, options: IngestOptions(jobs: 2, pages: 2...4))
        #expect(one.pages.map(\.number) == [2, 3, 4])
        #expect(one.pages.map(\.method) == [.textLayer, .ocr, .textLayer])
        #expect(one.pages == two.pages)
        let scanned = one.pages[1]
        #expect(scanned.readFully)
        #expect((scanned.meanConfidence ?? 0) > 80)
        #expect(scanned.lines.contains { $0.folded.contains("oversikt_over_verksamhetens_utveckling") })
        #expect(one.stageSeconds["ocr"] != nil && one.stageSeconds["render"] != nil)
    }

    @Test(.enabled(if: SharedData.available, "needs ../shared")) func pageImagesRenderARegion() throws {
        let doc = try Ingest.document(at: SharedData.corpus("dev02-finnveden-2025.pdf"), options: IngestOptions(jobs: 1, pages: 1...1))
        let images = try #require(doc.images)
        let picture = try images.image(page: 4, region: Box(x0: 0, y0: 0, x1: 100, y1: 50), dpi: 144)
        #expect(picture.width == 200 && picture.height == 100)
    }

    @Test(.enabled(if: SharedData.available, "needs ../shared")) func textInputSplitsPagesOnFormFeeds() throws {
        let doc = try Ingest.document(at: SharedData.sample("hoglandet-2023.txt"))
        #expect(doc.pages.count == 72)
        #expect(doc.sha256 == "d6691c1b01c61991469df6fcd9a88c709c1ea8af4c41eb79982b03b0cf6780b9")
        #expect(doc.images == nil)
        #expect(doc.pages.allSatisfy { !$0.hasPositions })
        #expect(doc.pages[0].lines[1].text == "Ordférande har ordet e =")
    }

    @Test func textPagesAndTheirEdges() throws {
        let url = try BrokenFiles.write(Data("Sida ett\nrad två\u{0C}Sida tre  ord\n\u{0C}".utf8), "pages.txt")
        let doc = try Ingest.document(at: url)
        #expect(doc.pages.count == 2)
        #expect(doc.pages[0].lines.map(\.text) == ["Sida ett", "rad två"])
        #expect(doc.pages[1].lines[0].words.map(\.text) == ["Sida", "tre", "ord"])
        #expect(doc.pages[1].lines[0].words[0].box == nil)
    }

    @Test func namesEachBadInput() throws {
        func failure(_ data: Data, _ name: String) throws -> IngestError? {
            do { _ = try Ingest.document(at: try BrokenFiles.write(data, name)); return nil } catch let e as IngestError { return e }
        }
        #expect(try failure(Data(), "empty.txt") == .emptyText)
        #expect(try failure(Data(" \n\u{0C}\n".utf8), "blank.txt") == .emptyText)
        #expect(IngestError.emptyText.description == "empty text file")
        #expect(try failure(Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]), "image.txt") == .binaryText)
        #expect(IngestError.binaryText.description == "not a text file (binary content)")
        #expect(try failure(Data("hello".utf8), "report.pdf") == .notPDF)
        #expect(try failure(BrokenFiles.zeroPagePDF, "zero.pdf") == .noPages)
        let encrypted = EncryptedPDF.data
        #expect(try failure(encrypted, "locked.pdf") == .encryptedPDF)
        #expect(try failure(Data("x".utf8), "notes.docx") == .unsupportedType("docx"))
        #expect(throws: IngestError.unreadable("no such file")) {
            try Ingest.document(at: URL(fileURLWithPath: "/nonexistent/a.pdf"))
        }
        #expect(IngestError.unreadable("no such file").description == "cannot read the file: no such file")
    }

    @Test(.enabled(if: SharedData.available, "needs ../shared")) func missingTessdataFailsOnlyWhenAPageNeedsOCR() throws {
        let options = IngestOptions(jobs: 1, tessdataPath: "/nonexistent/tessdata", pages: 3...3)
        #expect(throws: IngestError.ocrUnavailable(
            "tesseract: cannot load language 'swe+eng' from /nonexistent/tessdata (needs tesseract-ocr-swe and tesseract-ocr-eng)")) {
            try Ingest.document(at: SharedData.corpus("dev01-alv-kust-2023.pdf"), options: options)
        }
        let textPage = IngestOptions(jobs: 1, tessdataPath: "/nonexistent/tessdata", pages: 2...2)
        #expect(try Ingest.document(at: SharedData.corpus("dev01-alv-kust-2023.pdf"), options: textPage).pages.count == 1)
    }

    @Test(.enabled(if: SharedData.available, "needs ../shared")) func truncatedPDFIsNamed() throws {
        let whole = try Data(contentsOf: SharedData.corpus("dev02-finnveden-2025.pdf"))
        #expect(throws: IngestError.truncatedPDF) {
            try Ingest.document(at: try BrokenFiles.write(whole.prefix(100_000), "cut.pdf"))
        }
    }
}

@Suite struct ScanResolutionTests {
    private func scan(_ pdf: Data) throws -> ScanImage {
        let reader = try PDFPageReader(pdf: PDFDocument(data: pdf), options: IngestOptions(maxDPI: 200))
        let content = try reader.inspect(page: 1)
        #expect(content.method == .ocr)
        return try reader.scanImage(page: 1, size: content.size, placements: content.placements)
    }

    @Test func aScanSavedAt72DpiIsReadAtItsOwnPixels() throws {
        // A 2481x3508-pixel scan on a page of 2481x3508 points: 72 dpi, page 34 inches tall.
        let s = try scan(MadePDFs.imageOnly(width: 2481, height: 3508, pixels: (2481, 3508)))
        #expect(s.image.width == 2481 && s.image.height == 3508)
        #expect(s.dpi == 72)
    }

    @Test func aScanAbove200DpiIsReducedTo200() throws {
        // A4 at 300 dpi.
        let s = try scan(MadePDFs.imageOnly(width: 595, height: 842, pixels: (2480, 3508)))
        #expect(s.dpi == 200)
        #expect(s.image.width == 1653 && s.image.height == 2338)
        // The drawn bar is still dark after averaging.
        #expect(s.image[800, 2338 / 3 + 1] < 100)
    }
}
