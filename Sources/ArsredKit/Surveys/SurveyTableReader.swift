import Foundation

/// A survey printed as a table of percentages: a header naming the six categories (a name may
/// run over two or three lines of its cell: `Till` / `mycket` / `stor del`), then a row per
/// question (`Fråga 1 (n=62)  3 %  7 %  16 % ...`). Figures go to the category whose header
/// stands above them; an empty cell is null.
enum SurveyTableReader {
    struct Row {
        var number: Int; var n: Int?; var percentages: [SurveyCategory: Double?]; var printed: [Double?]
        /// Whether each figure is known to stand under its category's header (false: figures
        /// read but not given to categories, as when a `.txt` row lost or gained a cell).
        var placed = true
    }

    /// A header cell's words: the name's lines stand within this many word heights of each other
    /// side by side (a word space), while neighbouring cells lie a cell's padding and more apart.
    static let cellGapInHeights = 1.2
    /// How far above the first row the header may reach, in row heights (three lines of names
    /// and the cell's padding).
    static let headerReachInRows = 6.0
    /// Share of a header line's words that must be words of the category names (OCR misreads
    /// up to two of three on a grey ground; the question list above has few).
    static let headerWordShare = 0.25
    /// Widest space between a header's lines, in line heights: the question list stands farther
    /// above, past the space before the table and the cell's padding.
    static let headerLineGapInHeights = 1.2
    /// Widest space between the header's last line and the first row: two cells' padding and a rule.
    static let headerToRowGapInHeights = 3.0
    /// Similarity a header cell's folded text must reach to a category's name to be taken for it.
    static let headerSimilarity = 0.5
    /// Shortest OCR word (letters) taken for a piece of a name whose spaces were lost: shorter
    /// ones (`del`, `och`) stand in common words too and count only as name words of their own.
    static let fusedNameMinLetters = 6
    /// Letters per allowed edit when a fused word is looked for inside a name (`Itealls` in
    /// `intealls`: one edit in seven letters), as OCR misreads about one letter in five there.
    static let fusedNameLettersPerEdit = 5

    static func read(_ page: Page, vocabulary: SurveyVocabulary) -> [Row] {
        page.hasPositions ? readPositioned(page, vocabulary: vocabulary) : readText(page, vocabulary: vocabulary)
    }

    // MARK: words with positions (text layer, OCR)

    struct Column { var category: SurveyCategory; var x0: Double; var x1: Double
        var midX: Double { (x0 + x1) / 2 }
    }

    private static func readPositioned(_ page: Page, vocabulary: SurveyVocabulary) -> [Row] {
        let labels = page.lines.compactMap { l -> (QuestionLabel, Box)? in
            guard let b = l.box, let q = SurveyText.questionLabel(l.text, vocabulary: vocabulary) else { return nil }
            return (q, b)
        }
        let words = page.lines.flatMap(\.words).filter { $0.box != nil }
        guard let first = labels.first(where: { $0.0.n != nil }) else { return [] }
        // The first row's figures stand under the header's cells: where a name runs into the
        // next (OCR fuses `Till` and `Helt` into one word), they say where each cell is.
        let level = words.filter { $0.box!.midY >= first.1.y0 && $0.box!.midY <= first.1.y1 }.sorted { $0.box!.x0 < $1.box!.x0 }
        let labelEnd = level.first { $0.text.contains(")") }?.box!.x1 ?? first.1.x0
        let firstFigures = level.filter { $0.box!.x0 > labelEnd && SurveyText.figure($0.text) != nil }.map(\.box!.midX)
        guard let columns = headerColumns(page, above: first.1, figureCentres: firstFigures, vocabulary: vocabulary),
              columns.count >= SurveySettings.tableColumns else { return [] }
        let spacing = columnSpacing(columns)
        var rows: [Row] = []
        for (q, box) in labels where box.y0 >= first.1.y0 {
            // Every word level with the label, from whichever line the OCR put it in; the label's
            // own words stand left of the first column by more than half a column.
            let level = words.filter { w in
                let b = w.box!
                return b.midY >= box.y0 && b.midY <= box.y1
            }.sorted { $0.box!.x0 < $1.box!.x0 }
            var cells: [SurveyCategory: [Word]] = [:]
            for w in level {
                guard let col = columns.min(by: { abs($0.midX - w.box!.midX) < abs($1.midX - w.box!.midX) }),
                      abs(col.midX - w.box!.midX) < spacing / 2 else { continue }
                cells[col.category, default: []].append(w)
            }
            var pct: [SurveyCategory: Double?] = [:]
            for c in SurveyCategory.allCases { pct[c] = .some(nil) }
            var printed: [Double?] = []
            for col in columns {
                guard let ws = cells[col.category] else { continue }
                let value = SurveyText.figure(ws.map(\.text).joined())
                pct[col.category] = .some(value)
                printed.append(value)
            }
            guard printed.contains(where: { $0 != nil }) else { continue }
            if rows.contains(where: { $0.number == q.number }) { continue }
            rows.append(Row(number: q.number, n: q.n, percentages: pct, printed: printed))
        }
        return rows
    }

