import Foundation

/// The tables read, before they are checked: each figure as printed, the cells read with doubt,
/// and what reading them raised.
public struct TableReadings: Sendable {
    public var tables: [Table]
    var doubts: [CellDoubt]
    public var diagnostics: [Diagnostic]
    /// Where each figure read from positioned words stands, for the checks to read it again.
    var places: [CheckedCell: CellPlace] = [:]
}

/// The tables stage: finds and reads every table we extract in the regions Sections cuts.
public struct TableStage: Sendable {
    let vocabulary: TableVocabulary
    /// The check relations (`pipelines/checks.yaml`): several readings of a table are weighed by them.
    let relations: CheckRelations
    /// The vocabulary's one-word headings (`resultatrakning`), gathered once: `pageHoldsTable` runs per page.
    let oneWordHeadings: [String]

    /// A one-word heading is matched on words at least this long (shorter words match too much).
    static let oneWordHeadingLetters = 9
    /// A word of a line is taken for a one-word heading from this length on, within this edit
    /// distance per letter: OCR's confusions (`Resultatrakning`, `Balansrakmng`: 1-2 edits) pass;
    /// the running header's `Årsredovisning` (4 edits from `Driftredovisning`) does not, or every
    /// page would hold a table.
    static let headingWordLetters = 8, headingWordTolerance = 0.2
    /// A line that holds a one-word heading has at most this many words (a heading, not prose).
    static let headingLineWords = 8

    public init(vocabulary: TableVocabulary, relations: CheckRelations) {
        self.vocabulary = vocabulary
        self.relations = relations
        self.oneWordHeadings = vocabulary.tables.flatMap { $0.headings.filter { !$0.contains("_") && $0.count >= Self.oneWordHeadingLetters } }
    }

    /// True when the page's folded text holds a heading of a table we extract (cheap; for
    /// deciding which pages to read fully).
    public func pageHoldsTable(_ page: Page) -> Bool {
        let v = vocabulary
        // Generous on purpose (a page read too coarsely loses its figures): a heading, a
        // `Belopp i kr` line, or a one-word heading (`Resultaträkning`) anywhere on a short line.
        let keywords = oneWordHeadings
        return page.lines.contains { line in
            switch SectionLocator.classify(line, vocabulary: v) {
            case .table?, .note?, .notes?: return true
            default: break
            }
            let words = LabelText.letterised(line.folded).split(separator: "_").map(String.init)
            if words.first.map({ $0.hasPrefix("belopp") }) == true { return true }
            guard words.count <= Self.headingLineWords else { return false }
            return words.contains { w in
                w.count >= Self.headingWordLetters && keywords.contains { LabelText.matches(w, $0, tolerance: Self.headingWordTolerance) }
            }
        }
    }

    /// Every table we extract, read (not yet checked: that is the checks stage's).
    public func read(pages: [Page]) -> TableReadings {
        let pages = pages.map { $0.hasPositions ? RowLines.rebuild($0) : $0 }
        // First pass: every candidate region, to learn the fiscal year from the headers.
        let regions = cutRegions(pages)
        let fiscalYear = Self.fiscalYearFromHeaders(regions.map(\.lines), vocabulary: vocabulary)
        let reader = TableReader(vocabulary: vocabulary, fiscalYear: fiscalYear, relations: relations)
        var (readings, order) = readRegions(regions, pages: pages, reader: reader)
        // A budget table is a plan's; in an annual report the statements carry the budget columns.
        if readings["income_statement"] != nil || readings["balance_sheet"] != nil, readings["budget"] != nil {
            readings["budget"] = nil
            order.removeAll { $0 == "budget" }
        }
        // What settling the document's readings did (a column keying, a sign) names its table.
        let ocrPages = Set(pages.filter { $0.method == .ocr }.map(\.number))
        let settled = DocumentReadings.settle(&readings, ocrPages: ocrPages, relations: relations)
        return Self.collected(readings, order: order, settled: settled)
    }

