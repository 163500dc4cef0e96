import Testing
import Bitmap
@testable import ArsredExport

@Suite struct PNGEncoderTests {
    /// The chunks of a PNG, each CRC checked.
    static func chunks(_ png: [UInt8]) throws -> [(type: String, data: [UInt8])] {
        #expect(Array(png[0..<8]) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        var out: [(String, [UInt8])] = []
        var i = 8
        func u32(_ at: Int) -> UInt32 { png[at..<(at + 4)].reduce(0) { $0 << 8 | UInt32($1) } }
        while i < png.count {
            let length = Int(u32(i))
            let body = Array(png[(i + 4)..<(i + 8 + length)])
            #expect(PNGEncoder.crc32(body) == u32(i + 8 + length))
            out.append((String(decoding: body[0..<4], as: UTF8.self), Array(body[4...])))
            i += 12 + length
        }
        return out
    }

    /// Undoes the row filters: the pixels a viewer would show.
    static func pixels(_ png: [UInt8]) throws -> (width: Int, height: Int, channels: Int, pixels: [UInt8]) {
        let c = try chunks(png)
        #expect(c.map(\.type) == ["IHDR", "IDAT", "IEND"])
        let h = c[0].data
        let width = Int(h[0]) << 24 | Int(h[1]) << 16 | Int(h[2]) << 8 | Int(h[3])
        let height = Int(h[4]) << 24 | Int(h[5]) << 16 | Int(h[6]) << 8 | Int(h[7])
        let channels = h[9] == 2 ? 3 : 1
        let raw = try Inflate.zlib(c[1].data)
        let stride = width * channels
        #expect(raw.count == (stride + 1) * height)
        var out = [UInt8](), previous = [UInt8](repeating: 0, count: stride)
        for y in 0..<height {
            let filter = raw[y * (stride + 1)]
            var row = Array(raw[(y * (stride + 1) + 1)..<((y + 1) * (stride + 1))])
            for x in 0..<stride {
                let a = x >= channels ? Int(row[x - channels]) : 0, b = Int(previous[x])
                let ab = x >= channels ? Int(previous[x - channels]) : 0
                let p = [0, a, b, (a + b) / 2, PNGEncoder.paeth(a, b, ab)][Int(filter)]
                row[x] = UInt8(truncatingIfNeeded: Int(row[x]) + p)
            }
            out += row; previous = row
        }
        return (width, height, channels, out)
    }

    @Test func colourImageRoundTrips() throws {
        var rgb = [UInt8]()
        for y in 0..<90 { for x in 0..<120 { rgb += [UInt8(x * 2), UInt8(y * 2), UInt8((x * y) % 256)] } }
        let image = RGBImage(width: 120, height: 90, pixels: rgb)
        let decoded = try Self.pixels(PNGEncoder.encode(image))
        #expect(decoded.width == 120 && decoded.height == 90 && decoded.channels == 3)
        #expect(decoded.pixels == rgb)
    }

    @Test func greyPageIsWrittenGreyAndSmall() throws {
        // A white page with a few black "text" bars: what most report pages are.
        var page = GreyImage(width: 744, height: 1052)
        for line in 0..<30 { for y in (100 + line * 28)..<(110 + line * 28) { for x in 80..<660 where (x / 9 + line) % 3 != 0 { page[x, y] = 20 } } }
        let rgb = RGBImage(width: page.width, height: page.height, pixels: page.pixels.flatMap { [$0, $0, $0] })
        let png = PNGEncoder.encode(rgb)
        let decoded = try Self.pixels(png)
        #expect(decoded.channels == 1)
        #expect(decoded.pixels == page.pixels)
        #expect(png.count < 20_000)   // 782 688 pixels
    }

    @Test func noiseRoundTripsAndEmptyInputIsAValidStream() throws {
        var state: UInt32 = 7
        let noise = (0..<50_000).map { _ -> UInt8 in state = state &* 1_103_515_245 &+ 12_345; return UInt8(state >> 24) }
        let packedNoise = Deflate.zlib(noise)
        #expect(try Inflate.zlib(packedNoise) == noise)
        #expect(packedNoise.count == 2 + 50_000 + 5 + 4)   // stored, not grown
        let longNoise = noise + noise.reversed() + noise   // over one stored block
        #expect(try Inflate.zlib(Deflate.zlib(longNoise)) == longNoise)
        #expect(try Inflate.zlib(Deflate.zlib([])) == [])
        let repeated = [UInt8](repeating: 65, count: 100_000) + Array("abcabcabcabd".utf8)
        let z = Deflate.zlib(repeated)
        #expect(try Inflate.zlib(z) == repeated)
        #expect(z.count < 400)
        #expect(Deflate.adler32(Array("Wikipedia".utf8)) == 0x11E6_0398)
    }
}
