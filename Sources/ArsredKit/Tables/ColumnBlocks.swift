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
    struct Figure { var tokens: [NumericToken] }

    /// Header lines before the first label: the headings of the figures printed on the label lines.
    var leadingHeader: [Line] = []
    /// The labels in order, with any figures printed on their own line.
    var rows: [TableReader.RawRow] = []
    var blocks: [Block] = []
    /// Lines joined into the label before them as its wrapped tail (row, its label before, the line).
    var joined: [(row: Int, label: String, next: TableReader.RawRow)] = []
    /// Rows whose place among the labels the vocabulary's order gave, not the print: in doubt.
    var reordered: [Int] = []

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
        var scan = BlockScan(reader: reader, kind: kind, isNote: isNote)
        for rl in lines { scan.take(rl) }
        scan.close()
        var out = scan.out
        guard out.rows.count >= minimumLabels else { return nil }
        out.zipWordColumns(reader: reader, kind: kind, isNote: isNote)
        out.splitJoinedLabels(reader: reader, kind: kind, isNote: isNote)
        out.placeDisplacedLabels(reader: reader, kind: kind, isNote: isNote)
        return out
    }

    /// `layout`'s pass over a region's lines: the layout so far and the block of figures still
    /// open (its heading read, its figures still coming).
    struct BlockScan {
        let reader: TableReader
        let kind: TableVocabulary.TableKind?
        let isNote: Bool
        var out = ColumnBlocks()
        var open: Block?

        init(reader: TableReader, kind: TableVocabulary.TableKind?, isNote: Bool) {
            self.reader = reader; self.kind = kind; self.isNote = isNote
        }

        mutating func close() { if let b = open, !b.figures.isEmpty { out.blocks.append(b) }; open = nil }

        /// One line: a heading (of the table or of a block), a line of figures, or a label.
        mutating func take(_ rl: RegionLine) {
            let line = rl.line
            let (labelWords, tokens, kr) = TableReader.split(line)
            let label = LabelText.cleaned(labelWords.map(\.text).joined(separator: " "))
            let hasLetters = label.contains { $0.isLetter }
            // `O kr`: a figure with its unit, not the unit word of a heading.
            let krFigure = kr && !hasLetters && tokens.contains { !$0.isDash }
            if !krFigure, (ColumnHeader.isHeaderLine(line, vocabulary: reader.vocabulary) && !ColumnBlocks.isFigureLikeYear(line, among: out, open: open))
                || line.words.first.map({ $0.folded.hasPrefix("belopp") }) == true {
                takeHeading(line)
                return
            }
            // A line of figures with OCR specks (`1038000 Ss: 1096718`, `: 525 355`) is still one.
            let specks = open != nil && !tokens.isEmpty && label.filter(\.isLetter).count <= maxSpeckLetters
            if !hasLetters || specks {
                takeFigures(line, tokens: tokens, hasLetters: hasLetters, specks: specks)
            } else {
                takeLabel(label, tokens: tokens, kr: kr, at: rl)
            }
        }

        /// A heading line: the table's (before anything else), the second line of the open
        /// block's heading, or the heading of a new block.
        mutating func takeHeading(_ line: Line) {
            if out.rows.isEmpty && out.blocks.isEmpty && open == nil { out.leadingHeader.append(line); return }
            if let b = open, !b.figures.isEmpty, ColumnBlocks.endsHeading(line, of: b, vocabulary: reader.vocabulary) {
                open!.header.append(line); return
            }
            if open.map({ !$0.figures.isEmpty }) ?? false { close() }
            if open == nil { open = Block() }
            open!.header.append(line)
        }

        /// A line of figures (OCR specks aside): the next line of the open block, or a new block's first.
        mutating func takeFigures(_ line: Line, tokens: [NumericToken], hasLetters: Bool, specks: Bool) {
            // A figure with digits OCR turned to letters (`751 I9F`): its row's, unreadable.
            if specks, line.words.contains(where: { w in
                SwedishNumber.token(w.text) == nil && w.text.contains(where: \.isNumber) && w.text.contains(where: \.isLetter)
            }) {
                open!.figures.append(Figure(tokens: []))
                return
            }
            if tokens.isEmpty, !hasLetters, let b = open, !b.figures.isEmpty, line.text.contains(where: \.isNumber) {
                // A figure OCR garbled past reading (`§12 345`) still stands for its row.
                open!.figures.append(Figure(tokens: []))
                return
            }
            guard !tokens.isEmpty, !tokens.allSatisfy(\.isDash) || tokens.count == 1 else { return }
            // Headings before any label and right above figures head those figures (a block
            // printed after the section's heading), not the labels to come.
            if open == nil, out.rows.isEmpty, !out.leadingHeader.isEmpty {
                open = Block(header: out.leadingHeader); out.leadingHeader = []
            }
            if open == nil { open = Block() }
            open!.figures.append(Figure(tokens: tokens))
        }

        /// A label line (closing the open block): a row, the wrapped tail of the label before, or prose.
        mutating func takeLabel(_ label: String, tokens: [NumericToken], kr: Bool, at rl: RegionLine) {
            // Headings right above the first labels head the table, not a block.
            if out.rows.isEmpty, let b = open, b.figures.isEmpty { out.leadingHeader += b.header; open = nil }
            close()
            let words = label.split(separator: " ").count
            if tokens.isEmpty && (words >= maxLabelWords || label.hasSuffix(".")
                                  || words >= RowScan.proseWords && reader.canonical(label, kind: kind, isNote: isNote) == nil) {
                return // prose among the table's lines
            }
            let row = TableReader.RawRow(label: label, words: rl.line.words, tokens: tokens, pageNumber: rl.pageNumber, krSuffix: kr)
            if tokens.isEmpty, let last = out.rows.last, last.tokens.isEmpty, reader.startsLowercase(label) {
                // A label wrapped onto the next line, or one OCR lower-cased (`valfardsguiden`):
                // joined, and kept apart should the figures' count say so (`splitJoinedLabels`).
                out.joined.append((row: out.rows.count - 1, label: last.label, next: row))
                out.rows[out.rows.count - 1].label += " " + label
                return
            }
            if !tokens.isEmpty, reader.startsLowercase(label), let last = out.rows.last, last.tokens.isEmpty,
               reader.canonical(last.label, kind: kind, isNote: isNote) == nil || reader.canonical(last.label + " " + label, kind: kind, isNote: isNote) != nil {
                // A label wrapped onto the line that holds its figures (`Resultat efter finansiella`
                // over `poster 412 000`), a block of other figures perhaps printed between.
                var whole = row
                whole.label = last.label + " " + label
                whole.pageNumber = last.pageNumber
                out.rows[out.rows.count - 1] = whole
                return
            }
            out.rows.append(row)
        }
    }

    /// Labels whose words the engine printed as columns of their own: `Drift` on k lines,
    /// `bidrag` on k lines, then k tails (`ran Borgholms kommun`, the `f` of `från` lost or
    /// printed apart as specks). Runs of one repeated word whose lengths make k each, and k
    /// tails after them, are k labels, each the runs' words and its tail; their opening is
    /// spelled as the vocabulary's label that opens alike (`Driftbidrag från`).
    mutating func zipWordColumns(reader: TableReader, kind: TableVocabulary.TableKind?, isNote: Bool) {
        // The label lines as printed, joined tails apart again.
        var lines: [(row: TableReader.RawRow, tail: Bool)] = []
        var tails = Dictionary(grouping: joined, by: \.row)
        for (i, r) in rows.enumerated() {
            if let js = tails[i] {
                var head = r
                head.label = js[0].label
                lines.append((head, false))
                lines += js.map { ($0.next, true) }
            } else {
                lines.append((r, false))
            }
        }
        tails = [:]
        func isSpeck(_ r: TableReader.RawRow) -> Bool { r.label.filter(\.isLetter).count <= TableReader.speckLetters }
        var i = 0
        var changed = false
        var out: [TableReader.RawRow] = []
        while i < lines.count {
            // Runs of one repeated word (printed as labels or as wrapped tails), specks skipped.
            var runs: [(label: String, count: Int)] = []
            var j = i
            while j < lines.count, lines[j].row.tokens.isEmpty {
                let r = lines[j].row
                if isSpeck(r) { j += 1; continue }
                let f = FoldedText.fold(r.label)
                guard r.label.split(separator: " ").count == 1 else { break }
                if let last = runs.last, FoldedText.fold(last.label) == f { runs[runs.count - 1].count += 1 }
                else if j + 1 < lines.count, FoldedText.fold(lines[j + 1].row.label) == f { runs.append((r.label, 1)) }
                else { break }
                j += 1
            }
            // Then as many tails, one per label.
            var k = 0
            while j + k < lines.count, lines[j + k].tail, lines[j + k].row.tokens.isEmpty, !isSpeck(lines[j + k].row) { k += 1 }
            guard k >= Self.minimumWordColumnRows, !runs.isEmpty, runs.allSatisfy({ $0.count == k }) else {
                // As read: a tail stays joined to the label before it.
                if lines[i].tail, !out.isEmpty { out[out.count - 1].label += " " + lines[i].row.label } else { out.append(lines[i].row) }
                i += 1; continue
            }
            let opening = runs.map(\.label).joined(separator: " ")
            for t in 0..<k {
                var r = lines[j + t].row
                r.label = Self.spelledOpening(opening + " " + r.label, reader: reader, kind: kind, isNote: isNote)
                out.append(r)
            }
            i = j + k
            changed = true
        }
        guard changed else { return }
        rows = out
        joined = []
    }

    /// Rows a label printed as word columns has at least (fewer repeated words are labels).
    static let minimumWordColumnRows = 3

    /// A label whose opening words, run together, are one edit or so from the opening words
    /// of a vocabulary label (`Drift bidrag ran` for `Driftbidrag från`): that opening, the rest as printed.
    static func spelledOpening(_ label: String, reader: TableReader, kind: TableVocabulary.TableKind?, isNote: Bool) -> String {
        if reader.canonical(label, kind: kind, isNote: isNote) != nil { return label }
        let words = label.split(separator: " ").map(String.init)
        let candidates = (kind?.rows ?? []) + (isNote ? reader.vocabulary.noteRows : [])
        func letters(_ ws: [String]) -> String { ws.map { LabelText.matchForm($0) }.joined() }
        var best: (opening: [String], used: Int, distance: Int)?
        for c in candidates {
            let vw = c.label.split(separator: " ").map(String.init)
            guard vw.count >= 3 else { continue }
            for n in 2..<vw.count {
                let target = letters(Array(vw.prefix(n)))
                guard target.count >= Self.openingLetters else { continue }
                for used in 1..<words.count {
                    let d = Fuzzy.distance(letters(Array(words.prefix(used))), target)
                    guard d <= Self.openingEdits else { continue }
                    if best == nil || d < best!.distance || (d == best!.distance && n > best!.opening.count) {
                        best = (Array(vw.prefix(n)), used, d)
                    }
                }
            }
        }
        guard let b = best else { return label }
        return (b.opening + words.dropFirst(b.used)).joined(separator: " ")
    }

    /// Letters a vocabulary label's opening has at least to respell another's (`Driftbidrag från`: 15).
    static let openingLetters = 10
    /// Edits at most between a printed opening and the vocabulary's (a lost letter, a split word).
    static let openingEdits = 2

    /// Lines joined as one wrapped label: where the largest block prints exactly one figure line
    /// per row with the lines kept apart (group headings aside), and not with them joined, the
    /// count says they are labels of their own.
    mutating func splitJoinedLabels(reader: TableReader, kind: TableVocabulary.TableKind?, isNote: Bool) {
        guard !joined.isEmpty, let lines = blocks.map(\.figures.count).max() else { return }
        func figureRows(_ rows: [TableReader.RawRow]) -> Int {
            rows.filter { r in
                reader.canonical(r.label, kind: kind, isNote: isNote)?.isHeading != true
                    && !(isNote && reader.vocabulary.noteGroupHeadings.contains { LabelText.matches(LabelText.matchForm(r.label), $0) })
            }.count
        }
        var apart = rows
        for j in joined.reversed() {
            apart[j.row].label = j.label
            apart.insert(j.next, at: j.row + 1)
        }
        guard figureRows(rows) != lines, figureRows(apart) == lines else { return }
        rows = apart
        joined = []
    }

    /// A label the OCR engine printed after the table's closing total (`Summa`, then `Övrig
    /// administration`) belongs before it; where among the rows, the order of the vocabulary's
    /// labels says (the one place between a label listed before it and one listed after). A sum
    /// cannot tell the rows' order, so the rows from that place to the total are in doubt
    /// (`reordered`).
    mutating func placeDisplacedLabels(reader: TableReader, kind: TableVocabulary.TableKind?, isNote: Bool) {
        let candidates = (kind?.rows ?? []) + (isNote ? reader.vocabulary.noteRows : [])
        func rank(_ r: TableReader.RawRow) -> Int? {
            guard let c = reader.canonical(r.label, kind: kind, isNote: isNote) else { return nil }
            return candidates.firstIndex { $0.key == c.key }
        }
        func isTotal(_ r: TableReader.RawRow) -> Bool {
            let key = FoldedText.fold(reader.canonicalLabel(r.label, kind: kind, isNote: isNote).0)
            return TableChecks.totalKeys.contains(key) || key.hasPrefix("summa")
        }
        guard let total = rows.lastIndex(where: isTotal), total < rows.count - 1, rows[total].tokens.isEmpty else { return }
        let after = Array(rows[(total + 1)...])
        guard after.allSatisfy({ !isTotal($0) && $0.tokens.isEmpty }) else { return }
        var head = Array(rows[...total])
        var lowest = head.count
        for r in after {
            guard let m = rank(r) else { return }
            let places = (1..<head.count).filter { p in
                guard let a = rank(head[p - 1]), let b = rank(head[p]) else { return false }
                return a < m && m < b
            }
            guard places.count == 1 else { return }
            head.insert(r, at: places[0])
            lowest = min(lowest, places[0])
        }
        rows = head
        let newTotal = rows.lastIndex(where: isTotal) ?? rows.count
        reordered = Array(lowest..<newTotal)
    }

    /// A heading printed in two lines (`Avvikelse` over `utfall-budget`) may come out on both
    /// sides of its figures: a line of column words without a year, naming only the kinds of
    /// column the block's own heading names, ends that heading and opens no block.
    static func endsHeading(_ line: Line, of block: Block, vocabulary v: TableVocabulary) -> Bool {
        func kinds(_ lines: [Line]) -> Set<String> {
            Set(lines.flatMap(\.words).compactMap { w -> String? in
                switch ColumnHeader.role(w, vocabulary: v) {
                case .budget: "budget"
                case .forecast: "forecast"
                case .deviation: "deviation"
                case .outcome: "outcome"
                default: nil
                }
            })
        }
        let own = kinds(block.header), named = kinds([line])
        let hasYear = line.words.contains { ColumnHeader.year($0.text) != nil }
        return !hasYear && !named.isEmpty && named.isSubset(of: own)
    }

    /// True when the figures of this layout stand apart from its labels: labels without
    /// figures, or blocks under headings of their own. Otherwise the reader's own line-by-line
    /// reading applies.
    var isBlockLayout: Bool {
        let figures = blocks.flatMap(\.figures)
        let bare = rows.filter { $0.tokens.isEmpty }.count
        return figures.count >= Self.minimumFigures
            && (bare >= Self.minimumLabels || blocks.contains { !$0.header.isEmpty })
    }

    /// A bare year (`2000`) inside a block of figures, far from every year the table's headings
    /// name, is a figure: column headings name the report's years, a few apart.
    static func isFigureLikeYear(_ line: Line, among layout: ColumnBlocks, open: Block?) -> Bool {
        guard line.words.count == 1, let open, !open.figures.isEmpty,
              let y = ColumnHeader.year(line.words[0].text), line.words[0].text.count == 4 else { return false }
        let named = (layout.leadingHeader + layout.blocks.flatMap(\.header) + open.header)
            .flatMap(\.words).compactMap { ColumnHeader.year($0.text) }
        guard !named.isEmpty else { return false }
        return named.allSatisfy { abs($0 - y) > maxHeaderYearGap }
    }

    /// Years apart that the columns of one table's headings stand at most (a five-year overview).
    static let maxHeaderYearGap = 6

    /// Lines of a block at least that hold a figure for every column its heading names, for the
    /// heading to be the block's alone (two lines: one could be a misreading).
    static let linesFillingHeading = 2

    /// A line of this many words or more is a sentence, not a row label.
    static let maxLabelWords = 10
    /// Letters a line of figures inside a block may carry as OCR specks (`Ss`, `_`, `«`).
    static let maxSpeckLetters = 3

    /// A block line read as `count` figures, after a note reference where the block has a
    /// `Not` column or the line one figure too many (`2 11696000`, `4 408 780` under `Not`).
    /// A line of fewer figures than the block has columns (a budget not printed for `Resultat`)
    /// leaves the column at `emptyFirst` empty, else the first ones (figures stand right-aligned
    /// under their headings); `partial` says so, for such a reading is in doubt.
    static func figures(_ tokens: [NumericToken], count: Int, noteColumn: Bool,
                        emptyFirst: Int? = nil) -> BlockLine? {
        // A dash beside figures is ruling read as text (`123 456 —`), unless the line is all dashes.
        let figures = tokens.filter { !$0.isDash }
        let tokens = figures.isEmpty ? tokens : figures
        // Of several groupings into `n` figures, the one most alike in size; in doubt unless it
        // stands alone.
        func read(_ n: Int) -> (note: String?, numbers: [ParsedNumber], alone: Bool)? {
            func noteAndRest() -> (String?, [ParsedNumber], Bool)? {
                guard tokens.count >= 2, let note = TableReader.noteText(tokens[0]),
                      let rest = SwedishNumber.likeliest(SwedishNumber.segmentations(Array(tokens.dropFirst()), count: n))
                else { return nil }
                return (note, rest.numbers, rest.alone)
            }
            if noteColumn, let r = noteAndRest() { return r }
            if let all = SwedishNumber.likeliest(SwedishNumber.segmentations(tokens, count: n)) { return (nil, all.numbers, all.alone) }
            return noteAndRest()
        }
        let full = read(count)
        if let r = full {
            // `-123 456` under `Budget` and `2023` is one figure, the budget left out, when the
            // budget it would make is no round amount and the line reads as one figure fewer.
            let odd = emptyFirst.flatMap { r.numbers[$0].value }.map { $0.truncatingRemainder(dividingBy: budgetRounding) != 0 } ?? false
            guard odd, count >= 2, read(count - 1) != nil else { return BlockLine(note: r.note, numbers: r.numbers, partial: !r.alone) }
        }
        guard count >= 2, !tokens.isEmpty else { return nil }
        // Two figures OCR ran together past any figure's length (`318204296117`): each cut is a
        // reading, the one of a size taken, in doubt (the print did not show it).
        let cuts = TableReader.overlongCuts(tokens).flatMap { SwedishNumber.segmentations($0, count: count) }
        if let cut = SwedishNumber.likeliest(cuts) { return BlockLine(note: nil, numbers: cut.numbers, partial: true) }
        for n in stride(from: count - 1, through: 1, by: -1) {
            guard let r = read(n) else { continue }
            let empty = ParsedNumber(value: nil, tokens: [])
            var numbers = r.numbers
            if let e = emptyFirst, n == count - 1 { numbers.insert(empty, at: e) }
            else { numbers.insert(contentsOf: Array(repeating: empty, count: count - n), at: 0) }
            return BlockLine(note: r.note, numbers: numbers, partial: true)
        }
        return nil
    }

    /// Lines read both with and without a note reference whose readings are weighed in every
    /// combination (2^12 = 4096 weighings at most, as `maxReadings`); past it, one at a time.
    static let maxNoteReadingLines = 12

    /// Budgets are printed in round amounts of this many kronor (as `assignBySequence` weighs them).
    static let budgetRounding = 1000.0

    /// How many figures a block line holds at least, less a leading note reference in a `Not` column.
    static func figureCount(_ tokens: [NumericToken], noteColumn: Bool) -> Int {
        if noteColumn, tokens.count >= 2, TableReader.noteText(tokens[0]) != nil,
           let n = SwedishNumber.possibleCounts(Array(tokens.dropFirst())).first,
           !SwedishNumber.segmentations(Array(tokens.dropFirst()), count: n).isEmpty { return n }
        return SwedishNumber.possibleCounts(tokens).first ?? 0
    }
}

