import Foundation

/// Broken inputs made on the spot, for the error tests.
enum BrokenFiles {
    /// A fresh temporary folder.
    static func folder() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("arsred-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    static func write(_ data: Data, _ name: String) throws -> URL {
        let url = try folder().appendingPathComponent(name)
        try data.write(to: url)
        return url
    }

    /// A well-formed PDF whose page tree holds no page.
    static var zeroPagePDF: Data {
        let objects = ["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [] /Count 0 >>"]
        var out = "%PDF-1.4\n"
        var offsets: [Int] = []
        for (i, o) in objects.enumerated() {
            offsets.append(out.utf8.count)
            out += "\(i + 1) 0 obj\n\(o)\nendobj\n"
        }
        let xref = out.utf8.count
        out += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for o in offsets { out += String(format: "%010d 00000 n \n", o) }
        out += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return Data(out.utf8)
    }
}

/// PDFs drawn on the spot.
enum MadePDFs {
    /// One page `width`×`height` points covered by one grey image of `pixels` pixels
    /// (uncompressed): a scan saved at 72·pixels.width/width dpi.
    static func imageOnly(width: Int, height: Int, pixels: (width: Int, height: Int)) -> Data {
        var image = [UInt8](repeating: 255, count: pixels.width * pixels.height)
        for y in (pixels.height / 3)..<(pixels.height / 3 + 4) { for x in 10..<(pixels.width - 10) { image[y * pixels.width + x] = 0 } }
        let content = "q \(width) 0 0 \(height) 0 0 cm /Im0 Do Q"
        let objects: [Data] = [
            Data("<< /Type /Catalog /Pages 2 0 R >>".utf8),
            Data("<< /Type /Pages /Kids [3 0 R] /Count 1 >>".utf8),
            Data("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 \(width) \(height)] /Contents 4 0 R /Resources << /XObject << /Im0 5 0 R >> >> >>".utf8),
            Data("<< /Length \(content.utf8.count) >>\nstream\n\(content)\nendstream".utf8),
            Data("<< /Type /XObject /Subtype /Image /Width \(pixels.width) /Height \(pixels.height) /ColorSpace /DeviceGray /BitsPerComponent 8 /Length \(image.count) >>\nstream\n".utf8)
                + Data(image) + Data("\nendstream".utf8),
        ]
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
}
