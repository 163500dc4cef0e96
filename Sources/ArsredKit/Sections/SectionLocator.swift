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
    /// Edits per letter a printed heading may be off its vocabulary form (OCR slips).
    static let headingTolerance = 0.2
    /// A heading has at most this many words (a longer line is prose or a row).
    static let headingWords = 9
    /// Words a statement's heading may carry past its vocabulary form (`Resultaträkning för året`).
    static let tableHeadingExtraWords = 2
    /// Words another section's heading may carry past its form (`Förvaltningsberättelse för 2023`).
    static let sectionHeadingExtraWords = 3
    /// The `Noter` heading stands alone or with one word (`Noter 2023` less its year).
    static let notesHeadingWords = 2
    /// A numbered heading of the report (`1.7. Förväntad utveckling`) has at most this many words.
    static let numberedHeadingWords = 8
    /// Digits of one level of a section number (`12.`); more is a figure.
    static let sectionNumberDigits = 2
    /// A note heading (`Not 3 Verksamhetens kostnader`) has this many words: `Not`, its number, a title.
    static let noteHeadingWords = 2...12
    /// The note word misread by one letter still counts when it is this long (`Nat`, `Noi`).
    static let noteWordLetters = 3, noteWordSlips = 1

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

    /// Digits a lone figure at the end of a table heading line may have and still be no figure:
    /// the scanner's dark page edge read as `2`, a footnote mark (`Resultaträkning 2`).
    static let strayTrailingDigits = 1

    /// The words of a line's folded, letterised form without a leading section number (`2.`, `1.1.`)
    /// and, with `droppingStrayDigit`, without a lone digit at its end.
    static func headingWords(_ line: Line, droppingStrayDigit: Bool = false) -> (words: [String], numbered: Bool)? {
        var words = LabelText.letterised(line.folded).split(separator: "_").map(String.init)
        var numbered = false
        while let f = words.first, f.count <= sectionNumberDigits, f.allSatisfy(\.isNumber) { words.removeFirst(); numbered = true }
        if droppingStrayDigit, words.count >= 2, let last = words.last, last.count <= strayTrailingDigits, last.allSatisfy(\.isNumber) {
            words.removeLast()
        }
        // A year belongs to a heading (`Förslag budget 2024`); any other figure makes the line a row.
        if words.count >= 2, let last = words.last, ColumnHeader.year(last) != nil, last.count == 4 { words.removeLast() }
        if words.contains(where: { $0.contains(where: \.isNumber) }) { return nil }
        return words.isEmpty ? nil : (words, numbered)
    }

    /// What heading, if any, `line` is.
    public static func classify(_ line: Line, vocabulary v: TableVocabulary) -> LocatedHeading.Kind? {
        if let n = noteNumber(line, vocabulary: v) { return .note(n) }
        guard let (words, numbered) = headingWords(line), words.count <= headingWords else {
            // A table heading with a stray digit after it is still the heading, unless its words
            // could be a row's label (`Balanskravsresultat 5` may be a row with its note).
            if let (words, _) = headingWords(line, droppingStrayDigit: true), words.count <= headingWords,
               let id = tableHeading(words, vocabulary: v), !isRowLabel(words, vocabulary: v) { return .table(id) }
            return nil
        }
        if let id = tableHeading(words, vocabulary: v) { return .table(id) }
        let joined = words.joined(separator: "_")
        if words.count <= notesHeadingWords, LabelText.matches(joined, v.notesHeading, tolerance: headingTolerance) { return .notes }
        for h in v.sectionHeadings {
            let hw = h.split(separator: "_").count
            guard words.count >= hw, words.count <= hw + sectionHeadingExtraWords else { continue }
            if LabelText.matches(words.prefix(hw).joined(separator: "_"), h, tolerance: headingTolerance) { return .other }
        }
        // A numbered heading of the report (`1.7. Förväntad utveckling`) closes any table.
        if numbered, words.count <= numberedHeadingWords, let c = line.text.first(where: \.isLetter), c.isUppercase { return .other }
        return nil
    }

    /// The table whose heading `words` begin with.
    static func tableHeading(_ words: [String], vocabulary v: TableVocabulary) -> String? {
        for kind in v.tables {
            for h in kind.headings {
                let hw = h.split(separator: "_").count
                guard words.count >= hw, words.count <= hw + tableHeadingExtraWords else { continue }
                let lead = words.prefix(hw).joined(separator: "_")
                if LabelText.matches(lead, h, tolerance: headingTolerance) { return kind.id }
            }
        }
        return nil
    }

    /// Whether `words` read as one of the vocabulary's row labels.
    static func isRowLabel(_ words: [String], vocabulary v: TableVocabulary) -> Bool {
        let joined = words.joined(separator: "_")
        return v.tables.contains { kind in
            kind.rows.contains { row in row.matchForms.contains { LabelText.matches(joined, $0, tolerance: headingTolerance) } }
        }
    }

    /// `Not 3. Verksamhetens kostnader` -> 3.
    static func noteNumber(_ line: Line, vocabulary v: TableVocabulary) -> Int? {
        let words = line.folded.split(separator: "_").map(String.init)
        guard noteHeadingWords.contains(words.count) else { return nil }
        let first = LabelText.letterised(words[0])
        guard v.noteWords.contains(first) || (first.count == noteWordLetters && v.noteWords.contains { Fuzzy.distance($0, first) <= noteWordSlips }
                                              && first.hasPrefix("n")) else { return nil }
        guard words[1].count <= sectionNumberDigits, let n = Int(words[1]), n >= 1 else { return nil }
        // The rest is a title: letters, no figures.
        let rest = words.dropFirst(2)
        if rest.contains(where: { $0.allSatisfy(\.isNumber) }) { return nil }
        // `Not 2 8 036 000` would be a row; require the title to start with a letter word.
        if let r = rest.first, !r.contains(where: \.isLetter) { return nil }
        return n
    }
}
