import Foundation

/// A line of a table region, with the page it is on.
struct RegionLine: Sendable {
    var pageIndex: Int
    var pageNumber: Int
    var line: Line
}

/// A cell whose value is not certain: OCR repaired it, the engine was unsure, or the digit
/// grouping allowed another reading.
struct CellDoubt: Sendable, Hashable {
    var table: String
    var row: String
    var column: String
    var reason: String
}

/// Where a figure stands on its page (points), for reading it again.
public struct CellPlace: Sendable, Equatable {
    public var page: Int
    public var box: Box
}

/// What reading one table gives, before checks.
struct TableReading: Sendable {
    var table: Table
    var doubts: [CellDoubt]
    /// What reading it raised, each naming this table (and its row and column where it is about one).
    var diagnostics: [Diagnostic]
    /// The diagnostics as the contract's strings (`note_3: row x: ...`).
    var warnings: [String] { diagnostics.map(\.rendered) }
    /// Where each figure read from positioned words stands (by its cell).
    var places: [CheckedCell: CellPlace] = [:]
    /// Other keyings of `table.columns` its header allows (`ColumnOrder` chooses).
    var columnOrders: [[String]] = []
}

/// Reads one table region: header -> columns, lines -> rows (labels and values), both with
/// and without word positions.
struct TableReader {
    let vocabulary: TableVocabulary
    /// The report's fiscal year, for tables printed without a header.
    let fiscalYear: Int?
    /// The configuration's check relations, by which readings of a block of figures are weighed.
    let relations: CheckRelations

    static let lowConfidence = 55.0
    /// Letters a text-only line must have to open a table before its first figures: fewer are
    /// OCR specks (`a`, `ee` off a shaded header row); no row label is that short.
    static let speckLetters = 3

    struct RawRow {
        var label: String
        var words: [Word]
        var tokens: [NumericToken]
        var pageNumber: Int
        var krSuffix: Bool
        /// Figures already under their columns (a table read as column blocks).
        var preassigned: Assignment? = nil
    }

    /// Splits a line into its label words and the trailing run of numeric tokens.
    static func split(_ line: Line) -> (label: [Word], tokens: [NumericToken], kr: Bool) {
        var tokens: [NumericToken] = []
        var kr = false
        var i = line.words.count - 1
        var pendingPercent = false
        let heights = line.words.compactMap { $0.box?.height }.sorted()
        let rowHeight = heights.isEmpty ? nil : heights[heights.count / 2]
        while i >= 0 {
            let w = line.words[i]
            let t = w.text.trimmingCharacters(in: .whitespaces)
            if t == "%" { pendingPercent = true; i -= 1; continue }
            if t == "|" || t == "||" || t == "!" { i -= 1; continue }
            if w.folded == "kr" || w.folded == "sek" { kr = true; i -= 1; continue }
            if w.folded == "tkr" { i -= 1; continue }
            var tok = SwedishNumber.token(t)
            if tok == nil, w.folded.hasSuffix("kr"), w.folded.count > 2 {
                // `Okr`, `0kr`: figure and unit read as one word.
                let stem = String(String(t.dropLast(t.hasSuffix(".") ? 3 : 2)).drop { SwedishNumber.leadingJunk.contains($0) })
                tok = SwedishNumber.token(stem) ?? (["O", "o", "Ö", "ö"].contains(stem) ? SwedishNumber.token("0") : nil)
                if tok != nil { kr = true; tok!.repaired = tok!.repaired || stem != "0" }
            }
            if tok == nil, ["O", "o", "Ö", "ö"].contains(t), i + 1 < line.words.count, line.words[i + 1].folded == "kr" {
                tok = SwedishNumber.token("0"); tok?.repaired = true
            }
            guard var tok else {
                // Ruling and specks read as text (`=`, `—`, `ee`) between figures or before them.
                let letters = t.filter(\.isLetter).count
                if letters == 0 && !t.contains(where: \.isNumber) { i -= 1; continue }
                if letters <= 2, Self.figureFurtherLeft(line, from: i - 1) {
                    // `%` read as `Yo`/`vw` lands here too.
                    if !tokens.isEmpty { tokens[0].repaired = true } else { pendingPercent = true }
                    i -= 1; continue
                }
                break
            }
            if pendingPercent { tok.percent = true; pendingPercent = false }
            // A figure flatter than the row's text is a dash read as a digit (an empty cell).
            if let h = rowHeight, let b = w.box, b.height < 0.4 * h, !tok.isDash {
                tok = NumericToken(digits: "", decimals: nil, negative: false, opensParen: false, closesParen: false,
                                   percent: false, repaired: false, isDash: true)
            }
            tok.wordIndex = i
            if let c = w.confidence, c < lowConfidence { tok.repaired = true }
            tokens.insert(tok, at: 0)
            i -= 1
        }
        let label = Array(line.words.prefix(i + 1))
        return (label, tokens, kr)
    }

