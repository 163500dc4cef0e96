import Foundation
import Yams

/// The words the survey recogniser matches on, loaded from `pipelines/surveys.yaml`.
public struct SurveyVocabulary: Sendable {
    /// Folded heading forms ("indikatorer_for_finansiell_samordning").
    public var headings: [String]
    /// Folded words that open a question label ("fraga").
    public var questionWords: [String]
    /// The shape of a question word misread past its listed variants: an unknown folded word of
    /// `letters` letters opening with `opens` and ending in `ends` (`fr4ga`).
    public var questionWordShape: (opens: String, ends: String, letters: ClosedRange<Int>)
    /// Folded words after which a programme name ends in a heading.
    public var programmeEnds: [String]
    /// Folded phrases per respondent group (`ongoing`, `completed`).
    public var respondents: [(key: String, phrases: [String])]
    /// Folded names (printed first, then OCR variants) per category.
    public var categories: [(category: SurveyCategory, names: [String])]
    /// The printed question texts by number.
    public var questions: [Int: String]

    /// Read once per process: the page predicate asks for it on every page.
    public static func parse(_ yaml: String) throws -> SurveyVocabulary {
        guard let root = try Yams.load(yaml: yaml) as? [String: Any] else {
            throw SurveyVocabularyError.malformed("top level is not a mapping")
        }
        func strings(_ v: Any?) -> [String] { (v as? [Any])?.map { "\($0)" } ?? [] }
        var respondents: [(String, [String])] = []
        for key in ["ongoing", "completed"] {
            let phrases = strings((root["respondents"] as? [String: Any])?[key]).map(FoldedText.fold)
            respondents.append((key, phrases))
        }
        guard let cats = root["categories"] as? [String: Any] else {
            throw SurveyVocabularyError.malformed("categories missing")
        }
        var categories: [(SurveyCategory, [String])] = []
        for c in SurveyCategory.allCases {
            let names = strings(cats[c.rawValue]).map(FoldedText.fold)
            guard !names.isEmpty else { throw SurveyVocabularyError.malformed("category \(c.rawValue) has no names") }
            categories.append((c, names))
        }
        guard let shape = root["questionWordShape"] as? [String: Any], let opens = shape["opens"], let ends = shape["ends"],
              let letters = (shape["letters"] as? [Any])?.compactMap({ Int("\($0)") }), letters.count == 2, letters[0] <= letters[1] else {
            throw SurveyVocabularyError.malformed("questionWordShape wants opens, ends and letters: [fewest, most]")
        }
        var questions: [Int: String] = [:]
        for (k, v) in (root["questions"] as? [AnyHashable: Any]) ?? [:] {
            if let n = Int("\(k)") { questions[n] = "\(v)" }
        }
        return SurveyVocabulary(
            headings: strings(root["headings"]).map(FoldedText.fold),
            questionWords: strings(root["questionWords"]).map(FoldedText.fold),
            questionWordShape: (FoldedText.fold("\(opens)"), FoldedText.fold("\(ends)"), letters[0]...letters[1]),
            programmeEnds: strings(root["programmeEnds"]).map(FoldedText.fold),
            respondents: respondents.map { (key: $0.0, phrases: $0.1) },
            categories: categories.map { (category: $0.0, names: $0.1) },
            questions: questions)
    }

    /// The category a folded legend text names, when one is close enough.
    public func category(named folded: String) -> SurveyCategory? {
        guard !folded.isEmpty else { return nil }
        // The crop may run on into the next legend entry: try the text's leading words too.
        let words = folded.split(separator: "_")
        var best: (SurveyCategory, Double)?
        for k in 1...words.count {
            let prefix = words.prefix(k).joined(separator: "_")
            for (c, names) in categories {
                for n in names {
                    let s = Fuzzy.similarity(prefix, n)
                    if s > (best?.1 ?? 0) { best = (c, s) }
                }
            }
        }
        guard let b = best, b.1 >= SurveySettings.wordSimilarity else { return nil }
        return b.0
    }

    /// The printed text of question `number` when `folded` (what the page says) is close to it;
    /// the page's own text otherwise.
    public func questionText(number: Int, printed: String) -> String? {
        let folded = FoldedText.fold(printed)
        if let canonical = questions[number] {
            if folded.isEmpty { return canonical }
            let c = FoldedText.fold(canonical)
            // A wrapped question may reach us cut short: compare against the same length.
            let prefix = String(c.prefix(max(folded.count, SurveySettings.questionLetters)))
            if Fuzzy.similarity(folded, c) >= SurveySettings.questionSimilarity
                || Fuzzy.similarity(folded, prefix) >= SurveySettings.cutQuestionSimilarity { return canonical }
        }
        // Another question's text under this number (a renumbered list) still gets its letters back.
        for (_, q) in questions where Fuzzy.similarity(folded, FoldedText.fold(q)) >= SurveySettings.otherQuestionSimilarity { return q }
        return folded.isEmpty ? nil : printed.trimmingCharacters(in: .whitespaces)
    }

    /// True when the folded line starts with a question word ("fraga").
    func isQuestionWord(_ foldedWord: Substring) -> Bool {
        let w = String(foldedWord)
        if questionWords.contains(w) { return true }
        return questionWordShape.letters.contains(w.count) && w.hasPrefix(questionWordShape.opens) && w.hasSuffix(questionWordShape.ends)
    }
}

public enum SurveyVocabularyError: Error, CustomStringConvertible {
    case malformed(String)
    public var description: String {
        switch self { case .malformed(let m): "pipelines/surveys.yaml: \(m)" }
    }
}
