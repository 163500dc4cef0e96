/// A table's columns as its header prints them, turned into the contract's column keys.
struct ColumnHeader: Sendable, Equatable {
    struct Column: Sendable, Equatable {
        /// `2023`, `budget:2023`, `deviation:2023`, `forecast:2023`.
        var key: String
        /// Horizontal extent of the header words (points), when positions exist.
        var x: ClosedRange<Double>?
    }
    var columns: [Column]
    var hasNoteColumn: Bool
    var noteX: ClosedRange<Double>?
    var unit: String?
    /// Other keyings of the same columns the header allows as well (a `Budget` printed on a line
    /// of its own over repeated years): the document's arithmetic chooses (`ColumnOrder`).
    var alternatives: [[String]] = []

    var keys: [String] { columns.map(\.key) }
    /// Indices of the plain outcome columns (`2023`).
    var outcomeIndices: [Int] { columns.indices.filter { Int(columns[$0].key) != nil } }

    enum WordRole: Equatable { case year(Int), budget, outcome, forecast, deviation, note, unit, unitName(String), other }

    /// A year printed as `2023`, `2023-12-31`, `31/12 2023`, with OCR repairs.
    static func year(_ word: String) -> Int? {
        // OCR specks around a header year include typographic quotes and accents (`‘2023`).
        var s = word.trimmingCharacters(in: .init(charactersIn: ".,:;()[]|'‘’“”„´`\"«»"))
        // Ruling read as a mark after the year (`2021/`, `2020!`); `!` within four is a `1`.
        if s.count == 5, let l = s.last, "/!".contains(l) { s.removeLast() }
        if s.count == 10, s.dropFirst(4).first == "-" { s = String(s.prefix(4)) }
        guard s.count == 4 else { return nil }
        let repaired = String(s.map { SwedishNumber.confusions[$0] ?? $0 })
        guard let y = Int(repaired), (1990...2100).contains(y) else { return nil }
        // A year must be mostly real digits.
        guard s.filter(\.isNumber).count >= 3 else { return nil }
        return y
    }

    /// Years a column heading's two run-together years (`20192018`) stand apart at most.
    static let runTogetherYearGap = 1

    /// A position-less line with two years OCR ran together (`20192018 |`) read as the two.
    static func yearsApart(_ line: Line) -> Line {
        guard line.words.contains(where: { $0.box == nil && $0.text.count == 8 }) else { return line }
        var words: [Word] = []
        for w in line.words {
            let t = w.text
            if w.box == nil, t.count == 8, t.allSatisfy(\.isNumber),
               let a = year(String(t.prefix(4))), let b = year(String(t.suffix(4))), abs(a - b) == runTogetherYearGap {
                words += [Word(text: String(t.prefix(4))), Word(text: String(t.suffix(4)))]
            } else {
                words.append(w)
            }
        }
        return Line(words: words)
    }

    /// A position-less line of years one apart (`2024 2023 2022 2021 #&«42020`, a signature's
    /// specks glued to a year) whose next word, right after the run or right before it, ends in
    /// the year that continues it: that year (the specks before it are no figure of a header).
    static func yearsContinued(_ line: Line) -> Line {
        let w = line.words
        guard w.count >= 3, w.allSatisfy({ $0.box == nil }) else { return line }
        let years = w.map { year($0.text) }
        guard let first = years.firstIndex(where: { $0 != nil }) else { return line }
        var last = first
        while last + 1 < w.count, let a = years[last], let b = years[last + 1], abs(a - b) == runTogetherYearGap,
              last == first || (years[last - 1]! - a) == (a - b) { last += 1 }
        guard last > first, let y0 = years[first], let y1 = years[first + 1] else { return line }
        let step = y1 - y0
        var words = w
        func continues(_ i: Int, _ expected: Int) -> Bool {
            guard w.indices.contains(i), years[i] == nil else { return false }
            let t = w[i].text
            guard t.count > 4, t.suffix(4).allSatisfy(\.isNumber), Int(t.suffix(4)) == expected,
                  t.dropLast(4).count <= maxYearSpecks else { return false }
            return true
        }
        // Marks alone between the run and the glued year (`2021 + #«42020`) are passed over.
        func isMark(_ i: Int) -> Bool { !w[i].text.contains { $0.isLetter || $0.isNumber } }
        var after = last + 1, before = first - 1
        while after < w.count, isMark(after) { after += 1 }
        while before >= 0, isMark(before) { before -= 1 }
        if continues(after, years[last]! + step) { words[after] = Word(text: String(w[after].text.suffix(4))) }
        if continues(before, y0 - step) { words[before] = Word(text: String(w[before].text.suffix(4))) }
        // Each repaired year extends the run: the next word may continue it too.
        return words.map(\.text) == w.map(\.text) ? line : yearsContinued(Line(words: words))
    }