/// One line of a block read: its note reference, its figures under the block's columns (an
/// empty `ParsedNumber` where the line printed none), and whether that was a guess.
struct BlockLine {
    var note: String?
    var numbers: [ParsedNumber]
    var partial: Bool
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
        var warnings: [Diagnostic]
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

    /// The columns a block fills: its own headings, else as many of the headings the leading
    /// header left over as its lines hold figures; nil for a block of note references, one no
    /// heading names, or one whose columns the table has already.
    func keys(for block: ColumnBlocks.Block, in frame: inout BlockFrame) -> [String]? {
        var keys = ColumnHeader.parse(block.header, vocabulary: vocabulary).columns.map(\.key)
        let noteColumn = block.hasNoteColumn
        let counts = block.figures.map { ColumnBlocks.figureCount($0.tokens, noteColumn: noteColumn) }.sorted()
        let n = counts.isEmpty ? 0 : max(1, counts[counts.count / 2])
        let readAsKeys = block.figures.filter {
            ColumnBlocks.figures($0.tokens, count: keys.count, noteColumn: noteColumn).map { !$0.partial } ?? false
        }.count
        let filling = counts.filter { $0 >= keys.count }.count
        if keys.count > n, n >= 1, readAsKeys * 2 <= block.figures.count, filling < ColumnBlocks.linesFillingHeading {
            // Headings over more columns than the block's lines hold figures (`Budget` over
            // `2021 Utfall 2021`): the block is the first of them; the rest head blocks to come.
            // (Lines that do hold them all say the block is the heading's: its other lines
            // simply print fewer, a budget left out of `Resultat`.)
            frame.spare.insert(contentsOf: keys.dropFirst(n).map { ColumnHeader.Column(key: $0, x: nil) }, at: 0)
            keys = Array(keys.prefix(n))
        }
        if keys.isEmpty, block.header.isEmpty || !block.hasNoteColumn {
            guard n >= 1, frame.spare.count >= n else { return nil }
            keys = frame.spare.prefix(n).map(\.key)
            frame.spare.removeFirst(n)
        }
        guard !keys.isEmpty else { return nil }
        let year = (frame.columns.map(\.key) + keys).compactMap { Int($0) }.max() ?? fiscalYear
        // A deviation is against the budget: its year, where the table has a budget column (a
        // block's own heading `utfall-budget 2022` names the year of the block's next column).
        let budgetYear = (frame.columns.map(\.key) + frame.spare.map(\.key) + keys)
            .first { $0.hasPrefix("budget:") }.flatMap { Int($0.dropFirst("budget:".count)) }
        keys = keys.map { k in
            if k.hasPrefix("deviation"), let by = budgetYear { return "deviation:\(by)" }
            return k
        }
        keys = keys.map { k in
            guard k.hasPrefix("deviation"), Int(k.split(separator: ":").last ?? "") == nil, let y = year else { return k }
            return "deviation:\(y)"
        }
        guard Set(keys).count == keys.count, !keys.contains(where: { k in frame.columns.contains { $0.key == k } }) else { return nil }
        return keys
    }

