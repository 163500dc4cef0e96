import Foundation
import Poppler
import Tesseract
import Testing

@Suite struct TesseractTests {
    @Test func missingTessdataIsAClearError() {
        #expect(throws: TesseractError.cannotInitialise(language: "swe", dataPath: "/nonexistent/tessdata")) {
            try TesseractEngine(language: "swe", dataPath: "/nonexistent/tessdata")
        }
        #expect(TesseractError.cannotInitialise(language: "swe", dataPath: "/nonexistent/tessdata").description
            == "tesseract: cannot load language 'swe' from /nonexistent/tessdata (needs tesseract-ocr-swe)")
    }

    @Test func modelFilesAreLookedForWithoutLoadingThem() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tessdata-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        FileManager.default.createFile(atPath: dir.appendingPathComponent("swe.traineddata").path, contents: Data("x".utf8))
        #expect(TesseractEngine.modelFilesPresent(language: "swe", dataPath: dir.path))
        #expect(!TesseractEngine.modelFilesPresent(language: "swe+eng", dataPath: dir.path))
        #expect(TesseractEngine.modelFilesPresent(language: "swe", environment: ["TESSDATA_PREFIX": dir.path]))
        #expect(!TesseractEngine.modelFilesPresent(language: "xyz", environment: [:]))
        // A file that is there but no model is found by the load, not by the look.
        #expect(throws: TesseractError.cannotInitialise(language: "swe", dataPath: dir.path)) {
            try TesseractEngine(language: "swe", dataPath: dir.path)
        }
    }

    @Test(.enabled(if: SharedData.available, "needs ../shared")) func readsAFigureFromAScannedPage() throws {
        let pdf = try PDFDocument(path: SharedData.corpus("dev04-skelleftea-2023.pdf").path)
        let scan = try pdf.image(page: 4, id: try pdf.imagePlacements(page: 4)[0].id).grey
        // The five-year overview's first rows (top quarter of the page).
        let top = scan.crop(x: 0, y: 300, width: scan.width, height: 500)
        let words = try TesseractEngine(language: "swe").recognise(top, dpi: 300, mode: .block)
        let texts = words.map(\.text)
        #expect(texts.contains("5890"))
        #expect(texts.contains("intäkter"))
        let figure = try #require(words.first { $0.text == "5890" })
        #expect(figure.confidence > 80)
        let label = try #require(words.first { $0.text == "Verksamhetens" })
        #expect(label.line == figure.line)
        #expect(figure.x > label.x + label.width)
    }
}