    /// Marks glued before a year that continues a header's run at most (`#&«4` off a signature).
    static let maxYearSpecks = 4

    static func role(_ word: Word, vocabulary v: TableVocabulary) -> WordRole {
        if let y = year(word.text) { return .year(y) }
        let f = LabelText.letterised(word.folded)
        func isWord(_ list: String) -> Bool {
            (v.columnWords[list] ?? []).contains { $0 == f || (f.count >= 5 && LabelText.matches(f, $0)) }
        }
        if f.contains("avvikelse") || isWord("deviation") { return .deviation }
        // `utfall-budget` under `Avvikelse`, the hyphen read as a space or lost.
        if f.replacingOccurrences(of: "_", with: "").hasPrefix("utfallbudget") { return .deviation }
        if isWord("budget") { return .budget }
        if isWord("forecast") { return .forecast }
        if isWord("outcome") { return .outcome }
        if f == "not" || f == "noter" { return .note }
        if isWord("unit") { return .unit }
        // `Beloppikr`, `Belopp_i_tkr` read as one word.
        if f.hasPrefix("belopp"), f.count > 6 {
            var rest = f.dropFirst(6).drop { $0 == "_" }
            if rest.first == "i" { rest = rest.dropFirst().drop { $0 == "_" } }
            for u in v.units where u.words.contains(String(rest)) { return .unitName(u.unit) }
            return .unit
        }
        let stripped = f.hasPrefix("i") && f.count > 1 && !v.units.contains(where: { $0.words.contains(f) }) ? String(f.dropFirst()) : f
        for u in v.units where u.words.contains(stripped) || u.words.contains(f) { return .unitName(u.unit) }
        // A dash is an empty cell (`Resultat -`), not part of a heading.
        if f.isEmpty, SwedishNumber.token(word.text)?.isDash == true { return .other }
        if f == "i" || f.isEmpty { return .unit }
        return .other
    }

    /// The shortest column word worth cutting off a year it was read together with.
    static let gluedWordLetters = 4

    /// `line` with each column word read together with its year (`Budget2023`, OCR losing the
    /// space on a shaded header) cut into the two words, the box shared by their letters.
    static func unglued(_ line: Line, vocabulary v: TableVocabulary) -> Line {
        var words: [Word] = [], changed = false
        for w in line.words {
            let digits = w.text.reversed().prefix(while: \.isNumber).count
            let letters = String(w.text.dropLast(digits)), yearText = String(w.text.suffix(4))
            guard digits == 4, letters.count >= gluedWordLetters, letters.allSatisfy(\.isLetter), year(yearText) != nil,
                  [.budget, .outcome, .forecast, .deviation].contains(role(Word(text: letters), vocabulary: v)) else {
                words.append(w); continue
            }
            // The box cut where the letters end, each part its share of the characters.
            let parts = w.box.map { b -> (Box, Box) in
                let cut = b.x0 + b.width * Double(letters.count) / Double(w.text.count)
                return (Box(x0: b.x0, y0: b.y0, x1: cut, y1: b.y1), Box(x0: cut, y0: b.y0, x1: b.x1, y1: b.y1))
            }
            words.append(Word(text: letters, box: parts?.0, confidence: w.confidence))
            words.append(Word(text: yearText, box: parts?.1, confidence: w.confidence))
            changed = true
        }
        return changed ? Line(words: words) : line
    }