    /// A block placed in a frame: its columns, the rows its lines fill (a line that reads as no
    /// figures still takes its row, empty), how well the arithmetic bears that out; nil when it
    /// cannot stand there (no columns for it, more lines than rows open).
    struct Placement {
        var keys: [String]
        var rows: [Int]
        var lines: [BlockLine?]
        var inDoubt: Bool
        var score: Int
        /// As many lines as the rows open for them: order and count alone place them.
        var fitsExactly: Bool
        /// Weight for choosing between tables: the arithmetic, and a count that fits exactly
        /// (an OCR slip can fail a sum; a count is rarely wrong).
        var weight: Int { score + (fitsExactly ? Self.exactFitWeight : 0) }
        static let exactFitWeight = 3
    }

    func place(_ block: ColumnBlocks.Block, in frame: inout BlockFrame, layout: ColumnBlocks, id: String,
               kind: TableVocabulary.TableKind?) -> Placement? {
        guard let keys = keys(for: block, in: &frame) else { return nil }
        let budget = keys.firstIndex { $0.hasPrefix("budget:") }
        var lines = block.figures.map { ColumnBlocks.figures($0.tokens, count: keys.count, noteColumn: block.hasNoteColumn, emptyFirst: budget) }
        // Mostly unreadable: no column at all.
        guard lines.filter({ $0 != nil }).count * 2 > lines.count else { return nil }
        let open = layout.rows.indices.filter { r in !frame.headings[r] && keys.allSatisfy { frame.cells[r][$0] == nil } }
        guard lines.count <= open.count else { return nil }
        var filled = Set(layout.rows.indices.filter { !frame.cells[$0].isEmpty })
        // A deviation stands on the rows that print a budget (it is the outcome less the budget).
        let budgeted = filled.filter { r in frame.cells[r].keys.contains { $0.hasPrefix("budget:") } }
        if keys.contains(where: { $0.hasPrefix("deviation") }), budgeted.count >= lines.count { filled = budgeted }
        let choice = chooseRows(for: lines.map { $0?.numbers }, keys: keys, columns: frame.columns.map(\.key) + keys,
                                among: open, filled: filled, rows: layout.rows, cells: frame.cells, id: id, kind: kind)
        var score = choice.score
        if block.hasNoteColumn {
            let plain = block.figures.map { ColumnBlocks.figures($0.tokens, count: keys.count, noteColumn: false, emptyFirst: budget) }
            let weigher = ReadingWeigher(reader: self, keys: keys, columns: frame.columns.map(\.key) + keys, rows: layout.rows,
                                         cells: frame.cells, id: id, kind: kind)
            settleNoteReadings(&lines, alternatives: plain, rows: choice.rows, score: &score, weigher: weigher)
        }
        return Placement(keys: keys, rows: choice.rows, lines: lines, inDoubt: choice.inDoubt || lines.contains { $0 == nil },
                         score: score, fitsExactly: lines.count == open.count)
    }

