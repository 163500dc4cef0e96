import Foundation

/// `.txt` input: OCR'd text, one page per form feed, words without positions.
enum TextIngest {
    static func pages(_ data: Data) throws -> [Page] {
        if data.contains(0) { throw IngestError.binaryText }
        guard let text = String(data: data, encoding: .utf8) ?? latin(data) else { throw IngestError.binaryText }
        let controls = text.unicodeScalars.filter {
            $0.properties.generalCategory == .control && !"\n\r\t\u{0C}".unicodeScalars.contains($0)
        }.count
        if controls > max(8, text.unicodeScalars.count / 100) { throw IngestError.binaryText }
        var pieces = text.components(separatedBy: "\u{0C}")
        // A form feed closing the last page does not open another.
        if pieces.count > 1, pieces.last!.allSatisfy(\.isWhitespace) { pieces.removeLast() }
        guard pieces.contains(where: { !$0.allSatisfy(\.isWhitespace) }) else { throw IngestError.emptyText }
        return pieces.enumerated().map { i, body in
            let lines = body.split(omittingEmptySubsequences: true, whereSeparator: \.isNewline).compactMap { raw -> Line? in
                let words = raw.split(whereSeparator: \.isWhitespace).map { Word(text: String($0)) }
                return words.isEmpty ? nil : Line(words: words)
            }
            return Page(number: i + 1, method: .ocr, lines: lines)
        }
    }

    /// Windows-1252 text (what older OCR tools write), when the bytes are not UTF-8.
    private static func latin(_ data: Data) -> String? {
        String(data: data, encoding: .windowsCP1252)
    }
}
