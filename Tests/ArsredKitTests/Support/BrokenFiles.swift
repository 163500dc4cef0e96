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
        PDFBytes.assemble(["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [] /Count 0 >>"].map { Data($0.utf8) })
    }
}

/// PDFs drawn on the spot.
enum MadePDFs {
    /// One page `width`×`height` points covered by one grey image of `pixels` pixels
    /// (uncompressed): a scan saved at 72·pixels.width/width dpi.
    static func imageOnly(width: Int, height: Int, pixels: (width: Int, height: Int)) -> Data {
        var image = [UInt8](repeating: 255, count: pixels.width * pixels.height)
        for y in (pixels.height / 3)..<(pixels.height / 3 + 4) { for x in 10..<(pixels.width - 10) { image[y * pixels.width + x] = 0 } }
        return PDFBytes.imagePage(size: (width, height), pixels: pixels, stream: Data(image))
    }
}