    /// Two columns the engine printed as one run (`2020 Budget 2021` over seven figures, then
    /// two): the cut where both parts find columns of the table (the second the heading's next
    /// column), the one the arithmetic bears out best; `tied` when another cut weighs as much.
    func placeSplit(_ block: ColumnBlocks.Block, in frame: BlockFrame, layout: ColumnBlocks, id: String,
                    kind: TableVocabulary.TableKind?) -> (frame: BlockFrame, parts: [Placement], tied: Bool)? {
        let n = block.figures.count
        guard n >= 2 * ColumnBlocks.minimumFigures else { return nil }
        var best: (weight: Int, frame: BlockFrame, parts: [Placement])?
        var tied = false
        for cut in ColumnBlocks.minimumFigures...(n - ColumnBlocks.minimumFigures) {
            var f = frame
            let head = ColumnBlocks.Block(header: block.header, figures: Array(block.figures.prefix(cut)))
            let tail = ColumnBlocks.Block(header: [], figures: Array(block.figures.dropFirst(cut)))
            guard let ph = place(head, in: &f, layout: layout, id: id, kind: kind) else { continue }
            apply(ph, to: &f)
            guard let pt = place(tail, in: &f, layout: layout, id: id, kind: kind) else { continue }
            apply(pt, to: &f)
            let weight = ph.weight + pt.weight
            if let b = best, weight == b.weight { tied = true }
            if best == nil || weight > best!.weight { best = (weight, f, [ph, pt]); tied = false }
        }
        return best.map { ($0.frame, $0.parts, tied) }
    }