    /// The regions under the document's table and note headings.
    func cutRegions(_ pages: [Page]) -> [TableRegion] {
        let v = vocabulary
        let furniture = PageFurniture(pages: pages, vocabulary: v)
        let headings = SectionLocator.locate(pages: pages, vocabulary: v)
        let regions = TableRegions.cut(pages: pages, headings: headings, furniture: furniture, continues: { line in
            !TableReader.split(line).tokens.isEmpty || ColumnHeader.isHeaderLine(line, vocabulary: v)
        }, borrows: { Self.awaitsFigures($0, vocabulary: v) }, isFigureLine: { Self.isFigureLine($0, vocabulary: v) })
        return unstacked(regions)
    }

    /// Two statement headings printed one right under the other (`4. Kassaflödesanalys`, `5.
    /// Driftredovisning`): the OCR engine put the first table's labels and figures after the
    /// second heading. The first region, empty, takes the second's lines from its start up to the
    /// lead-in (unit line, prose) of the second table's own labels: labels only the second's
    /// vocabulary knows, after at least `ColumnBlocks.minimumLabels` only the first's knows.
    func unstacked(_ regions: [TableRegion]) -> [TableRegion] {
        var out = regions
        let reader = TableReader(vocabulary: vocabulary, fiscalYear: nil, relations: relations)
        for i in out.indices.dropLast() {
            guard case .table(let a) = out[i].heading.kind, case .table(let b) = out[i + 1].heading.kind,
                  let ka = vocabulary.kind(a), let kb = vocabulary.kind(b),
                  out[i].heading.pageIndex == out[i + 1].heading.pageIndex,
                  out[i].lines.allSatisfy({ !$0.line.words.contains { $0.text.contains(where: \.isLetter) } }) else { continue }
            let lines = out[i + 1].lines
            func knows(_ k: TableVocabulary.TableKind, _ rl: RegionLine) -> Bool {
                let label = LabelText.cleaned(TableReader.split(rl.line).label.map(\.text).joined(separator: " "))
                return !label.isEmpty && reader.canonical(label, kind: k, isNote: false) != nil
            }
            let firstOnly = lines.indices.filter { knows(ka, lines[$0]) && !knows(kb, lines[$0]) }
            guard firstOnly.count >= ColumnBlocks.minimumLabels,
                  let second = lines.indices.first(where: { $0 > firstOnly[0] && knows(kb, lines[$0]) && !knows(ka, lines[$0]) }),
                  firstOnly.filter({ $0 < second }).count >= ColumnBlocks.minimumLabels else { continue }
            var cut = second
            while cut - 1 > firstOnly[0], !Self.isFigureLine(lines[cut - 1].line, vocabulary: vocabulary), !knows(ka, lines[cut - 1]) {
                cut -= 1
            }
            out[i].lines = Array(lines[..<cut])
            out[i + 1].lines = Array(lines[cut...])
        }
        return out
    }

    /// Each region's table (the first region of an id only), and the ids in reading order.
    /// Position-less pages: the figure blocks of a page go to the tables whose labels stand on it.
    func readRegions(_ regions: [TableRegion], pages: [Page], reader: TableReader) -> ([String: TableReading], [String]) {
        let v = vocabulary
        let named: [(id: String, title: String, kind: TableVocabulary.TableKind?)?] = regions.map { r in
            switch r.heading.kind {
            case .table(let t):
                return (t, v.kind(t)?.title ?? t, v.kind(t))
            case .note(let n):
                return ("note_\(n)", LabelText.restore(LabelText.cleaned(r.heading.text), lexicon: v.lexicon), nil)
            default: return nil
            }
        }
        var layouts = regions.indices.map { i in
            named[i].flatMap { ColumnBlocks.layout(regions[i].lines, reader: reader, kind: $0.kind, isNote: $0.id.hasPrefix("note_")) }
        }
        BlockDealer.deal(&layouts, members: regions.indices.map { i in
            named[i].flatMap { n in regions[i].lines.first.map { BlockDealer.Member(id: n.id, kind: n.kind, page: $0.pageNumber) } }
        }, reader: reader)
        var readings: [String: TableReading] = [:]
        var order: [String] = []
        for (ri, r) in regions.enumerated() {
            guard let (id, title, kind) = named[ri] else { continue }
            guard readings[id] == nil else { continue }
            guard var reading = reader.read(id: id, title: title, kind: kind, lines: r.lines, layout: layouts[ri]) else { continue }
            reading.table.page = pages[r.heading.pageIndex].number
            if id == "budget" { reading.table = BudgetColumns.keyedByHeading(reading.table, heading: r.heading.text) }
            readings[id] = reading
            order.append(id)
        }
        return (readings, order)
    }

