import Foundation

/// The bytes of a `.txt` input as text. UTF-8 is read with its stray bytes replaced (U+FFFD) and
/// counted; a BOM says UTF-16 or UTF-32; bytes that are not UTF-8 at all are Windows-1252 (what
/// older OCR tools write). Only what no encoding explains is binary.
enum TextDecoding {
    struct Decoded {
        var text: String
        /// One line on the replaced bytes, nil when there were none.
        var warning: String?
    }

    /// Stray bytes among valid multi-byte UTF-8 characters are damage to UTF-8 text, read with
    /// replacements, while there are fewer of them than such characters; otherwise the file is
    /// another 8-bit encoding.
    static func decode(_ data: Data) throws -> Decoded {
        if let text = withBOM(data) { return Decoded(text: text) }
        if data.contains(0) { throw IngestError.binaryText }
        let utf8 = scanUTF8(data)
        if utf8.invalid == 0 || utf8.invalid < utf8.multiByte {
            return Decoded(text: utf8.text, warning: utf8.invalid == 0 ? nil : utf8.warning)
        }
        guard let text = String(data: data, encoding: .windowsCP1252) else { throw IngestError.binaryText }
        return Decoded(text: text)
    }

    /// UTF-32 and UTF-16 (either byte order) and UTF-8 by their byte-order mark.
    private static func withBOM(_ data: Data) -> String? {
        let marks: [([UInt8], String.Encoding)] = [
            ([0x00, 0x00, 0xFE, 0xFF], .utf32BigEndian), ([0xFF, 0xFE, 0x00, 0x00], .utf32LittleEndian),
            ([0xFE, 0xFF], .utf16BigEndian), ([0xFF, 0xFE], .utf16LittleEndian), ([0xEF, 0xBB, 0xBF], .utf8),
        ]
        for (mark, encoding) in marks where data.starts(with: mark) {
            return String(data: data.dropFirst(mark.count), encoding: encoding)
        }
        return nil
    }

    struct UTF8Scan {
        var text: String
        var invalid: Int, multiByte: Int
        /// Page (form feeds) and line of the first stray byte.
        var firstAt: (page: Int, line: Int)?
        var warning: String {
            let at = firstAt.map { " (first on page \($0.page), line \($0.line))" } ?? ""
            return "\(invalid) byte\(invalid == 1 ? "" : "s") not UTF-8 replaced with U+FFFD\(at)"
        }
    }

    /// Decodes with the standard library's UTF-8 decoder, noting each error and where it fell.
    static func scanUTF8(_ data: Data) -> UTF8Scan {
        var scan = UTF8Scan(text: "", invalid: 0, multiByte: 0)
        var scalars = String.UnicodeScalarView()
        var page = 1, line = 1
        var bytes = data.makeIterator()
        var decoder = UTF8()
        loop: while true {
            switch decoder.decode(&bytes) {
            case .scalarValue(let s):
                if s.value > 0x7F { scan.multiByte += 1 }
                if s == "\u{0C}" { page += 1; line = 1 } else if s == "\n" { line += 1 }
                scalars.append(s)
            case .error:
                scan.invalid += 1
                if scan.firstAt == nil { scan.firstAt = (page, line) }
                scalars.append("\u{FFFD}")
            case .emptyInput:
                break loop
            }
        }
        scan.text = String(scalars)
        return scan
    }
}