    /// Writes a placement's figures into the frame's cells.
    func apply(_ p: Placement, to f: inout BlockFrame) {
        f.columns += p.keys.map { ColumnHeader.Column(key: $0, x: nil) }
        for (k, ri) in p.rows.enumerated() {
            guard let line = p.lines[k] else { continue }
            for (key, number) in zip(p.keys, line.numbers) {
                f.cells[ri][key] = number
                if p.inDoubt || line.partial { f.doubtful.append((ri, key)) }
            }
            if let n = line.note { f.notes[ri] = n }
        }
    }

    func readBlocks(_ layout: ColumnBlocks, id: String, kind: TableVocabulary.TableKind?) -> BlockReading? {
        var f = frame(layout, id: id, kind: kind)
        var warnings: [Diagnostic] = []
        let inline = f.columns
        // Largest blocks first: the rows they fill tell which rows the smaller ones may skip.
        // Of blocks as large, the earlier first: a heading over more columns than its block holds
        // heads the headless blocks after it.
        let order = layout.blocks.indices.sorted {
            (layout.blocks[$0].figures.count, -$0) > (layout.blocks[$1].figures.count, -$1)
        }
        var placed: [(index: Int, keys: [String])] = []
        for bi in order {
            var trial = f
            guard let p = place(layout.blocks[bi], in: &trial, layout: layout, id: id, kind: kind) else {
                let block = layout.blocks[bi]
                if let split = placeSplit(block, in: f, layout: layout, id: id, kind: kind) {
                    f = split.frame
                    for p in split.parts {
                        placed.append((bi, p.keys))
                        if split.tied { for r in p.rows { for k in p.keys { f.doubtful.append((r, k)) } } }
                        if p.inDoubt || split.tied {
                            warnings.append(Diagnostic(table: id, message: "columns \(p.keys.joined(separator: ", ")): which rows the \(p.lines.count) figure lines belong to is not settled by the arithmetic; in doubt"))
                        }
                    }
                    continue
                }
                if !(block.hasNoteColumn && ColumnHeader.parse(block.header, vocabulary: vocabulary).columns.isEmpty) {
                    warnings.append(Diagnostic(table: id, message: "a block of \(block.figures.count) figure lines fits no column of the table; left out"))
                }
                continue
            }
            f.spare = trial.spare
            apply(p, to: &f)
            placed.append((bi, p.keys))
            if p.inDoubt {
                warnings.append(Diagnostic(table: id, message: "columns \(p.keys.joined(separator: ", ")): which rows the \(p.lines.count) figure lines belong to is not settled by the arithmetic; in doubt"))
            }
        }
        guard !placed.isEmpty else { return nil }
        // Columns in printed order: the label lines' own, then the blocks as they stand.
        var header = f.leading
        header.alternatives = []
        header.columns = inline + placed.sorted { $0.index < $1.index }.flatMap { $0.keys.map { ColumnHeader.Column(key: $0, x: nil) } }
        header.alternatives = blockAlternatives(layout, placed: placed, keys: header.keys)
        for r in layout.reordered { for c in header.columns where f.cells[r][c.key] != nil { f.doubtful.append((r, c.key)) } }
        if !layout.reordered.isEmpty {
            warnings.append(Diagnostic(table: id, message: "a label printed after the total was placed by the labels' usual order; the rows from it to the total are in doubt"))
        }
        warnings.append(Diagnostic(table: id, message: "labels and figure columns printed apart were paired by order, count and arithmetic"))
        return BlockReading(rows: layout.rows, cells: f.cells, notes: f.notes, header: header, doubtful: f.doubtful, warnings: warnings)
    }