    /// The number the tokens make without one of them, trying the least confident first.
    /// A digit group that fell past the midpoint between two headings goes back to its
    /// neighbour when that makes both columns read as one number each.
    static func rebalance(_ perColumn: inout [[NumericToken]]) {
        func whole(_ toks: [NumericToken]) -> Bool {
            let figures = toks.filter { !$0.isDash }
            return figures.isEmpty ? !toks.isEmpty : !SwedishNumber.segmentations(figures, count: 1).isEmpty
        }
        for j in perColumn.indices.dropFirst() {
            let (left, right) = (perColumn[j - 1], perColumn[j])
            if !left.isEmpty, right.count >= 2, !whole(right), whole(left + [right[0]]), whole(Array(right.dropFirst())) {
                perColumn[j - 1].append(right[0]); perColumn[j].removeFirst()
            } else if !right.isEmpty, left.count >= 2, !whole(left), whole([left[left.count - 1]] + right), whole(Array(left.dropLast())) {
                perColumn[j].insert(left[left.count - 1], at: 0); perColumn[j - 1].removeLast()
            }
        }
    }

    static func dropOneSpeck(_ tokens: [NumericToken], words: [Word]) -> ParsedNumber? {
        guard tokens.count >= 2 else { return nil }
        let order = tokens.indices.sorted {
            (words.indices.contains(tokens[$0].wordIndex) ? words[tokens[$0].wordIndex].confidence ?? 0 : 0)
                < (words.indices.contains(tokens[$1].wordIndex) ? words[tokens[$1].wordIndex].confidence ?? 0 : 0)
        }
        // Only a short token is a speck: a whole figure beside another means a column was lost.
        for i in order where tokens[i].digits.count <= 2 {
            var rest = tokens; rest.remove(at: i)
            if let seg = SwedishNumber.segmentations(rest, count: 1).first { return seg[0] }
        }
        return nil
    }

    /// True when, left of `index` past short debris words, a figure stands.
    static func figureFurtherLeft(_ line: Line, from index: Int) -> Bool {
        var j = index
        while j >= 0 {
            let t = line.words[j].text
            if SwedishNumber.token(t) != nil { return true }
            if t.filter(\.isLetter).count > 2 { return false }
            j -= 1
        }
        return false
    }

    /// `layout`: the region's labels and figure blocks when the stage dealt them (nil: the
    /// region's own).
    func read(id: String, title: String, kind: TableVocabulary.TableKind?, lines: [RegionLine],
              layout: ColumnBlocks? = nil) -> TableReading? {
        if let layout = layout ?? ColumnBlocks.layout(lines, reader: self, kind: kind, isNote: id.hasPrefix("note_")),
           layout.isBlockLayout,
           let reading = readColumnBlocks(layout, id: id, title: title, kind: kind, page: lines.first?.pageNumber ?? 1) {
            return reading
        }
        var scan = RowScan(reader: self, id: id, kind: kind, lines: lines)
        scan.run()
        let rows = scan.rows
        var warnings = scan.warnings
        let valueRows = rows.filter { !$0.tokens.isEmpty && !$0.tokens.allSatisfy(\.isDash) }.count
        guard valueRows >= Self.minimumValueRows(id) else { return nil }

        var header = ColumnHeader.parse(scan.headerLines, vocabulary: vocabulary)
        let valueCounts = rows.map { r in SwedishNumber.possibleCounts(r.tokens).first ?? 0 }
        if header.columns.isEmpty {
            // No header printed: the fiscal year and the years before, as many as rows hold figures.
            guard let columns = yearsBack(counts: valueCounts) else { return nil }
            header.columns = columns
            warnings.append(Diagnostic(table: id, message: "no column header found; columns taken as \(header.keys.joined(separator: ", "))"))
        }
        let unit = header.unit ?? (rows.contains { $0.krSuffix } ? "kr" : kind?.defaultUnit ?? "kr")
        if Self.fillYearGaps(&header, counts: valueCounts) {
            warnings.append(Diagnostic(table: id, message: "a year missing from the column header was inferred"))
        }
        let page = lines.first?.pageNumber ?? rows.first?.pageNumber ?? 1
        return table(id: id, title: title, kind: kind, page: page, unit: unit, rows: rows, header: header, warnings: warnings)
    }

