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

/// What reading one table gives, before checks.
struct TableReading: Sendable {
    var table: Table
    var doubts: [CellDoubt]
    var warnings: [String]
}

/// Reads one table region: header -> columns, lines -> rows (labels and values), both with
/// and without word positions.
struct TableReader {
    let vocabulary: TableVocabulary
    /// The report's fiscal year, for tables printed without a header.
    let fiscalYear: Int?

    static let lowConfidence = 55.0

    struct RawRow {
        var label: String
        var words: [Word]
        var tokens: [NumericToken]
        var pageNumber: Int
        var krSuffix: Bool
    }

    /// Splits a line into its label words and the trailing run of numeric tokens.
    static func split(_ line: Line) -> (label: [Word], tokens: [NumericToken], kr: Bool) {
        var tokens: [NumericToken] = []
        var kr = false
        var i = line.words.count - 1
        var pendingPercent = false
        while i >= 0 {
            let w = line.words[i]
            let t = w.text.trimmingCharacters(in: .whitespaces)
            if t == "%" { pendingPercent = true; i -= 1; continue }
            if t == "|" || t == "||" || t == "!" { i -= 1; continue }
            if w.folded == "kr" || w.folded == "tkr" || w.folded == "sek" { kr = true; i -= 1; continue }
            guard var tok = SwedishNumber.token(t) else { break }
            if pendingPercent { tok.percent = true; pendingPercent = false }
            tok.wordIndex = i
            if let c = w.confidence, c < lowConfidence { tok.repaired = true }
            tokens.insert(tok, at: 0)
            i -= 1
        }
        // A dash right after the label is part of it only when nothing numeric follows.
        let label = Array(line.words[0...max(-1, i)].prefix(i + 1))
        return (label, tokens, kr)
    }

