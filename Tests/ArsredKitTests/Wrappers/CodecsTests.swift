import Bitmap
import Codecs
import Foundation
import Testing

@Suite struct SHA256Tests {
    @Test func matchesTheStandardVectors() {
        // FIPS 180-4 examples, and the empty message.
        #expect(SHA256.hex(Data()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Data("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex(Data("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256.hex(Data(repeating: UInt8(ascii: "a"), count: 1_000_000))
            == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    /// A file the test writes, hashed here and by coreutils' `sha256sum`.
    @Test func agreesWithSha256sum() throws {
        var state: UInt32 = 11
        let bytes = Data((0..<100_003).map { _ -> UInt8 in state = state &* 1_103_515_245 &+ 12_345; return UInt8(state >> 24) })
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("arsred-sha256-\(UUID().uuidString)")
        try bytes.write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["sha256sum", url.path]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let line = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        #expect(line.split(separator: " ").first.map(String.init) == SHA256.hex(bytes))
    }
}

@Suite struct PNGTests {
    @Test func colourImageRoundTrips() throws {
        var rgb = [UInt8]()
        for y in 0..<90 { for x in 0..<120 { rgb += [UInt8(x * 2), UInt8(y * 2), UInt8((x * y) % 256)] } }
        let png = try PNG.encode(RGBImage(width: 120, height: 90, pixels: rgb))
        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        #expect(try PNG.decode(png) == PNGPixels(width: 120, height: 90, channels: 3, pixels: rgb))
    }

    @Test func greyPageIsWrittenGreyAndSmall() throws {
        // A white page with a few black "text" bars: what most report pages are.
        var page = GreyImage(width: 744, height: 1052)
        for line in 0..<30 { for y in (100 + line * 28)..<(110 + line * 28) { for x in 80..<660 where (x / 9 + line) % 3 != 0 { page[x, y] = 20 } } }
        let rgb = RGBImage(width: page.width, height: page.height, pixels: page.pixels.flatMap { [$0, $0, $0] })
        let png = try PNG.encode(rgb)
        #expect(try PNG.decode(png) == PNGPixels(width: 744, height: 1052, channels: 1, pixels: page.pixels))
        #expect(png.count < 20_000)   // 782 688 pixels
        #expect(try PNG.encode(rgb) == png)   // the same bytes every time
    }

    @Test func noiseIsStoredNotGrown() throws {
        // Incompressible pixels: more than the buffer's first guess would hold if zlib grew them.
        var state: UInt32 = 7
        let noise = (0..<(300 * 200)).map { _ -> UInt8 in state = state &* 1_103_515_245 &+ 12_345; return UInt8(state >> 24) }
        let png = try PNG.encode(GreyImage(width: 300, height: 200, pixels: noise))
        #expect(try PNG.decode(png).pixels == noise)
        #expect(png.count < noise.count + noise.count / 100)
    }

    @Test func notAPNGNamesTheCause() {
        #expect(throws: PNGError.self) { try PNG.decode(Array("hello, not a png".utf8)) }
        do { _ = try PNG.decode(Array("hello, not a png".utf8)) } catch {
            #expect("\(error)".hasPrefix("PNG: "))
            #expect("\(error)".count > "PNG: ".count)
        }
    }
}
