import Bitmap
import CPoppler
import Foundation

/// Why a PDF could not be opened or read. Descriptions are one line naming the cause.
public enum PDFError: Error, Equatable, CustomStringConvertible {
    case unreadable(String)
    case notPDF
    case truncated
    case damaged(String)
    case encrypted
    case noPages
    case noSuchPage(Int)
    case noSuchImage(page: Int, id: Int)
    case overBudget(page: Int, width: Int, height: Int)
    case pageTooLarge(page: Int, width: Double, height: Double)

    public var description: String {
        switch self {
        case .unreadable(let why): "cannot read the file: \(why)"
        case .notPDF: "not a PDF (the file does not start with %PDF-)"
        case .truncated: "truncated PDF (the file ends before its %%EOF marker)"
        case .damaged(let why): "damaged PDF: \(why)"
        case .encrypted: "encrypted PDF (password-protected)"
        case .noPages: "the PDF has no pages"
        case .noSuchPage(let n): "no page \(n) in the PDF"
        case .noSuchImage(let p, let id): "no image \(id) on page \(p)"
        case .overBudget(let p, let w, let h):
            "page \(p): the PDF holds an image of \(w) x \(h) pixels, past the \(PixelBudget.maxPixels / 1_000_000)-megapixel budget of a worker; not decoded"
        case .pageTooLarge(let p, let w, let h):
            "page \(p) measures \(PixelBudget.describe(w)) x \(PixelBudget.describe(h)) points, too large to render within the \(PixelBudget.maxPixels / 1_000_000)-megapixel budget of a worker"
        }
    }
}

/// A rectangle in points, origin top-left.
public struct PDFRect: Sendable, Equatable {
    public var x0: Double, y0: Double, x1: Double, y1: Double
    public init(x0: Double, y0: Double, x1: Double, y1: Double) {
        self.x0 = x0; self.y0 = y0; self.x1 = x1; self.y1 = y1
    }
    public var width: Double { x1 - x0 }
    public var height: Double { y1 - y0 }
}

/// One character of a page's text layer with its box.
public struct PDFChar: Sendable, Equatable {
    public var character: Character
    public var box: PDFRect
}

/// One word of a page's text layer: characters between spaces or line breaks.
public struct PDFWord: Sendable, Equatable {
    public var text: String
    public var box: PDFRect
    public init(text: String, box: PDFRect) { self.text = text; self.box = box }
}

/// An image drawn on a page: where it stands and its id for `image(page:id:)`.
public struct PDFImagePlacement: Sendable, Equatable {
    public var id: Int
    public var box: PDFRect
}

/// A decoded embedded image at its native resolution.
public enum PDFImage: Sendable {
    case grey(GreyImage)
    case rgb(RGBImage)
    public var width: Int { switch self { case .grey(let g): g.width; case .rgb(let c): c.width } }
    public var height: Int { switch self { case .grey(let g): g.height; case .rgb(let c): c.height } }
    public var grey: GreyImage { switch self { case .grey(let g): g; case .rgb(let c): c.grey } }
    public var rgb: RGBImage {
        switch self {
        case .rgb(let c): c
        case .grey(let g):
            RGBImage(width: g.width, height: g.height, pixels: {
                var out = [UInt8](repeating: 0, count: g.pixels.count * 3)
                for (i, v) in g.pixels.enumerated() { out[3 * i] = v; out[3 * i + 1] = v; out[3 * i + 2] = v }
                return out
            }())
        }
    }
}

/// An open PDF (poppler-glib). Not thread-safe: give each worker its own, or guard one with a lock.
public final class PDFDocument {
    private let document: OpaquePointer
    private let bytes: OpaquePointer
    public let pageCount: Int

