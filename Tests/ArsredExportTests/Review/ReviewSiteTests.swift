import Foundation
import Testing
import Bitmap
import Codecs
import ArsredKit
@testable import ArsredExport

/// Stands in for the PDF: a white page with a red band as tall as 4 px a page number, counting renders.
final class FakePages: PageImageSource, @unchecked Sendable {
    var rendered: [Int] = []
    func image(page number: Int, region: Box?, dpi: Double) throws -> RGBImage {
        rendered.append(number)
        let w = Int(595 * dpi / 72), h = Int(842 * dpi / 72)
        var pixels = [UInt8](repeating: 255, count: w * h * 3)
        for y in 10..<(10 + number * 4) { for x in 10..<(w - 10) { pixels[(y * w + x) * 3 + 1] = 40; pixels[(y * w + x) * 3 + 2] = 40 } }
        return RGBImage(width: w, height: h, pixels: pixels)
    }
}

@Suite struct ReviewSiteTests {
    /// The `<td ...>` holding `value` as printed, with its attributes.
    static func cell(_ html: String, _ printed: String) -> String? {
        let needle = ">\(printed)<"
        guard let r = html.range(of: needle) else { return nil }
        let start = html[..<r.lowerBound].range(of: "<td", options: .backwards)!.lowerBound
        return String(html[start..<r.upperBound])
    }

    @Test func reportPageShowsTablesBesideTheirPagePictureWithProblemsMarked() throws {
        let doc = Documents.small()
        var hand = doc
        hand.tables[0].rows[1].values["2023"] = -1_100_100                   // a differing figure
        hand.tables[1].rows.append(TableRow(key: "ovrigt", label: "Övrigt", values: TableValues([("2023", 500)])))
        hand.indicatorSurveys[0].questions[0].percentages?[.tillStorDel] = 35   // a survey figure
        let file = Documents.file(doc, "testbygden-2023.json")
        let diff = DatasetDiff.compare(extracted: [file], hand: [HandDocument(Documents.file(hand, "testbygden-2023.truth.json"))])
        let site = ReviewSite(files: [file], diff: diff, dpi: 30)
        let pages = FakePages()
        let html = site.reportPage(file, images: .available(pages))

        #expect(pages.rendered == [2, 3])   // once a page, though two tables share page 2
        #expect(html.contains("<title>Testbygdens samordningsförbund 2023 · arsred review</title>"))
        #expect(html.contains("<section class=\"page\" id=\"page-2\"><h2>Page 2 · OCR (confidence 81) · table</h2>"))
        // 247 x 350 at 30 dpi, trimmed to the band (rows 10..<18) and 12 px around it.
        #expect(html.contains("<img alt=\"page 2\" width=\"247\" height=\"30\" src=\"data:image/png;base64,iVBORw0KGgo"))
        // Picture first, then the tables of that page.
        let picture = try #require(html.range(of: "alt=\"page 2\""))
        let income = try #require(html.range(of: "id=\"table-income_statement\""))
        let note = try #require(html.range(of: "id=\"table-note_2\""))
        let page3 = try #require(html.range(of: "alt=\"page 3\""))
        #expect(picture.lowerBound < income.lowerBound && income.lowerBound < note.lowerBound && note.lowerBound < page3.lowerBound)

        // The failed check (note_2 summa = income_statement.verksamhetens_intakter, 2023) marks both cells.
        #expect(html.contains("<li class=\"fail\">✗ <a href=\"#table-note_2\">note_2</a> (page 2) · 2023: <code>summa = income_statement.verksamhetens_intakter</code> — 1200000 != 1200500</li>"))
        let note2 = String(html[note.lowerBound...]).components(separatedBy: "</table>")[0]
        let summaRow = try #require(note2.range(of: ">Summa</td>"))
        #expect(Self.cell(String(note2[summaRow.upperBound...]), "1\u{00A0}200\u{00A0}000")?.contains("check-failed") == true)
        #expect(Self.cell(note2, "1\u{00A0}200\u{00A0}000") == "<td class=\"value\">1\u{00A0}200\u{00A0}000<")   // driftbidrag: not named
        let intakter = try #require(Self.cell(html, "1\u{00A0}200\u{00A0}500"))
        #expect(intakter.contains("class=\"value check-failed\""))
        #expect(intakter.contains("failed: summa = income_statement.verksamhetens_intakter (1200000 != 1200500)"))
        #expect(html.contains("<span class=\"badge fail\">✗ 1 failed check</span>"))
        // The warning names page 2: listed at the top and shown on the page.
        #expect(html.contains("<li class=\"warn\">⚠ page 2: OCR confidence 81, figures checked</li>"))
        #expect(html.contains("<p class=\"warn-box\">⚠ page 2: OCR confidence 81, figures checked</p>"))
        // Hand data: the differing cell shows both figures; the hand-only row is added.
        let kostnader = try #require(Self.cell(html, "−1\u{00A0}100\u{00A0}000<span class=\"hand\">hand −1\u{00A0}100\u{00A0}100</span>"))
        #expect(kostnader.hasPrefix("<td class=\"value differs\" title=\"hand data: -1100100\">"))
        #expect(html.contains("<tr class=\"only-hand\" title=\"only in hand data\"><td class=\"label\">Övrigt</td><td class=\"value\">500</td>"))
        #expect(html.contains("hand data testbygden-2023.truth.json: equal 20, differ 2, only extracted 0, only hand 1"))
        // A value reconstructed from the document's arithmetic says so.
        #expect(Self.cell(html, "50\u{00A0}000")?.contains("class=\"value derived\" title=\"derived: verksamhetens_intakter - |verksamhetens_kostnader|\"") == true)
        // The survey sits on its page.
        #expect(html.contains("Indikatorer: Steget vidare <small>(participants in ongoing programme)</small>"))
        #expect(html.contains("<td class=\"label\">5 · 15 · 30 · 20 · 30</td><td class=\"value\">100</td>"))
        #expect(html.contains("<td class=\"value differs\" title=\"hand data: 35\">30 %<span class=\"hand\">hand 35</span></td>"))
    }

