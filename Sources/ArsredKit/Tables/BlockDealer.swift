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
                for (slot, i) in group.enumerated() {
                    var trial = frames[slot]
                    guard let p = reader.place(block, in: &trial, layout: layouts[i]!, id: members[i]!.id, kind: members[i]!.kind)
                    else { continue }
                    if best == nil || p.weight > best!.placement.weight { best = (slot, trial, p) }
                }
                guard let b = best else {
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
}