    /// Rows with figures a table has at least: a note of figures has items and a total; a lone
    /// figure under a note heading is prose.
    static func minimumValueRows(_ id: String) -> Int { id.hasPrefix("note_") ? 2 : 1 }

    /// Most columns a table printed without a header is given (a five-year overview's).
    static let maxHeaderlessColumns = 5

    /// Columns for a table printed without a header: the fiscal year and the years before it, as
    /// many as its rows typically hold figures (nil without a fiscal year).
    func yearsBack(counts: [Int]) -> [ColumnHeader.Column]? {
        guard let fy = fiscalYear else { return nil }
        let typical = counts.filter { $0 > 0 }.sorted()
        let n = max(1, min(Self.maxHeaderlessColumns, typical.isEmpty ? 1 : typical[typical.count / 2]))
        return (0..<n).map { ColumnHeader.Column(key: String(fy - $0), x: nil) }
    }

    /// Years missing from an OCR'd header (`2023 20220 2021`): where rows typically hold more
    /// figures than the header has years and the years are a run with gaps, the gaps are filled
    /// (a missing year placed midway between its neighbours). True when it filled any.
    static func fillYearGaps(_ header: inout ColumnHeader, counts: [Int]) -> Bool {
        let typical = counts.filter { $0 > 0 }.sorted()
        guard let median = typical.isEmpty ? nil : typical[typical.count / 2], median > header.columns.count,
              header.columns.allSatisfy({ Int($0.key) != nil }), header.columns.count >= 2 else { return false }
        let years = header.columns.compactMap { Int($0.key) }
        guard let hi = years.max(), let lo = years.min(), hi - lo + 1 == median,
              years == years.sorted(by: >) || years == years.sorted() else { return false }
        let descending = years.first! > years.last!
        let all = (0..<median).map { descending ? hi - $0 : lo + $0 }
        var filled: [ColumnHeader.Column] = []
        for y in all {
            if let c = header.columns.first(where: { $0.key == String(y) }) { filled.append(c); continue }
            let prev = filled.last?.x
            let next = header.columns.first(where: { Int($0.key).map { descending ? $0 < y : $0 > y } ?? false })?.x
            var x: ClosedRange<Double>? = nil
            if let p = prev, let n = next { x = ((p.lowerBound + n.lowerBound) / 2)...((p.upperBound + n.upperBound) / 2) }
            filled.append(ColumnHeader.Column(key: String(y), x: x))
        }
        header.columns = filled
        header.alternatives = []
        return true
    }

    /// A table read as column blocks: the figures are under their columns already.
    func readColumnBlocks(_ layout: ColumnBlocks, id: String, title: String, kind: TableVocabulary.TableKind?,
                          page: Int) -> TableReading? {
        guard let b = readBlocks(layout, id: id, kind: kind) else { return nil }
        var rows = b.rows
        for i in rows.indices {
            let ambiguous = b.doubtful.filter { $0.row == i }.map(\.column)
            rows[i].preassigned = Assignment(cells: b.header.keys.compactMap { k in b.cells[i][k].map { (k, $0) } },
                                             note: b.notes[i], ambiguous: ambiguous)
        }
        let valueRows = b.cells.filter { !$0.isEmpty }.count
        guard valueRows >= Self.minimumValueRows(id) else { return nil }
        let unit = b.header.unit ?? (rows.contains { $0.krSuffix } ? "kr" : kind?.defaultUnit ?? "kr")
        return table(id: id, title: title, kind: kind, page: page, unit: unit, rows: rows, header: b.header, warnings: b.warnings)
    }

    /// Letters a label-only line that is no known label has at least to be kept as a row (fewer:
    /// ruling read as text).
    static let minimumLabelLetters = 4

