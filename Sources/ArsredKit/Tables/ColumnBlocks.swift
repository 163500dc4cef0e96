/// Position-less text (pages OCR'd earlier, one text per page) often prints a table as its OCR
/// engine read it: the label column first, then each figure column as a block of its own under
/// its heading (`2023-12-31`, then one figure a line), rows without a figure simply absent from
/// the block. Which labels a block's figures belong to is not printed: it follows from order and
/// count, and where several rows could be left empty, from the table's own arithmetic.
struct ColumnBlocks {
    struct Block {
        var header: [Line] = []
        var figures: [Figure] = []
        var hasNoteColumn: Bool { header.contains { $0.words.contains { $0.folded == "not" || $0.folded == "noter" } } }
    }
    struct Figure { var tokens: [NumericToken]; var page: Int }

    /// Header lines before the first label: the headings of the figures printed on the label lines.
    var leadingHeader: [Line] = []
    /// The labels in order, with any figures printed on their own line.
    var rows: [TableReader.RawRow] = []
    var blocks: [Block] = []

    /// Most assignments of one block's figures to rows that are weighed against the arithmetic;
    /// past it the rows that hold figures in the other blocks are taken, in doubt.
    static let maxReadings = 4000
    /// Rows at least, and figure lines at least, for a region to be read as blocks.
    static let minimumLabels = 2
    static let minimumFigures = 2

    /// The region read as labels then blocks of single figures, or nil when it is laid out
    /// otherwise (rows with their figures, figures of whole rows in a block: the reader's own case).
    static func layout(_ lines: [RegionLine], reader: TableReader) -> ColumnBlocks? {
        guard !lines.isEmpty, lines.allSatisfy({ $0.line.words.allSatisfy { $0.box == nil } }) else { return nil }
        var out = ColumnBlocks()
        var labelsOnly = 0, figureLines = 0, singleFigures = 0
        var open: Block?
        func close() { if let b = open, !b.figures.isEmpty { out.blocks.append(b) }; open = nil }
        for rl in lines {
            let line = rl.line
            let (labelWords, tokens, kr) = TableReader.split(line)
            let label = LabelText.cleaned(labelWords.map(\.text).joined(separator: " "))
            let hasLetters = label.contains { $0.isLetter }
            if ColumnHeader.isHeaderLine(line, vocabulary: reader.vocabulary)
                || line.words.first.map({ $0.folded.hasPrefix("belopp") }) == true {
                if out.rows.isEmpty { out.leadingHeader.append(line); continue }
                if open.map({ !$0.figures.isEmpty }) ?? false { close() }
                if open == nil { open = Block() }
                open!.header.append(line)
                continue
            }
            if !hasLetters {
                guard !tokens.isEmpty, !tokens.allSatisfy(\.isDash) || tokens.count == 1 else { continue }
                if out.rows.isEmpty { return nil }
                figureLines += 1
                if Self.single(tokens) != nil { singleFigures += 1 }
                if open == nil { open = Block() }
                open!.figures.append(Figure(tokens: tokens, page: rl.pageNumber))
                continue
            }
            // Text after the blocks began: the table is over (prose, the next section).
            if !out.blocks.isEmpty || open != nil { break }
            let words = label.split(separator: " ").count
            if tokens.isEmpty && (words >= 7 || label.hasSuffix(".")) && reader.canonical(label, kind: nil, isNote: false) == nil {
                if out.rows.isEmpty { continue } else { break }
            }
            if tokens.isEmpty { labelsOnly += 1 }
            if tokens.isEmpty, let last = out.rows.last, last.tokens.isEmpty, reader.startsLowercase(label) {
                out.rows[out.rows.count - 1].label += " " + label // a label wrapped onto the next line
                labelsOnly -= 1
                continue
            }
            out.rows.append(TableReader.RawRow(label: label, words: line.words, tokens: tokens, pageNumber: rl.pageNumber, krSuffix: kr))
        }
        close()
        // Labels without figures, or labels whose lines carry the first columns with the rest in
        // blocks under their own headings.
        let headedBlocks = out.blocks.contains { !$0.header.isEmpty }
        guard labelsOnly >= minimumLabels || (out.rows.count >= minimumLabels && headedBlocks),
              figureLines >= minimumFigures, singleFigures * 2 > figureLines else { return nil }
        return out
    }