    /// A table the extraction did not find at all is shown after the pages, its rows as the hand data keyed them.
    @Test func aTableOnlyTheHandDataHasIsShownAfterThePages() throws {
        let doc = Documents.small()
        var hand = doc
        hand.tables.append(Table(id: "note_3", title: "Not 3", page: 2, unit: "kr", columns: ["2023", "2022"], rows: [
            TableRow(key: "revision", label: "Revision", values: TableValues([("2023", 52_236)])),
            TableRow(key: "styrelse", label: "Styrelse", values: TableValues([("2023", 81_000), ("2022", 79_500)])),
        ]))
        let file = Documents.file(doc, "testbygden-2023.json")
        let diff = DatasetDiff.compare(extracted: [file], hand: [HandDocument(Documents.file(hand, "testbygden-2023.truth.json"))])
        let html = ReviewSite(files: [file], diff: diff, dpi: 30).reportPage(file, images: .unavailable("no PDF"))
        let section = try #require(html.components(separatedBy: "<section class=\"page\" id=\"only-hand\">").dropFirst().first)
        #expect(section.hasPrefix("<h2>Tables only in the hand data</h2>"))
        #expect(section.contains("<thead><tr><th class=\"label\">row</th><th>2023</th><th>2022</th></tr></thead>"))
        #expect(section.contains("<tr class=\"only-hand\"><td class=\"label\">Revision</td><td class=\"value\">52\u{00A0}236</td><td class=\"value\"></td></tr>"))
        #expect(section.contains("<tr class=\"only-hand\"><td class=\"label\">Styrelse</td><td class=\"value\">81\u{00A0}000</td><td class=\"value\">79\u{00A0}500</td></tr>"))
        // The extraction's own tables are not repeated there.
        #expect(!section.contains("income_statement"))
    }

    @Test func withoutAPictureThePageSaysWhy() throws {
        let file = Documents.file(Documents.small(), "testbygden-2023.json")
        let images = SourcePDF.pageImages(file, pdfs: URL(fileURLWithPath: "/nonexistent"), outputFolder: URL(fileURLWithPath: "/tmp"))
        let html = ReviewSite(files: [file]).reportPage(file, images: images)
        #expect(html.contains("No picture of page 2: testbygden-2023.pdf not found (looked at /nonexistent/testbygden-2023.pdf, /nonexistent/testbygden-2023.pdf; give --pdfs DIR)"))
        #expect(!html.contains("<img"))
        var text = Documents.small(file: "hoglandet-2023.txt")
        text.checks = []; text.warnings = []
        let textFile = Documents.file(text, "hoglandet-2023.json")
        let page = ReviewSite(files: [textFile]).reportPage(textFile, images: SourcePDF.pageImages(textFile, pdfs: nil, outputFolder: URL(fileURLWithPath: "/tmp")))
        #expect(page.contains("No picture of page 2: the source is hoglandet-2023.txt, not a PDF"))
        #expect(page.contains("<section class=\"problems clean\"><p>No checks recorded, no warnings.</p></section>"))
    }