    /// The table from its rows under their header: labels as they should read, keys, figures in
    /// their columns, shares kept in range, doubt carried on.
    func table(id: String, title: String, kind: TableVocabulary.TableKind?, page: Int, unit: String,
               rows: [RawRow], header: ColumnHeader, warnings: [Diagnostic]) -> TableReading {
        var out = RowsRead(id: id, header: header, warnings: warnings)
        var keyCounts: [String: Int] = [:]
        for var r in rows {
            // Label-only lines that are no known label and hardly a word: ruling read as text.
            if r.tokens.isEmpty && canonical(r.label, kind: kind, isNote: id.hasPrefix("note_")) == nil
                && r.label.filter(\.isLetter).count < Self.minimumLabelLetters { continue }
            r = recoverCells(r, header: header)
            let (canon, rowUnit) = canonicalLabel(r.label, kind: kind, isNote: id.hasPrefix("note_"))
            if rowUnit != "%", r.tokens.contains(where: \.garbled) {
                // Leftover marks beside a figure that is no share: no trustworthy reading.
                r.tokens.removeAll(where: \.garbled)
                let row = FoldedText.fold(canon)
                out.warnings.append(Diagnostic(table: id, row: row, message: "row \(row): an unreadable figure left out"))
            }
            var key = FoldedText.fold(canon)
            guard !key.isEmpty else { continue }
            keyCounts[key, default: 0] += 1
            if keyCounts[key]! > 1 { key += "_\(keyCounts[key]!)" }
            out.add(r, key: key, label: canon, unit: rowUnit, assigned: r.preassigned ?? assign(r, header: header))
        }
        let result = Table(id: id, title: title, page: page, unit: unit, columns: header.keys, rows: out.rows)
        return TableReading(table: result, doubts: out.doubts, diagnostics: out.warnings, places: out.places,
                            columnOrders: header.alternatives)
    }

    /// The rows of one table as `table` reads them, with the doubts, places and warnings they raise.
    struct RowsRead {
        let id: String
        let header: ColumnHeader
        var warnings: [Diagnostic]
        var rows: [TableRow] = []
        var doubts: [CellDoubt] = []
        var places: [CheckedCell: CellPlace] = [:]

        init(id: String, header: ColumnHeader, warnings: [Diagnostic]) {
            self.id = id; self.header = header; self.warnings = warnings
        }

        /// Shares above this (%) are misreadings (`84%` read `8440`).
        static let maxShare = 100.0
        /// Digits at most of a misread share: its two and a `%` read as two more.
        static let maxShareDigits = 4
        /// Digits of a misread share that are its own (the rest were the `%`).
        static let shareDigits = 2

        /// One row: its cells' values and places, doubt where reading them was unsure.
        mutating func add(_ r: RawRow, key: String, label: String, unit rowUnit: String?, assigned: Assignment) {
            var values = TableValues()
            for (col, num) in assigned.cells {
                if let v = num.value { values[col] = v }
                let boxes = num.tokens.compactMap { r.words.indices.contains($0.wordIndex) ? r.words[$0.wordIndex].box : nil }
                if num.value != nil, boxes.count == num.tokens.count, let first = boxes.first {
                    places[CheckedCell(table: id, row: key, column: col)] = CellPlace(page: r.pageNumber, box: boxes.dropFirst().reduce(first) { $0.union($1) })
                }
                if num.repaired { doubts.append(CellDoubt(table: id, row: key, column: col, reason: "OCR repaired")) }
            }
            if rowUnit == "%" || rowUnit == nil && assigned.cells.contains(where: { $0.1.percent }) {
                keepSharesInRange(&values, key: key)
            }
            for col in assigned.ambiguous where values[col] != nil {
                doubts.append(CellDoubt(table: id, row: key, column: col, reason: "digit grouping ambiguous"))
            }
            // Reorder to the table's column order.
            var ordered = TableValues()
            for c in header.keys { if let v = values[c] { ordered[c] = v } }
            var unitOut = rowUnit
            if unitOut == nil, assigned.cells.contains(where: { $0.1.percent }) { unitOut = "%" }
            rows.append(TableRow(key: key, label: label, note: assigned.note, values: ordered, unit: unitOut))
            if let w = assigned.warning { warnings.append(Diagnostic(table: id, row: key, message: "row \(key): \(w)")) }
        }

        /// A share above 100 % is a misreading, most often of the `%` sign as digits (`84%` ->
        /// `8440`): the leading two digits are kept, in doubt; past four digits the share's digits
        /// are not known and it is left out.
        mutating func keepSharesInRange(_ values: inout TableValues, key: String) {
            for (col, v) in values where v > Self.maxShare || v < 0 {
                let digits = String(Int(abs(v)))
                if digits.count > Self.maxShareDigits {
                    values[col] = nil
                    warnings.append(Diagnostic(table: id, row: key, column: col, message: "row \(key) \(col): share read as \(digits) left out"))
                    continue
                }
                if v > Self.maxShare, let lead = Double(digits.prefix(Self.shareDigits)) { values[col] = lead }
                doubts.append(CellDoubt(table: id, row: key, column: col, reason: "share out of range"))
            }
        }
    }

