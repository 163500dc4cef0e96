/// Reading a page as running text, column by column. A signing page prints its blocks in two
/// columns; a positioned line that spans both is cut where the gap between words is wide, and
/// each piece is read with the column it starts in.
enum TextColumns {
    /// A piece starting past this share of the page's width is the right column's (a left
    /// column's lines may run a little past the middle).
    static let rightColumnFrom = 0.45
    /// Key words closer than the page's width over this (a fifth of it) open one column, not two.
    static let columnsAcross = 5.0
    /// A line is cut this many points left of a column's key word (the word's box starts late).
    static let cutMargin = 4.0
    /// Words further apart than this many character widths (half the line's height each) stand
    /// in different columns.
    static let columnGapCharacters = 4.0, characterWidthPerHeight = 0.5
    /// A page of unknown width is taken as this many times as wide as its rightmost key word's
    /// start (the last column opens near the middle or later).
    static let widthPerLastStart = 2.0

    /// The page's text as a sequence of line texts: left column top to bottom, then the next.
    /// Position-less pages come back in their printed line order.
    static func readingOrder(_ page: Page) -> [String] {
        guard page.hasPositions else { return page.lines.map(\.text) }
        var pieces: [(x: Double, y: Double, text: String)] = []
        for line in page.lines {
            for piece in split(line) {
                guard let b = piece.first?.box else { continue }
                pieces.append((b.x0, b.midY, piece.map(\.text).joined(separator: " ")))
            }
        }
        guard let width = page.width, width > 0 else {
            return pieces.sorted { ($0.y, $0.x) < ($1.y, $1.x) }.map(\.text)
        }
        // Columns: pieces starting in the right half of the page belong to the right column.
        let mid = width * rightColumnFrom
        let left = pieces.filter { $0.x < mid }.sorted { $0.y < $1.y }
        let right = pieces.filter { $0.x >= mid }.sorted { $0.y < $1.y }
        return (left + right).map(\.text)
    }

    /// Reads a page printed in columns whose blocks each open with a key word (the signing page's
    /// `NAMN:`): the columns start where those words stand, and every line is cut there, so a
    /// block reads whole even when OCR joined both columns into one line.
    static func readingOrder(_ page: Page, columnsOpenedBy key: String) -> [String] {
        guard page.hasPositions else { return page.lines.map(\.text) }
        let starts = page.lines.flatMap(\.words)
            .filter { fuzzyIs($0.folded, [key], tolerance: MetadataSlips.fieldName) }
            .compactMap { $0.box?.x0 }
        // Column starts: x positions of key words, merged when close.
        let pageWidth = page.width ?? (starts.max() ?? 0) * widthPerLastStart
        var columns: [Double] = []
        for x in starts.sorted() where columns.last.map({ x - $0 > pageWidth / columnsAcross }) ?? true { columns.append(x) }
        guard columns.count > 1 else { return readingOrder(page) }
        let cuts = columns.dropFirst().map { $0 - cutMargin }
        var pieces: [[(y: Double, text: String)]] = Array(repeating: [], count: columns.count)
        for line in page.lines {
            var parts: [[Word]] = Array(repeating: [], count: columns.count)
            for w in line.words {
                let x = w.box?.x0 ?? 0
                parts[cuts.filter { x >= $0 }.count].append(w)
            }
            for (i, part) in parts.enumerated() where !part.isEmpty {
                pieces[i].append((part[0].box?.midY ?? 0, part.map(\.text).joined(separator: " ")))
            }
        }
        return pieces.flatMap { $0.sorted { $0.y < $1.y }.map(\.text) }
    }

    /// Cuts a positioned line where the gap between two words is wider than a few characters.
    static func split(_ line: Line) -> [[Word]] {
        var out: [[Word]] = []
        var current: [Word] = []
        for w in line.words {
            if let prev = current.last?.box, let b = w.box {
                let charWidth = max(prev.height * characterWidthPerHeight, 1)
                if b.x0 - prev.x1 > columnGapCharacters * charWidth {
                    out.append(current); current = []
                }
            }
            current.append(w)
        }
        if !current.isEmpty { out.append(current) }
        return out
    }
}