    /// A header line's words as the header reads them: run-together years apart, column words
    /// cut off their years.
    static func headerWords(_ line: Line, vocabulary v: TableVocabulary) -> Line {
        unglued(yearsContinued(yearsApart(line)), vocabulary: v)
    }

    /// True when `line` reads as (part of) a column header rather than a row.
    static func isHeaderLine(_ line: Line, vocabulary v: TableVocabulary) -> Bool {
        var years = 0, columnWords = 0, others = 0, numbers = 0
        for w in headerWords(line, vocabulary: v).words {
            // A mark alone (`|`, `;`, `_`: ruling and specks OCR read) says nothing of the line.
            if w.folded.isEmpty, SwedishNumber.token(w.text) == nil { continue }
            switch role(w, vocabulary: v) {
            case .year: years += 1
            case .budget, .outcome, .forecast, .deviation, .note, .unit, .unitName: columnWords += 1
            case .other:
                // A dash is an empty cell or ruling (`: - Budget`): no figure.
                if let t = SwedishNumber.token(w.text) { if !t.isDash { numbers += 1 } } else if w.folded.count >= 3 { others += 1 }
            }
        }
        // Specks read as a digit may sit among the years of an OCR'd header.
        if years >= 2 { return numbers < years && others <= 1 }
        if numbers > 0 { return false }
        if years > 0 { return others <= 1 }
        return columnWords > 0 && others <= 1
    }

    /// Builds the columns from the header lines (top to bottom).
    static func parse(_ lines: [Line], vocabulary v: TableVocabulary) -> ColumnHeader {
        let lines = lines.map { headerWords($0, vocabulary: v) }
        var header = parseInOrder(lines, vocabulary: v)
        // A line of years alone above the rest of a position-less header (`2022 |` over `Belopp i
        // kr Not Budget 2023 2023`): OCR may have lifted the last column's year above the line it
        // ends. Reading it last is another keying of the same figures; the arithmetic chooses.
        if let i = lines.firstIndex(where: { l in l.words.allSatisfy { $0.box == nil } && Self.yearsOnly(l) }),
           lines.dropFirst(i + 1).contains(where: { l in l.words.contains { year($0.text) != nil } }) {
            var moved = lines
            let line = moved.remove(at: i)
            moved.append(line)
            let other = parseInOrder(moved, vocabulary: v)
            if other.keys.count == header.keys.count, other.keys != header.keys,
               Set(other.keys) == Set(header.keys), !header.alternatives.contains(other.keys) {
                header.alternatives.append(other.keys)
            }
        }
        return header
    }

    /// A line (its `headerWords`) holding years and marks only.
    static func yearsOnly(_ line: Line) -> Bool {
        let words = line.words.filter { !($0.folded.isEmpty && SwedishNumber.token($0.text) == nil) }
        return !words.isEmpty && words.allSatisfy { year($0.text) != nil }
    }

    /// A header word with its role and where it stands (line, index in the line).
    struct TaggedWord { var role: WordRole; var box: Box?; var line: Int; var index: Int }

    /// The columns of header lines already in `headerWords`, read in the order given.
    static func parseInOrder(_ lines: [Line], vocabulary v: TableVocabulary) -> ColumnHeader {
        var unit: String? = nil
        var hasNote = false
        var noteX: ClosedRange<Double>? = nil
        var tagged: [TaggedWord] = []
        for (li, line) in lines.enumerated() {
            for (wi, w) in line.words.enumerated() {
                let r = role(w, vocabulary: v)
                if case .unitName(let u) = r { unit = u }
                if r == .note { hasNote = true; if let b = w.box { noteX = b.x0...b.x1 } }
                tagged.append(TaggedWord(role: r, box: w.box, line: li, index: wi))
            }
        }
        if !hasNote, let stacked = stackedNoteHeading(lines) { hasNote = true; noteX = stacked }
        let positioned = tagged.allSatisfy { $0.box != nil } && !tagged.isEmpty
        var (columns, loose) = positioned ? (positionedColumns(tagged), nil) : positionlessColumns(tagged, lines: lines)
        // The same outcome year twice and no budget column: the `Budget` word was lost (OCR);
        // statements mostly print the budget before the outcome, but the arithmetic chooses.
        if loose == nil, !columns.contains(where: { $0.key.hasPrefix("budget:") }),
           let q = looseQualifier(.budget, over: columns.indices.filter { Int(columns[$0].key) != nil }, of: columns,
                                  repeatedOnly: true) {
            loose = q
            columns[q.chosen].key = "budget:" + columns[q.chosen].key
        }
        var header = ColumnHeader(columns: finished(columns), hasNoteColumn: hasNote, noteX: noteX, unit: unit)
        if let q = loose { header.alternatives = alternatives(columns, moving: q) }
        return header
    }

