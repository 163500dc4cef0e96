import Foundation

/// Tables, the checks their own arithmetic allows, and the warnings that keep a doubtful
/// figure from passing as trustworthy.
public struct TableRecognition: Sendable {
    public var tables: [Table]
    public var checks: [Check]
    public var warnings: [String]
    public init(tables: [Table], checks: [Check], warnings: [String]) {
        self.tables = tables; self.checks = checks; self.warnings = warnings
    }
}

/// The lines under one heading, up to the next.
struct TableRegion { var heading: LocatedHeading; var lines: [RegionLine] }

public enum TableStage {
    /// Finds and reads every table we extract, then checks them against each other.
    public static func recognise(pages: [Page]) throws -> TableRecognition {
        let vocabulary = try TableVocabulary.load()
        return recognise(pages: pages, vocabulary: vocabulary)
    }

    /// True when the page's folded text holds a heading of a table we extract (cheap; for
    /// deciding which pages to read fully).
    /// The vocabulary's one-word headings (`resultatrakning`), gathered once: the predicate runs per page.
    private static let oneWordHeadings: [String] = (try? TableVocabulary.load())
        .map { v in v.tables.flatMap { $0.headings.filter { !$0.contains("_") && $0.count >= 9 } } } ?? []

    public static func pageHoldsTable(_ page: Page) -> Bool {
        guard let v = try? TableVocabulary.load() else { return true }
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
            guard words.count <= 8 else { return false }
            return words.contains { w in w.count >= 8 && keywords.contains { LabelText.matches(w, $0, tolerance: 0.25) } }
        }
    }

    static func recognise(pages: [Page], vocabulary v: TableVocabulary) -> TableRecognition {
        let pages = pages.map { $0.hasPositions ? RowLines.rebuild($0) : $0 }
        let furniture = PageFurniture(pages: pages, vocabulary: v)
        let headings = SectionLocator.locate(pages: pages, vocabulary: v)
        var warnings: [String] = []

        // First pass: every candidate region, to learn the fiscal year from the headers.
        var regions: [TableRegion] = []
        for (hi, h) in headings.enumerated() {
            switch h.kind {
            case .table, .note: break
            default: continue
            }
            let next = headings.indices.contains(hi + 1) ? headings[hi + 1] : nil
            var lines: [RegionLine] = []
            let page = pages[h.pageIndex]
            let endLine = (next?.pageIndex == h.pageIndex) ? next!.lineIndex : page.lines.count
            for li in (h.lineIndex + 1)..<max(h.lineIndex + 1, endLine) where !furniture.isFurniture(h.pageIndex, li) {
                lines.append(RegionLine(pageIndex: h.pageIndex, pageNumber: page.number, line: page.lines[li]))
            }
            // Runs onto the next page when nothing closed it on this one.
            if next == nil || next!.pageIndex > h.pageIndex, h.pageIndex + 1 < pages.count,
               pages[h.pageIndex + 1].number == page.number + 1 {
                let np = pages[h.pageIndex + 1]
                let stop = (next?.pageIndex == h.pageIndex + 1) ? next!.lineIndex : np.lines.count
                var cont: [RegionLine] = []
                for li in 0..<stop where !furniture.isFurniture(h.pageIndex + 1, li) {
                    cont.append(RegionLine(pageIndex: h.pageIndex + 1, pageNumber: np.number, line: np.lines[li]))
                }
                // Only when the next page opens with rows or a repeated header.
                if let firstContent = cont.first(where: { !$0.line.words.isEmpty }),
                   !TableReader.split(firstContent.line).tokens.isEmpty || ColumnHeader.isHeaderLine(firstContent.line, vocabulary: v) {
                    lines += cont
                }
            }
            regions.append(TableRegion(heading: h, lines: lines))
        }

        let fiscalYear = fiscalYearFromHeaders(regions.map(\.lines), vocabulary: v)
        let reader = TableReader(vocabulary: v, fiscalYear: fiscalYear)
        var readings: [String: TableReading] = [:]
        var order: [String] = []
        let named: [(id: String, title: String, kind: TableVocabulary.TableKind?)?] = regions.map { r in
            switch r.heading.kind {
            case .table(let t):
                return (t, v.kind(t)?.title ?? t, v.kind(t))
            case .note(let n):
                return ("note_\(n)", LabelText.restore(LabelText.cleaned(r.heading.text), lexicon: v.lexicon), nil)
            default: return nil
            }
        }
        // Position-less pages: the figure blocks of a page go to the tables whose labels stand on it.
        var layouts = regions.indices.map { i in
            named[i].flatMap { ColumnBlocks.layout(regions[i].lines, reader: reader, kind: $0.kind, isNote: $0.id.hasPrefix("note_")) }
        }
        BlockDealer.deal(&layouts, members: regions.indices.map { i in
            named[i].flatMap { n in regions[i].lines.first.map { BlockDealer.Member(id: n.id, kind: n.kind, page: $0.pageNumber) } }
        }, reader: reader)
        for (ri, r) in regions.enumerated() {
            guard let (id, title, kind) = named[ri] else { continue }
            guard readings[id] == nil else { continue }
            guard var reading = reader.read(id: id, title: title, kind: kind, lines: r.lines, layout: layouts[ri]) else { continue }
            reading.table.page = pages[r.heading.pageIndex].number
            if id == "budget" { reading.table = BudgetColumns.keyedByHeading(reading.table, heading: r.heading.text) }
            readings[id] = reading
            order.append(id)
        }

        // A budget table is a plan's; in an annual report the statements carry the budget columns.
        if readings["income_statement"] != nil || readings["balance_sheet"] != nil, readings["budget"] != nil {
            readings["budget"] = nil
            order.removeAll { $0 == "budget" }
        }
        warnings += DocumentReadings.settle(&readings)
        var tables = order.compactMap { readings[$0]?.table }
        // Statements first in contract order, then notes by number.
        func rank(_ id: String) -> Int {
            if let i = TableVocabulary.tableOrder.firstIndex(of: id) { return i * 1000 }
            if id.hasPrefix("note_"), let n = Int(id.dropFirst(5)) { return 100_000 + n }
            return 200_000
        }
        tables.sort { rank($0.id) < rank($1.id) }
        let doubts = order.flatMap { readings[$0]?.doubts ?? [] }
        warnings += order.flatMap { readings[$0]?.warnings ?? [] }

        let uncertain = Set(pages.filter { $0.method == .ocr || !$0.hasPositions }.map(\.number))
        var checker = TableChecks(tables: tables, doubts: Set(doubts), uncertainPages: uncertain)
        checker.run()
        warnings += checker.warnings
        return TableRecognition(tables: checker.tables, checks: checker.checks, warnings: warnings)
    }

    /// The latest plain outcome year printed in the statements' headers.
    static func fiscalYearFromHeaders(_ regions: [[RegionLine]], vocabulary v: TableVocabulary) -> Int? {
        var counts: [Int: Int] = [:]
        for lines in regions {
            let header = lines.prefix(8).map(\.line).filter { ColumnHeader.isHeaderLine($0, vocabulary: v) }
            let h = ColumnHeader.parse(Array(header), vocabulary: v)
            if let y = h.columns.compactMap({ Int($0.key) }).max() { counts[y, default: 0] += 1 }
        }
        return counts.max { $0.value < $1.value || ($0.value == $1.value && $0.key < $1.key) }?.key
    }
}

