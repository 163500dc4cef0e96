import Foundation

/// Printed rows rebuilt from positions: OCR of a ruled table often returns the label column and
/// each figure column as separate blocks; lines standing on one (de-skewed) baseline, side by
/// side, are one printed row again.
enum RowLines {
    /// Points (1/72 in): a line's first and last word this far apart or more measure the page's
    /// skew; closer words' centres jitter by more than a degree of slope.
    static let skewBaselinePoints = 60.0
    /// Letters: a word this long or longer counts as a label word (shorter ones are OCR specks or
    /// abbreviations that print beside figures too).
    static let labelWordLetters = 3
    /// Label words across the two parts of a cut label: a two-part row has a short label; more
    /// words are two rows of their own.
    static let splitLabelMaximumWords = 3
    /// Characters: a first word this short ending in `.` is a heading's number (`4.`, `12.`).
    static let headingNumberCharacters = 5

    static func rebuild(_ page: Page) -> Page {
        let lines = page.lines.filter { l in !l.words.isEmpty && l.words.allSatisfy { $0.box != nil } }
        guard lines.count == page.lines.count, lines.count >= 2 else { return page }
        // Skew from the lines the reader formed.
        var slopes: [Double] = []
        for l in lines where l.words.count >= 2 {
            let a = l.words.first!.box!, b = l.words.last!.box!
            let dx = b.midX - a.midX
            if dx > skewBaselinePoints { slopes.append((b.midY - a.midY) / dx) }
        }
        slopes.sort()
        let slope = slopes.isEmpty ? 0 : slopes[slopes.count / 2]
        struct Span { var y0: Double; var y1: Double; var words: [Word] }
        func span(_ words: [Word]) -> Span {
            Span(y0: words.map { $0.box!.y0 - slope * $0.box!.midX }.min()!,
                 y1: words.map { $0.box!.y1 - slope * $0.box!.midX }.max()!, words: words)
        }
        let spans = lines.map { span($0.words) }.sorted { ($0.y0 + $0.y1) < ($1.y0 + $1.y1) }
        var rows: [Span] = []
        for s in spans {
            var merged = false
            for ri in rows.indices.suffix(4).reversed() {
                let r = rows[ri]
                let overlap = min(r.y1, s.y1) - max(r.y0, s.y0)
                let smaller = min(r.y1 - r.y0, s.y1 - s.y0)
                guard smaller > 0, overlap >= 0.5 * smaller else { continue }
                // Only figures join a row: two text blocks side by side (columns of prose, a
                // heading beside a page number) stay apart.
                guard figuresOnly(s.words) || figuresOnly(r.words) || splitLabel(s.words, r.words) else { continue }
                let clash = s.words.contains { w in
                    r.words.contains { min($0.box!.x1, w.box!.x1) - max($0.box!.x0, w.box!.x0) > 1 }
                }
                if clash { continue }
                rows[ri] = span(r.words + s.words)
                merged = true
                break
            }
            if !merged { rows.append(s) }
        }
        rows.sort { ($0.y0 + $0.y1) < ($1.y0 + $1.y1) }
        var out = page
        out.lines = rows.map { Line(words: $0.words.sorted { $0.box!.x0 < $1.box!.x0 }) }
        return out
    }

    /// A row whose label OCR cut in two, each part with figures (`Årets 151000`, `resultat 445452`);
    /// not a numbered heading beside a page number.
    static func splitLabel(_ a: [Word], _ b: [Word]) -> Bool {
        func hasFigure(_ w: [Word]) -> Bool { w.contains { SwedishNumber.token($0.text) != nil } }
        func letterWords(_ w: [Word]) -> Int { w.filter { $0.text.filter(\.isLetter).count >= labelWordLetters }.count }
        func numbered(_ w: [Word]) -> Bool {
            guard let f = w.first?.text else { return false }
            return f.count <= headingNumberCharacters && f.hasSuffix(".") || f.range(of: #"^\d{1,2}(\.\d{1,2})+\.?$"#, options: .regularExpression) != nil
        }
        return hasFigure(a) && hasFigure(b) && letterWords(a) + letterWords(b) <= splitLabelMaximumWords && !numbered(a) && !numbered(b)
    }

    /// Words that are all figures, dashes, units or specks.
    static func figuresOnly(_ words: [Word]) -> Bool {
        words.allSatisfy { w in
            let t = w.text
            return SwedishNumber.token(t) != nil || ColumnHeader.year(t) != nil || w.folded == "kr" || w.folded == "tkr"
                || !t.contains(where: { $0.isLetter || $0.isNumber }) || t.filter(\.isLetter).count <= 2 && !t.contains(where: \.isNumber) && t.count <= 2
        }
    }
}
