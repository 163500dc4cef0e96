import Bitmap
import CTesseract
import Foundation

/// One word as tesseract read it, in pixels of the image it was given.
public struct OCRWord: Sendable, Equatable {
    public var text: String
    public var x: Int, y: Int, width: Int, height: Int
    /// 0...100
    public var confidence: Double
    /// Index of the text line the word belongs to (tesseract's layout), counting from 0.
    public var line: Int
    public init(text: String, x: Int, y: Int, width: Int, height: Int, confidence: Double, line: Int) {
        self.text = text; self.x = x; self.y = y; self.width = width; self.height = height
        self.confidence = confidence; self.line = line
    }
}

/// A rectangle in pixels of the image tesseract was given.
public struct PixelRect: Sendable, Equatable {
    public var x: Int, y: Int, width: Int, height: Int
    public init(x: Int, y: Int, width: Int, height: Int) { self.x = x; self.y = y; self.width = width; self.height = height }
    public var maxX: Int { x + width }
    public var maxY: Int { y + height }
}

/// A text line as tesseract's layout analysis finds it before reading: its box and the boxes of
/// the words it cut it into.
public struct LayoutLine: Sendable, Equatable {
    public var box: PixelRect
    public var words: [PixelRect]
    public init(box: PixelRect, words: [PixelRect]) { self.box = box; self.words = words }
}

/// How tesseract should cut the image into lines (its page segmentation modes).
public enum SegmentationMode: Int32, Sendable {
    case auto = 3          // PSM_AUTO
    case singleColumn = 4  // PSM_SINGLE_COLUMN
    case block = 6         // PSM_SINGLE_BLOCK
    case singleLine = 7    // PSM_SINGLE_LINE
    case sparse = 11       // PSM_SPARSE_TEXT
}

public enum TesseractError: Error, CustomStringConvertible, Equatable {
    case cannotInitialise(language: String, dataPath: String?)
    public var description: String {
        switch self {
        case .cannotInitialise(let l, let p):
            "tesseract: cannot load language '\(l)' from \(p ?? "the default tessdata") (needs \(l.split(separator: "+").map { "tesseract-ocr-\($0)" }.joined(separator: " and ")))"
        }
    }
}

/// A tesseract instance. Not thread-safe: one per worker.
public final class TesseractEngine {
    private let api: OpaquePointer
    private let model: String

    /// Tesseract's OpenMP threads fight the page workers for the cores: one thread each.
    /// libgomp reads OMP_THREAD_LIMIT only when it is loaded (before main), so the variable
    /// is set for child processes, and each calling thread also forbids parallel regions for
    /// itself (`omp_set_max_active_levels(0)`, a per-thread setting).
    private static let singleThreaded: Void = { setenv("OMP_THREAD_LIMIT", "1", 1) }()