    /// Figures OCR garbled into letters (`6OH` for `60 %`, a lone `i` for `1`) stand under the
    /// columns yet stop the split's run of figures, landing in the label or dropped as specks:
    /// read every word under the columns leniently (in doubt) and keep them out of the label.
    /// Unchanged when a word there reads as no figure at all (prose, a label running long).
    func recoverCells(_ r: RawRow, header: ColumnHeader) -> RawRow {
        guard let first = header.columns.first?.x, header.columns.allSatisfy({ $0.x != nil }),
              !r.tokens.isEmpty, r.words.allSatisfy({ $0.box != nil }) else { return r }
        let used = Set(r.tokens.map(\.wordIndex))
        guard let start = r.words.indices.first(where: { r.words[$0].box!.x1 > first.lowerBound + 1 }) else { return r }
        let heights = r.words.map { $0.box!.height }.sorted()
        let h = heights[heights.count / 2]
        var recovered: [NumericToken] = []
        for i in start..<r.words.count where !used.contains(i) {
            let w = r.words[i], t = w.text
            if !t.contains(where: { $0.isLetter || $0.isNumber }) || ["kr", "tkr", "sek"].contains(w.folded) { continue }
            // A `%` misread right beside its figure.
            if i > 0, used.contains(i - 1) || recovered.last?.wordIndex == i - 1,
               w.box!.x0 - r.words[i - 1].box!.x1 < 0.6 * h, t.count <= 2, !t.contains(where: \.isNumber) { continue }
            guard var tok = SwedishNumber.lenientToken(t) else { return r }
            tok.wordIndex = i
            tok.repaired = true
            recovered.append(tok)
        }
        guard !recovered.isEmpty else { return r }
        var out = r
        out.tokens = (r.tokens + recovered).sorted { $0.wordIndex < $1.wordIndex }
        // Words of the split's label that stand under the columns leave it.
        let labelEnd = r.tokens.map(\.wordIndex).min() ?? r.words.count
        if start < labelEnd {
            let intruding = LabelText.cleaned(r.words[start..<labelEnd].map(\.text).joined(separator: " "))
            if r.label.hasSuffix(intruding) {
                out.label = String(r.label.dropLast(intruding.count)).trimmingCharacters(in: .whitespaces)
            }
        }
        return out
    }

    func startsLowercase(_ s: String) -> Bool { s.first.map { $0.isLowercase } ?? false }

    func isKnown(_ label: String, kind: TableVocabulary.TableKind?, id: String) -> Bool {
        canonical(label, kind: kind, isNote: id.hasPrefix("note_")) != nil
    }

    // MARK: labels

    func canonical(_ printed: String, kind: TableVocabulary.TableKind?, isNote: Bool) -> TableVocabulary.RowLabel? {
        var form = LabelText.matchForm(printed)
        // `Soliditet (%)`, `Soliditet i %`
        if form.hasSuffix("_i") { form = String(form.dropLast(2)) }
        guard !form.isEmpty else { return nil }
        let candidates = (kind?.rows ?? []) + (isNote ? vocabulary.noteRows : [])
        var best: (TableVocabulary.RowLabel, Int)? = nil
        for c in candidates {
            for m in c.matchForms {
                if m == form { return c }
                if LabelText.matches(form, m, tolerance: 0.2) {
                    let d = Fuzzy.distance(form, m)
                    if best == nil || d < best!.1 { best = (c, d) }
                }
            }
        }
        if let b = best { return b.0 }
        // A known label followed by OCR debris (`Samtliga realisationsvinster o ee fo`).
        let words = form.split(separator: "_")
        for c in candidates {
            for m in c.matchForms {
                let n = m.split(separator: "_").count
                guard words.count > n, words.dropFirst(n).allSatisfy({ $0.count <= 3 }) else { continue }
                if LabelText.matches(words.prefix(n).joined(separator: "_"), m, tolerance: 0.2) { return c }
            }
        }
        return nil
    }

    func canonicalLabel(_ printed: String, kind: TableVocabulary.TableKind?, isNote: Bool) -> (String, String?) {
        if let c = canonical(printed, kind: kind, isNote: isNote) { return (c.label, c.unit) }
        var label = LabelText.restore(printed, lexicon: vocabulary.lexicon)
        if let f = label.first, f.isLowercase { label = label.prefix(1).uppercased() + label.dropFirst() }
        return (label, nil)
    }

    // MARK: columns

    struct Assignment {
        var cells: [(String, ParsedNumber)] = []
        var note: String?
        var ambiguous: [String] = []
        var warning: String?
    }

