import Bitmap
import Foundation
import Poppler
import Tesseract

/// Reads every page of a PDF over `options.jobs` workers, each with its own poppler document
/// and tesseract instance (neither is thread-safe). Pages are independent, so the result is
/// the same whatever the number of workers.
struct PDFIngest {
    let data: Data
    let file: String
    let sha256: String
    let options: IngestOptions
    let startSeconds: Double

    func run() throws -> IngestedDocument {
        let open = Stopwatch()
        let first: PDFDocument
        do { first = try PDFDocument(data: data) } catch let e as PDFError { throw IngestError(e) }
        let pageCount = first.pageCount
        let openSeconds = open.seconds
        let wanted = options.pages.map { max(1, $0.lowerBound)...min(pageCount, max($0.upperBound, 1)) } ?? 1...pageCount
        let jobs = max(1, min(options.jobs, wanted.count))

        let queue = PageQueue(wanted)
        let results = ResultBox(count: pageCount)
        let workers = (0..<jobs).map { _ in WorkerThread() }
        for (i, worker) in workers.enumerated() {
            worker.start { [data, options] in
                var reader: PDFPageReader
                do {
                    reader = try PDFPageReader(pdf: i == 0 ? first : PDFDocument(data: data), options: options)
                } catch {
                    results.fail(error); return
                }
                while let n = queue.next(), !results.failed {
                    do { results.store(n, try reader.read(page: n)) } catch { results.fail(error); return }
                }
                results.addSeconds(reader.seconds)
                results.addLosses(reader.losses)
            }
        }
        workers.forEach { $0.join() }
        if let error = results.error {
            if let e = error as? PDFError { throw IngestError(e) }
            if let e = error as? TesseractError { throw IngestError.ocrUnavailable(e.description) }
            throw error
        }
        var seconds = results.seconds
        seconds["load", default: 0] += startSeconds + openSeconds
        var doc = IngestedDocument(file: file, sha256: sha256, pages: results.pages,
                                   images: PDFPageImages(data: data), stageSeconds: seconds)
        doc.pagesNotReadWhole = results.losses
        doc.warnings += results.losses.sorted { $0.key < $1.key }.map { PageLoss.warning(page: $0.key, cause: $0.value) }
        return doc
    }
}

/// Hands out page numbers to the workers.
private final class PageQueue: @unchecked Sendable {
    private let lock = NSLock()
    private var nextPage: Int
    private let last: Int
    init(_ pages: ClosedRange<Int>) { nextPage = pages.lowerBound; last = pages.upperBound }
    func next() -> Int? {
        lock.lock(); defer { lock.unlock() }
        guard nextPage <= last else { return nil }
        defer { nextPage += 1 }
        return nextPage
    }
}

/// Collects the workers' pages, first error and stage seconds.
private final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Page?]
    private(set) var error: Error?
    private(set) var seconds: [String: Double] = [:]
    private(set) var losses: [Int: String] = [:]
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func addLosses(_ l: [Int: String]) { lock.lock(); losses.merge(l) { a, _ in a }; lock.unlock() }
    var failed: Bool { lock.lock(); defer { lock.unlock() }; return error != nil }
    func store(_ n: Int, _ page: Page) { lock.lock(); slots[n - 1] = page; lock.unlock() }
    func fail(_ e: Error) { lock.lock(); if error == nil { error = e }; lock.unlock() }
    func addSeconds(_ s: [String: Double]) {
        lock.lock(); for (k, v) in s { seconds[k, default: 0] += v }; lock.unlock()
    }
    var pages: [Page] { slots.compactMap { $0 } }
}

/// A thread with a large stack (tesseract recurses deeply on busy pages) that can be joined.
private final class WorkerThread: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    func start(_ body: @escaping @Sendable () -> Void) {
        let thread = Thread { [done] in body(); done.signal() }
        thread.stackSize = 16 << 20
        thread.start()
    }
    func join() { done.wait() }
}

/// Reads one page at a time: the text layer when it is real text, OCR otherwise.
final class PDFPageReader {
    let pdf: PDFDocument
    let options: IngestOptions
    private var engine: TesseractEngine?
    private(set) var seconds: [String: Double] = [:]
    /// Pages whose picture poppler could not decode whole, with its first complaint.
    private(set) var losses: [Int: String] = [:]

    init(pdf: PDFDocument, options: IngestOptions) throws {
        self.pdf = pdf; self.options = options
    }

    private func ocrEngine() throws -> TesseractEngine {
        if let engine { return engine }
        let e = try TesseractEngine(language: options.language, dataPath: options.tessdataPath)
        engine = e
        return e
    }

    /// What a page holds before any OCR: its size, text layer, images, and how it will be read.
    struct Content {
        var size: (width: Double, height: Double)
        var words: [PDFWord]
        var placements: [PDFImagePlacement]
        var method: PageMethod
    }