    /// Opens the PDF held in `data`, classifying every failure.
    public init(data: Data) throws {
        guard data.count >= 5, data.prefix(5) == Data("%PDF-".utf8) else { throw PDFError.notPDF }
        // poppler silently rebuilds a cut-short file's cross-reference table and reads what is
        // left; a truncated file has lost objects, so refuse it. Bytes after the last %%EOF that
        // hold no object (padding, a mail footer) are not a lost update: poppler reads past them.
        guard PDFTail.isComplete(data) else { throw PDFError.truncated }
        let gbytes = Self.sharedBytes(data)
        var error: UnsafeMutablePointer<GError>?
        guard let doc = poppler_document_new_from_bytes(gbytes, nil, &error) else {
            g_bytes_unref(gbytes)
            var failure = PDFError.damaged("poppler cannot open it")
            if let e = error {
                let message = e.pointee.message.map { String(cString: $0) } ?? ""
                if e.pointee.domain == poppler_error_quark() && e.pointee.code == Int32(POPPLER_ERROR_ENCRYPTED.rawValue) {
                    failure = .encrypted
                } else if !message.isEmpty {
                    failure = .damaged(message)
                }
                g_error_free(e)
            }
            throw failure
        }
        let count = Int(poppler_document_get_n_pages(doc))
        if count <= 0 {
            g_object_unref(UnsafeMutableRawPointer(doc))
            g_bytes_unref(gbytes)
            throw PDFError.noPages
        }
        document = doc
        bytes = gbytes
        pageCount = count
        largestImage = PDFImageSizes.largest(in: data)
    }

    /// `data` as GLib bytes without a copy: the bytes keep the buffer alive and let it go when
    /// poppler does, so the page workers' documents of one file share one buffer (for a file
    /// read mapped, the file's pages themselves) instead of a copy each.
    private static func sharedBytes(_ data: Data) -> OpaquePointer {
        let buffer = data as NSData
        let owner = Unmanaged.passRetained(buffer).toOpaque()
        return g_bytes_new_with_free_func(buffer.bytes, gsize(buffer.length), { owner in
            if let owner { Unmanaged<NSData>.fromOpaque(owner).release() }
        }, owner)!
    }

    /// The largest image the file declares (see `PDFImageSizes`), nil when it holds none.
    public let largestImage: PDFImageSizes.Size?

    /// Opens the PDF at `path`.
    public convenience init(path: String) throws {
        try self.init(data: try Self.read(path: path))
    }

    /// The bytes of the file at `path`, or `PDFError.unreadable` naming why not.
    public static func read(path: String) throws -> Data {
        if let problem = FileAccess.problem(readingFile: path) { throw PDFError.unreadable(problem) }
        // Mapped, not copied: a scanned report is tens of MB, and only the pages being read
        // need to be in memory.
        do { return try Data(contentsOf: URL(fileURLWithPath: path), options: .mappedIfSafe) } catch {
            throw PDFError.unreadable(FileAccess.problem(readingFile: path) ?? "read error")
        }
    }

    deinit {
        g_object_unref(UnsafeMutableRawPointer(document))
        g_bytes_unref(bytes)
    }

    private func withPage<T>(_ number: Int, _ body: (OpaquePointer) throws -> T) throws -> T {
        guard number >= 1, number <= pageCount,
              let page = poppler_document_get_page(document, Int32(number - 1))
        else { throw PDFError.noSuchPage(number) }
        defer { g_object_unref(UnsafeMutableRawPointer(page)) }
        return try body(page)
    }

    /// Page size in points (width, height), after the page's rotation.
    public func pageSize(_ number: Int) throws -> (width: Double, height: Double) {
        try withPage(number) { page in
            var w = 0.0, h = 0.0
            poppler_page_get_size(page, &w, &h)
            return (w, h)
        }
    }

    /// The text layer as characters with boxes, in poppler's reading order. Line breaks
    /// come as "\n" characters.
    public func characters(page number: Int) throws -> [PDFChar] {
        try withPage(number) { page in
            guard let cText = poppler_page_get_text(page) else { return [] }
            defer { g_free(cText) }
            let text = String(cString: cText)
            var rects: UnsafeMutablePointer<PopplerRectangle>?
            var n: guint = 0
            guard poppler_page_get_text_layout(page, &rects, &n) != 0, let rects else { return [] }
            defer { g_free(rects) }
            var out: [PDFChar] = []
            out.reserveCapacity(Int(n))
            // The layout holds one rectangle per Unicode character of the text.
            for (i, scalar) in text.unicodeScalars.enumerated() {
                guard i < Int(n) else { break }
                let r = rects[i]
                out.append(PDFChar(character: Character(scalar),
                                   box: PDFRect(x0: min(r.x1, r.x2), y0: min(r.y1, r.y2),
                                                x1: max(r.x1, r.x2), y1: max(r.y1, r.y2))))
            }
            return out
        }
    }

    /// The text layer as words with boxes: characters grouped between whitespace, split
    /// also where two characters on a line stand apart.
    public func words(page number: Int) throws -> [PDFWord] {
        Self.group(try characters(page: number))
    }

