import Foundation

/// The pixel sizes images declare in a PDF, read from the bytes without decoding anything.
/// Poppler decodes an image whole (4 bytes a pixel) before drawing or handing it out, whatever
/// size it is drawn at: a 0.9 MB file declaring one 30000 x 30000 image costs 3.6 GB. Image
/// dictionaries head stream objects, which never sit in compressed object streams, so their
/// `/Width` and `/Height` are plain text in the file.
public enum PDFImageSizes {
    public struct Size: Sendable, Equatable {
        public var width: Int, height: Int
        public var pixels: Int { width.multipliedReportingOverflow(by: height).overflow ? .max : width * height }
    }

    /// The largest image (by pixels) declared in `data`, nil when none is.
    public static func largest(in data: Data) -> Size? {
        var best: Size?
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            guard let base = raw.baseAddress else { return }
            let bytes = raw.bindMemory(to: UInt8.self)
            var from = 0
            while let at = find("/Subtype", in: base, count: raw.count, from: from) {
                from = at + 8
                var i = from
                while i < bytes.count, isSpace(bytes[i]) { i += 1 }
                guard matches("/Image", bytes, at: i), i + 6 >= bytes.count || isDelimiter(bytes[i + 6]) else { continue }
                let dict = dictionary(around: at, base: base, bytes: bytes)
                guard let w = number(after: "/Width", in: dict, bytes), let h = number(after: "/Height", in: dict, bytes)
                else { continue }
                let size = Size(width: w, height: h)
                if best == nil || size.pixels > best!.pixels { best = size }
            }
        }
        return best
    }

    /// The object's dictionary: from the `obj` keyword before `at` to the `stream` after it,
    /// each looked for within `reach` bytes.
    private static let reach = 4096

    private static func dictionary(around at: Int, base: UnsafeRawPointer, bytes: UnsafeBufferPointer<UInt8>) -> Range<Int> {
        var start = at
        let floor = max(0, at - reach)
        while start > floor, !matches("obj", bytes, at: start) { start -= 1 }
        let end = find("stream", in: base, count: min(bytes.count, at + reach), from: at) ?? min(bytes.count, at + reach)
        return start..<end
    }

    /// The integer after `key` (a direct number: an indirect `12 0 R` reads as its object number,
    /// which over-states nothing a producer writes).
    private static func number(after key: String, in range: Range<Int>, _ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let k = Array(key.utf8)
        var i = range.lowerBound
        while i + k.count < range.upperBound {
            if matches(key, bytes, at: i), !isRegular(bytes[i + k.count]) {
                var j = i + k.count
                while j < range.upperBound, isSpace(bytes[j]) { j += 1 }
                var value = 0, digits = 0
                while j < range.upperBound, bytes[j] >= 0x30, bytes[j] <= 0x39, digits < 12 {
                    value = value * 10 + Int(bytes[j] - 0x30); j += 1; digits += 1
                }
                return digits > 0 ? value : nil
            }
            i += 1
        }
        return nil
    }

    private static func find(_ needle: String, in base: UnsafeRawPointer, count: Int, from: Int) -> Int? {
        let n = Array(needle.utf8)
        var i = from
        while i + n.count <= count {
            guard let hit = memchr(base + i, Int32(n[0]), count - i) else { return nil }
            let at = base.distance(to: UnsafeRawPointer(hit))
            if at + n.count <= count, memcmp(base + at, n, n.count) == 0 { return at }
            i = at + 1
        }
        return nil
    }

    private static func matches(_ s: String, _ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        let k = Array(s.utf8)
        guard i >= 0, i + k.count <= bytes.count else { return false }
        for (o, c) in k.enumerated() where bytes[i + o] != c { return false }
        return true
    }

    private static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 || c == 0x0C || c == 0 }
    private static func isDelimiter(_ c: UInt8) -> Bool { isSpace(c) || "/<>[]()%".utf8.contains(c) }
    private static func isRegular(_ c: UInt8) -> Bool { !isDelimiter(c) }
}