    /// Other keyings a block's own heading allows (a `Budget` on a line of its own over `2021
    /// 2020 2021`), as keyings of the whole table: the block's columns rekeyed, the rest as they
    /// are. Only for a block that took its heading's columns as printed; the document's
    /// arithmetic chooses among them (`ColumnOrder`).
    func blockAlternatives(_ layout: ColumnBlocks, placed: [(index: Int, keys: [String])], keys: [String]) -> [[String]] {
        var out: [[String]] = []
        for (bi, blockKeys) in placed {
            let parsed = ColumnHeader.parse(layout.blocks[bi].header, vocabulary: vocabulary)
            guard parsed.keys == blockKeys else { continue }
            for alt in parsed.alternatives where alt.count == blockKeys.count {
                let map = Dictionary(zip(blockKeys, alt), uniquingKeysWith: { a, _ in a })
                let whole = keys.map { map[$0] ?? $0 }
                if Set(whole).count == whole.count, whole != keys, !out.contains(whole) { out.append(whole) }
            }
        }
        return out
    }

    /// The rows (ascending) that a block's lines fill: every order-keeping choice of rows is
    /// weighed by the relations the table states in the block's columns (passed minus twice
    /// failed); ties are broken towards rows that hold figures in other columns, a closing
    /// total, no group heading, and reported as doubt. `score`: the chosen reading's weight.
    func chooseRows(for lines: [[ParsedNumber]?], keys: [String], columns: [String], among open: [Int], filled: Set<Int>,
                    rows: [RawRow], cells: [[String: ParsedNumber]], id: String,
                    kind: TableVocabulary.TableKind?) -> (rows: [Int], inDoubt: Bool, score: Int) {
        let isNote = id.hasPrefix("note_")
        let weigher = ReadingWeigher(reader: self, keys: keys, columns: columns, rows: rows, cells: cells, id: id, kind: kind)
        let rowKeys = weigher.rowKeys, base = weigher.base
        func weigh(_ choice: [Int], _ lines: [[ParsedNumber]?]) -> Int { weigher.weigh(choice, lines) }
        // Group headings as OCR prints them too (`Strukturdvergripande insatser`).
        let groupHeading = Set(rows.indices.filter { r in
            isNote && vocabulary.noteGroupHeadings.contains { LabelText.matches(rowKeys[r], $0) }
        })
        let total = rows.indices.last.flatMap { TableChecks.totalKeys.contains(rowKeys[$0]) || rowKeys[$0].hasPrefix("summa") ? $0 : nil }
        func prior(_ choice: [Int]) -> Int {
            choice.filter { filled.contains($0) }.count - 2 * choice.filter { groupHeading.contains($0) }.count
                + (total.map { choice.last == $0 } == true ? 2 : 0)
        }
        var lines = lines, open = open
        var fixed: (row: Int, line: [ParsedNumber]?)?
        // A table that closes with a total prints its figures last: past the enumeration's
        // reach, the block's last line is taken for it.
        if let t = total, open.last == t, lines.count >= 2, lines.count < open.count,
           Self.binomial(open.count, lines.count) > ColumnBlocks.maxReadings {
            fixed = (t, lines.removeLast()); open.removeLast()
        }
        let allLines = lines + (fixed.map { [$0.line] } ?? [])
        func whole(_ choice: [Int]) -> [Int] { choice + (fixed.map { [$0.row] } ?? []) }
        let k = lines.count
        if k == open.count { return (whole(open), false, weigh(whole(open), allLines)) }
        guard Self.binomial(open.count, k) <= ColumnBlocks.maxReadings else {
            let plausible = open.filter { !groupHeading.contains($0) }
            let preferred = plausible.filter { filled.contains($0) }
            let pick = preferred.count >= k ? preferred : plausible.count >= k ? plausible : open
            return (whole(Array(pick.prefix(k))), true, 0)
        }
        var best: [(choice: [Int], prior: Int)] = []
        var bestScore = Int.min
        Self.forEachCombination(of: open, choosing: k) { choice in
            let score = weigh(whole(choice), allLines)
            if score > bestScore { bestScore = score; best = [] }
            if score == bestScore { best.append((whole(choice), prior(whole(choice)))) }
        }
        let topPrior = best.map(\.prior).max() ?? 0
        let top = best.filter { $0.prior == topPrior }
        // Of the readings left tied, the one whose figures are of a size with their rows' figures
        // in the columns read already (still in doubt: a size is a likelihood, not a sum).
        let misfits = top.map { Self.sizeMisfit(of: $0.choice, lines: allLines, keys: keys, base: base) }
        guard let pickIndex = misfits.indices.min(by: { misfits[$0] < misfits[$1] }) else {
            return (whole(Array(open.prefix(k))), true, 0)
        }
        let pick = top[pickIndex]
        // Settled when one reading stands alone and some relation confirmed it.
        return (pick.choice, top.count > 1 || bestScore <= 0, bestScore)
    }