    static func group(_ chars: [PDFChar]) -> [PDFWord] {
        var words: [PDFWord] = []
        var text = ""
        var box: PDFRect?
        func flush() {
            if let b = box, !text.isEmpty { words.append(PDFWord(text: text, box: b)) }
            text = ""; box = nil
        }
        for c in chars {
            if c.character.isWhitespace
                || c.character.unicodeScalars.allSatisfy({ $0.properties.generalCategory == .control }) {
                flush(); continue
            }
            if let b = box {
                let height = max(b.height, c.box.height, 1)
                let sameLine = c.box.y0 < b.y1 && c.box.y1 > b.y0
                // A gap wider than ~0.6 em, or a step backwards, starts a new word.
                if !sameLine || c.box.x0 - b.x1 > 0.6 * height || c.box.x0 < b.x0 - 0.5 * height { flush() }
            }
            text.append(c.character)
            if let b = box {
                box = PDFRect(x0: min(b.x0, c.box.x0), y0: min(b.y0, c.box.y0),
                              x1: max(b.x1, c.box.x1), y1: max(b.y1, c.box.y1))
            } else {
                box = c.box
            }
        }
        flush()
        return words
    }

    /// Images drawn on the page, with where they stand.
    public func imagePlacements(page number: Int) throws -> [PDFImagePlacement] {
        try withPage(number) { page in
            guard let list = poppler_page_get_image_mapping(page) else { return [] }
            defer { poppler_page_free_image_mapping(list) }
            var out: [PDFImagePlacement] = []
            var node: UnsafeMutablePointer<GList>? = list
            while let n = node {
                if let data = n.pointee.data {
                    let m = data.assumingMemoryBound(to: PopplerImageMapping.self).pointee
                    out.append(PDFImagePlacement(
                        id: Int(m.image_id),
                        box: PDFRect(x0: min(m.area.x1, m.area.x2), y0: min(m.area.y1, m.area.y2),
                                     x1: max(m.area.x1, m.area.x2), y1: max(m.area.y1, m.area.y2))))
                }
                node = n.pointee.next
            }
            return out
        }
    }

    /// An embedded image decoded at its native resolution (grey when every pixel is grey).
    public func image(page number: Int, id: Int) throws -> PDFImage {
        try withImage(page: number, id: id) { Self.pixels(of: $0, grey: nil) }
    }

    /// The pixel width of an embedded image (its resolution), without copying its pixels out.
    public func imageWidth(page number: Int, id: Int) throws -> Int {
        try withImage(page: number, id: id) { Int(cairo_image_surface_get_width($0)) }
    }

    /// Decodes an embedded image within the worker's pixel budget and hands its surface to `body`.
    private func withImage<T>(page number: Int, id: Int, _ body: (OpaquePointer) throws -> T) throws -> T {
        try withPage(number) { page in
            try PixelBudget.shared.spending(try decodingCost(page: number)) {
                guard let surface = poppler_page_get_image(page, Int32(id)) else {
                    throw PDFError.noSuchImage(page: number, id: id)
                }
                defer { cairo_surface_destroy(surface) }
                return try body(surface)
            }
        }
    }

    /// Renders `region` (whole page when nil) of a page at `dpi`, on white, in colour.
    public func renderRGB(page number: Int, region: PDFRect? = nil, dpi: Double) throws -> RGBImage {
        try render(page: number, region: region, dpi: dpi, grey: false).rgb
    }

    /// Renders `region` (whole page when nil) of a page at `dpi`, on white, to 8-bit grey.
    public func renderGrey(page number: Int, region: PDFRect? = nil, dpi: Double) throws -> GreyImage {
        try render(page: number, region: region, dpi: dpi, grey: true).grey
    }

    private func render(page number: Int, region: PDFRect?, dpi: Double, grey: Bool) throws -> PDFImage {
        try withPage(number) { page in
            var w = 0.0, h = 0.0
            poppler_page_get_size(page, &w, &h)
            let area = region ?? PDFRect(x0: 0, y0: 0, x1: w, y1: h)
            let scale = dpi / 72
            let (pw, ph) = try PixelBudget.bitmapSize(area.width * scale, area.height * scale, page: number,
                                                      points: (area.width, area.height))
            return try PixelBudget.shared.spending(try decodingCost(page: number) + pw * ph) {
                try draw(page, area: area, scale: scale, pixels: (pw, ph), grey: grey)
            }
        }
    }

