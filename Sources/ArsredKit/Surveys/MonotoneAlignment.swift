/// Items met in order (a bar's segments left to right, a table's columns) given to slots that come
/// in the same order (the legend's categories): one alignment for the whole sequence, by dynamic
/// programming, instead of each item to its nearest slot on its own. Slots only climb along the
/// items, so a category is used at most once and in its printed place; an item no slot explains
/// cheaper than `unexplainedCost` is left out (nil) for the caller to flag.
enum MonotoneAlignment {
    private struct State: Hashable, Comparable {
        /// The highest slot used so far (-1: none yet).
        var last: Int
        /// Whether the previous item took `last` (only then may the next share it).
        var adjacent: Bool
        static func < (a: State, b: State) -> Bool { (a.last, a.adjacent ? 1 : 0) < (b.last, b.adjacent ? 1 : 0) }
    }

    /// `cost[i][j]`: what putting item `i` in slot `j` costs (all rows as long as there are slots).
    /// `neighboursMayShare`: neighbouring items may take the same slot (one segment cut in two by
    /// its label), never two apart.
    static func align(_ cost: [[Double]], unexplainedCost: Double, neighboursMayShare: Bool = false) -> [Int?] {
        var frontier: [State: (cost: Double, path: [Int?])] = [State(last: -1, adjacent: false): (0, [])]
        for row in cost {
            var next: [State: (cost: Double, path: [Int?])] = [:]
            func relax(_ s: State, _ c: Double, _ path: [Int?]) {
                if let have = next[s], have.cost <= c { return }
                next[s] = (c, path)
            }
            // Sorted for a result that does not depend on dictionary order when costs tie.
            for state in frontier.keys.sorted() {
                let here = frontier[state]!
                relax(State(last: state.last, adjacent: false), here.cost + unexplainedCost, here.path + [nil])
                for j in row.indices where j > state.last || (neighboursMayShare && state.adjacent && j == state.last) {
                    relax(State(last: j, adjacent: true), here.cost + row[j], here.path + [j])
                }
            }
            frontier = next
        }
        return frontier.keys.sorted().map { frontier[$0]! }.min { $0.cost < $1.cost }?.path ?? []
    }
}
