import Foundation

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

    /// The region's label lines and figure blocks, wherever they stand in it (the OCR engine
    /// may print a block between two runs of labels, or prose between labels and figures);
    /// nil unless its lines are position-less and hold labels.
    static func layout(_ lines: [RegionLine], reader: TableReader, kind: TableVocabulary.TableKind?, isNote: Bool) -> ColumnBlocks? {
        guard !lines.isEmpty, lines.allSatisfy({ $0.line.words.allSatisfy { $0.box == nil } }) else { return nil }
        var out = ColumnBlocks()
        var open: Block?
        func close() { if let b = open, !b.figures.isEmpty { out.blocks.append(b) }; open = nil }
        for rl in lines {
            let line = rl.line
            let (labelWords, tokens, kr) = TableReader.split(line)
            let label = LabelText.cleaned(labelWords.map(\.text).joined(separator: " "))
            let hasLetters = label.contains { $0.isLetter }
            if ColumnHeader.isHeaderLine(line, vocabulary: reader.vocabulary)
                || line.words.first.map({ $0.folded.hasPrefix("belopp") }) == true {
                if out.rows.isEmpty && out.blocks.isEmpty && open == nil { out.leadingHeader.append(line); continue }
                if open.map({ !$0.figures.isEmpty }) ?? false { close() }
                if open == nil { open = Block() }
                open!.header.append(line)
                continue
            }
            if !hasLetters {
                guard !tokens.isEmpty, !tokens.allSatisfy(\.isDash) || tokens.count == 1 else { continue }
                if open == nil { open = Block() }
                open!.figures.append(Figure(tokens: tokens, page: rl.pageNumber))
                continue
            }
            // Headings right above the first labels head the table, not a block.
            if out.rows.isEmpty, let b = open, b.figures.isEmpty { out.leadingHeader += b.header; open = nil }
            close()
            let words = label.split(separator: " ").count
            if tokens.isEmpty && (words >= maxLabelWords || label.hasSuffix(".") || words >= 7 && reader.canonical(label, kind: kind, isNote: isNote) == nil) {
                continue // prose among the table's lines
            }
            if tokens.isEmpty, let last = out.rows.last, last.tokens.isEmpty, reader.startsLowercase(label) {
                out.rows[out.rows.count - 1].label += " " + label // a label wrapped onto the next line
                continue
            }
            out.rows.append(TableReader.RawRow(label: label, words: line.words, tokens: tokens, pageNumber: rl.pageNumber, krSuffix: kr))
        }
        close()
        guard out.rows.count >= minimumLabels else { return nil }
        return out
    }

    /// True when the figures of this layout stand apart from its labels: labels without figures,
    /// blocks of single figures. Otherwise the reader's own line-by-line reading applies.
    var isBlockLayout: Bool {
        let figures = blocks.flatMap(\.figures)
        let single = figures.filter { Self.single($0.tokens) != nil }.count
        let bare = rows.filter { $0.tokens.isEmpty }.count
        return figures.count >= Self.minimumFigures && single * 2 > figures.count
            && (bare >= Self.minimumLabels || blocks.contains { !$0.header.isEmpty })
    }

    /// A line of this many words or more is a sentence, not a row label.
    static let maxLabelWords = 10

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

    /// What a layout gives before its blocks are placed: the leading header, the columns its
    /// label lines carry and their figures, the header columns left for blocks without a heading.
    struct BlockFrame {
        var leading: ColumnHeader
        var columns: [ColumnHeader.Column]
        var spare: [ColumnHeader.Column]
        var cells: [[String: ParsedNumber]]
        var notes: [String?]
        var doubtful: [(row: Int, column: String)] = []
        var headings: [Bool]
    }

    func frame(_ layout: ColumnBlocks, id: String, kind: TableVocabulary.TableKind?) -> BlockFrame {
        let leading = ColumnHeader.parse(layout.leadingHeader, vocabulary: vocabulary)
        // Figures on the label lines stand under the leading header's first columns.
        let inlineCount = layout.rows.map { SwedishNumber.possibleCounts($0.tokens).first ?? 0 }.max() ?? 0
        let inline = Array(leading.columns.prefix(inlineCount))
        let isNote = id.hasPrefix("note_")
        var f = BlockFrame(leading: leading, columns: inline, spare: Array(leading.columns.dropFirst(inline.count)),
                           cells: Array(repeating: [:], count: layout.rows.count),
                           notes: Array(repeating: nil, count: layout.rows.count),
                           headings: layout.rows.map { canonical($0.label, kind: kind, isNote: isNote)?.isHeading == true })
        if !inline.isEmpty {
            var inlineHeader = leading
            inlineHeader.columns = inline
            for (i, r) in layout.rows.enumerated() where !r.tokens.isEmpty {
                let a = assignBySequence(r.tokens, header: inlineHeader)
                for (c, n) in a.cells { f.cells[i][c] = n }
                f.notes[i] = a.note
                for c in a.ambiguous { f.doubtful.append((i, c)) }
            }
        }
        return f
    }

    /// The column a block fills: its own heading, else the next heading the leading header left
    /// over; nil for a block of note references or one no heading names.
    func key(for block: ColumnBlocks.Block, in frame: inout BlockFrame) -> String? {
        let parsed = ColumnHeader.parse(block.header, vocabulary: vocabulary)
        var key = parsed.columns.first?.key
        if key == nil, block.header.isEmpty || !block.hasNoteColumn, !frame.spare.isEmpty { key = frame.spare.removeFirst().key }
        guard var k = key else { return nil }
        if k.hasPrefix("deviation") && Int(k.split(separator: ":").last ?? "") == nil,
           let y = (frame.columns.compactMap { Int($0.key) } + [fiscalYear].compactMap { $0 }).max() {
            k = "deviation:\(y)"
        }
        return frame.columns.contains { $0.key == k } ? nil : k
    }

    /// A block placed in a frame: its column, the rows it fills, and how well the arithmetic
    /// bears that out; nil when it cannot stand there (no column for it, more figures than rows).
    struct Placement {
        var key: String; var rows: [Int]; var figures: [(note: String?, number: ParsedNumber)]; var inDoubt: Bool; var score: Int
        /// As many figures as the rows open for them: order and count alone place them.
        var fitsExactly: Bool
        /// Weight for choosing between tables: the arithmetic, and a count that fits exactly
        /// (an OCR slip can fail a sum; a count is rarely wrong).
        var weight: Int { score + (fitsExactly ? Self.exactFitWeight : 0) }
        static let exactFitWeight = 3
    }

    func place(_ block: ColumnBlocks.Block, in frame: inout BlockFrame, layout: ColumnBlocks, id: String,
               kind: TableVocabulary.TableKind?) -> Placement? {
        guard let key = key(for: block, in: &frame) else { return nil }
        let read = block.figures.compactMap { ColumnBlocks.single($0.tokens, noteColumn: block.hasNoteColumn) }
        guard read.count == block.figures.count else { return nil }
        let open = layout.rows.indices.filter { !frame.headings[$0] && frame.cells[$0][key] == nil }
        guard read.count <= open.count else { return nil }
        let filled = Set(layout.rows.indices.filter { !frame.cells[$0].isEmpty })
        let choice = chooseRows(for: read.map(\.number), key: key, columns: frame.columns.map(\.key) + [key], among: open,
                                filled: filled, rows: layout.rows, cells: frame.cells, id: id, kind: kind)
        return Placement(key: key, rows: choice.rows, figures: read, inDoubt: choice.inDoubt, score: choice.score,
                         fitsExactly: read.count == open.count)
    }

    func readBlocks(_ layout: ColumnBlocks, id: String, kind: TableVocabulary.TableKind?) -> BlockReading? {
        var f = frame(layout, id: id, kind: kind)
        var warnings: [String] = []
        // Largest blocks first: the rows they fill tell which rows the smaller ones may skip.
        let order = layout.blocks.indices.sorted { layout.blocks[$0].figures.count > layout.blocks[$1].figures.count }
        var placed: [(index: Int, key: String)] = []
        for bi in order {
            var trial = f
            guard let p = place(layout.blocks[bi], in: &trial, layout: layout, id: id, kind: kind) else {
                if !(layout.blocks[bi].hasNoteColumn && ColumnHeader.parse(layout.blocks[bi].header, vocabulary: vocabulary).columns.isEmpty) {
                    warnings.append("\(id): a column of \(layout.blocks[bi].figures.count) figures fits no column of the table; left out")
                }
                continue
            }
            f.spare = trial.spare
            f.columns.append(ColumnHeader.Column(key: p.key, x: nil))
            placed.append((bi, p.key))
            for (k, ri) in p.rows.enumerated() {
                f.cells[ri][p.key] = p.figures[k].number
                if let n = p.figures[k].note { f.notes[ri] = n }
                if p.inDoubt { f.doubtful.append((ri, p.key)) }
            }
            if p.inDoubt {
                warnings.append("\(id): column \(p.key): which rows its \(p.figures.count) figures belong to is not settled by the arithmetic; in doubt")
            }
        }
        guard !placed.isEmpty else { return nil }
        // Columns in printed order: the label lines' own, then the blocks as they stand.
        let inline = f.columns.filter { c in !placed.contains { $0.key == c.key } }
        var header = f.leading
        header.columns = inline + placed.sorted { $0.index < $1.index }.map { ColumnHeader.Column(key: $0.key, x: nil) }
        warnings.append("\(id): labels and figure columns printed apart were paired by order, count and arithmetic")
        return BlockReading(rows: layout.rows, cells: f.cells, notes: f.notes, header: header, doubtful: f.doubtful, warnings: warnings)
    }

    /// The rows (ascending) that a block's figures fill: every order-keeping choice of rows is
    /// weighed by the relations the table states in that column (passed minus twice failed);
    /// ties are broken towards rows that hold figures in other columns, a closing total, no
    /// group heading, and reported as doubt. `score`: the chosen reading's weight.
    func chooseRows(for figures: [ParsedNumber], key: String, columns: [String], among open: [Int], filled: Set<Int>,
                    rows: [RawRow], cells: [[String: ParsedNumber]], id: String,
                    kind: TableVocabulary.TableKind?) -> (rows: [Int], inDoubt: Bool, score: Int) {
        let isNote = id.hasPrefix("note_")
        let keys = rows.map { FoldedText.fold(canonicalLabel($0.label, kind: kind, isNote: isNote).0) }
        var base = Array(repeating: TableValues(), count: rows.count)
        for (i, c) in cells.enumerated() { for (col, n) in c { if let v = n.value { base[i][col] = v } } }
        func weigh(_ choice: [Int], _ figures: [ParsedNumber]) -> Int {
            var values = base
            for (j, ri) in choice.enumerated() { if let v = figures[j].value { values[ri][key] = v } }
            let table = Table(id: id, title: id, page: 1, unit: "kr", columns: columns,
                              rows: rows.indices.map { TableRow(key: keys[$0], label: rows[$0].label, values: values[$0]) })
            return TableChecks.balance(of: table, column: key)
        }
        let groupHeading = Set(rows.indices.filter { isNote && vocabulary.noteGroupHeadings.contains(keys[$0]) })
        let total = rows.indices.last.flatMap { TableChecks.totalKeys.contains(keys[$0]) || keys[$0].hasPrefix("summa") ? $0 : nil }
        func prior(_ choice: [Int]) -> Int {
            choice.filter { filled.contains($0) }.count - 2 * choice.filter { groupHeading.contains($0) }.count
                + (total.map { choice.last == $0 } == true ? 2 : 0)
        }
        var figures = figures, open = open
        var fixed: (row: Int, figure: ParsedNumber)?
        // A table that closes with a total prints its figure last: past the enumeration's
        // reach, the block's last figure is taken for it.
        if let t = total, open.last == t, figures.count >= 2, figures.count < open.count,
           Self.binomial(open.count, figures.count) > ColumnBlocks.maxReadings {
            fixed = (t, figures.removeLast()); open.removeLast()
        }
        let allFigures = figures + (fixed.map { [$0.figure] } ?? [])
        func whole(_ choice: [Int]) -> [Int] { choice + (fixed.map { [$0.row] } ?? []) }
        let k = figures.count
        if k == open.count { return (whole(open), false, weigh(whole(open), allFigures)) }
        guard Self.binomial(open.count, k) <= ColumnBlocks.maxReadings else {
            let preferred = open.filter { filled.contains($0) }
            return (whole(preferred.count >= k ? Array(preferred.prefix(k)) : Array(open.prefix(k))), true, 0)
        }
        var best: [(choice: [Int], prior: Int)] = []
        var bestScore = Int.min
        Self.forEachCombination(of: open, choosing: k) { choice in
            let score = weigh(whole(choice), allFigures)
            if score > bestScore { bestScore = score; best = [] }
            if score == bestScore { best.append((whole(choice), prior(whole(choice)))) }
        }
        let topPrior = best.map(\.prior).max() ?? 0
        let top = best.filter { $0.prior == topPrior }
        guard let pick = top.first else { return (whole(Array(open.prefix(k))), true, 0) }
        // Settled when one reading stands alone and some relation confirmed it.
        return (pick.choice, top.count > 1 || bestScore <= 0, bestScore)
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