    private typealias SetLevels = @convention(c) (Int32) -> Void
    private static let setMaxActiveLevels: SetLevels? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "omp_set_max_active_levels") else { return nil }
        return unsafeBitCast(symbol, to: SetLevels.self)
    }()

    /// Loads `language` (e.g. "swe", "swe+eng") from `dataPath` (nil: tesseract's default).
    public init(language: String = "swe", dataPath: String? = nil) throws {
        Self.singleThreaded
        if let dataPath {
            // Fail before tesseract prints its own multi-line complaint.
            for part in language.split(separator: "+") {
                let file = (dataPath as NSString).appendingPathComponent("\(part).traineddata")
                if !FileManager.default.fileExists(atPath: file) {
                    throw TesseractError.cannotInitialise(language: language, dataPath: dataPath)
                }
            }
        }
        // Some of tesseract's settings (debug_file among them) are process-wide globals:
        // instances are set up one at a time.
        Self.setup.lock(); defer { Self.setup.unlock() }
        model = language + "\u{0}" + (dataPath ?? "")
        if let loaded = Self.idle[model]?.popLast() { api = loaded; return }
        guard let api = TessBaseAPICreate() else {
            throw TesseractError.cannotInitialise(language: language, dataPath: dataPath)
        }
        // Tesseract prints 4-8 lines of its own when a model is missing; the error says it in one.
        let status = Self.withoutStderr { TessBaseAPIInit2(api, dataPath, language, OEM_LSTM_ONLY) }
        if status != 0 {
            TessBaseAPIDelete(api)
            throw TesseractError.cannotInitialise(language: language, dataPath: dataPath)
        }
        self.api = api
        // Looking for white-on-black text costs a second pass over every line; reports print
        // dark on light.
        _ = TessBaseAPISetVariable(api, "tessedit_do_invert", "0")
        // Keep tesseract's notes about the image ("Estimating resolution", ...) off stderr.
        if !Self.quiet {
            _ = TessBaseAPISetVariable(api, "debug_file", "/dev/null")
            Self.quiet = true
        }
    }

    /// Folders tesseract's own builds look in when no data folder is given and
    /// `TESSDATA_PREFIX` is unset: Debian's tesseract 5 and 4 packages, then the usual
    /// source-install prefixes. Only where `modelFilesPresent` looks before a load decides.
    public static let defaultDataFolders = ["/usr/share/tesseract-ocr/5/tessdata", "/usr/share/tesseract-ocr/4.00/tessdata",
                                            "/usr/share/tessdata", "/usr/local/share/tessdata"]

    /// Whether every model of `language` ("swe+eng") has its `.traineddata` file in one data
    /// folder: `dataPath`, else `TESSDATA_PREFIX`, else the first of `defaultDataFolders` that
    /// holds them. A look at files, not a load (a load costs 0.2 s a model): a batch checks its
    /// models this way before it starts, and a file that is present but does not load still
    /// fails each document that needs it, with `cannotInitialise`.
    public static func modelFilesPresent(language: String, dataPath: String? = nil,
                                         environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        let folders = dataPath.map { [$0] } ?? environment["TESSDATA_PREFIX"].map { [$0] } ?? defaultDataFolders
        let parts = language.split(separator: "+").map(String.init)
        guard !parts.isEmpty else { return false }
        return folders.contains { folder in
            parts.allSatisfy { FileManager.default.isReadableFile(atPath: (folder as NSString).appendingPathComponent("\($0).traineddata")) }
        }
    }

    private static let setup = NSLock()

    /// Runs `body` with file descriptor 2 pointed at /dev/null.
    private static func withoutStderr<T>(_ body: () -> T) -> T {
        let saved = dup(2), null = open("/dev/null", O_WRONLY)
        guard saved >= 0, null >= 0 else { return body() }
        fflush(stderr)
        dup2(null, 2); close(null)
        defer { fflush(stderr); dup2(saved, 2); close(saved) }
        return body()
    }
    nonisolated(unsafe) private static var quiet = false

    /// Loaded models outlive their engines: an engine's handle goes back here when it is
    /// released, and the next engine of the same language and data folder takes it instead of
    /// loading the model again (about 0.2 s for `swe`), so a worker reading one document after
    /// another loads each model once. Every use sets what it needs (page mode, whitelist,
    /// resolution) and clears the results after, so a reused handle reads as a fresh one.
    nonisolated(unsafe) private static var idle: [String: [OpaquePointer]] = [:]
    /// Handles kept per model: enough for one page reader per core of a 2-core worker plus
    /// spares; beyond that a released handle is freed (each holds its model, tens of MB).
    private static let maxIdlePerModel = 4

    deinit {
        Self.setup.lock(); defer { Self.setup.unlock() }
        if Self.idle[model, default: []].count < Self.maxIdlePerModel {
            Self.idle[model, default: []].append(api)
            return
        }
        TessBaseAPIEnd(api)
        TessBaseAPIDelete(api)
    }

    /// Reads `image` (scanned at `dpi`). `whitelist` limits the characters tesseract may answer.
    public func recognise(_ image: GreyImage, dpi: Int, mode: SegmentationMode = .auto,
                          whitelist: String? = nil) -> [OCRWord] {
        analysed = false
        guard image.width > 0, image.height > 0 else { return [] }
        defer { TessBaseAPIClear(api) }
        load(image, dpi: dpi, mode: mode, whitelist: whitelist)
        _ = TessBaseAPIRecognize(api, nil)
        return recognisedWords()
    }

    /// Finds the text lines of `image` without reading them (tesseract's layout analysis) and
    /// keeps the analysis: `recogniseAnalysed()` then reads this image without finding its lines
    /// again. Any other call in between discards it.
    public func analyseLayout(_ image: GreyImage, dpi: Int, mode: SegmentationMode = .auto) -> [LayoutLine] {
        TessBaseAPIClear(api)
        analysed = false
        guard image.width > 0, image.height > 0 else { return [] }
        load(image, dpi: dpi, mode: mode, whitelist: nil)
        guard let page = TessBaseAPIAnalyseLayout(api) else { return [] }
        defer { TessPageIteratorDelete(page) }
        analysed = true
        var lines: [LayoutLine] = []
        repeat {
            if TessPageIteratorIsAtBeginningOf(page, RIL_TEXTLINE) != 0 {
                guard let box = Self.box(page, RIL_TEXTLINE) else { continue }
                lines.append(LayoutLine(box: box, words: []))
            }
            if let box = Self.box(page, RIL_WORD), !lines.isEmpty { lines[lines.count - 1].words.append(box) }
        } while TessPageIteratorNext(page, RIL_WORD) != 0
        return lines
    }

    /// Reads the image of the last `analyseLayout`, on the lines it found.
    public func recogniseAnalysed() -> [OCRWord] {
        defer { TessBaseAPIClear(api); analysed = false }
        guard analysed else { return [] }
        Self.setMaxActiveLevels?(0)
        _ = TessBaseAPIRecognize(api, nil)
        return recognisedWords()
    }

    /// Whether the engine holds a layout analysis `recogniseAnalysed` may read.
    private var analysed = false

    private func load(_ image: GreyImage, dpi: Int, mode: SegmentationMode, whitelist: String?) {
        Self.setMaxActiveLevels?(0)
        _ = TessBaseAPISetVariable(api, "tessedit_char_whitelist", whitelist ?? "")
        TessBaseAPISetPageSegMode(api, TessPageSegMode(UInt32(mode.rawValue)))
        image.pixels.withUnsafeBufferPointer { p in
            // Tesseract copies the pixels.
            TessBaseAPISetImage(api, p.baseAddress, Int32(image.width), Int32(image.height), 1, Int32(image.width))
        }
        TessBaseAPISetSourceResolution(api, Int32(max(70, dpi)))
    }

    private static func box(_ page: OpaquePointer, _ level: TessPageIteratorLevel) -> PixelRect? {
        var l: Int32 = 0, t: Int32 = 0, r: Int32 = 0, b: Int32 = 0
        guard TessPageIteratorBoundingBox(page, level, &l, &t, &r, &b) != 0 else { return nil }
        return PixelRect(x: Int(l), y: Int(t), width: Int(r - l), height: Int(b - t))
    }

    /// The words of the last recognition, in reading order.
    private func recognisedWords() -> [OCRWord] {
        guard let iterator = TessBaseAPIGetIterator(api) else { return [] }
        defer { TessResultIteratorDelete(iterator) }
        let page = TessResultIteratorGetPageIterator(iterator)
        var words: [OCRWord] = []
        var line = -1
        repeat {
            if TessPageIteratorIsAtBeginningOf(page, RIL_TEXTLINE) != 0 { line += 1 }
            guard let cText = TessResultIteratorGetUTF8Text(iterator, RIL_WORD) else { continue }
            let text = String(cString: cText)
            TessDeleteText(cText)
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty { continue }
            var l: Int32 = 0, t: Int32 = 0, r: Int32 = 0, b: Int32 = 0
            guard TessPageIteratorBoundingBox(page, RIL_WORD, &l, &t, &r, &b) != 0 else { continue }
            let confidence = Double(TessResultIteratorConfidence(iterator, RIL_WORD))
            words.append(OCRWord(text: trimmed, x: Int(l), y: Int(t), width: Int(r - l), height: Int(b - t),
                                 confidence: max(0, min(100, confidence)), line: max(0, line)))
        } while TessResultIteratorNext(iterator, RIL_WORD) != 0
        return words
    }
}
