import Foundation
import Testing
@testable import ArsredKit

/// Pages for table tests: plain text split on form feed (words without positions), page dumps
/// written by the ingestion stage (/work/cache/pages), or a PDF's text layer with word boxes.
enum TestPages {
    static func fromText(_ text: String) -> [Page] {
        text.components(separatedBy: "\u{0C}").enumerated().map { i, pageText in
            let lines = pageText.components(separatedBy: "\n").compactMap { l -> Line? in
                let words = l.split(whereSeparator: { $0 == " " || $0 == "\t" }).map { Word(text: String($0)) }
                return words.isEmpty ? nil : Line(words: words)
            }
            return Page(number: i + 1, method: .ocr, lines: lines)
        }
    }

    static let dumpFolder = URL(fileURLWithPath: "/work/cache/pages")

    static func dump(_ stem: String) -> [Page]? {
        let url = dumpFolder.appendingPathComponent(stem + ".json")
        guard let data = try? Data(contentsOf: url) else { return nil }
        return try? JSONDecoder().decode([Page].self, from: data)
    }

    /// A text-layer PDF read with `pdftotext -bbox-layout` (a test aid only; the pipeline reads
    /// PDFs through poppler-glib).
    static func fromTextLayer(_ pdf: URL) -> [Page]? {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("bbox-\(UUID().uuidString).html")
        defer { try? FileManager.default.removeItem(at: out) }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/pdftotext")
        p.arguments = ["-bbox-layout", pdf.path, out.path]
        guard (try? p.run()) != nil else { return nil }
        p.waitUntilExit()
        guard p.terminationStatus == 0, let html = try? String(contentsOf: out, encoding: .utf8) else { return nil }
        var pages: [Page] = []
        for pageChunk in html.components(separatedBy: "<page ").dropFirst() {
            var lines: [Line] = []
            for lineChunk in pageChunk.components(separatedBy: "<line ").dropFirst() {
                var words: [Word] = []
                for w in lineChunk.components(separatedBy: "<word ").dropFirst() {
                    func attr(_ name: String) -> Double {
                        guard let r = w.range(of: name + "=\"") else { return 0 }
                        let rest = w[r.upperBound...]
                        return Double(rest.prefix { $0 != "\"" }) ?? 0
                    }
                    guard let gt = w.firstIndex(of: ">"), let end = w.range(of: "</word>") else { continue }
                    let text = String(w[w.index(after: gt)..<end.lowerBound])
                        .replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "&lt;", with: "<")
                        .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&quot;", with: "\"")
                    words.append(Word(text: text, box: Box(x0: attr("xMin"), y0: attr("yMin"), x1: attr("xMax"), y1: attr("yMax"))))
                }
                if !words.isEmpty { lines.append(Line(words: words)) }
            }
            pages.append(Page(number: pages.count + 1, method: .textLayer, width: 595, height: 842, lines: lines))
        }
        return pages
    }
}

/// Runs the table stage over the shared corpus and scores it with the project's scorer.
enum TableCorpus {
    static let outFolder = URL(fileURLWithPath: "/work/cache/tables-out")

    static func write(_ stem: String, _ r: TableRecognition, pages: [Page]) throws {
        var doc = DatasetDocument(source: SourceInfo(file: stem, sha256: "", pageCount: pages.count,
                                                     pages: pages.map { SourcePage(number: $0.number, method: $0.method) }))
        doc.tables = r.tables; doc.checks = r.checks; doc.warnings = r.warnings
        try FileManager.default.createDirectory(at: outFolder, withIntermediateDirectories: true)
        try DatasetJSON.encode(doc).write(to: outFolder.appendingPathComponent(stem + ".json"))
    }

    /// Table-only recall and precision of the scorer for the documents written.
    static func score(truthDir: URL, stems: [String]) throws -> (recall: Double, precision: Double, silent: Int) {
        let report = FileManager.default.temporaryDirectory.appendingPathComponent("score-\(UUID().uuidString).json")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        p.arguments = [SharedData.root.appendingPathComponent("tools/score.py").path, truthDir.path, outFolder.path,
                       "--json", report.path, "--quiet"]
        p.standardOutput = FileHandle.nullDevice
        try p.run(); p.waitUntilExit()
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: report)) as! [String: Any]
        let docs = json["docs"] as! [String: [String: Any]]
        var t = 0, o = 0, c = 0, silent = 0
        for stem in stems {
            guard let d = docs[stem] else { continue }
            let cats = d["categories"] as! [String: [Int]]
            for (k, v) in cats where !k.hasPrefix("survey") && k != "meta" && k != "signature" {
                t += v[0]; o += v[1]; c += v[2]
            }
            silent += d["silent"] as! Int
        }
        return (t == 0 ? 0 : Double(c) / Double(t), o == 0 ? 0 : Double(c) / Double(o), silent)
    }
}

@Suite(.serialized) struct TableCorpusTests {
    @Test func hoglandetTextSampleMeetsTheBars() throws {
        guard SharedData.available() else { return }
        let text = try String(contentsOf: SharedData.sample("hoglandet-2023.txt"), encoding: .utf8)
        let pages = TestPages.fromText(text)
        let r = try TableStage.recognise(pages: pages)
        try TableCorpus.write("hoglandet-2023", r, pages: pages)
        let s = try TableCorpus.score(truthDir: SharedData.root.appendingPathComponent("samples"), stems: ["hoglandet-2023"])
        print("hoglandet-2023.txt tables: recall \(s.recall) precision \(s.precision) silent \(s.silent)")
        #expect(s.recall >= 0.90)
        #expect(s.precision >= 0.97)
        #expect(s.silent == 0)
    }

    @Test func corpusMeetsTheBars() throws {
        guard SharedData.available() else { return }
        let index = try JSONSerialization.jsonObject(with: Data(contentsOf: SharedData.corpus("index.json"))) as! [String: Any]
        var textStems: [String] = [], scanStems: [String] = []
        for report in index["reports"] as! [[String: Any]] {
            let stem = report["id"] as! String
            let variant = report["variant"] as! String
            var pages = TestPages.dump(stem)
            if pages == nil, variant == "text" { pages = TestPages.fromTextLayer(SharedData.corpus(stem + ".pdf")) }
            guard let pages else { print("skipping \(stem): no page dump in \(TestPages.dumpFolder.path)"); continue }
            let r = try TableStage.recognise(pages: pages)
            try TableCorpus.write(stem, r, pages: pages)
            if variant == "text" { textStems.append(stem) } else { scanStems.append(stem) }
        }
        let truth = SharedData.root.appendingPathComponent("corpus-dev")
        if !textStems.isEmpty {
            let s = try TableCorpus.score(truthDir: truth, stems: textStems)
            print("text-layer tables (\(textStems.count)): recall \(s.recall) precision \(s.precision) silent \(s.silent)")
            #expect(s.recall >= 0.98); #expect(s.precision >= 0.99); #expect(s.silent == 0)
        }
        if !scanStems.isEmpty {
            let s = try TableCorpus.score(truthDir: truth, stems: scanStems)
            print("scanned/mixed tables (\(scanStems.count)): recall \(s.recall) precision \(s.precision) silent \(s.silent)")
            #expect(s.recall >= 0.95); #expect(s.precision >= 0.98); #expect(s.silent == 0)
        }
    }
}