    func read(id: String, title: String, kind: TableVocabulary.TableKind?, lines: [RegionLine]) -> TableReading? {
        var headerLines: [Line] = []
        var rows: [RawRow] = []
        var pendingLabel: (text: String, page: Int)? = nil
        var labelOnly: [(text: String, page: Int)] = []
        var orphanValues: [RawRow] = []
        var started = false
        var warnings: [String] = []

        func flushPending() {
            if let p = pendingLabel {
                rows.append(RawRow(label: p.text, words: [], tokens: [], pageNumber: p.page, krSuffix: false))
                labelOnly.append(p)
                pendingLabel = nil
            }
        }

        for (li, rl) in lines.enumerated() {
            let line = rl.line
            if !started && ColumnHeader.isHeaderLine(line, vocabulary: vocabulary) {
                headerLines.append(line); continue
            }
            let (labelWords, tokens, kr) = Self.split(line)
            let label = LabelText.cleaned(labelWords.map(\.text).joined(separator: " "))
            let hasLetters = label.contains { $0.isLetter }
            if started && !tokens.isEmpty && !headerLines.isEmpty && ColumnHeader.isHeaderLine(line, vocabulary: vocabulary) {
                continue // a header repeated on the next page
            }
            if tokens.isEmpty || tokens.allSatisfy(\.isDash) && !hasLetters {
                guard hasLetters else { continue }
                // Text only: a continued label, a group heading or empty row, or prose.
                let wordCount = label.split(separator: " ").count
                let known = canonical(label, kind: kind, isNote: id.hasPrefix("note_")) != nil
                if started, let p = pendingLabel, startsLowercase(label) {
                    pendingLabel = (p.text + " " + label, p.page); continue
                }
                if !started && headerLines.isEmpty { continue } // prose before the table
                // A long label wrapped onto the next line is not prose.
                let nextContinues = lines.indices.contains(li + 1)
                    && startsLowercase(LabelText.cleaned(lines[li + 1].line.text))
                    && !Self.split(lines[li + 1].line).tokens.isEmpty
                if !known && !nextContinues && (wordCount >= 7 || label.hasSuffix(".")) {
                    if started { break } else { continue }
                }
                if !started && !known && wordCount >= 4 { continue }
                flushPending()
                pendingLabel = (label, rl.pageNumber)
                started = true
                continue
            }
            if !hasLetters {
                // Figures without a label: pair them with labels printed in a block before.
                orphanValues.append(RawRow(label: "", words: line.words, tokens: tokens, pageNumber: rl.pageNumber, krSuffix: kr))
                started = true
                continue
            }
            if let p = pendingLabel, startsLowercase(label) {
                pendingLabel = nil
                rows.append(RawRow(label: p.text + " " + label, words: line.words, tokens: tokens, pageNumber: p.page, krSuffix: kr))
                started = true
                continue
            }
            flushPending()
            rows.append(RawRow(label: label, words: line.words, tokens: tokens, pageNumber: rl.pageNumber, krSuffix: kr))
            started = true
        }
        flushPending()

        // Labels printed as a block, then their figures as a block.
        if !orphanValues.isEmpty {
            let emptyIdx = rows.indices.filter { rows[$0].tokens.isEmpty }
            if emptyIdx.count >= orphanValues.count {
                let targets = Array(emptyIdx.suffix(orphanValues.count))
                for (t, o) in zip(targets, orphanValues) {
                    rows[t].words = o.words; rows[t].tokens = o.tokens; rows[t].krSuffix = o.krSuffix
                }
                warnings.append("\(id): labels and figures printed apart were paired by order")
            } else {
                warnings.append("\(id): \(orphanValues.count) line(s) of figures without a label left out")
            }
        }

        guard rows.contains(where: { !$0.tokens.isEmpty && !$0.tokens.allSatisfy(\.isDash) }) else { return nil }

        var header = ColumnHeader.parse(headerLines, vocabulary: vocabulary)
        let valueCounts = rows.map { r in SwedishNumber.possibleCounts(r.tokens).first ?? 0 }
        if header.columns.isEmpty {
            // No header printed: the fiscal year, and the year before when rows hold two figures.
            guard let fy = fiscalYear else { return nil }
            let n = max(1, min(2, valueCounts.max() ?? 1))
            header.columns = (0..<n).map { ColumnHeader.Column(key: String(fy - $0), x: nil) }
            warnings.append("\(id): no column header found; columns taken as \(header.keys.joined(separator: ", "))")
        }
        let unit = header.unit ?? (rows.contains { $0.krSuffix } ? "kr" : kind?.defaultUnit ?? "kr")

        var tableRows: [TableRow] = []
        var doubts: [CellDoubt] = []
        var keyCounts: [String: Int] = [:]
        var page = rows.first?.pageNumber ?? lines.first?.pageNumber ?? 1
        if let first = lines.first { page = first.pageNumber }
        for r in rows {
            let (canon, rowUnit) = canonicalLabel(r.label, kind: kind, isNote: id.hasPrefix("note_"))
            var key = FoldedText.fold(canon)
            guard !key.isEmpty else { continue }
            keyCounts[key, default: 0] += 1
            if keyCounts[key]! > 1 { key += "_\(keyCounts[key]!)" }
            let assigned = assign(r, header: header)
            var values = TableValues()
            for (col, num) in assigned.cells {
                if let v = num.value { values[col] = v }
                if num.repaired { doubts.append(CellDoubt(table: id, row: key, column: col, reason: "OCR repaired")) }
            }
            for col in assigned.ambiguous where values[col] != nil {
                doubts.append(CellDoubt(table: id, row: key, column: col, reason: "digit grouping ambiguous"))
            }
            // Reorder to the table's column order.
            var ordered = TableValues()
            for c in header.keys { if let v = values[c] { ordered[c] = v } }
            var unitOut = rowUnit
            if unitOut == nil, assigned.cells.contains(where: { $0.1.percent }) { unitOut = "%" }
            tableRows.append(TableRow(key: key, label: canon, note: assigned.note, values: ordered, unit: unitOut))
            if let w = assigned.warning { warnings.append("\(id): row \(key): \(w)") }
        }
        let table = Table(id: id, title: title, page: page, unit: unit, columns: header.keys, rows: tableRows)
        return TableReading(table: table, doubts: doubts, warnings: warnings)
    }

