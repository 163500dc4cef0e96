import ArsredExport
import Codecs
import Foundation

/// PDF bytes written object by object, for the reliability tests' hostile inputs.
enum PDFBytes {
    /// `objects` numbered from 1 (the first is the catalog), with their cross-reference table.
    static func assemble(_ objects: [Data]) -> Data {
        var out = Data("%PDF-1.4\n".utf8)
        var offsets: [Int] = []
        for (i, o) in objects.enumerated() {
            offsets.append(out.count)
            out += Data("\(i + 1) 0 obj\n".utf8) + o + Data("\nendobj\n".utf8)
        }
        let xref = out.count
        var tail = "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for o in offsets { tail += String(format: "%010d 00000 n \n", o) }
        tail += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return out + Data(tail.utf8)
    }

    /// One page of `size` points drawing one grey image: `stream` as its bytes, `filter` their coding.
    static func imagePage(size: (Int, Int) = (612, 792), pixels: (Int, Int), stream: Data, filter: String? = nil) -> Data {
        let content = "q \(size.0) 0 0 \(size.1) 0 0 cm /Im0 Do Q"
        let coding = filter.map { "/Filter /\($0) " } ?? ""
        return assemble([
            Data("<< /Type /Catalog /Pages 2 0 R >>".utf8),
            Data("<< /Type /Pages /Kids [3 0 R] /Count 1 >>".utf8),
            Data("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 \(size.0) \(size.1)] /Contents 4 0 R /Resources << /XObject << /Im0 5 0 R >> >> >>".utf8),
            Data("<< /Length \(content.utf8.count) >>\nstream\n\(content)\nendstream".utf8),
            Data("<< /Type /XObject /Subtype /Image /Width \(pixels.0) /Height \(pixels.1) /ColorSpace /DeviceGray /BitsPerComponent 8 \(coding)/Length \(stream.count) >>\nstream\n".utf8)
                + stream + Data("\nendstream".utf8),
        ])
    }
}

enum HostilePDFs {
    /// A scan (white, with black bars) whose Flate stream ends after its first 2 KB, as a
    /// damaged transfer leaves it; `damaged: false` gives the same scan intact. (Garbage that
    /// still inflates to the image's size leaves no trace poppler reports: a garbled picture.)
    static func flateScan(damaged: Bool) -> Data {
        let (w, h) = (850, 1100)
        var pixels = [UInt8](repeating: 255, count: w * h)
        for y in 0..<h where (y / 12) % 4 == 0 { for x in 50..<(w - 50) { pixels[y * w + x] = UInt8((x * 7 + y * 3) % 120) } }
        let z = Zlib.compress(pixels)
        return PDFBytes.imagePage(pixels: (w, h), stream: Data(damaged ? z.prefix(2048) : z[...]), filter: "FlateDecode")
    }

    /// A page declaring a `side` x `side` Flate image (its stream a few bytes): what decoding it would cost is
    /// all that matters.
    static func hugeImage(side: Int) -> Data {
        PDFBytes.imagePage(pixels: (side, side), stream: Data(Zlib.compress([UInt8](repeating: 255, count: 4096))), filter: "FlateDecode")
    }

    /// A page of `points` x `points` with no text layer and nothing drawn: it is rendered for OCR.
    static func page(points: Int) -> Data {
        PDFBytes.assemble([
            Data("<< /Type /Catalog /Pages 2 0 R >>".utf8),
            Data("<< /Type /Pages /Kids [3 0 R] /Count 1 >>".utf8),
            Data("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 \(points) \(points)] >>".utf8),
        ])
    }
}