    /// On position-less pages the figure blocks of a table may follow the next section's
    /// heading (the OCR engine printed that heading's line before the figure columns): a region
    /// that holds labels and no figures takes back the figure and header lines that open the
    /// region after it, up to that region's first line of text.
    static func returnStrayBlocks(_ regions: inout [TableRegion], vocabulary v: TableVocabulary) {
        guard regions.count >= 2 else { return }
        for i in 0..<(regions.count - 1) {
            let lines = regions[i].lines
            guard !lines.isEmpty, lines.allSatisfy({ $0.line.words.allSatisfy { $0.box == nil } }) else { continue }
            let split = lines.map { TableReader.split($0.line) }
            let hasFigureLines = split.contains { s in !s.tokens.isEmpty && !s.label.contains { $0.text.contains(where: \.isLetter) } }
            let labelLines = split.filter { $0.tokens.isEmpty && $0.label.contains { $0.text.contains(where: \.isLetter) } }.count
            guard !hasFigureLines, labelLines >= minimumLabels else { continue }
            let next = regions[i + 1].lines
            var take = 0
            for rl in next {
                let s = TableReader.split(rl.line)
                let letters = s.label.contains { $0.text.contains(where: \.isLetter) }
                if letters && !ColumnHeader.isHeaderLine(rl.line, vocabulary: v) { break }
                take += 1
            }
            let figures = next.prefix(take).filter { !TableReader.split($0.line).tokens.isEmpty }.count
            guard figures >= minimumFigures else { continue }
            regions[i].lines += next.prefix(take)
            regions[i + 1].lines.removeFirst(take)
        }
    }

    /// One figure, or a note reference and one figure (`2 11696000`, `4 408 780` under `Not`).
    static func single(_ tokens: [NumericToken], noteColumn: Bool = false) -> (note: String?, number: ParsedNumber)? {
        if noteColumn, tokens.count >= 2, let n = TableReader.noteText(tokens[0]),
           let rest = SwedishNumber.segmentations(Array(tokens.dropFirst()), count: 1).first?.first {
            return (n, rest)
        }
        if let one = SwedishNumber.segmentations(tokens, count: 1).first?.first { return (nil, one) }
        if tokens.count >= 2, let n = TableReader.noteText(tokens[0]),
           let rest = SwedishNumber.segmentations(Array(tokens.dropFirst()), count: 1).first?.first {
            return (n, rest)
        }
        return nil
    }
}

extension TableReader {
    /// Rows of a table laid out as column blocks, each with its figures already under their
    /// columns, and the header those columns make. Doubt where the arithmetic could not choose.
    struct BlockReading {
        var rows: [RawRow]
        var cells: [[String: ParsedNumber]]
        var notes: [String?]
        var header: ColumnHeader
        var doubtful: [(row: Int, column: String)]
        var warnings: [String]
    }

    func readBlocks(_ layout: ColumnBlocks, id: String, kind: TableVocabulary.TableKind?) -> BlockReading? {
        let leading = ColumnHeader.parse(layout.leadingHeader, vocabulary: vocabulary)
        var columns: [ColumnHeader.Column] = []
        // Figures on the label lines stand under the leading header's first columns.
        let inlineCount = layout.rows.map { SwedishNumber.possibleCounts($0.tokens).first ?? 0 }.max() ?? 0
        let inline = Array(leading.columns.prefix(inlineCount))
        columns += inline
        var spare = Array(leading.columns.dropFirst(inline.count))
        var blockKeys: [String] = []
        for b in layout.blocks {
            let parsed = ColumnHeader.parse(b.header, vocabulary: vocabulary)
            var key = parsed.columns.first?.key
            if key == nil, !spare.isEmpty { key = spare.removeFirst().key }
            guard var k = key else { return nil }
            if k.hasPrefix("deviation") && !k.contains(":"), let y = (columns.compactMap { Int($0.key) } + [fiscalYear].compactMap { $0 }).max() {
                k = "deviation:\(y)"
            }
            if columns.contains(where: { $0.key == k }) || blockKeys.contains(k) { return nil }
            blockKeys.append(k)
            columns.append(ColumnHeader.Column(key: k, x: nil))
        }
        guard !layout.blocks.isEmpty else { return nil }
        var header = leading
        header.columns = columns

        let isNote = id.hasPrefix("note_")
        var cells: [[String: ParsedNumber]] = Array(repeating: [:], count: layout.rows.count)
        var notes: [String?] = Array(repeating: nil, count: layout.rows.count)
        var warnings: [String] = []
        var doubtful: [(Int, String)] = []
        if !inline.isEmpty {
            var inlineHeader = leading
            inlineHeader.columns = inline
            for (i, r) in layout.rows.enumerated() where !r.tokens.isEmpty {
                let a = assignBySequence(r.tokens, header: inlineHeader)
                for (c, n) in a.cells { cells[i][c] = n }
                notes[i] = a.note
                for c in a.ambiguous { doubtful.append((i, c)) }
            }
        }
        let headings = layout.rows.map { canonical($0.label, kind: kind, isNote: isNote)?.isHeading == true }
        // Largest blocks first: the rows they fill tell which rows the smaller ones may skip.
        let order = layout.blocks.indices.sorted { layout.blocks[$0].figures.count > layout.blocks[$1].figures.count }
        for bi in order {
            let block = layout.blocks[bi], key = blockKeys[bi]
            let read = block.figures.compactMap { ColumnBlocks.single($0.tokens, noteColumn: block.hasNoteColumn) }
            guard read.count == block.figures.count else {
                warnings.append("\(id): column \(key): a figure that reads as no number; the column left out")
                continue
            }
            let open = layout.rows.indices.filter { !headings[$0] && cells[$0][key] == nil }
            guard read.count <= open.count else {
                warnings.append("\(id): column \(key): \(read.count) figures for \(open.count) rows; the column left out")
                continue
            }
            let filled = Set(layout.rows.indices.filter { !cells[$0].isEmpty })
            let choice = chooseRows(for: read.map(\.number), key: key, columns: header.keys, among: open, filled: filled,
                                    rows: layout.rows, cells: cells, id: id, kind: kind)
            for (k, ri) in choice.rows.enumerated() {
                cells[ri][key] = read[k].number
                if let n = read[k].note { notes[ri] = n }
                if choice.inDoubt { doubtful.append((ri, key)) }
            }
            if choice.inDoubt {
                warnings.append("\(id): column \(key): which rows its \(read.count) figures belong to is not settled by the arithmetic; in doubt")
            }
        }
        warnings.append("\(id): labels and figure columns printed apart were paired by order, count and arithmetic")
        return BlockReading(rows: layout.rows, cells: cells, notes: notes, header: header, doubtful: doubtful, warnings: warnings)
    }