    /// How far, in decades, the figures a reading puts in its rows stand from those rows' figures
    /// in the other columns (a row's figures of one year and the next are mostly of a size),
    /// summed over the reading's figures; zeros have no size and cost nothing.
    static func sizeMisfit(of choice: [Int], lines: [[ParsedNumber]?], keys: [String], base: [TableValues]) -> Double {
        var misfit = 0.0
        for (j, row) in choice.enumerated() where lines.indices.contains(j) {
            let others = base[row].entries.filter { !keys.contains($0.column) && $0.value != 0 }.map { log10(abs($0.value)) }
            for n in lines[j] ?? [] {
                guard let v = n.value, v != 0 else { continue }
                let size = log10(abs(v))
                misfit += others.map { abs($0 - size) }.min() ?? Self.unsizedRowMisfit
            }
        }
        return misfit
    }

    /// Decades a figure costs in a row with no other figure to compare its size with: as much as
    /// one ten times its neighbour's (a row left empty elsewhere is neither likely nor unlikely).
    static let unsizedRowMisfit = 1.0

    /// Weighs a reading of a block (which rows its lines fill, with which figures) by the
    /// relations the table states in the block's columns: passed minus twice failed.
    struct ReadingWeigher {
        let keys: [String], columns: [String], rows: [RawRow], id: String
        let rowKeys: [String]
        var base: [TableValues]
        let relations: CheckRelations