    func inspect(page n: Int) throws -> Content {
        try Stopwatch.time("load", &seconds) {
            let size = try pdf.pageSize(n), words = try pdf.words(page: n), placements = try pdf.imagePlacements(page: n)
            let pageArea = max(size.width * size.height, 1)
            let coverage = placements.map { covered($0.box, size) / pageArea }.max() ?? 0
            let real = TextLayerQuality.isRealText(words.map(\.text), scanCoverage: coverage)
            return Content(size: size, words: words, placements: placements, method: real ? .textLayer : .ocr)
        }
    }

    func read(page n: Int) throws -> Page {
        let content = try inspect(page: n)
        let (size, words, placements) = (content.size, content.words, content.placements)
        if content.method == .textLayer {
            return Stopwatch.time("layout", &seconds) {
                let ws = words.map { w in
                    Word(text: w.text, box: Box(x0: hundredths(w.box.x0), y0: hundredths(w.box.y0),
                                                x1: hundredths(w.box.x1), y1: hundredths(w.box.y1)))
                }
                return Page(number: n, method: .textLayer, width: size.width, height: size.height,
                            lines: LineBuilder.lines(ws), readFully: true)
            }
        }
        let engine = try ocrEngine()
        let (decoded, complaints) = try PopplerMessages.collecting {
            try Stopwatch.time("render", &seconds) { try scanImage(page: n, size: size, placements: placements) }
        }
        if let lost = PopplerMessages.imageDataLost(complaints).first { losses[n] = lost }
        var scan = decoded
        scan.image = Stopwatch.time("render", &seconds) { RuleRemoval.clean(scan.image, dpi: scan.dpi) }
        guard let mustReadFully = options.mustReadFully else { return readWhole(n, size: size, engine: engine, scan: scan) }
        return readInParts(n, size: size, engine: engine, scan: scan, mustReadFully: mustReadFully)
    }

    /// Reads a scanned page without its running text first (see `ProseLines`), and the whole
    /// page only when what was read holds something the recognisers extract.
    private func readInParts(_ n: Int, size: (width: Double, height: Double), engine: TesseractEngine,
                             scan: ScanImage, mustReadFully: (Page) -> Bool) -> Page {
        let dpi = Int(scan.dpi.rounded())
        let layout = Stopwatch.time("ocr", &seconds) { engine.analyseLayout(scan.image, dpi: dpi, mode: .block) }
        let prose = ProseLines.indices(of: layout)
        guard !prose.isEmpty else {
            return ocrPage(n, size: size, scan: scan, readFully: true) { _ in engine.recogniseAnalysed() }
        }
        let areas = ProseLines.areas(prose.map { layout[$0] })
        let page = Stopwatch.time("render", &seconds) { ProseLines.inkOnWhite(scan.image) }
        let skim = ocrPage(n, size: size, scan: scan, readFully: false) { dpi in
            engine.recognise(ProseLines.without(areas, in: page), dpi: dpi, mode: .block)
        }
        if !mustReadFully(skim) { return skim }
        // A page that matters is read whole at once, exactly as without the first read: two
        // parts read apart are split into ink and paper apart, and a grey table header read
        // with part of the page is not read as it is with the whole.
        return readWhole(n, size: size, engine: engine, scan: scan)
    }

    /// Reads the whole scanned page at once.
    private func readWhole(_ n: Int, size: (width: Double, height: Double), engine: TesseractEngine, scan: ScanImage) -> Page {
        ocrPage(n, size: size, scan: scan, readFully: true) { engine.recognise(scan.image, dpi: $0, mode: .block) }
    }

    /// Where to keep what tesseract is given ($ARSRED_DEBUG_OCR_DIR), read once.
    private static let debugOCRFolder = ProcessInfo.processInfo.environment["ARSRED_DEBUG_OCR_DIR"]

    private func ocrPage(_ n: Int, size: (width: Double, height: Double), scan: ScanImage, readFully: Bool,
                         read: (Int) -> [OCRWord]) -> Page {
        if let dir = Self.debugOCRFolder {
            // What tesseract is given, as PGM, for looking at OCR failures.
            let header = Data("P5 \(scan.image.width) \(scan.image.height) 255\n".utf8)
            try? (header + Data(scan.image.pixels)).write(to: URL(fileURLWithPath: dir)
                .appendingPathComponent("page-\(n).pgm"))
        }
        // One block: a table's rows come out whole across the page (measured: more figures read
        // than with tesseract's automatic layout). A first read without running text is timed
        // apart (`ocr-skim`): what it costs against the full reads it spares is the trade.
        let found = Stopwatch.time(readFully ? "ocr" : "ocr-skim", &seconds) { read(Int(scan.dpi.rounded())) }
        return Stopwatch.time("layout", &seconds) {
            let words = found.map { w in
                Word(text: w.text, box: scan.toPoints.box(x: w.x, y: w.y, width: w.width, height: w.height),
                     confidence: w.confidence)
            }
            let mean = words.isEmpty ? nil : (words.compactMap(\.confidence).reduce(0, +) / Double(words.count) * 10).rounded() / 10
            return Page(number: n, method: .ocr, width: size.width, height: size.height,
                        lines: LineBuilder.lines(words, lineHints: found.map(\.line)),
                        meanConfidence: mean, readFully: readFully)
        }
    }

