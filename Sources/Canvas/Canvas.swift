import Bitmap
import CPoppler

/// A colour, each channel 0...255.
public struct RGB: Sendable, Equatable, Hashable {
    public var r: UInt8, g: UInt8, b: UInt8
    public init(_ r: UInt8, _ g: UInt8, _ b: UInt8) { self.r = r; self.g = g; self.b = b }
    /// `0x1F77B4` -> (31, 119, 180).
    public init(hex: UInt32) { self.init(UInt8((hex >> 16) & 0xFF), UInt8((hex >> 8) & 0xFF), UInt8(hex & 0xFF)) }
    public init(grey: UInt8) { self.init(grey, grey, grey) }
    public static let black = RGB(0, 0, 0)
    public static let white = RGB(255, 255, 255)
    /// Relative luma 0...1, to pick a readable text colour on a fill.
    public var luma: Double { (0.299 * Double(r) + 0.587 * Double(g) + 0.114 * Double(b)) / 255 }
}

/// A font by fontconfig family name ("DejaVu Sans", "Liberation Sans"), size in user units.
public struct Font: Sendable, Equatable {
    public var family: String
    public var size: Double
    public var bold: Bool
    public var italic: Bool
    public init(_ family: String, size: Double, bold: Bool = false, italic: Bool = false) {
        self.family = family; self.size = size; self.bold = bold; self.italic = italic
    }
    public func sized(_ s: Double) -> Font { var f = self; f.size = s; return f }
    public var asBold: Font { var f = self; f.bold = true; return f }
}

public struct Rect: Sendable, Equatable {
    public var x: Double, y: Double, width: Double, height: Double
    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x; self.y = y; self.width = width; self.height = height
    }
    public var maxX: Double { x + width }
    public var maxY: Double { y + height }
}

public enum CanvasError: Error, CustomStringConvertible {
    case cairo(String)
    public var description: String {
        switch self { case .cairo(let s): "cairo: \(s)" }
    }
}

/// The pen: drawing operations shared by PDF pages and image canvases.
/// Coordinates have their origin top-left, y down; text is placed by its baseline.
public class Surface {
    let cr: OpaquePointer

    init(context: OpaquePointer) { cr = context }

    public func fill(_ r: Rect, _ colour: RGB) {
        setColour(colour)
        cairo_rectangle(cr, r.x, r.y, r.width, r.height)
        cairo_fill(cr)
    }

    public func stroke(_ r: Rect, _ colour: RGB, lineWidth: Double = 1) {
        setColour(colour)
        cairo_set_line_width(cr, lineWidth)
        cairo_rectangle(cr, r.x, r.y, r.width, r.height)
        cairo_stroke(cr)
    }

    public func line(from a: (x: Double, y: Double), to b: (x: Double, y: Double), _ colour: RGB, lineWidth: Double = 1) {
        setColour(colour)
        cairo_set_line_width(cr, lineWidth)
        cairo_move_to(cr, a.x, a.y)
        cairo_line_to(cr, b.x, b.y)
        cairo_stroke(cr)
    }

    /// Draws `text` with its baseline starting at (x, y).
    public func text(_ text: String, x: Double, y: Double, font: Font, _ colour: RGB = .black) {
        select(font)
        setColour(colour)
        cairo_move_to(cr, x, y)
        cairo_show_text(cr, text)
        cairo_new_path(cr)
    }

    /// Draws `text` right-aligned so it ends at `right`.
    public func textRight(_ text: String, right: Double, y: Double, font: Font, _ colour: RGB = .black) {
        self.text(text, x: right - textWidth(text, font: font), y: y, font: font, colour)
    }

    /// Draws `text` centred on `centreX`.
    public func textCentred(_ text: String, centreX: Double, y: Double, font: Font, _ colour: RGB = .black) {
        self.text(text, x: centreX - textWidth(text, font: font) / 2, y: y, font: font, colour)
    }