    /// The rows (ascending) that a block's figures fill: every order-keeping choice of rows is
    /// weighed by the relations the table states in that column (passed minus failed); ties are
    /// broken towards rows that hold figures in other columns, and reported as doubt.
    func chooseRows(for figures: [ParsedNumber], key: String, columns: [String], among open: [Int], filled: Set<Int>,
                    rows: [RawRow], cells: [[String: ParsedNumber]], id: String,
                    kind: TableVocabulary.TableKind?) -> (rows: [Int], inDoubt: Bool) {
        let k = figures.count
        if k == open.count { return (open, false) }
        let combinations = Self.binomial(open.count, k)
        let prior: ([Int]) -> Int = { choice in choice.filter { filled.contains($0) }.count }
        guard combinations <= ColumnBlocks.maxReadings else {
            let preferred = open.filter { filled.contains($0) }
            let pick = preferred.count >= k ? Array(preferred.prefix(k)) : Array(open.prefix(k))
            return (pick, true)
        }
        let isNote = id.hasPrefix("note_")
        let keys = rows.map { FoldedText.fold(canonicalLabel($0.label, kind: kind, isNote: isNote).0) }
        var best: [(choice: [Int], score: Int, prior: Int)] = []
        var bestScore = Int.min
        Self.forEachCombination(of: open, choosing: k) { choice in
            var values = Array(repeating: TableValues(), count: rows.count)
            for (i, c) in cells.enumerated() { for (col, n) in c { if let v = n.value { values[i][col] = v } } }
            for (j, ri) in choice.enumerated() { if let v = figures[j].value { values[ri][key] = v } }
            let table = Table(id: id, title: id, page: 1, unit: "kr", columns: columns,
                              rows: rows.indices.map { TableRow(key: keys[$0], label: rows[$0].label, values: values[$0]) })
            let score = TableChecks.balance(of: table, column: key)
            if score > bestScore { bestScore = score; best = [] }
            if score == bestScore { best.append((choice, score, prior(choice))) }
        }
        let topPrior = best.map(\.prior).max() ?? 0
        let top = best.filter { $0.prior == topPrior }
        guard let pick = top.first else { return (Array(open.prefix(k)), true) }
        // Settled when one reading stands alone and some relation confirmed it.
        return (pick.choice, top.count > 1 || bestScore <= 0)
    }

    static func binomial(_ n: Int, _ k: Int) -> Int {
        guard k >= 0, k <= n else { return 0 }
        var r = 1
        for i in 0..<min(k, n - k) {
            r = r * (n - i) / (i + 1)
            if r > Int(Int32.max) { return r }
        }
        return r
    }

    /// Calls `body` with every ascending choice of `k` elements of `items`.
    static func forEachCombination(of items: [Int], choosing k: Int, _ body: ([Int]) -> Void) {
        var choice: [Int] = []
        func walk(_ start: Int) {
            if choice.count == k { body(choice); return }
            let need = k - choice.count
            guard start + need <= items.count else { return }
            for i in start...(items.count - need) {
                choice.append(items[i]); walk(i + 1); choice.removeLast()
            }
        }
        walk(0)
    }
}