    /// Points by which two header words' x ranges may miss each other and still stand one over
    /// the other (a qualifier over its year, deviation words over one column).
    static let stackedSlack = 2.0
    /// A word is on a year's line when their middles are within this share of the year's height,
    /// and above it when higher than that.
    static let sameLineHeights = 0.5
    /// A qualifier left of its year on its line stands at most this many of the year's heights off.
    static let adjacentHeights = 1.5

    /// With positions: one column per year (qualified by a `Budget`, `Prognos`, `Avvikelse` word
    /// above it or just left of it), and one for deviation words standing over no year; left to right.
    static func positionedColumns(_ tagged: [TaggedWord]) -> [Column] {
        let years = tagged.filter { if case .year = $0.role { return true } else { return false } }
        func overlaps(_ a: Box, _ b: Box) -> Bool { min(a.x1, b.x1) - max(a.x0, b.x0) > -stackedSlack }
        var anchors: [(role: WordRole, box: Box)] = years.map { ($0.role, $0.box!) }
        let devs = tagged.filter { $0.role == .deviation }
        if let d = devs.first, !years.contains(where: { overlaps($0.box!, d.box!) }) {
            let box = devs.filter { overlaps($0.box!, d.box!) }.map { $0.box! }.reduce(d.box!) { $0.union($1) }
            anchors.append((.deviation, box))
        }
        anchors.sort { $0.box.x0 < $1.box.x0 }
        return anchors.map { a in
            guard case .year(let y) = a.role else { return Column(key: "deviation", x: a.box.x0...a.box.x1) }
            var kind: WordRole = a.role
            var box = a.box
            // A qualifier above it or just left of it on its line.
            for t in tagged where t.role == .budget || t.role == .forecast || t.role == .deviation || t.role == .outcome {
                guard let b = t.box else { continue }
                let sameLine = abs(b.midY - a.box.midY) < a.box.height * sameLineHeights
                let above = b.midY < a.box.midY - a.box.height * sameLineHeights
                let leftAdjacent = sameLine && b.x1 <= a.box.x0 + 1 && a.box.x0 - b.x1 < a.box.height * adjacentHeights
                if (above && overlaps(b, a.box)) || leftAdjacent {
                    if t.role != .outcome || kind == a.role { kind = t.role == .outcome ? a.role : t.role }
                    box = box.union(b)
                }
            }
            return Column(key: key(kind, year: y), x: box.x0...box.x1)
        }
    }