    /// Advance width of `text` in user units.
    public func textWidth(_ text: String, font: Font) -> Double {
        select(font)
        var ext = cairo_text_extents_t()
        cairo_text_extents(cr, text, &ext)
        return ext.x_advance
    }

    /// Ascent and descent of `font` in user units.
    public func fontMetrics(_ font: Font) -> (ascent: Double, descent: Double) {
        select(font)
        var ext = cairo_font_extents_t()
        cairo_font_extents(cr, &ext)
        return (ext.ascent, ext.descent)
    }

    /// Draws an RGB image scaled into `r`.
    public func draw(_ image: RGBImage, in r: Rect, smooth: Bool = true) {
        guard image.width > 0, image.height > 0 else { return }
        let surface = ImageSurface.make(width: image.width, height: image.height) { x, y in image.pixel(x, y) }
        paint(surface, width: image.width, height: image.height, in: r, smooth: smooth)
    }

    /// Draws a grey image scaled into `r`.
    public func draw(_ image: GreyImage, in r: Rect, smooth: Bool = true) {
        guard image.width > 0, image.height > 0 else { return }
        let surface = ImageSurface.make(width: image.width, height: image.height) { x, y in
            let v = image[x, y]; return (v, v, v)
        }
        paint(surface, width: image.width, height: image.height, in: r, smooth: smooth)
    }

    /// Scales user units from here on (e.g. points -> pixels at dpi/72).
    public func scale(by s: Double) { cairo_scale(cr, s, s) }
    public func save() { cairo_save(cr) }
    public func restore() { cairo_restore(cr) }

    /// Rotates about (cx, cy) by `degrees` (positive = clockwise on screen) for what follows.
    public func rotate(degrees: Double, aboutX cx: Double, y cy: Double) {
        cairo_translate(cr, cx, cy)
        cairo_rotate(cr, degrees * .pi / 180)
        cairo_translate(cr, -cx, -cy)
    }

    private func paint(_ surface: OpaquePointer, width: Int, height: Int, in r: Rect, smooth: Bool) {
        defer { cairo_surface_destroy(surface) }
        cairo_save(cr)
        cairo_translate(cr, r.x, r.y)
        cairo_scale(cr, r.width / Double(width), r.height / Double(height))
        cairo_set_source_surface(cr, surface, 0, 0)
        cairo_pattern_set_filter(cairo_get_source(cr), smooth ? CAIRO_FILTER_GOOD : CAIRO_FILTER_NEAREST)
        cairo_rectangle(cr, 0, 0, Double(width), Double(height))
        cairo_fill(cr)
        cairo_restore(cr)
    }

    private func setColour(_ c: RGB) {
        cairo_set_source_rgb(cr, Double(c.r) / 255, Double(c.g) / 255, Double(c.b) / 255)
    }

    private func select(_ f: Font) {
        cairo_select_font_face(cr, f.family,
                               f.italic ? CAIRO_FONT_SLANT_ITALIC : CAIRO_FONT_SLANT_NORMAL,
                               f.bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL)
        cairo_set_font_size(cr, f.size)
    }
}

enum ImageSurface {
    /// A cairo RGB24 image surface filled pixel by pixel.
    static func make(width: Int, height: Int, pixel: (Int, Int) -> (r: UInt8, g: UInt8, b: UInt8)) -> OpaquePointer {
        let s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(width), Int32(height))!
        cairo_surface_flush(s)
        let stride = Int(cairo_image_surface_get_stride(s))
        let data = cairo_image_surface_get_data(s)!
        for y in 0..<height {
            let row = (data + y * stride).withMemoryRebound(to: UInt32.self, capacity: width) { $0 }
            for x in 0..<width {
                let p = pixel(x, y)
                row[x] = 0xFF00_0000 | UInt32(p.r) << 16 | UInt32(p.g) << 8 | UInt32(p.b)
            }
        }
        cairo_surface_mark_dirty(s)
        return s
    }
}