    /// The header's cells above the row `firstRow`: the lines right above it made of category
    /// words, their words joined into cells by x overlap, the cells given to categories as one
    /// monotone alignment on the folded names.
    static func headerColumns(_ page: Page, above firstRow: Box, figureCentres: [Double] = [], vocabulary: SurveyVocabulary) -> [Column]? {
        let words = headerWords(page, above: firstRow, vocabulary: vocabulary)
        guard !words.isEmpty else { return nil }
        let byFigures = figureCentres.count == SurveyCategory.allCases.count
        let cells = byFigures ? nearestCells(words, centres: figureCentres) : overlapCells(words).map { Optional($0) }
        let texts = cells.map { cell in FoldedText.fold(readingOrder(cell ?? []).map(\.text).joined(separator: " ")) }
        let cost = texts.map { t in
            vocabulary.categories.map { entry in 1 - (entry.names.map { Fuzzy.similarity(t, $0) }.max() ?? 0) }
        }
        var assigned = MonotoneAlignment.align(cost, unexplainedCost: 1 - headerSimilarity)
        // Six figure columns under a header that names most categories in their own place: the
        // table prints every category in order, so each column is its place's category, whatever
        // the alignment made of a name misread on a grey ground (`Wil stökdel` taken for no
        // category, `1 ete stor del` for `Till stor del`).
        let inPlace = cells.indices.filter { $0 < vocabulary.categories.count && cost[$0][$0] <= 1 - headerSimilarity }.count
        if byFigures, cells.count == vocabulary.categories.count, inPlace >= SurveySettings.namedHeaderCategories {
            assigned = cells.indices.map { $0 }
        }
        // Six columns (by their figures, or six header cells) and one of them without a name
        // read: the one category left over is the one its place leaves.
        let missing = vocabulary.categories.indices.filter { !assigned.contains($0) }
        if byFigures || cells.count == vocabulary.categories.count, missing.count == 1, let gap = assigned.firstIndex(where: { $0 == nil }),
           assigned.filter({ $0 == nil }).count == 1, gap == missing[0] {
            assigned[gap] = missing[0]
        }
        var columns: [Column] = []
        for (i, cell) in cells.enumerated() {
            guard let k = assigned[i] else { continue }
            // A column found by its figures stands where they do; else where its name does.
            let boxes = byFigures ? [] : cell?.compactMap(\.box) ?? []
            let x0 = boxes.map(\.x0).min() ?? figureCentres[i] - 1, x1 = boxes.map(\.x1).max() ?? figureCentres[i] + 1
            columns.append(Column(category: vocabulary.categories[k].category, x0: x0, x1: x1))
        }
        return columns
    }

    /// The header's words: the lines right above the first row made of category words (their
    /// share at least `headerWordShare`), up to the question list or a wider space.
    static func headerWords(_ page: Page, above firstRow: Box, vocabulary: SurveyVocabulary) -> [Word] {
        let nameWords = Set(vocabulary.categories.flatMap { $0.names.flatMap { $0.split(separator: "_").map(String.init) } })
        // A name's words run together when OCR loses the spaces on a grey ground (`Tilllitendel`).
        let fusedNames = vocabulary.categories.flatMap { $0.names.map { $0.replacingOccurrences(of: "_", with: "") } }
        func isNameWord(_ w: Word) -> Bool {
            let f = w.folded.replacingOccurrences(of: "_", with: "")
            guard f.count >= SurveySettings.headerWordLetters else { return false }
            if nameWords.contains(where: { Fuzzy.similarity(f, $0) >= SurveySettings.wordSimilarity }) { return true }
            return f.count >= fusedNameMinLetters
                && fusedNames.contains { Fuzzy.substringDistance(f, in: $0) <= f.count / fusedNameLettersPerEdit }
        }
        let reach = firstRow.height * headerReachInRows
        let above = page.lines.filter { l in l.box.map { $0.midY < firstRow.y0 && $0.midY > firstRow.y0 - reach } ?? false }
            .sorted { $0.box!.midY > $1.box!.midY }
        var words: [Word] = []
        var top = firstRow.y0
        for l in above {
            // Rules and bars read as `|`, `—`, specks as a lone letter: no words of the header.
            let lettered = l.words.filter { $0.box != nil && $0.text.filter(\.isLetter).count >= 2 }
            if lettered.isEmpty { continue }
            // The question list above stops the header (its label, its words, the space before
            // the table); a name misread on a grey ground stays in it.
            guard SurveyText.questionLabel(l.text, vocabulary: vocabulary) == nil,
                  top - l.box!.y1 <= (words.isEmpty ? headerToRowGapInHeights : headerLineGapInHeights) * l.box!.height,
                  Double(lettered.filter(isNameWord).count) >= headerWordShare * Double(lettered.count) else { break }
            words += lettered
            top = min(top, l.box!.y0)
        }
        return words
    }

