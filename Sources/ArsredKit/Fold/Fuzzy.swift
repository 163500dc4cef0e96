/// Edit distance on folded text, for matching OCR-garbled headings and labels.
public enum Fuzzy {
    /// Levenshtein distance between two byte strings (folded text is ASCII).
    public static func distance(_ a: some StringProtocol, _ b: some StringProtocol) -> Int {
        let a = Array(a.utf8), b = Array(b.utf8)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var prev = Array(0...b.count)
        var cur = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            cur[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            }
            swap(&prev, &cur)
        }
        return prev[b.count]
    }

    /// Fewest edits that turn `needle` into some stretch of `haystack` (Sellers' algorithm: one
    /// pass, the stretch may start anywhere), for finding a garbled phrase inside a line.
    public static func substringDistance(_ needle: some StringProtocol, in haystack: some StringProtocol) -> Int {
        let n = Array(needle.utf8), h = Array(haystack.utf8)
        if n.isEmpty { return 0 }
        // Column over the needle; row 0 is free (a stretch may start at any haystack position).
        var col = Array(0...n.count)
        var best = col[n.count]
        for c in h {
            var diagonal = col[0]
            col[0] = 0
            for i in 1...n.count {
                let above = col[i]
                col[i] = min(above + 1, col[i - 1] + 1, diagonal + (n[i - 1] == c ? 0 : 1))
                diagonal = above
            }
            best = min(best, col[n.count])
        }
        return best
    }

    /// Similarity 0...1: 1 - distance / longer length.
    public static func similarity(_ a: some StringProtocol, _ b: some StringProtocol) -> Double {
        let n = max(a.utf8.count, b.utf8.count)
        return n == 0 ? 1 : 1 - Double(distance(a, b)) / Double(n)
    }
}