    func assign(_ r: RawRow, header: ColumnHeader) -> Assignment {
        let tokens = r.tokens
        guard !tokens.isEmpty else { return Assignment() }
        if let a = assignByPosition(r, header: header) { return a }
        var a = assignBySequence(tokens, header: header)
        if header.columns.allSatisfy({ $0.x != nil }), !header.columns.isEmpty, a.warning == nil {
            // The figures have places but do not fit under the headings (a heading lost to OCR):
            // a reading in order may sit one column off, and sums across the row would not show it.
            a.warning = "figures do not stand under the column headings; read in order, in doubt"
            a.ambiguous = a.cells.map(\.0)
        }
        return a
    }

    /// A token that reads as a note reference (`2`, `3,6`).
    static func noteText(_ t: NumericToken) -> String? {
        guard !t.negative, !t.percent, !t.isDash, t.digits.count <= 2, let n = Int(t.digits), n >= 1 else { return nil }
        if let d = t.decimals { return d.count <= 2 ? "\(n),\(d)" : nil }
        return String(n)
    }

    /// Two figures OCR ran together lose the space between them: `562500562 500` for
    /// `562 500  562 500`, a run of more than three digits followed by a three-digit group. Each
    /// way of ending the first figure there (the second opening with one to three digits) is a
    /// reading of its own, weighed against the printed one with this penalty (in the units of
    /// `assignBySequence`'s scores: a column left empty costs 1).
    static let runTogetherPenalty = 1.0

    /// Digits at most of one printed figure: a samordningsförbund's figures stay below a
    /// billion kronor, so a plain run of more digits (`318204296117`) is two figures OCR ran
    /// together with no group to cut at.
    static let maxFigureDigits = 9

    /// The token lists with one over-long plain token (`maxFigureDigits`) cut in two at each
    /// place (the second part not opening with `0`).
    static func overlongCuts(_ tokens: [NumericToken]) -> [[NumericToken]] {
        var out: [[NumericToken]] = []
        for (i, t) in tokens.enumerated()
        where t.digits.count > maxFigureDigits && t.decimals == nil && !t.percent && !t.isDash && !t.opensParen {
            for cut in 1..<t.digits.count {
                var a = t, b = t
                a.digits = String(t.digits.prefix(cut)); a.closesParen = false
                b.digits = String(t.digits.dropFirst(cut)); b.negative = false
                guard b.digits.first != "0" || b.digits == "0" else { continue }
                out.append(Array(tokens[..<i]) + [a, b] + Array(tokens[(i + 1)...]))
            }
        }
        return out
    }

    static func runTogetherSplits(_ tokens: [NumericToken]) -> [[NumericToken]] {
        var out: [[NumericToken]] = overlongCuts(tokens)
        for i in tokens.indices.dropLast() {
            let t = tokens[i]
            guard t.digits.count > 3, t.decimals == nil, !t.percent, !t.isDash, tokens[i + 1].isContinuation else { continue }
            for lead in 1...3 where lead < t.digits.count {
                let right = String(t.digits.suffix(lead)), left = String(t.digits.dropLast(lead))
                guard right.first != "0" else { continue }
                var a = t, b = t
                a.digits = left; a.closesParen = false
                b.digits = right; b.negative = false; b.opensParen = false
                out.append(Array(tokens[..<i]) + [a, b] + Array(tokens[(i + 1)...]))
            }
        }
        return out
    }

    /// Small counts OCR ran together (`Antal anställda 11 11 1` for five `1`s): where a row's
    /// tokens are all one or two plain digits, fewer than the columns, and hold as many digits as
    /// there are columns, one digit a column is a reading too (weighed with `runTogetherPenalty`).
    static let smallCountDigits = 2

    static func smallCountSplit(_ tokens: [NumericToken], columns k: Int) -> [NumericToken]? {
        guard tokens.count < k, tokens.allSatisfy({ !$0.isDash && !$0.negative && !$0.percent && $0.decimals == nil
                                                     && !$0.opensParen && $0.digits.count <= smallCountDigits }),
              tokens.reduce(0, { $0 + $1.digits.count }) == k, tokens.contains(where: { $0.digits.count > 1 }) else { return nil }
        return tokens.flatMap { t in t.digits.map { d -> NumericToken in var one = t; one.digits = String(d); return one } }
    }

    /// A reading of a row's tokens as figures under some of the header's columns, with its cost
    /// (lower is likelier).
    struct SequenceCandidate { var note: String?; var numbers: [ParsedNumber]; var score: Double; var targets: [Int]; var split = false }