/// A multi-page PDF written by cairo. Units are points, origin top-left.
public final class PDFDocument {
    public static let a4 = (width: 595.276, height: 841.89)
    private let surface: OpaquePointer
    private var finished = false
    private var pageOpen = false
    public let pageWidth: Double
    public let pageHeight: Double

    /// `date` (ISO 8601, e.g. "2024-03-01T10:00:00") is written as the creation and modification
    /// date so output bytes do not depend on when it was made.
    public init(path: String, width: Double = PDFDocument.a4.width, height: Double = PDFDocument.a4.height,
                title: String? = nil, date: String = "2024-01-01T00:00:00") throws {
        guard let s = cairo_pdf_surface_create(path, width, height) else { throw CanvasError.cairo("cannot create \(path)") }
        let status = cairo_surface_status(s)
        guard status == CAIRO_STATUS_SUCCESS else {
            let msg = String(cString: cairo_status_to_string(status))
            cairo_surface_destroy(s)
            throw CanvasError.cairo("\(path): \(msg)")
        }
        surface = s
        pageWidth = width; pageHeight = height
        cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, date)
        cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_MOD_DATE, date)
        if let title { cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, title) }
    }

    /// Draws one page; the page is emitted when `draw` returns. The pen is only valid inside `draw`.
    public func page(_ draw: (Surface) throws -> Void) rethrows {
        let cr = cairo_create(surface)!
        defer { cairo_destroy(cr) }
        let pen = Surface(context: cr)
        try draw(pen)
        cairo_show_page(cr)
    }

    /// Writes the file. Call once; the document cannot be drawn on afterwards.
    public func finish() throws {
        guard !finished else { return }
        finished = true
        cairo_surface_finish(surface)
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else { throw CanvasError.cairo(String(cString: cairo_status_to_string(status))) }
    }

    deinit {
        if !finished { cairo_surface_finish(surface) }
        cairo_surface_destroy(surface)
    }
}

/// An in-memory RGB image to draw on. Units are pixels unless scaled; origin top-left.
public final class ImageCanvas: Surface {
    private let surface: OpaquePointer
    public let width: Int
    public let height: Int

    public init(width: Int, height: Int, background: RGB = .white) {
        let s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(width), Int32(height))!
        surface = s
        self.width = width; self.height = height
        super.init(context: cairo_create(s)!)
        // Unhinted metrics: text measures the same here as on a PDF page, so layouts agree.
        let options = cairo_font_options_create()
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
        cairo_set_font_options(cr, options)
        cairo_font_options_destroy(options)
        fill(Rect(x: 0, y: 0, width: Double(width), height: Double(height)), background)
    }

    /// The pixels drawn so far.
    public var rgbImage: RGBImage {
        cairo_surface_flush(surface)
        let stride = Int(cairo_image_surface_get_stride(surface))
        let data = cairo_image_surface_get_data(surface)!
        var out = [UInt8](repeating: 0, count: width * height * 3)
        for y in 0..<height {
            let row = (data + y * stride).withMemoryRebound(to: UInt32.self, capacity: width) { $0 }
            for x in 0..<width {
                let p = row[x], i = (y * width + x) * 3
                out[i] = UInt8((p >> 16) & 0xFF); out[i + 1] = UInt8((p >> 8) & 0xFF); out[i + 2] = UInt8(p & 0xFF)
            }
        }
        return RGBImage(width: width, height: height, pixels: out)
    }

    /// For looking at a fixture while debugging.
    public func writePNG(path: String) throws {
        let status = cairo_surface_write_to_png(surface, path)
        guard status == CAIRO_STATUS_SUCCESS else {
            throw CanvasError.cairo("\(path): \(String(cString: cairo_status_to_string(status)))")
        }
    }

    deinit {
        cairo_destroy(cr)
        cairo_surface_destroy(surface)
    }
}
