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

extension TestPages {
    /// Pages from tesseract hOCR files (pixels at `dpi` -> points), a development aid for OCR'd
    /// reports until the ingestion stage's page dumps exist.
    static func fromHOCR(_ files: [(number: Int, url: URL)], dpi: Double = 300) -> [Page] {
        files.compactMap { number, url in
            guard let html = try? String(contentsOf: url, encoding: .utf8) else { return nil }
            let k = 72 / dpi
            var lines: [Line] = []
            let lineKinds = ["line'", "textfloat'", "header'", "caption'"]
            for chunk in html.components(separatedBy: "class='ocr_").dropFirst() where lineKinds.contains(where: { chunk.hasPrefix($0) }) {
                var words: [Word] = []
                for w in chunk.components(separatedBy: "class='ocrx_word'").dropFirst() {
                    guard let b = w.range(of: "bbox ") else { continue }
                    let nums = w[b.upperBound...].prefix { $0 != ";" && $0 != "'" }.split(separator: " ").compactMap { Double($0) }
                    guard nums.count == 4 else { continue }
                    var conf: Double? = nil
                    if let c = w.range(of: "x_wconf ") { conf = Double(w[c.upperBound...].prefix { $0.isNumber }) }
                    guard let gt = w.firstIndex(of: ">"), let end = w.range(of: "</span>") else { continue }
                    var text = String(w[w.index(after: gt)..<end.lowerBound])
                    text = text.replacingOccurrences(of: "<strong>", with: "").replacingOccurrences(of: "</strong>", with: "")
                        .replacingOccurrences(of: "<em>", with: "").replacingOccurrences(of: "</em>", with: "")
                        .replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "&lt;", with: "<")
                        .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&quot;", with: "\"")
                        .replacingOccurrences(of: "&#39;", with: "'")
                    words.append(Word(text: text, box: Box(x0: nums[0] * k, y0: nums[1] * k, x1: nums[2] * k, y1: nums[3] * k), confidence: conf))
                }
                if !words.isEmpty { lines.append(Line(words: words)) }
            }
            lines.sort { ($0.box?.y0 ?? 0) < ($1.box?.y0 ?? 0) }
            return Page(number: number, method: .ocr, width: 595, height: 842, lines: lines)
        }
    }
}

/// Runs the table stage over the shared corpus and scores it with the project's scorer.
enum TableCorpus {
    /// `ARSRED_STRIP_POSITIONS=1` reads every page as position-less text (the `.txt` path) into
    /// a folder of its own.
    static let stripPositions = ProcessInfo.processInfo.environment["ARSRED_STRIP_POSITIONS"] != nil
    static let outFolder: URL = {
        let name = stripPositions ? "tables-out-nopos" : "tables-out"
        let cache = URL(fileURLWithPath: "/work/cache")
        let base = FileManager.default.fileExists(atPath: cache.path) ? cache : FileManager.default.temporaryDirectory
        return base.appendingPathComponent(name)
    }()

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
        // Every page a table starts on is one the speed policy reads fully.
        let holding = Set(pages.filter(TableStage.pageHoldsTable).map(\.number))
        #expect(Set(r.tables.map(\.page)).isSubset(of: holding))
        print("pages holding tables: \(holding.sorted()) of \(pages.count)")
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
            guard var pages else { print("skipping \(stem): no page dump in \(TestPages.dumpFolder.path)"); continue }
            if TableCorpus.stripPositions {
                pages = pages.map { p in
                    var p = p
                    p.lines = p.lines.map { Line(words: $0.words.map { Word(text: $0.text) }) }
                    return p
                }
            }
            if let want = ProcessInfo.processInfo.environment["ARSRED_DEBUG_PAGE"], want.hasPrefix(stem + ":"),
               let n = Int(want.split(separator: ":")[1]), let p = pages.first(where: { $0.number == n }) {
                for l in RowLines.rebuild(p).lines { print(l.words.map { "\($0.text)@\(Int($0.box?.x0 ?? 0))-\(Int($0.box?.x1 ?? 0))" }.joined(separator: " ")) }
            }
            let clock = ContinuousClock()
            var r: TableRecognition? = nil
            let elapsed = try clock.measure { r = try TableStage.recognise(pages: pages) }
            print("\(stem): \(pages.count) pages, tables in \(elapsed)")
            let holding = Set(pages.filter(TableStage.pageHoldsTable).map(\.number))
            #expect(Set(r!.tables.map(\.page)).isSubset(of: holding), "\(stem): table pages the page predicate misses")
            try TableCorpus.write(stem, r!, pages: pages)
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

    /// Table pages of one scanned report OCR'd by the tesseract CLI (cached hOCR), while the
    /// ingestion stage's dumps are not there.
    @Test func ocrTablePagesFromHOCR() throws {
        let folder = URL(fileURLWithPath: "/work/cache/tables/ocr")
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else {
            print("skipping: no hOCR in \(folder.path)"); return
        }
        var byStem: [String: [(number: Int, url: URL)]] = [:]
        for n in names where n.hasSuffix(".hocr") {
            let parts = n.dropLast(5).split(separator: "-")
            guard parts.count >= 3, let num = Int(parts[parts.count - 1]) else { continue }
            byStem[String(parts[0]), default: []].append((num, folder.appendingPathComponent(n)))
        }
        for (stem, files) in byStem {
            let pages = TestPages.fromHOCR(files.sorted { $0.number < $1.number })
            if ProcessInfo.processInfo.environment["ARSRED_DEBUG_LINES"] != nil {
                for p in pages.map(RowLines.rebuild) {
                    print("=== page \(p.number)")
                    for l in p.lines { print(l.words.map { "\($0.text)@\(Int($0.box!.x0))" }.joined(separator: " ")) }
                }
            }
            let r = try TableStage.recognise(pages: pages)
            let out = URL(fileURLWithPath: "/work/cache/tables-out-ocr")
            try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
            var doc = DatasetDocument(source: SourceInfo(file: stem, sha256: "", pageCount: pages.count, pages: []))
            doc.tables = r.tables; doc.checks = r.checks; doc.warnings = r.warnings
            try DatasetJSON.encode(doc).write(to: out.appendingPathComponent(stem + ".json"))
            print("\(stem): \(r.tables.map(\.id))")
        }
    }
}