    /// What decoding the images of page `number` may cost in pixels: the largest image the file
    /// declares (poppler decodes each whole), refused past a worker's budget.
    private func decodingCost(page number: Int) throws -> Int {
        guard let image = largestImage else { return 0 }
        guard image.pixels <= PixelBudget.maxPixels else {
            throw PDFError.overBudget(page: number, width: image.width, height: image.height)
        }
        return image.pixels
    }

    private func draw(_ page: OpaquePointer, area: PDFRect, scale: Double, pixels: (Int, Int), grey: Bool) throws -> PDFImage {
        let (pw, ph) = pixels
        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(pw), Int32(ph)),
              cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS
        else { throw PDFError.damaged("cannot make a \(pw)x\(ph) bitmap") }
        defer { cairo_surface_destroy(surface) }
        let cr = cairo_create(surface)
        cairo_set_source_rgb(cr, 1, 1, 1)
        cairo_paint(cr)
        cairo_scale(cr, scale, scale)
        cairo_translate(cr, -area.x0, -area.y0)
        poppler_page_render(page, cr)
        cairo_destroy(cr)
        return Self.pixels(of: surface, grey: grey)
    }

    /// Copies a cairo RGB24/ARGB32 surface (native-endian xRGB words) into a plain buffer:
    /// grey when `grey` is true, colour when false, grey if every pixel is grey when nil.
    private static func pixels(of surface: OpaquePointer, grey: Bool?) -> PDFImage {
        cairo_surface_flush(surface)
        let width = Int(cairo_image_surface_get_width(surface))
        let height = Int(cairo_image_surface_get_height(surface))
        let rowBytes = Int(cairo_image_surface_get_stride(surface))
        let hasAlpha = cairo_image_surface_get_format(surface) == CAIRO_FORMAT_ARGB32
        guard let base = cairo_image_surface_get_data(surface), width > 0, height > 0 else {
            return .grey(GreyImage(width: 0, height: 0, pixels: []))
        }
        func row(_ y: Int) -> UnsafePointer<UInt32> {
            UnsafeRawPointer(base + y * rowBytes).assumingMemoryBound(to: UInt32.self)
        }
        var makeGrey = grey ?? true
        if grey == nil {
            outer: for y in 0..<height {
                let r = row(y)
                for x in 0..<width {
                    let v = hasAlpha ? onWhite(r[x]) : r[x]
                    if (v >> 16) & 0xff != (v >> 8) & 0xff || (v >> 8) & 0xff != v & 0xff { makeGrey = false; break outer }
                }
            }
        }
        if makeGrey {
            var out = [UInt8](repeating: 0, count: width * height)
            out.withUnsafeMutableBufferPointer { o in
                for y in 0..<height {
                    let r = row(y)
                    for x in 0..<width {
                        let v = hasAlpha ? onWhite(r[x]) : r[x]
                        let red = (v >> 16) & 0xff, green = (v >> 8) & 0xff, blue = v & 0xff
                        o[y * width + x] = UInt8((299 * red + 587 * green + 114 * blue) / 1000)
                    }
                }
            }
            return .grey(GreyImage(width: width, height: height, pixels: out))
        }
        var out = [UInt8](repeating: 0, count: width * height * 3)
        out.withUnsafeMutableBufferPointer { o in
            for y in 0..<height {
                let r = row(y)
                for x in 0..<width {
                    let v = hasAlpha ? onWhite(r[x]) : r[x]
                    let i = (y * width + x) * 3
                    o[i] = UInt8((v >> 16) & 0xff); o[i + 1] = UInt8((v >> 8) & 0xff); o[i + 2] = UInt8(v & 0xff)
                }
            }
        }
        return .rgb(RGBImage(width: width, height: height, pixels: out))
    }

    /// A premultiplied ARGB pixel composed over white.
    private static func onWhite(_ v: UInt32) -> UInt32 {
        let a = (v >> 24) & 0xff
        if a == 255 { return v }
        let inv = 255 - a
        let r = min(255, ((v >> 16) & 0xff) + inv), g = min(255, ((v >> 8) & 0xff) + inv), b = min(255, (v & 0xff) + inv)
        return (r << 16) | (g << 8) | b
    }
}
