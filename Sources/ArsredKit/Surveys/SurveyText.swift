import Foundation

/// A question label as printed beside a bar or in a list: `Fråga 5 (n=10) ...`.
struct QuestionLabel: Equatable {
    var number: Int
    var n: Int?
    /// What follows the label on the same line (question text, or percentage labels).
    var rest: [String]
}

/// Reading the survey's printed words: question labels, percentage labels, headings.
enum SurveyText {
    /// Parses a line opening with a question word: `Fråga 5 (n=10) 30% 50%`, `Fragal`, `Fraga7 (n=59)`.
    static func questionLabel(_ text: String, vocabulary: SurveyVocabulary) -> QuestionLabel? {
        // A bracket glued to the number before it (`Fraga 6(n=56)`, OCR lost the space) opens a
        // token of its own.
        let spaced = text.replacing(#/(\d)\(/#) { "\($0.1) (" }
        var tokens = spaced.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        // A stray mark before the label (`_ Fraga5 — ...`): scan specks OCR'd as punctuation.
        while tokens.count > 1, !tokens[0].contains(where: { $0.isLetter || $0.isNumber }) { tokens.removeFirst() }
        guard let first = tokens.first else { return nil }
        let f = FoldedText.fold(first)
        var number: Int?
        // "Fraga7", "Fragal" (1 read as l): the number glued to the word.
        if let last = f.last, f.count >= SurveySettings.gluedLabelLetters, vocabulary.isQuestionWord(Substring(f.dropLast())) {
            if let d = last.wholeNumberValue { number = d } else if last == "l" || last == "i" { number = 1 }
        }
        if number == nil {
            guard vocabulary.isQuestionWord(Substring(f)), tokens.count >= 2 else { return nil }
            let t = tokens[1]
            let digits = t.filter(\.isNumber)
            if !digits.isEmpty, digits.count <= SurveySettings.questionNumberDigits, t.count <= SurveySettings.questionNumberCharacters, let d = Int(digits) { number = d }
            else if t == "l" || t == "I" { number = 1 }
            else { return nil }
            tokens.removeFirst()
        }
        tokens.removeFirst()
        guard let num = number, (1...20).contains(num) else { return nil }
        // "(n=62)", "(n = 62)", "(n:62)", "(n-62)" (= read as -)
        var n: Int?
        let joined = tokens.joined(separator: " ")
        if let m = joined.firstMatch(of: #/^\(?\s*[nN]\s*[=:\-]\s*(\d{1,4})\s*\)?/#) {
            n = Int(m.1)
            tokens = joined[m.range.upperBound...].split(separator: " ").map(String.init)
        }
        return QuestionLabel(number: num, n: n, rest: tokens)
    }

    /// A clean percentage token: `32%`, `©11%`, `010%` (a stray mark before it is dropped).
    static func percentToken(_ t: String) -> Double? {
        guard let m = t.wholeMatch(of: #/[^\d%]?(\d{1,3})\s?%[.,;:]?/#) else { return nil }
        guard let v = Double(m.1), v <= 100 else { return nil }
        return v
    }

    /// What OCR makes of a `%` after a figure on a noisy scan (`38 Yo`).
    static let percentSignMisreads = ["Yo", "yo"]

    /// A table cell's figure: `22%`, `22 %`, `O%` (a 0 read as a letter), with rules read as `|`
    /// dropped; nil when what is left is not a whole percentage.
    static func figure(_ text: String) -> Double? {
        var t = text.filter { !"%°|[]()!".contains($0) && !$0.isWhitespace }
        for misread in percentSignMisreads where t.count > misread.count && t.hasSuffix(misread) { t.removeLast(misread.count) }
        t = String(t.map { "Oo".contains($0) ? "0" : $0 })
        guard (1...3).contains(t.count), t.allSatisfy(\.isNumber), let v = Double(t), v <= 100 else { return nil }
        return v
    }

    /// The figures of a table row's cells as printed after its label (`0% 2% 22 % ...`): a `%`
    /// printed apart belongs to the number before it.
    static func figures(_ tokens: [String]) -> [Double] {
        tokens.filter { $0 != "%" }.compactMap(figure)
    }

    /// The percentage labels printed on one OCR'd bar line, left to right. Labels OCR garbled
    /// before the first clean one are kept as unreadable (nil) so later labels keep their
    /// place; a lone digit there is a stray mark (the unlabelled thin segments), not a label.
    static func printedLabels(_ tokens: [String], countLeadingGarble: Bool) -> [Double?] {
        guard let firstClean = tokens.firstIndex(where: { percentToken($0) != nil }) else { return [] }
        var out: [Double?] = []
        if countLeadingGarble {
            for t in tokens[..<firstClean] where !(t.count == 1 && t.first!.isNumber) && t.contains(where: { !$0.isWhitespace }) {
                out.append(nil)
            }
        }
        var lastClean = firstClean
        for (i, t) in tokens.enumerated() where i >= firstClean { if percentToken(t) != nil { lastClean = i } }
        for t in tokens[firstClean...lastClean] {
            if let v = percentToken(t) { out.append(v) } else { out.append(nil) }
        }
        return out
    }

    /// Programme and respondents from a heading: `Indikatorer för finansiell samordning –
    /// Arbetsträning i samverkan, deltagare i pågående insats 2023`.
    static func heading(_ text: String, vocabulary: SurveyVocabulary) -> (programme: String?, respondents: String?)? {
        let folded = FoldedText.fold(text)
        guard vocabulary.headings.contains(where: { foldedContainsFuzzy(folded, $0) }) else { return nil }
        var programme: String?
        // The programme follows the dash and ends at ", deltagare ...".
        if let dash = text.firstIndex(where: { "–—-".contains($0) }) {
            var p = String(text[text.index(after: dash)...])
            if let comma = p.lastIndex(of: ",") {
                let tail = FoldedText.fold(String(p[p.index(after: comma)...]))
                if vocabulary.programmeEnds.contains(where: { tail.hasPrefix($0) || tail.contains($0) }) { p = String(p[..<comma]) }
            }
            p = p.trimmingCharacters(in: .whitespaces.union(.punctuationCharacters))
            if !p.isEmpty { programme = p }
        }
        return (programme, respondents(in: folded, vocabulary: vocabulary))
    }

    /// `ongoing` / `completed` from folded text naming the respondents.
    static func respondents(in folded: String, vocabulary: SurveyVocabulary) -> String? {
        let words = folded.split(separator: "_")
        var found: [(String, Int)] = []
        for (key, phrases) in vocabulary.respondents {
            for p in phrases where !p.contains("_") {
                if let i = words.firstIndex(where: { $0.count >= SurveySettings.respondentWordLetters && Fuzzy.similarity($0, p) >= SurveySettings.wordSimilarity }) { found.append((key, i)) }
            }
        }
        return found.min { $0.1 < $1.1 }?.0
    }

    /// True when `needle` (folded) occurs in `haystack`, allowing OCR errors.
    static func foldedContainsFuzzy(_ haystack: String, _ needle: String) -> Bool {
        if haystack.contains(needle) { return true }
        let n = needle.utf8.count
        guard haystack.utf8.count >= n - 3 else { return false }
        // Headings open their line: a stretch starting within the first 40 characters.
        let opening = haystack.utf8.prefix(40 + n)
        return Fuzzy.substringDistance(needle, in: String(decoding: opening, as: UTF8.self)) <= max(1, n / 8)
    }
}
