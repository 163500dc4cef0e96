/// On a position-less page the OCR engine prints figure columns where its page analysis put
/// them: after the next section's heading, between two runs of labels, both tables' columns one
/// after the other. The blocks of a page are pooled and each goes to the table on that page
/// that has a column for it and rows enough, the one whose arithmetic it bears out best, the
/// first in reading order on a tie (the engine reads a column top to bottom).
enum BlockDealer {
    struct Member { var id: String; var kind: TableVocabulary.TableKind?; var page: Int }

    static func deal(_ layouts: inout [ColumnBlocks?], members: [Member?], reader: TableReader) {
        let indices = layouts.indices.filter { layouts[$0] != nil && members[$0] != nil }
        let byPage = Dictionary(grouping: indices, by: { members[$0]!.page })
        for page in byPage.keys.sorted() {
            let group = byPage[page]!.sorted()
            guard group.count >= 2 else { continue }
            let pool = group.flatMap { i in layouts[i]!.blocks.map { (owner: i, block: $0) } }
            guard !pool.isEmpty else { continue }
            var frames = group.map { reader.frame(layouts[$0]!, id: members[$0]!.id, kind: members[$0]!.kind) }
            var dealt = Array(repeating: [ColumnBlocks.Block](), count: group.count)
            for (owner, block) in pool {
                var best: (slot: Int, frame: TableReader.BlockFrame, placement: TableReader.Placement)?
                // A deviation is against a budget: a block headed `Avvikelse` goes to a table of
                // the page with a budget column, where one has (a cash flow has none).
                let deviation = ColumnHeader.parse(block.header, vocabulary: reader.vocabulary).columns.contains { $0.key.hasPrefix("deviation") }
                let budgeted = group.indices.filter { Self.hasBudget(frames[$0]) }
                for (slot, i) in group.enumerated() {
                    if deviation, !budgeted.isEmpty, !budgeted.contains(slot) { continue }
                    var trial = frames[slot]
                    guard let p = reader.place(block, in: &trial, layout: layouts[i]!, id: members[i]!.id, kind: members[i]!.kind)
                    else { continue }
                    if best == nil || p.weight > best!.placement.weight { best = (slot, trial, p) }
                }
                guard let b = best else {
                    if let split = bestSplit(block, group: group, frames: frames, layouts: layouts, members: members, reader: reader) {
                        for (slot, part, frame) in split { frames[slot] = frame; dealt[slot].append(part) }
                        continue
                    }
                    // No table takes it: its own keeps it, and says so when it reads.
                    dealt[group.firstIndex(of: owner)!].append(block)
                    continue
                }
                var f = b.frame
                reader.apply(b.placement, to: &f)
                frames[b.slot] = f
                dealt[b.slot].append(block)
            }
            for (slot, i) in group.enumerated() { layouts[i]!.blocks = dealt[slot] }
        }
    }

    /// True when the frame's columns (placed or still to be placed) include a budget.
    static func hasBudget(_ f: TableReader.BlockFrame) -> Bool {
        (f.columns + f.spare + f.leading.columns).contains { $0.key.hasPrefix("budget:") }
    }

    /// Two figure columns the engine printed as one run (a table's column, then the next table's
    /// headless column right under it): the cut where both parts find a table, the one the
    /// arithmetic bears out best, as (slot, part, frame after placing it).
    static func bestSplit(_ block: ColumnBlocks.Block, group: [Int], frames: [TableReader.BlockFrame],
                          layouts: [ColumnBlocks?], members: [Member?],
                          reader: TableReader) -> [(Int, ColumnBlocks.Block, TableReader.BlockFrame)]? {
        let n = block.figures.count
        guard n >= 2 * ColumnBlocks.minimumFigures else { return nil }
        var best: (weight: Int, parts: [(Int, ColumnBlocks.Block, TableReader.BlockFrame)])?
        for cut in ColumnBlocks.minimumFigures...(n - ColumnBlocks.minimumFigures) {
            let head = ColumnBlocks.Block(header: block.header, figures: Array(block.figures.prefix(cut)))
            let tail = ColumnBlocks.Block(header: [], figures: Array(block.figures.dropFirst(cut)))
            for (a, i) in group.enumerated() {
                var fa = frames[a]
                guard let pa = reader.place(head, in: &fa, layout: layouts[i]!, id: members[i]!.id, kind: members[i]!.kind) else { continue }
                reader.apply(pa, to: &fa)
                for (b, j) in group.enumerated() {
                    var fb = b == a ? fa : frames[b]
                    guard let pb = reader.place(tail, in: &fb, layout: layouts[j]!, id: members[j]!.id, kind: members[j]!.kind) else { continue }
                    reader.apply(pb, to: &fb)
                    let weight = pa.weight + pb.weight
                    guard best == nil || weight > best!.weight else { continue }
                    best = (weight, b == a ? [(b, head, fb), (b, tail, fb)] : [(a, head, fa), (b, tail, fb)])
                }
            }
        }
        return best?.parts
    }
}