    @Test func writesAPagePerReportAndAnIndex() throws {
        let folder = try Documents.temporaryFolder()
        let a = Documents.file(Documents.small(), "a.json")
        let b = Documents.file(Documents.small(organisation: "Beta <&> förbund", year: 2022), "b.json")
        try ReviewSite(files: [a, b], dpi: 20).write(to: folder) { _ in .available(FakePages()) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["a.html", "b.html", "index.html"])
        let index = try String(contentsOf: folder.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(index.contains("<td><a href=\"a.html\">Testbygdens samordningsförbund</a></td><td>2023</td><td>testbygden-2023.pdf</td><td class=\"num\">2</td><td class=\"num\">11</td><td class=\"num bad\">1</td><td class=\"num bad\">1</td>"))
        #expect(index.contains("<a href=\"b.html\">Beta &lt;&amp;&gt; förbund</a>"))
        #expect(!index.contains("differences from hand data"))
    }

    /// A real failed check from the corpus, extracted here: the five-year overview's income (in
    /// tkr) that does not round from the income statement's. The cells its `cells` names are
    /// outlined, in both tables.
    @Test(.enabled(if: SharedCorpus.available, "needs ../shared")) func corpusFailedCheckIsHighlighted() throws {
        let doc = try ReportPipeline(options: PipelineOptions(jobs: 2)).extract(file: SharedCorpus.corpusDev.appendingPathComponent("dev02-finnveden-2025.pdf"))
        let file = Documents.file(doc, "dev02-finnveden-2025.json")
        let html = ReviewSite(files: [file]).reportPage(file, images: .unavailable("test"))
        let failed = try #require(doc.checks.first { !$0.passed && $0.table == "five_year_overview" })
        #expect(failed.cells.map(\.table) == ["five_year_overview", "income_statement", "income_statement"])
        let overview = try #require(html.range(of: "id=\"table-five_year_overview\""))
        let cell = try #require(Self.cell(String(html[overview.lowerBound...]), "7\u{00A0}040"))
        #expect(cell.contains("check-failed"))
        #expect(cell.contains(HTML.escape("failed: \(failed.rule) (\(failed.detail))")))
        #expect(failed.detail == "7040 != 7400.2")
        let statement = try #require(html.range(of: "id=\"table-income_statement\""))
        let marked = html[statement.lowerBound...].components(separatedBy: "check-failed").count - 1
        #expect(marked == failed.cells.count(where: { $0.table == "income_statement" }))
        #expect(html.contains("\(doc.checks.count) checks, 1 failed"))
    }

    /// The scanned sample report: every table and the survey beside a picture of its page,
    /// rendered from the PDF with poppler.
    @Test func scannedCorpusReportShowsEachTableBesideItsPage() throws {
        let corpus = Documents.sampleCorpus
        let file = try DatasetFolder.read(corpus.appendingPathComponent("bjorkviken-2023.truth.json"))
        let images = SourcePDF.pageImages(file, pdfs: corpus, outputFolder: corpus)
        guard case .available = images else { Issue.record("bjorkviken-2023.pdf not rendered: \(images)"); return }
        let html = ReviewSite(files: [file], dpi: 40).reportPage(file, images: images)

        let pages = Set(file.document.tables.map(\.page) + file.document.indicatorSurveys.compactMap(\.page)).sorted()
        #expect(pages == [2, 3, 4, 5, 6, 7, 8, 9])
        for page in pages {
            let section = try #require(html.components(separatedBy: "<section class=\"page\" id=\"page-\(page)\">").dropFirst().first)
                .components(separatedBy: "</section>")[0]
            let picture = try #require(section.range(of: "<img alt=\"page \(page)\""))
            for table in file.document.tables where table.page == page {
                let at = try #require(section.range(of: "id=\"table-\(table.id)\""))
                #expect(picture.lowerBound < at.lowerBound)
            }
            #expect(section.contains("OCR"))
        }
        // The scan is grey; the survey chart on page 3 was kept in colour.
        func picture(_ page: Int) throws -> [UInt8] {
            let tag = try #require(html.components(separatedBy: "<img alt=\"page \(page)\"").dropFirst().first)
            let base64 = tag.components(separatedBy: "base64,")[1].components(separatedBy: "\"")[0]
            return [UInt8](try #require(Data(base64Encoded: base64)))
        }
        let income = try PNG.decode(try picture(5))
        #expect(income.channels == 1)
        #expect(income.width > 250 && income.width < 331)   // A4 at 40 dpi is 331 wide, less the margins
        #expect(income.pixels.filter { $0 < 128 }.count > 500)   // printed text, not a blank page
        #expect(try PNG.decode(try picture(3)).channels == 3)
        #expect(!html.contains("is not the file this output was extracted from"))

        // Another version of the PDF: pictures still shown, with a warning.
        var other = file
        other.document.source.sha256 = "0123456789abcdef"
        guard case .available(_, let warning?) = SourcePDF.pageImages(other, pdfs: corpus, outputFolder: corpus) else {
            Issue.record("no warning for a PDF with other bytes"); return
        }
        #expect(warning.hasSuffix("bjorkviken-2023.pdf is not the file this output was extracted from (sha256 b3cd48a74fda…, expected 0123456789ab…): the pictures may show other pages"))
    }
}
