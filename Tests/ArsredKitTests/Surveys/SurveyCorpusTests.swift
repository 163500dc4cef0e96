import Foundation
import Testing
@testable import ArsredKit

/// End to end on ../shared/corpus-dev: pages as the ingestion dumps them (page JSON in
/// $ARSRED_PAGE_DUMPS), pictures and label OCR through the poppler and tesseract tools.
@Suite struct SurveyCorpusTests {
    static let dumps = ProcessInfo.processInfo.environment["ARSRED_PAGE_DUMPS"] ?? "/work/cache/surveys/pages"

    static func recognise(_ stem: String) throws -> SurveyRecognition? {
        let dump = URL(fileURLWithPath: dumps).appendingPathComponent("\(stem).json")
        guard SharedData.available(), SurveyDev.toolsPresent, FileManager.default.fileExists(atPath: dump.path) else {
            print("skipping \(stem): no page dump at \(dump.path) or no pdftoppm/tesseract")
            return nil
        }
        let pages = try JSONDecoder().decode([Page].self, from: Data(contentsOf: dump))
        let pdf = SharedData.corpus("\(stem).pdf")
        let doc = IngestedDocument(file: pdf.lastPathComponent, sha256: "", pages: pages, images: PdftoppmImages(pdf: pdf))
        let r = try SurveyStage.recognise(document: doc, vocabulary: SurveyVocabulary.load(), reader: TesseractToolReader())
        try SurveyOutput.write(r, stem: stem, file: pdf.lastPathComponent, pageCount: pages.count)
        return r
    }

    @Test func allCorpusReports() throws {
        guard let stems = ProcessInfo.processInfo.environment["ARSRED_SURVEY_STEMS"] else { return }
        for stem in stems.split(separator: ",") {
            let r = try Self.recognise(String(stem))
            print(stem, r?.surveys.map { "\($0.programme) p\($0.page ?? 0) \($0.respondents ?? "-") \($0.questions.count)q" } ?? [], r?.warnings ?? [])
        }
    }
}

/// Development aid: ARSRED_SURVEY_DEBUG=stem:page prints what the chart finder sees.
@Suite struct SurveyChartDebug {
    @Test func printLayout() throws {
        guard let spec = ProcessInfo.processInfo.environment["ARSRED_SURVEY_DEBUG"] else { return }
        let parts = spec.split(separator: ":")
        let images = PdftoppmImages(pdf: SharedData.corpus("\(parts[0]).pdf"))
        let img = try images.image(page: Int(parts[1])!, region: nil, dpi: 100)
        print("paper", img.paperLevel)
        for l in ChartFinder.find(in: img, dpi: 100) {
            print("bars", l.bars.map { "\($0.x0)-\($0.x1)x\($0.y0)-\($0.y1)" })
            print("swatches", l.swatches.map { "\($0.x0)-\($0.x1)x\($0.y0)-\($0.y1)" })
        }
        let solid = ChartFinder.erode(ChartFinder.inkMask(img), width: img.width, height: img.height)
        for c in ChartFinder.components(solid, width: img.width, height: img.height) where c.box.width > 50 {
            print("comp", c.box, c.count)
        }
    }
}