/// Page furniture: running headers and footers, page numbers, signature-service footers.
struct PageFurniture {
    var furniture: Set<[Int]> = []

    init(pages: [Page], vocabulary v: TableVocabulary) {
        // Lines repeated at the top or bottom of several pages (digits masked).
        func mask(_ s: String) -> String { String(s.map { $0.isNumber ? "#" : $0 }) }
        var seen: [String: Int] = [:]
        for p in pages {
            let n = p.lines.count
            let edges = Set(Array(0..<min(2, n)) + Array(max(0, n - 2)..<n))
            for i in edges { seen[mask(p.lines[i].folded), default: 0] += 1 }
        }
        for (pi, p) in pages.enumerated() {
            let n = p.lines.count
            for (li, line) in p.lines.enumerated() {
                let f = line.folded
                let edge = li < 2 || li >= n - 2
                // Words, not a figure alone: the last figure of a column block ends many pages.
                if edge, pages.count >= 4, (seen[mask(f)] ?? 0) >= 3, f.count >= 6, f.contains(where: \.isLetter) {
                    furniture.insert([pi, li]); continue
                }
                if v.noise.contains(where: { f.hasPrefix($0) }) {
                    // `Sida 12` alone, or a signature-service footer.
                    let words = f.split(separator: "_")
                    if words.count <= 4 || f.contains("referensnummer") { furniture.insert([pi, li]) }
                }
            }
        }
    }

    func isFurniture(_ page: Int, _ line: Int) -> Bool { furniture.contains([page, line]) }
}
