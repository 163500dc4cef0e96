/// Reading a page as running text, column by column. A signing page prints its blocks in two
/// columns; a positioned line that spans both is cut where the gap between words is wide, and
/// each piece is read with the column it starts in.
enum TextColumns {
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
        let mid = width * 0.45
        let left = pieces.filter { $0.x < mid }.sorted { $0.y < $1.y }
        let right = pieces.filter { $0.x >= mid }.sorted { $0.y < $1.y }
        return (left + right).map(\.text)
    }

    /// Cuts a positioned line where the gap between two words is wider than a few characters.
    static func split(_ line: Line) -> [[Word]] {
        var out: [[Word]] = []
        var current: [Word] = []
        for w in line.words {
            if let prev = current.last?.box, let b = w.box {
                let charWidth = max(prev.height * 0.5, 1)
                if b.x0 - prev.x1 > 4 * charWidth {
                    out.append(current); current = []
                }
            }
            current.append(w)
        }
        if !current.isEmpty { out.append(current) }
        return out
    }
}