    /// Costs of `assignBySequence`'s readings, in the units where a column left empty costs 1:
    /// as many figures as the outcome columns (a budget not printed on the row), a reading of
    /// fewer figures than columns (right-aligned), per decade of size between a row's figures,
    /// a budget that is no round thousand, and the bonus for a note reference the header has a column for.
    static let outcomeOnlyCost = 0.5, fewerFiguresCost = 2.0, sizeSpreadCost = 0.6, oddBudgetCost = 1.5, noteBonus = 0.2
    /// Readings within this much of the best that read the row otherwise put its cells in doubt.
    static let rivalMargin = 0.5

    func assignBySequence(_ tokens: [NumericToken], header: ColumnHeader) -> Assignment {
        var tokens = tokens
        let k = header.columns.count
        // `Soliditet (%)` read `(20)`: a bracketed figure first, beyond the columns, belongs to the label.
        if tokens.count > k, let f = tokens.first, f.opensParen && f.closesParen, !tokens.dropFirst().contains(where: \.opensParen) {
            tokens.removeFirst()
        }
        let candidates = sequenceCandidates(tokens, header: header)
        guard let best = candidates.min(by: { $0.score < $1.score }) else { return greedyAssignment(tokens, header: header) }
        var out = Assignment()
        out.note = best.note
        for (num, t) in zip(best.numbers, best.targets) { out.cells.append((header.keys[t], num)) }
        // A split the print did not show is a reading, not a fact: the row's sums must bear it out.
        if best.split { out.ambiguous = out.cells.map(\.0) }
        // Another reading almost as good with different values: the cells are in doubt.
        for c in candidates where c.score - best.score < Self.rivalMargin
            && (c.numbers.map(\.value) != best.numbers.map(\.value) || c.targets != best.targets) {
            for (num, t) in zip(c.numbers, c.targets) {
                let col = header.keys[t]
                if out.cells.first(where: { $0.0 == col })?.1.value != num.value, !out.ambiguous.contains(col) {
                    out.ambiguous.append(col)
                }
            }
        }
        return out
    }

    /// Every reading of the tokens: as printed, without dashes beyond the columns, after a note
    /// reference, and split where OCR may have run figures together.
    func sequenceCandidates(_ tokens: [NumericToken], header: ColumnHeader) -> [SequenceCandidate] {
        let k = header.columns.count
        var candidates: [SequenceCandidate] = []
        func consider(_ toks: [NumericToken], note: String?, split: Bool = false) {
            candidates += weighedReadings(toks, header: header, note: note, split: split)
        }
        consider(tokens, note: nil)
        // Dashes beyond the columns are ruling read as text.
        let figures = tokens.filter { !$0.isDash }
        if figures.count < tokens.count, candidates.isEmpty || tokens.count > k {
            consider(figures, note: nil)
        }
        if header.hasNoteColumn, let first = tokens.first, let n = Self.noteText(first) {
            consider(Array(tokens.dropFirst()), note: n)
        }
        for variant in Self.runTogetherSplits(tokens) { consider(variant, note: nil, split: true) }
        if let variant = Self.smallCountSplit(tokens, columns: k) { consider(variant, note: nil, split: true) }
        return candidates
    }

    /// The readings of one token list as 1 to k figures, each placed and costed.
    func weighedReadings(_ toks: [NumericToken], header: ColumnHeader, note: String?, split: Bool) -> [SequenceCandidate] {
        let k = header.columns.count
        let outcome = header.outcomeIndices
        let budgetIndex = header.columns.firstIndex { $0.key.hasPrefix("budget:") }
        guard !toks.isEmpty else { return [] }
        var out: [SequenceCandidate] = []
        for n in 1...min(toks.count, k) {
            for seg in SwedishNumber.segmentations(toks, count: n) {
                var score: Double
                var targets: [Int]
                if n == k { score = 0; targets = Array(0..<k) }
                else if n == outcome.count { score = Self.outcomeOnlyCost; targets = outcome }
                else { score = Self.fewerFiguresCost + Double(k - n); targets = Array((k - n)..<k) }
                // Figures on one row are of a size: prefer the reading whose magnitudes agree.
                score += Self.sizeSpreadCost * SwedishNumber.sizeSpread(seg)
                if let b = budgetIndex, let pos = targets.firstIndex(of: b), let v = seg[pos].value,
                   v.truncatingRemainder(dividingBy: ColumnBlocks.budgetRounding) != 0 { score += Self.oddBudgetCost }
                if note != nil { score -= Self.noteBonus }
                if split { score += Self.runTogetherPenalty }
                out.append(SequenceCandidate(note: note, numbers: seg, score: score, targets: targets, split: split))
            }
        }
        return out
    }

