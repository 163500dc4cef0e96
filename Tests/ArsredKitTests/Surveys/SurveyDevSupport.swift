import Foundation
import Bitmap
@testable import ArsredKit

/// Test-side stand-ins: pages of a `.txt` file, page pictures through the `pdftoppm` tool, label
/// OCR through the `tesseract` tool. They let the recogniser run on real reports in tests
/// independently of the ingestion stage.
enum SurveyDev {
    static func textPages(_ url: URL) throws -> [Page] {
        let text = try String(contentsOf: url, encoding: .utf8)
        return text.split(separator: "\u{0C}", omittingEmptySubsequences: false).enumerated().map { i, page in
            let lines = page.split(separator: "\n").map { l in
                Line(words: l.split(separator: " ").map { Word(text: String($0)) })
            }.filter { !$0.words.isEmpty }
            return Page(number: i + 1, method: .ocr, lines: lines)
        }
    }

    static func run(_ tool: String, _ args: [String]) throws -> Data {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = [tool] + args
        var env = ProcessInfo.processInfo.environment; env["OMP_THREAD_LIMIT"] = "1"
        p.environment = env
        let out = Pipe(); p.standardOutput = out; p.standardError = FileHandle.nullDevice
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return data
    }

    static var toolsPresent: Bool {
        FileManager.default.isExecutableFile(atPath: "/usr/bin/pdftoppm") && FileManager.default.isExecutableFile(atPath: "/usr/bin/tesseract")
    }
}

/// Page pictures of a PDF rendered by `pdftoppm`.
struct PdftoppmImages: PageImageSource {
    let pdf: URL
    func image(page number: Int, region: Box?, dpi: Double) throws -> RGBImage {
        var args = ["-r", String(dpi), "-f", "\(number)", "-l", "\(number)", "-singlefile"]
        if let r = region {
            let k = dpi / 72
            args += ["-x", "\(Int(r.x0 * k))", "-y", "\(Int(r.y0 * k))", "-W", "\(Int(r.width * k))", "-H", "\(Int(r.height * k))"]
        }
        let data = try SurveyDev.run("pdftoppm", args + [pdf.path])
        return try PPM.decode(data)
    }
}

enum PPM {
    struct Malformed: Error {}
    static func decode(_ d: Data) throws -> RGBImage {
        let bytes = [UInt8](d)
        var i = 0, fields: [Int] = []
        guard bytes.count > 2, bytes[0] == UInt8(ascii: "P"), bytes[1] == UInt8(ascii: "6") else { throw Malformed() }
        i = 2
        while fields.count < 3 {
            while i < bytes.count, bytes[i] == 32 || bytes[i] == 10 || bytes[i] == 13 || bytes[i] == 9 { i += 1 }
            var v = 0
            while i < bytes.count, bytes[i] >= 48, bytes[i] <= 57 { v = v * 10 + Int(bytes[i] - 48); i += 1 }
            fields.append(v)
        }
        i += 1
        let n = fields[0] * fields[1] * 3
        guard bytes.count >= i + n else { throw Malformed() }
        return RGBImage(width: fields[0], height: fields[1], pixels: Array(bytes[i..<(i + n)]))
    }
}

/// Label OCR through the `tesseract` command (single line mode).
final class TesseractToolReader: SurveyLabelReader {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("survey-ocr-\(UUID().uuidString)")
    var counter = 0
    init() { try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true) }
    deinit { try? FileManager.default.removeItem(at: dir) }
    func readLine(_ image: GreyImage, dpi: Int, whitelist: String?) -> String {
        counter += 1
        let f = dir.appendingPathComponent("c\(counter).pgm")
        var data = Data("P5\n\(image.width) \(image.height)\n255\n".utf8)
        data.append(contentsOf: image.pixels)
        try? data.write(to: f)
        var args = [f.path, "-", "-l", whitelist == nil ? "swe" : "eng", "--psm", "7", "--dpi", "\(dpi)"]
        if let w = whitelist { args += ["-c", "tessedit_char_whitelist=\(w)"] }
        let out = (try? SurveyDev.run("tesseract", args)) ?? Data()
        let text = String(decoding: out, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if let keep = ProcessInfo.processInfo.environment["ARSRED_SURVEY_CROPS"] {
            let name = "c\(counter)-\(whitelist == nil ? "t" : "d").pgm"
            try? FileManager.default.copyItem(at: f, to: URL(fileURLWithPath: keep).appendingPathComponent(name))
            print("crop \(name): \(text)")
        }
        return text
    }
}
