/// The lines under one heading, up to the next.
struct TableRegion { var heading: LocatedHeading; var lines: [RegionLine] }

/// Cuts the pages into the regions of the tables and notes we extract: from each heading to the
/// next, page furniture left out, running onto the next page when nothing closed it.
enum TableRegions {
    /// `continues`: whether a next page's first line of content carries a table on (it holds
    /// figures or repeats the column header); the table stage knows.
    ///
    /// `borrows`: whether a region's lines are labels waiting for figures printed elsewhere; such
    /// a region closed by another section's heading takes the lines after it that `isFigureLine`
    /// (the OCR engine printed the block of figures past the next heading), up to the next table.
    static func cut(pages: [Page], headings: [LocatedHeading], furniture: PageFurniture,
                    continues: (Line) -> Bool,
                    borrows: ([RegionLine]) -> Bool = { _ in false },
                    isFigureLine: (Line) -> Bool = { _ in false }) -> [TableRegion] {
        var regions: [TableRegion] = []
        for (hi, h) in headings.enumerated() {
            switch h.kind {
            case .table, .note: break
            default: continue
            }
            let next = headings.indices.contains(hi + 1) ? headings[hi + 1] : nil
            let page = pages[h.pageIndex]
            let endLine = (next?.pageIndex == h.pageIndex) ? next!.lineIndex : page.lines.count
            var lines = content(of: pages, page: h.pageIndex, lines: (h.lineIndex + 1)..<max(h.lineIndex + 1, endLine), furniture)
            if let n = next, n.pageIndex == h.pageIndex, n.kind == .other, borrows(lines) {
                lines += borrowedFigures(pages: pages, after: hi + 1, headings: headings, furniture, isFigureLine: isFigureLine)
            }
            // Runs onto the next page when nothing closed it on this one.
            if next == nil || next!.pageIndex > h.pageIndex, h.pageIndex + 1 < pages.count,
               pages[h.pageIndex + 1].number == page.number + 1 {
                let np = pages[h.pageIndex + 1]
                let stop = (next?.pageIndex == h.pageIndex + 1) ? next!.lineIndex : np.lines.count
                let cont = content(of: pages, page: h.pageIndex + 1, lines: 0..<stop, furniture)
                // Only when the next page opens with rows or a repeated header.
                if let firstContent = cont.first(where: { !$0.line.words.isEmpty }), continues(firstContent.line) {
                    lines += cont
                }
            }
            regions.append(TableRegion(heading: h, lines: lines))
        }
        return regions
    }

    /// The figure lines after the heading `headings[from]` on its page, up to the next heading of
    /// a table or note there.
    private static func borrowedFigures(pages: [Page], after from: Int, headings: [LocatedHeading], _ furniture: PageFurniture,
                                        isFigureLine: (Line) -> Bool) -> [RegionLine] {
        let h = headings[from]
        let stop = headings[(from + 1)...].first { $0.pageIndex == h.pageIndex && $0.kind != .other }?.lineIndex
            ?? pages[h.pageIndex].lines.count
        return content(of: pages, page: h.pageIndex, lines: (h.lineIndex + 1)..<max(h.lineIndex + 1, stop), furniture)
            .filter { isFigureLine($0.line) }
    }

    private static func content(of pages: [Page], page pi: Int, lines: Range<Int>, _ furniture: PageFurniture) -> [RegionLine] {
        lines.filter { !furniture.isFurniture(pi, $0) }
            .map { RegionLine(pageIndex: pi, pageNumber: pages[pi].number, line: pages[pi].lines[$0]) }
    }
}

/// Page furniture: running headers and footers, page numbers, signature-service footers.
struct PageFurniture {
    /// Lines at the top or bottom of a page this many deep are where running headers and footers stand.
    static let edgeLines = 2
    /// A running header repeats on at least this many pages, of a document of at least `shortestDocument`.
    static let repeatedOnPages = 3, shortestDocument = 4
    /// Folded characters a running header has at least (shorter repeated edges are figures, `Sida`).
    static let headerCharacters = 6
    /// A noise line (`Sida 12`) is furniture alone on its line: up to this many words.
    static let noiseWords = 4

    var furniture: Set<[Int]> = []

    init(pages: [Page], vocabulary v: TableVocabulary) {
        // Lines repeated at the top or bottom of several pages (digits masked).
        func mask(_ s: String) -> String { String(s.map { $0.isNumber ? "#" : $0 }) }
        let depth = Self.edgeLines
        var seen: [String: Int] = [:]
        for p in pages {
            let n = p.lines.count
            let edges = Set(Array(0..<min(depth, n)) + Array(max(0, n - depth)..<n))
            for i in edges { seen[mask(p.lines[i].folded), default: 0] += 1 }
        }
        for (pi, p) in pages.enumerated() {
            let n = p.lines.count
            for (li, line) in p.lines.enumerated() {
                let f = line.folded
                let edge = li < depth || li >= n - depth
                // Words, not a figure alone: the last figure of a column block ends many pages.
                if edge, pages.count >= Self.shortestDocument, (seen[mask(f)] ?? 0) >= Self.repeatedOnPages,
                   f.count >= Self.headerCharacters, f.contains(where: \.isLetter) {
                    furniture.insert([pi, li]); continue
                }
                if v.noise.contains(where: { f.hasPrefix($0) }) {
                    // `Sida 12` alone, or a signature-service footer.
                    let words = f.split(separator: "_")
                    if words.count <= Self.noiseWords || f.contains("referensnummer") { furniture.insert([pi, li]) }
                }
            }
        }
    }

    func isFurniture(_ page: Int, _ line: Int) -> Bool { furniture.contains([page, line]) }
}