    /// Without positions the lines holding years give the columns in order; a line without
    /// years only lends a `Budget` to the first year, or says a deviation column exists. A
    /// qualifier on a line of its own heads one of the years its own line leaves unqualified
    /// (the loose qualifier: the arithmetic chooses which).
    static func positionlessColumns(_ tagged: [TaggedWord], lines: [Line]) -> ([Column], LooseQualifier?) {
        var columns: [Column] = []
        var kinds: [WordRole] = []
        let yearLines = Set(tagged.filter { if case .year = $0.role { return true } else { return false } }.map(\.line))
        var pending: WordRole? = nil
        var qualified = false
        var deviationSeen = false
        var lent: WordRole? = nil
        for t in tagged where !yearLines.contains(t.line) {
            if t.role == .deviation { deviationSeen = true }
            if t.role == .budget || t.role == .forecast { lent = lent == nil ? t.role : .other }
        }
        var unqualified: [Int] = []
        for t in tagged where yearLines.contains(t.line) || yearLines.isEmpty {
            switch t.role {
            case .year(let y):
                let kind = pending ?? .outcome
                if !qualified { unqualified.append(columns.count) }
                columns.append(Column(key: key(kind, year: y), x: nil)); kinds.append(kind)
                pending = nil; qualified = false
            case .budget, .forecast: pending = t.role; qualified = true
            case .outcome: pending = nil; qualified = true
            case .deviation:
                // `Avvikelse` and its second line `utfall-budget` are one column.
                let isAvvikelse = LabelText.letterised(lines[t.line].words[t.index].folded).contains("avvikelse")
                let haveDeviation = kinds.contains(.deviation)
                if (isAvvikelse || !haveDeviation) && !(kinds.last == .deviation) {
                    columns.append(Column(key: "deviation", x: nil)); kinds.append(.deviation)
                }
                pending = nil
            default: break
            }
        }
        var loose: LooseQualifier? = nil
        if let l = lent, l != .other {
            loose = looseQualifier(l, over: unqualified, of: columns)
            if let q = loose { columns[q.chosen].key = key(l, year: Self.plainYear(columns[q.chosen].key)!) }
        }
        if deviationSeen && !kinds.contains(.deviation) && !columns.isEmpty {
            let at = columns.firstIndex { $0.key.hasPrefix("budget:") }.map { $0 + 1 } ?? columns.count
            columns.insert(Column(key: "deviation", x: nil), at: at)
            if var q = loose {
                q.candidates = q.candidates.map { $0 >= at ? $0 + 1 : $0 }
                q.chosen = q.chosen >= at ? q.chosen + 1 : q.chosen
                loose = q
            }
        }
        return (columns, loose)
    }

    /// A `Not` heading OCR cut over two header lines (`No` over `t`, the second line holding the
    /// years): the words of consecutive lines whose x ranges overlap and whose folded letters
    /// read `not` / `noter` together. Its x range, for the note references under it.
    static func stackedNoteHeading(_ lines: [Line]) -> ClosedRange<Double>? {
        for (upper, lower) in zip(lines, lines.dropFirst()) {
            for a in upper.words {
                guard let ab = a.box else { continue }
                let fa = LabelText.letterised(a.folded)
                guard !fa.isEmpty, "noter".hasPrefix(fa), fa != "not", fa != "noter" else { continue }
                for b in lower.words {
                    guard let bb = b.box, min(ab.x1, bb.x1) - max(ab.x0, bb.x0) > 0 else { continue }
                    let joined = fa + LabelText.letterised(b.folded)
                    if joined == "not" || joined == "noter" { return min(ab.x0, bb.x0)...max(ab.x1, bb.x1) }
                }
            }
        }
        return nil
    }

    /// A positioned line holding only the first letters of `Not` / `Noter` (`No`): the upper
    /// half of a heading OCR cut over two lines.
    static func isCutNoteHeading(_ line: Line) -> Bool {
        guard line.words.count == 1, let w = line.words.first, w.box != nil else { return false }
        let f = LabelText.letterised(w.folded)
        return !f.isEmpty && f != "not" && f != "noter" && "noter".hasPrefix(f)
    }

    /// A deviation column keyed by the budget's year (else the latest year); keys made unique.
    static func finished(_ columns: [Column]) -> [Column] {
        var columns = columns
        let budgetYear = columns.compactMap { $0.key.hasPrefix("budget:") ? Int($0.key.dropFirst(7)) : nil }.first
        let maxYear = columns.compactMap { Int($0.key.split(separator: ":").last ?? "") }.max()
        for i in columns.indices where columns[i].key == "deviation" {
            columns[i].key = "deviation:\((budgetYear ?? maxYear).map(String.init) ?? "")"
        }
        var seen: [String: Int] = [:]
        for i in columns.indices {
            let k = columns[i].key
            seen[k, default: 0] += 1
            if seen[k]! > 1 { columns[i].key = "\(k)_\(seen[k]!)" }
        }
        return columns
    }

    static func key(_ role: WordRole, year: Int) -> String {
        switch role {
        case .budget: "budget:\(year)"
        case .forecast: "forecast:\(year)"
        case .deviation: "deviation:\(year)"
        default: "\(year)"
        }
    }
}

import Foundation
