import Foundation

/// `.txt` input: OCR'd text, one page per form feed, words without positions.
enum TextIngest {
    static func pages(_ data: Data) throws -> [Page] { try read(data).pages }

    /// The pages, and a warning when bytes had to be replaced.
    static func read(_ data: Data) throws -> (pages: [Page], warnings: [String]) {
        let decoded = try TextDecoding.decode(data)
        let text = decoded.text
        let controls = text.unicodeScalars.filter {
            $0.properties.generalCategory == .control && !"\n\r\t\u{0C}".unicodeScalars.contains($0)
        }.count
        if controls > max(8, text.unicodeScalars.count / 100) { throw IngestError.binaryText }
        var pieces = text.components(separatedBy: "\u{0C}")
        // A form feed closing the last page does not open another.
        if pieces.count > 1, pieces.last!.allSatisfy(\.isWhitespace) { pieces.removeLast() }
        guard pieces.contains(where: { !$0.allSatisfy(\.isWhitespace) }) else { throw IngestError.emptyText }
        let pages = pieces.enumerated().map { i, body in
            let lines = body.split(omittingEmptySubsequences: true, whereSeparator: \.isNewline).compactMap { raw -> Line? in
                let words = raw.split(whereSeparator: \.isWhitespace).map { Word(text: String($0)) }
                return words.isEmpty ? nil : Line(words: words)
            }
            return Page(number: i + 1, method: .ocr, lines: lines)
        }
        return (pages, decoded.warning.map { [$0] } ?? [])
    }
}