    /// Words grouped into cells: a word joins a cell its x range overlaps, or runs on from within
    /// a word space.
    static func overlapCells(_ words: [Word]) -> [[Word]] {
        let sorted = words.sorted { $0.box!.x0 < $1.box!.x0 }
        var cells: [[Word]] = []
        var right = -Double.infinity
        for w in sorted {
            let b = w.box!
            if !cells.isEmpty, b.x0 <= right + b.height * cellGapInHeights {
                cells[cells.count - 1].append(w); right = max(right, b.x1)
            } else {
                cells.append([w]); right = b.x1
            }
        }
        return cells
    }

    /// Words grouped into the cells of the columns centred at `centres`, each to the nearest;
    /// nil for a column no word stands over.
    static func nearestCells(_ words: [Word], centres: [Double]) -> [[Word]?] {
        var cells = [[Word]](repeating: [], count: centres.count)
        for w in words {
            let k = centres.indices.min { abs(centres[$0] - w.box!.midX) < abs(centres[$1] - w.box!.midX) }!
            cells[k].append(w)
        }
        return cells.map { $0.isEmpty ? nil : $0 }
    }

    /// A cell's words line by line, top to bottom, left to right.
    static func readingOrder(_ cell: [Word]) -> [Word] {
        var lines: [[Word]] = []
        for w in cell.sorted(by: { $0.box!.midY < $1.box!.midY }) {
            if let last = lines.last?.last, abs(last.box!.midY - w.box!.midY) < w.box!.height / 2 { lines[lines.count - 1].append(w) }
            else { lines.append([w]) }
        }
        return lines.flatMap { $0.sorted { $0.box!.x0 < $1.box!.x0 } }
    }

    static func columnSpacing(_ columns: [Column]) -> Double {
        let xs = columns.map(\.midX).sorted()
        return zip(xs, xs.dropFirst()).map { $1 - $0 }.min() ?? 60
    }

    // MARK: text without positions (.txt)

    /// Rows of a table read from lines alone: after a header naming most categories, a question
    /// label followed by one figure per category gives them in the categories' printed order
    /// (the header's words come apart line by line, their order across cells is lost).
    private static func readText(_ page: Page, vocabulary: SurveyVocabulary) -> [Row] {
        var headerSeen = false
        var rows: [Row] = []
        var above: [String] = []
        for l in page.lines {
            guard let q = SurveyText.questionLabel(l.text, vocabulary: vocabulary), q.n != nil else {
                above = Array((above + l.folded.split(separator: "_").map(String.init)).suffix(SurveySettings.headerWords))
                continue
            }
            if !headerSeen { headerSeen = namedCategories(above, vocabulary: vocabulary) >= SurveySettings.namedHeaderCategories }
            above = []
            let figures = SurveyText.figures(q.rest)
            guard headerSeen, !figures.isEmpty else { continue }
            var pct: [SurveyCategory: Double?] = [:]
            for c in SurveyCategory.allCases { pct[c] = .some(nil) }
            // Only a row with a figure for every category says which figure is whose; in one
            // that lost or gained a cell to the OCR no figure has a place.
            let placed = figures.count == SurveyCategory.allCases.count
            if placed { for (c, v) in zip(SurveyCategory.allCases, figures) { pct[c] = .some(v) } }
            rows.append(Row(number: q.number, n: q.n, percentages: pct, printed: figures.map { $0 }, placed: placed))
        }
        return rows
    }

    /// How many categories have every word of their name among `words` (folded).
    static func namedCategories(_ words: [String], vocabulary: SurveyVocabulary) -> Int {
        vocabulary.categories.filter { entry in
            entry.names[0].split(separator: "_").allSatisfy { part in words.contains { Fuzzy.similarity($0, String(part)) >= SurveySettings.wordSimilarity } }
        }.count
    }
}
