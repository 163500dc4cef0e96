/// A region read line by line, where figures stand on their labels' lines (or in a block after
/// them): header lines, rows, labels wrapped over lines or waiting for their figures, and lines of
/// figures without a label, paired with the labels printed before them by order.
struct RowScan {
    let reader: TableReader
    let id: String
    let kind: TableVocabulary.TableKind?
    let lines: [RegionLine]

    var headerLines: [Line] = []
    var rows: [TableReader.RawRow] = []
    /// A text-only line that may be a row's label (its figures or its wrapped tail still to come).
    var pendingLabel: (text: String, page: Int)? = nil
    /// Lines of figures without a label, and how many rows stood before the first of them.
    var orphanValues: [TableReader.RawRow] = []
    var rowsBeforeFigures = 0
    /// True from the table's first row on (before it, text is prose or header).
    var started = false
    var warnings: [Diagnostic] = []

    /// Words at least of a text-only line that is prose, not a label (unless the vocabulary knows it).
    static let proseWords = 7
    /// Words at least before the table's first row that make a text-only line an introduction.
    static let introWords = 4
    /// Words at least of a line with a figure that make it a sentence (`Lag (2018:597) om ...`).
    static let sentenceWords = 8

    init(reader: TableReader, id: String, kind: TableVocabulary.TableKind?, lines: [RegionLine]) {
        self.reader = reader; self.id = id; self.kind = kind; self.lines = lines
    }

    var isNote: Bool { id.hasPrefix("note_") }

    /// Reads every line until prose ends the table, then pairs figures printed apart.
    mutating func run() {
        for li in lines.indices {
            guard take(li) else { break }
        }
        flushPending()
        pairOrphans()
    }

    mutating func flushPending() {
        if let p = pendingLabel {
            rows.append(TableReader.RawRow(label: p.text, words: [], tokens: [], pageNumber: p.page, krSuffix: false))
            pendingLabel = nil
        }
    }

    /// Reads line `li`; false when it ends the table.
    mutating func take(_ li: Int) -> Bool {
        let rl = lines[li], line = rl.line
        let v = reader.vocabulary
        if !started && ColumnHeader.isHeaderLine(line, vocabulary: v) { headerLines.append(line); return true }
        let (labelWords, tokens, kr) = TableReader.split(line)
        let label = LabelText.cleaned(labelWords.map(\.text).joined(separator: " "))
        let hasLetters = label.contains { $0.isLetter }
        if !started && line.words.first.map({ FoldedText.fold($0.text).hasPrefix("belopp") }) == true {
            headerLines.append(line); return true
        }
        if started && !tokens.isEmpty && !headerLines.isEmpty && !hasLetters && ColumnHeader.isHeaderLine(line, vocabulary: v) {
            return true // a header repeated on the next page
        }
        if tokens.isEmpty || tokens.allSatisfy(\.isDash) && !hasLetters {
            guard hasLetters else { return true }
            return takeText(label, at: li)
        }
        // A sentence holding a figure (`Lag (2018:597) om ...`) is prose, not a row.
        if label.split(separator: " ").count >= Self.sentenceWords && reader.canonical(label, kind: kind, isNote: isNote) == nil {
            return !started
        }
        takeFigures(TableReader.RawRow(label: label, words: line.words, tokens: tokens, pageNumber: rl.pageNumber, krSuffix: kr))
        return true
    }

    /// A text-only line: a continued label, a group heading or empty row, or prose (false: prose
    /// after the rows, which ends the table).
    mutating func takeText(_ label: String, at li: Int) -> Bool {
        let rl = lines[li]
        let wordCount = label.split(separator: " ").count
        let known = reader.canonical(label, kind: kind, isNote: isNote) != nil
        if started, let p = pendingLabel, reader.startsLowercase(label) {
            pendingLabel = (p.text + " " + label, p.page); return true
        }
        // The first letters of a `Not` heading OCR cut over two lines (`No` over `t 2021
        // 2020`) belong to the header: `ColumnHeader` joins them (`stackedNoteHeading`).
        if !started && ColumnHeader.isCutNoteHeading(rl.line) { headerLines.append(rl.line); return true }
        if !started && headerLines.isEmpty { return true } // prose before the table
        // A long label wrapped onto the next line is not prose.
        let nextContinues = lines.indices.contains(li + 1)
            && reader.startsLowercase(LabelText.cleaned(lines[li + 1].line.text))
            && !TableReader.split(lines[li + 1].line).tokens.isEmpty
        if !known && !nextContinues && (wordCount >= Self.proseWords || label.hasSuffix(".")) { return !started }
        if !started && !known && wordCount >= Self.introWords { return true }
        // Specks OCR read as a letter or two (a shaded row's edge) open no table.
        if !started && !known && label.filter(\.isLetter).count < TableReader.speckLetters { return true }
        flushPending()
        pendingLabel = (label, rl.pageNumber)
        started = true
        return true
    }

    /// A line with figures: a row of its own, the tail of a pending label, or figures without a
    /// label (kept for the labels printed in a block before them).
    mutating func takeFigures(_ row: TableReader.RawRow) {
        started = true
        guard row.label.contains(where: \.isLetter) else {
            flushPending()
            if orphanValues.isEmpty { rowsBeforeFigures = rows.count }
            var figures = row
            figures.label = ""
            orphanValues.append(figures)
            return
        }
        // A pending label that is a complete known label (a group heading) keeps to itself unless
        // the joined label is known too: OCR may drop the capital of the next row.
        if let p = pendingLabel, reader.startsLowercase(row.label),
           !(reader.isKnown(p.text, kind: kind, id: id) && !reader.isKnown(p.text + " " + row.label, kind: kind, id: id)) {
            pendingLabel = nil
            var joined = row
            joined.label = p.text + " " + row.label
            joined.pageNumber = p.page
            rows.append(joined)
            return
        }
        flushPending()
        rows.append(row)
    }

    /// Labels printed as a block, then their figures as a block: the figure lines go to the last
    /// label-only rows before them, group headings (`Tillgångar`, no figures) passed over where
    /// enough rows are left without them.
    mutating func pairOrphans() {
        guard !orphanValues.isEmpty else { return }
        var emptyIdx = rows.indices.filter { $0 < rowsBeforeFigures && rows[$0].tokens.isEmpty }
        let notHeadings = emptyIdx.filter { reader.canonical(rows[$0].label, kind: kind, isNote: isNote)?.isHeading != true }
        if notHeadings.count >= orphanValues.count { emptyIdx = notHeadings }
        guard emptyIdx.count >= orphanValues.count else {
            warnings.append(Diagnostic(table: id, message: "\(orphanValues.count) line(s) of figures without a label left out"))
            return
        }
        let targets = Array(emptyIdx.suffix(orphanValues.count))
        for (t, o) in zip(targets, orphanValues) {
            rows[t].words = o.words; rows[t].tokens = o.tokens; rows[t].krSuffix = o.krSuffix
        }
        warnings.append(Diagnostic(table: id, message: "labels and figures printed apart were paired by order"))
    }
}