        init(reader: TableReader, keys: [String], columns: [String], rows: [RawRow], cells: [[String: ParsedNumber]],
             id: String, kind: TableVocabulary.TableKind?) {
            self.keys = keys; self.columns = columns; self.rows = rows; self.id = id
            relations = reader.relations
            let isNote = id.hasPrefix("note_")
            rowKeys = rows.map { FoldedText.fold(reader.canonicalLabel($0.label, kind: kind, isNote: isNote).0) }
            base = Array(repeating: TableValues(), count: rows.count)
            for (i, c) in cells.enumerated() { for (col, n) in c { if let v = n.value { base[i][col] = v } } }
        }

        func weigh(_ choice: [Int], _ lines: [[ParsedNumber]?]) -> Int {
            var values = base
            for (j, ri) in choice.enumerated() {
                for (key, n) in zip(keys, lines[j] ?? []) { if let v = n.value { values[ri][key] = v } }
            }
            let table = Table(id: id, title: id, page: 1, unit: "kr", columns: columns,
                              rows: rows.indices.map { TableRow(key: rowKeys[$0], label: rows[$0].label, values: values[$0]) })
            // A relation that names a row an unreadable line fills says nothing of the reading
            // (checked without it, an optional term would seem to be zero).
            let unread = Set(choice.indices.filter { lines.indices.contains($0) && lines[$0] == nil }.map { rowKeys[choice[$0]] })
            let own = unread.isEmpty ? relations : CheckRelations(relations: relations.relations.filter { rel in
                rel.table != id || !(rel.lhs + rel.rhs.flatMap { $0 }).contains { $0.table == nil && $0.key.contains(where: unread.contains) }
            })
            return keys.reduce(0) { $0 + TableChecks.balance(of: table, column: $1, relations: own) }
        }
    }

    /// A line under a `Not` heading read with and without a note reference (`2 345 678`: note 2
    /// and 345 678, or 2 345 678): every combination of the two readings over the lines that
    /// allow both is weighed together (a total and its parts change together: flipping one line
    /// alone fails one sum as it passes another), and the combination the arithmetic bears out
    /// best replaces the note-first one; where another combination weighs as much and reads a
    /// line otherwise, that line is in doubt.
    func settleNoteReadings(_ lines: inout [BlockLine?], alternatives: [BlockLine?], rows: [Int], score: inout Int,
                            weigher: ReadingWeigher) {
        let open = lines.indices.filter { j in
            guard alternatives.indices.contains(j), let alt = alternatives[j], let cur = lines[j] else { return false }
            return alt.note != cur.note || alt.numbers.map(\.value) != cur.numbers.map(\.value)
        }
        guard !open.isEmpty else { return }
        guard open.count <= ColumnBlocks.maxNoteReadingLines else {
            // Past the enumeration's reach: one line at a time, as the lines stand.
            for j in open {
                var trial = lines
                trial[j] = alternatives[j]
                let s = weigher.weigh(rows, trial.map { $0?.numbers })
                if s > score { lines = trial; score = s } else if s == score { lines[j]!.partial = true }
            }
            return
        }
        var best: [Int] = []   // bit masks over `open` that weigh best
        var bestScore = Int.min
        for mask in 0..<(1 << open.count) {
            var trial = lines
            for (b, j) in open.enumerated() where mask & (1 << b) != 0 { trial[j] = alternatives[j] }
            let s = weigher.weigh(rows, trial.map { $0?.numbers })
            if s > bestScore { bestScore = s; best = [] }
            if s == bestScore { best.append(mask) }
        }
        // The note-first reading stands unless another does better.
        let pick = best.contains(0) ? 0 : best[0]
        for (b, j) in open.enumerated() where pick & (1 << b) != 0 { lines[j] = alternatives[j] }
        score = bestScore
        for (b, j) in open.enumerated() where best.contains(where: { ($0 & (1 << b)) != (pick & (1 << b)) }) {
            lines[j]!.partial = true
        }
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
