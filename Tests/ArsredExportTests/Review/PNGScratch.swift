import Testing
import Foundation
import Bitmap
@testable import ArsredExport

@Test func scratchPNG() throws {
    for name in ["p3-03", "p12-12", "p8-08"] {
        let data = [UInt8](try Data(contentsOf: URL(fileURLWithPath: "/tmp/exp/\(name).ppm")))
        // P6\nW H\n255\n
        var fields: [String] = []; var i = 0; var cur = ""
        while fields.count < 4 { let c = Character(UnicodeScalar(data[i])); i += 1; if c.isWhitespace { if !cur.isEmpty { fields.append(cur); cur = "" } } else { cur.append(c) } }
        let w = Int(fields[1])!, h = Int(fields[2])!
        let img = RGBImage(width: w, height: h, pixels: Array(data[i...]))
        let t0 = Date()
        let png = PNGEncoder.encode(img)
        print(name, w, h, png.count, Date().timeIntervalSince(t0))
        try Data(png).write(to: URL(fileURLWithPath: "/tmp/exp/\(name).png"))
    }
}