    /// The page as a grey bitmap for OCR: the page-sized scan itself when there is one (no
    /// rendering), otherwise the page rendered at its images' resolution, capped at maxDPI.
    func scanImage(page n: Int, size: (width: Double, height: Double),
                           placements: [PDFImagePlacement]) throws -> ScanImage {
        let pageArea = max(size.width * size.height, 1)
        func dpi(_ p: PDFImagePlacement, _ pixels: Int) -> Double { Double(pixels) / max(p.box.width / 72, 1e-6) }
        if let scan = placements.max(by: { $0.box.width * $0.box.height < $1.box.width * $1.box.height }),
           covered(scan.box, size) / pageArea >= 0.85 {
            guard placements.count == 1 else {
                return try render(n, dpi: min(options.maxDPI, dpi(scan, try pdf.imageWidth(page: n, id: scan.id))))
            }
            var grey = try pdf.image(page: n, id: scan.id).grey
            var resolution = dpi(scan, grey.width)
            if resolution > options.maxDPI * 1.05 {
                let f = options.maxDPI / resolution
                grey = GreyScaling.reduced(grey, by: f)
                resolution = options.maxDPI
            }
            return ScanImage(image: grey, dpi: resolution,
                             toPoints: PixelToPoints(x0: scan.box.x0, y0: scan.box.y0,
                                                     scaleX: scan.box.width / Double(grey.width),
                                                     scaleY: scan.box.height / Double(grey.height)))
        }
        // Vector pages (text drawn as outlines) and collages of images.
        var resolution = options.maxDPI
        if !placements.isEmpty {
            var best = 0.0
            for p in placements { best = max(best, dpi(p, try pdf.imageWidth(page: n, id: p.id))) }
            resolution = min(options.maxDPI, max(best, 150))
        }
        return try render(n, dpi: resolution)
    }

    private func render(_ n: Int, dpi: Double) throws -> ScanImage {
        let image = try pdf.renderGrey(page: n, dpi: dpi)
        return ScanImage(image: image, dpi: dpi,
                         toPoints: PixelToPoints(x0: 0, y0: 0, scaleX: 72 / dpi, scaleY: 72 / dpi))
    }

    private func covered(_ b: PDFRect, _ size: (width: Double, height: Double)) -> Double {
        max(0, min(b.x1, size.width) - max(b.x0, 0)) * max(0, min(b.y1, size.height) - max(b.y0, 0))
    }
}

/// A page bitmap for OCR and how its pixels map to page points.
struct ScanImage {
    var image: GreyImage
    var dpi: Double
    var toPoints: PixelToPoints
}

struct PixelToPoints {
    var x0: Double, y0: Double, scaleX: Double, scaleY: Double
    func box(x: Int, y: Int, width: Int, height: Int) -> Box {
        Box(x0: r(x0 + Double(x) * scaleX), y0: r(y0 + Double(y) * scaleY),
            x1: r(x0 + Double(x + width) * scaleX), y1: r(y0 + Double(y + height) * scaleY))
    }
    func scaled(by f: Double) -> PixelToPoints { PixelToPoints(x0: x0, y0: y0, scaleX: scaleX * f, scaleY: scaleY * f) }
    private func r(_ v: Double) -> Double { hundredths(v) }
}

/// Hundredths of a point: precise enough, and short and stable in JSON.
func hundredths(_ v: Double) -> Double { (v * 100).rounded() / 100 }

/// Pictures of the PDF's pages for the later stages, rendered on demand. One poppler
/// document guarded by a lock (poppler documents are not thread-safe).
final class PDFPageImages: PageImageSource, @unchecked Sendable {
    private let data: Data
    private let lock = NSLock()
    private var pdf: PDFDocument?

    init(data: Data) { self.data = data }

    func image(page number: Int, region: Box?, dpi: Double) throws -> RGBImage {
        lock.lock(); defer { lock.unlock() }
        do {
            if pdf == nil { pdf = try PDFDocument(data: data) }
            let area = region.map { PDFRect(x0: $0.x0, y0: $0.y0, x1: $0.x1, y1: $0.y1) }
            return try pdf!.renderRGB(page: number, region: area, dpi: dpi)
        } catch let e as PDFError {
            throw IngestError(e)
        }
    }
}
