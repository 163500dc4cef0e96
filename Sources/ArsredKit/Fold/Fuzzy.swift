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

    /// Similarity 0...1: 1 - distance / longer length.
    public static func similarity(_ a: some StringProtocol, _ b: some StringProtocol) -> Double {
        let n = max(a.utf8.count, b.utf8.count)
        return n == 0 ? 1 : 1 - Double(distance(a, b)) / Double(n)
    }
}
