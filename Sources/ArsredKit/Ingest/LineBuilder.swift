import Foundation

/// Puts positioned words into lines in reading order: one line per printed row, words left to
/// right. Words keep their boxes, so a table's columns stay apart by x within a row.
enum LineBuilder {
    /// `lineHints` (same count as `words`) are the reader's own line numbers (tesseract's),
    /// used to measure how much a scanned page is skewed; rows are then found on deskewed
    /// heights, so a row of a slightly rotated scan stays one line across the page.
    static func lines(_ words: [Word], lineHints: [Int]? = nil) -> [Line] {
        let placed = words.filter { $0.box != nil }
        guard !placed.isEmpty else { return words.isEmpty ? [] : [Line(words: words)] }
        let slope = lineHints.map { skew(words, hints: $0) } ?? 0
        let heights = placed.map { $0.box!.height }.sorted()
        let typical = max(heights[heights.count / 2], 1)

        // Deskewed centre height of each word.
        func centre(_ w: Word) -> Double { w.box!.midY - slope * w.box!.midX }
        let order = placed.indices.sorted { a, b in
            let ca = centre(placed[a]), cb = centre(placed[b])
            return ca != cb ? ca < cb : placed[a].box!.x0 < placed[b].box!.x0
        }
        var rows: [[Word]] = []
        var rowCentre = 0.0
        for i in order {
            let w = placed[i]
            let c = centre(w)
            let h = max(min(w.box!.height, 2 * typical), typical * 0.5)
            if let last = rows.indices.last, abs(c - rowCentre) <= 0.45 * max(h, typical) {
                rows[last].append(w)
                // Running mean keeps the row's centre where most of its words stand.
                rowCentre += (c - rowCentre) / Double(rows[last].count)
            } else {
                rows.append([w])
                rowCentre = c
            }
        }
        return rows.map { row in Line(words: row.sorted { $0.box!.x0 < $1.box!.x0 }) }
    }

    /// The median slope (dy/dx) of the reader's lines that hold three or more words.
    static func skew(_ words: [Word], hints: [Int]) -> Double {
        guard hints.count == words.count else { return 0 }
        var byLine: [Int: [Box]] = [:]
        for (w, l) in zip(words, hints) { if let b = w.box { byLine[l, default: []].append(b) } }
        var slopes: [Double] = []
        for boxes in byLine.values where boxes.count >= 3 {
            let xs = boxes.map(\.midX), ys = boxes.map(\.y1)
            let mx = xs.reduce(0, +) / Double(xs.count), my = ys.reduce(0, +) / Double(ys.count)
            var sxy = 0.0, sxx = 0.0
            for (x, y) in zip(xs, ys) { sxy += (x - mx) * (y - my); sxx += (x - mx) * (x - mx) }
            if sxx > 0 { slopes.append(sxy / sxx) }
        }
        guard !slopes.isEmpty else { return 0 }
        slopes.sort()
        let s = slopes[slopes.count / 2]
        return abs(s) < 0.05 ? s : 0
    }
}