    /// The readings gathered: statements first in contract order, then notes by number.
    static func collected(_ readings: [String: TableReading], order: [String], settled: [Diagnostic]) -> TableReadings {
        var tables = order.compactMap { readings[$0]?.table }
        func rank(_ id: String) -> Int {
            if let i = TableVocabulary.tableOrder.firstIndex(of: id) { return i * 1000 }
            if id.hasPrefix("note_"), let n = Int(id.dropFirst(5)) { return 100_000 + n }
            return 200_000
        }
        tables.sort { rank($0.id) < rank($1.id) }
        let doubts = order.flatMap { readings[$0]?.doubts ?? [] }
        let diagnostics = order.flatMap { readings[$0]?.diagnostics ?? [] } + settled
        var places: [CheckedCell: CellPlace] = [:]
        for id in order { places.merge(readings[id]?.places ?? [:]) { a, _ in a } }
        return TableReadings(tables: tables, doubts: doubts, diagnostics: diagnostics, places: places)
    }

    /// Position-less lines that are labels only, at least `ColumnBlocks.minimumLabels` of them, and
    /// no line of figures: a table whose figures the OCR engine printed elsewhere.
    static func awaitsFigures(_ lines: [RegionLine], vocabulary v: TableVocabulary) -> Bool {
        guard !lines.isEmpty, lines.allSatisfy({ $0.line.words.allSatisfy { $0.box == nil } }) else { return false }
        var labels = 0
        for rl in lines where !ColumnHeader.isHeaderLine(rl.line, vocabulary: v) {
            let (label, tokens, _) = TableReader.split(rl.line)
            let letters = label.map(\.text).joined().filter(\.isLetter).count
            if tokens.contains(where: { !$0.isDash }) { return false }
            if letters > ColumnBlocks.maxSpeckLetters { labels += 1 }
        }
        return labels >= ColumnBlocks.minimumLabels
    }

    /// A line of figures (specks aside) or a column heading with a year: what a table's block of
    /// figures printed past the next heading is made of.
    static func isFigureLine(_ line: Line, vocabulary v: TableVocabulary) -> Bool {
        let (label, tokens, _) = TableReader.split(line)
        if !tokens.isEmpty { return label.map(\.text).joined().filter(\.isLetter).count <= ColumnBlocks.maxSpeckLetters }
        return ColumnHeader.isHeaderLine(line, vocabulary: v) && line.words.contains { ColumnHeader.year($0.text) != nil }
    }

    /// A statement's column header stands within its region's first lines, this many.
    static let headerLines = 8

    /// The latest plain outcome year printed in the statements' headers.
    static func fiscalYearFromHeaders(_ regions: [[RegionLine]], vocabulary v: TableVocabulary) -> Int? {
        var counts: [Int: Int] = [:]
        for lines in regions {
            let header = lines.prefix(Self.headerLines).map(\.line).filter { ColumnHeader.isHeaderLine($0, vocabulary: v) }
            let h = ColumnHeader.parse(Array(header), vocabulary: v)
            if let y = h.columns.compactMap({ Int($0.key) }).max() { counts[y, default: 0] += 1 }
        }
        return counts.max { $0.value < $1.value || ($0.value == $1.value && $0.key < $1.key) }?.key
    }
}
