import Foundation

/// A survey printed as a table of percentages: a header naming the categories, then a row per
/// question (`Fråga 1 (n=62)  3 %  7 %  16 % ...`). Figures go to the category whose header
/// stands above them.
enum SurveyTableReader {
    struct Row { var number: Int; var n: Int?; var percentages: [SurveyCategory: Double?]; var printed: [Double?] }

    static func read(_ page: Page, vocabulary: SurveyVocabulary) -> [Row] {
        guard page.hasPositions, let header = headerColumns(page, vocabulary: vocabulary) else { return [] }
        let spacing = columnSpacing(header)
        var rows: [Row] = []
        for line in page.lines {
            guard let box = line.box, box.y0 > header.y,
                  let q = SurveyText.questionLabel(line.text, vocabulary: vocabulary), q.n != nil else { continue }
            var pct: [SurveyCategory: Double?] = [:]
            for c in SurveyCategory.allCases { pct[c] = .some(nil) }
            var printed: [Double?] = []
            // Figures, with a `%` printed apart ("16 %") joined to its number.
            for w in line.words {
                guard let b = w.box else { continue }
                let t = w.text.replacingOccurrences(of: "%", with: "")
                guard !t.isEmpty, t.allSatisfy(\.isNumber), let v = Double(t), v <= 100, b.x0 > header.labelRight else { continue }
                guard let col = header.columns.min(by: { abs($0.x - b.midX) < abs($1.x - b.midX) }),
                      abs(col.x - b.midX) < spacing / 2 else { continue }
                pct[col.category] = v
                printed.append(v)
            }
            rows.append(Row(number: q.number, n: q.n, percentages: pct, printed: printed))
        }
        return rows
    }

    struct Header { var y: Double; var labelRight: Double; var columns: [(category: SurveyCategory, x: Double)] }

    /// The line naming at least four categories, with each name's centre.
    static func headerColumns(_ page: Page, vocabulary: SurveyVocabulary) -> Header? {
        for line in page.lines {
            guard let lb = line.box else { continue }
            let words = line.words
            var columns: [(SurveyCategory, Double)] = []
            var used = Set<Int>()
            for (cat, names) in vocabulary.categories {
                let want = names[0].split(separator: "_")
                guard want.count <= words.count else { continue }
                for start in 0...(words.count - want.count) where !used.contains(start) {
                    let run = words[start..<(start + want.count)]
                    let ok = zip(run, want).allSatisfy { Fuzzy.similarity($0.folded, $1) >= 0.75 }
                    // "Till stor del" must not match inside "Till mycket stor del".
                    if ok, cat != .tillStorDel || start == 0 || words[start - 1].folded != "mycket",
                       let b0 = run.first?.box, let b1 = run.last?.box {
                        columns.append((cat, (b0.x0 + b1.x1) / 2))
                        for k in start..<(start + want.count) { used.insert(k) }
                        break
                    }
                }
            }
            if columns.count >= 4 {
                let left = columns.map(\.1).min() ?? lb.x0
                return Header(y: lb.y0, labelRight: left - columnSpacing(Header(y: 0, labelRight: 0, columns: columns.map { (category: $0.0, x: $0.1) })) / 2,
                              columns: columns.map { (category: $0.0, x: $0.1) })
            }
        }
        return nil
    }

    static func columnSpacing(_ h: Header) -> Double {
        let xs = h.columns.map(\.x).sorted()
        let gaps = zip(xs, xs.dropFirst()).map { $1 - $0 }
        return gaps.min() ?? 60
    }
}