    func startsLowercase(_ s: String) -> Bool { s.first.map { $0.isLowercase } ?? false }

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
        return best?.0
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
        return assignBySequence(tokens, header: header)
    }

    /// A token that reads as a note reference (`2`, `3,6`).
    static func noteText(_ t: NumericToken) -> String? {
        guard !t.negative, !t.percent, !t.isDash, t.digits.count <= 2, let n = Int(t.digits), n >= 1 else { return nil }
        if let d = t.decimals { return d.count <= 2 ? "\(n),\(d)" : nil }
        return String(n)
    }

    func assignBySequence(_ tokens: [NumericToken], header: ColumnHeader) -> Assignment {
        let k = header.columns.count
        let outcome = header.outcomeIndices
        let budgetIndex = header.columns.firstIndex { $0.key.hasPrefix("budget:") }
        struct Candidate { var note: String?; var numbers: [ParsedNumber]; var score: Double; var targets: [Int] }
        var candidates: [Candidate] = []
        func consider(_ toks: [NumericToken], note: String?) {
            guard !toks.isEmpty else { return }
            for n in 1...min(toks.count, k + 1) {
                for seg in SwedishNumber.segmentations(toks, count: n) {
                    var score: Double
                    var targets: [Int]
                    if n == k { score = 0; targets = Array(0..<k) }
                    else if n == outcome.count && n < k { score = 0.5; targets = outcome }
                    else if n < k { score = 2 + Double(k - n); targets = Array((k - n)..<k) }
                    else { score = 10; targets = Array(0..<k); continue }
                    let groups = seg.filter { $0.value != nil }.map(\.groupCount)
                    if let mx = groups.max(), let mn = groups.min() { score += 0.6 * Double(mx - mn) }
                    if let b = budgetIndex, let pos = targets.firstIndex(of: b), let v = seg[pos].value,
                       v.truncatingRemainder(dividingBy: 1000) != 0 { score += 1.5 }
                    if note != nil { score -= 0.2 }
                    candidates.append(Candidate(note: note, numbers: seg, score: score, targets: targets))
                }
            }
        }
        consider(tokens, note: nil)
        if header.hasNoteColumn, let first = tokens.first, let n = Self.noteText(first) {
            consider(Array(tokens.dropFirst()), note: n)
        }
        guard let best = candidates.min(by: { $0.score < $1.score }) else {
            // Nothing groups into the columns: read greedily, right-aligned, and say so.
            var out = Assignment()
            let seg = (1...tokens.count).lazy.compactMap { SwedishNumber.segmentations(tokens, count: $0).first }.first ?? []
            let start = max(0, k - seg.count)
            for (i, num) in seg.suffix(k).enumerated() { out.cells.append((header.keys[start + i], num)) }
            out.ambiguous = out.cells.map(\.0)
            out.warning = "figures do not fit the \(k) columns"
            return out
        }
        var out = Assignment()
        out.note = best.note
        for (num, t) in zip(best.numbers, best.targets) { out.cells.append((header.keys[t], num)) }
        // Another reading almost as good with different values: the cells are in doubt.
        for c in candidates where c.score - best.score < 0.5 && (c.numbers.map(\.value) != best.numbers.map(\.value) || c.targets != best.targets) {
            for (num, t) in zip(c.numbers, c.targets) {
                let col = header.keys[t]
                if out.cells.first(where: { $0.0 == col })?.1.value != num.value, !out.ambiguous.contains(col) {
                    out.ambiguous.append(col)
                }
            }
        }
        return out
    }

    /// Assigns figures by x position under the header's columns when both have positions.
    func assignByPosition(_ r: RawRow, header: ColumnHeader) -> Assignment? {
        guard header.columns.allSatisfy({ $0.x != nil }), !header.columns.isEmpty else { return nil }
        let boxes = r.tokens.map { r.words.indices.contains($0.wordIndex) ? r.words[$0.wordIndex].box : nil }
        guard boxes.allSatisfy({ $0 != nil }) else { return nil }
        let heights = boxes.map { $0!.height }.sorted()
        let h = heights[heights.count / 2]
        // Group tokens standing close together and reading as one grouped number.
        var groups: [[Int]] = []
        for i in r.tokens.indices {
            if let last = groups.last?.last, !r.tokens[i].isDash, !r.tokens[last].isDash,
               boxes[i]!.x0 - boxes[last]!.x1 < h * 0.55, r.tokens[i].isContinuation, !r.tokens[last].terminates {
                groups[groups.count - 1].append(i)
            } else {
                groups.append([i])
            }
        }
        var out = Assignment()
        var used: Set<Int> = []
        for g in groups {
            let toks = g.map { r.tokens[$0] }
            let box = g.map { boxes[$0]! }.reduce(boxes[g[0]]!) { $0.union($1) }
            if header.hasNoteColumn, out.note == nil, out.cells.isEmpty, g.count == 1, let n = Self.noteText(toks[0]) {
                let nearNote = header.noteX.map { box.x1 >= $0.lowerBound - 2 * h && box.x0 <= $0.upperBound + 2 * h } ?? false
                let firstColumn = header.columns[0].x!
                if nearNote || box.x1 < firstColumn.lowerBound - h {
                    out.note = n; continue
                }
            }
            // Nearest column by right edge or centre.
            var best: (Int, Double)? = nil
            for (ci, c) in header.columns.enumerated() {
                let x = c.x!
                let d = min(abs(x.upperBound - box.x1), abs((x.lowerBound + x.upperBound) / 2 - box.midX))
                let inside = box.x0 <= x.upperBound + h && box.x1 >= x.lowerBound - h ? 0.0 : h
                if best == nil || d + inside < best!.1 { best = (ci, d + inside) }
            }
            guard let (ci, _) = best, !used.contains(ci) else { return nil }
            used.insert(ci)
            var num: ParsedNumber
            if toks.count == 1 && toks[0].isDash { num = ParsedNumber(value: nil, tokens: toks) }
            else if let seg = SwedishNumber.segmentations(toks, count: 1).first { num = seg[0] }
            else { return nil }
            out.cells.append((header.keys[ci], num))
        }
        return out
    }
}
