/// A heading found on a page: the start of a table we extract, or a heading that only ends one.
public struct LocatedHeading: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// A statement or other table: `income_statement`, `balance_sheet`, ...
        case table(String)
        /// `Not N <title>`.
        case note(Int)
        /// The `Noter` section heading.
        case notes
        /// Any other heading: closes the table before it.
        case other
    }
    public var kind: Kind
    /// Index into the pages array and line index on that page.
    public var pageIndex: Int
    public var lineIndex: Int
    /// The heading as printed (cleaned), used as the title of notes.
    public var text: String
}

/// Finds headings on folded text with OCR-tolerant matching against `pipelines/tables.yaml`.
public enum SectionLocator {
    /// Every heading on the pages, in reading order.
    public static func locate(pages: [Page], vocabulary v: TableVocabulary) -> [LocatedHeading] {
        var out: [LocatedHeading] = []
        for (pi, page) in pages.enumerated() {
            for (li, line) in page.lines.enumerated() {
                if let kind = classify(line, vocabulary: v) {
                    out.append(LocatedHeading(kind: kind, pageIndex: pi, lineIndex: li, text: line.text))
                }
            }
        }
        return out
    }

    /// The words of a line's folded, letterised form without a leading section number (`2.`, `1.1.`).
    static func headingWords(_ line: Line) -> (words: [String], numbered: Bool)? {
        var words = LabelText.letterised(line.folded).split(separator: "_").map(String.init)
        var numbered = false
        while let f = words.first, f.count <= 2, f.allSatisfy(\.isNumber) { words.removeFirst(); numbered = true }
        // A year belongs to a heading (`Förslag budget 2024`); any other figure makes the line a row.
        if words.count >= 2, let last = words.last, ColumnHeader.year(last) != nil, last.count == 4 { words.removeLast() }
        if words.contains(where: { $0.contains(where: \.isNumber) }) { return nil }
        return words.isEmpty ? nil : (words, numbered)
    }

    /// What heading, if any, `line` is.
    public static func classify(_ line: Line, vocabulary v: TableVocabulary) -> LocatedHeading.Kind? {
        if let n = noteNumber(line, vocabulary: v) { return .note(n) }
        guard let (words, numbered) = headingWords(line), words.count <= 9 else { return nil }
        for kind in v.tables {
            for h in kind.headings {
                let hw = h.split(separator: "_").count
                guard words.count >= hw, words.count <= hw + 2 else { continue }
                let lead = words.prefix(hw).joined(separator: "_")
                if LabelText.matches(lead, h, tolerance: 0.2) { return .table(kind.id) }
            }
        }
        let joined = words.joined(separator: "_")
        if words.count <= 2, LabelText.matches(joined, v.notesHeading, tolerance: 0.2) { return .notes }
        for h in v.sectionHeadings {
            let hw = h.split(separator: "_").count
            guard words.count >= hw, words.count <= hw + 3 else { continue }
            if LabelText.matches(words.prefix(hw).joined(separator: "_"), h, tolerance: 0.2) { return .other }
        }
        // A numbered heading of the report (`1.7. Förväntad utveckling`) closes any table.
        if numbered, words.count <= 8, let c = line.text.first(where: \.isLetter), c.isUppercase { return .other }
        return nil
    }

    /// `Not 3. Verksamhetens kostnader` -> 3.
    static func noteNumber(_ line: Line, vocabulary v: TableVocabulary) -> Int? {
        let words = line.folded.split(separator: "_").map(String.init)
        guard words.count >= 2, words.count <= 12 else { return nil }
        let first = LabelText.letterised(words[0])
        guard v.noteWords.contains(first) || (first.count == 3 && v.noteWords.contains { Fuzzy.distance($0, first) <= 1 } && first.hasPrefix("n")) else { return nil }
        guard words[1].count <= 2, let n = Int(words[1]), n >= 1 else { return nil }
        // The rest is a title: letters, no figures.
        let rest = words.dropFirst(2)
        if rest.contains(where: { $0.allSatisfy(\.isNumber) }) { return nil }
        // `Not 2 8 036 000` would be a row; require the title to start with a letter word.
        if let r = rest.first, !r.contains(where: \.isLetter) { return nil }
        return n
    }
}