    /// Nothing groups into the columns: read greedily, right-aligned, and say so.
    func greedyAssignment(_ tokens: [NumericToken], header: ColumnHeader) -> Assignment {
        let k = header.columns.count
        var out = Assignment()
        let seg = (1...tokens.count).lazy.compactMap { SwedishNumber.segmentations(tokens, count: $0).first }.first ?? []
        let start = max(0, k - seg.count)
        for (i, num) in seg.suffix(k).enumerated() { out.cells.append((header.keys[start + i], num)) }
        out.ambiguous = out.cells.map(\.0)
        out.warning = "figures do not fit the \(k) columns"
        return out
    }

    /// Assigns figures by x position under the header's columns when both have positions: a
    /// token belongs to the first column whose right edge it does not pass (figures are
    /// right-aligned under their heading); the tokens of a column make its number.
    func assignByPosition(_ r: RawRow, header: ColumnHeader) -> Assignment? {
        guard header.columns.allSatisfy({ $0.x != nil }), !header.columns.isEmpty else { return nil }
        let boxes = r.tokens.map { r.words.indices.contains($0.wordIndex) ? r.words[$0.wordIndex].box : nil }
        guard boxes.allSatisfy({ $0 != nil }) else { return nil }
        let heights = boxes.map { $0!.height }.sorted()
        let h = heights[heights.count / 2]
        var out = Assignment()
        var perColumn: [[NumericToken]] = Array(repeating: [], count: header.columns.count)
        let firstColumn = header.columns[0].x!
        let labelEnd = r.words.prefix(r.tokens[0].wordIndex).compactMap { $0.box?.x1 }.max() ?? 0
        // Two readings of one printed figure (overlapping boxes): keep the surer one.
        var skip: Set<Int> = []
        for i in r.tokens.indices.dropLast() {
            let a = boxes[i]!, b = boxes[i + 1]!
            if min(a.x1, b.x1) - max(a.x0, b.x0) > 0.5 * min(a.width, b.width) {
                let ca = r.words[r.tokens[i].wordIndex].confidence ?? 0, cb = r.words[r.tokens[i + 1].wordIndex].confidence ?? 0
                skip.insert(ca >= cb ? i + 1 : i)
            }
        }
        for (i, t) in r.tokens.enumerated() where !skip.contains(i) {
            let box = boxes[i]!
            if out.note == nil, perColumn.allSatisfy(\.isEmpty), let n = Self.noteText(t) {
                let nearNote = header.noteX.map { box.x1 >= $0.lowerBound - 2 * h && box.x0 <= $0.upperBound + 2 * h } ?? false
                let leftOfFigures = box.x1 < firstColumn.lowerBound - 3 * h
                if header.hasNoteColumn && (nearNote || leftOfFigures) { out.note = n; continue }
            }
            // Right after the label, far from the figures: part of the label (`Soliditet (%)` read `(20)`).
            if box.x0 - labelEnd < 2 * h, firstColumn.lowerBound - box.x1 > 6 * h, !header.hasNoteColumn || out.note != nil {
                continue
            }
            // Column j ends midway between its heading's right edge and the next heading's left edge.
            var target = header.columns.indices.first { j in
                let x = header.columns[j].x!
                let bound = j + 1 < header.columns.count ? (x.upperBound + header.columns[j + 1].x!.lowerBound) / 2 : x.upperBound + 2 * h
                return box.x1 <= max(bound, x.upperBound + 1)
            }
            if target == nil {
                // Past the last heading's right edge: the nearest column by centre.
                target = header.columns.indices.min { abs(header.columns[$0].x!.upperBound - box.x1) < abs(header.columns[$1].x!.upperBound - box.x1) }
            }
            perColumn[target!].append(t)
        }
        Self.rebalance(&perColumn)
        for (ci, toks) in perColumn.enumerated() where !toks.isEmpty {
            let key = header.keys[ci]
            if !skip.isEmpty { out.ambiguous.append(key) }
            let figures = toks.filter { !$0.isDash }
            if figures.isEmpty { out.cells.append((key, ParsedNumber(value: nil, tokens: toks))); continue }
            if figures.count < toks.count { out.ambiguous.append(key) } // a stray dash beside a figure
            if let seg = SwedishNumber.segmentations(figures, count: 1).first {
                out.cells.append((key, seg[0]))
            } else if let fixed = Self.dropOneSpeck(figures, words: r.words) {
                // One token too many (a speck read as a digit): the least sure one goes, in doubt.
                out.cells.append((key, fixed)); out.ambiguous.append(key)
            } else {
                // Tokens that do not group as one number: two figures read into one column.
                return nil
            }
        }
        return out
    }
}
