import Foundation

/// Every line of a document in reading order, with its page: what the survey's printed context
/// (heading, question list) is read from.
struct LineStream {
    struct Entry { var page: Int; var line: Line }
    var entries: [Entry] = []

    init(pages: [Page]) {
        for p in pages { for l in p.lines { entries.append(Entry(page: p.number, line: l)) } }
    }

    /// Index of the first line of `page` at or below `y` (points), or the page's end.
    func index(page: Int, atY y: Double) -> Int {
        var last = entries.firstIndex { $0.page > page } ?? entries.count
        for (i, e) in entries.enumerated() where e.page == page {
            if let b = e.line.box, b.midY >= y { return i }
            last = i + 1
        }
        return last
    }
}

/// What the text before a chart says about it.
struct SurveyContext {
    var programme: String?
    var respondents: String?
    /// Question texts from the printed list, by number (å/ä/ö restored).
    var questionTexts: [Int: String] = [:]

    /// Reads backwards from line `end` (exclusive) up to `limit` lines: the question list, the
    /// survey heading (programme and respondents), else the nearest section heading.
    static func before(_ end: Int, in stream: LineStream, vocabulary: SurveyVocabulary,
                       limit: Int = 160) -> SurveyContext {
        var ctx = SurveyContext()
        let start = max(0, end - limit)
        guard start < end else { return ctx }
        let lines = stream.entries[start..<end].map(\.line)
        for (n, t) in questionList(in: lines, vocabulary: vocabulary) { ctx.questionTexts[n] = vocabulary.questionText(number: n, printed: t) }
        if let h = surveyHeading(in: lines, vocabulary: vocabulary) { ctx.programme = h.programme; ctx.respondents = h.respondents }
        if ctx.programme == nil {
            ctx.programme = sectionHeading(in: lines, vocabulary: vocabulary)
        }
        if ctx.respondents == nil {
            // "... svarade 62 deltagare i pågående insats": the nearest mention before the chart.
            for l in lines.suffix(40).reversed() {
                let f = l.folded
                guard f.contains("deltagare") || f.contains("indikator") || f.contains("insats") else { continue }
                if let r = SurveyText.respondents(in: f, vocabulary: vocabulary) { ctx.respondents = r; break }
            }
        }
        return ctx
    }

    /// The question list, read upwards: "Fråga N <text>" lines (no n=), text running on to the
    /// next line; printed texts by number.
    static func questionList(in lines: [Line], vocabulary: SurveyVocabulary) -> [Int: String] {
        var listTexts: [Int: String] = [:]
        var i = lines.count - 1
        var listTop = lines.count
        while i >= 0 {
            let text = lines[i].text
            if let q = SurveyText.questionLabel(text, vocabulary: vocabulary), q.n == nil {
                var t = q.rest.joined(separator: " ")
                if i + 1 < lines.count, SurveyText.questionLabel(lines[i + 1].text, vocabulary: vocabulary) == nil,
                   !t.hasSuffix("?"), t.count > SurveySettings.wrappedQuestionLetters {
                    t += " " + lines[i + 1].text
                }
                if listTexts[q.number] == nil { listTexts[q.number] = t }
                listTop = i
            } else if !listTexts.isEmpty && listTop - i > SurveySettings.questionListGap {
                break
            }
            i -= 1
        }
        return listTexts
    }

    /// The nearest survey heading naming a programme, possibly running over two lines.
    static func surveyHeading(in lines: [Line], vocabulary: SurveyVocabulary) -> (programme: String, respondents: String?)? {
        for k in stride(from: lines.count - 1, through: 0, by: -1) {
            var text = lines[k].text
            if k + 1 < lines.count, SurveyText.questionLabel(lines[k + 1].text, vocabulary: vocabulary) == nil,
               lines[k + 1].text.count < SurveySettings.headingSecondLineLetters {
                text += " " + lines[k + 1].text
            }
            if let h = SurveyText.heading(text, vocabulary: vocabulary), let p = h.programme { return (p, h.respondents) }
        }
        return nil
    }

    /// The nearest line above that reads like a section heading naming a programme: short,
    /// capitalised, no closing punctuation or figures, its name taken up by the text below it.
    static func sectionHeading(in lines: [Line], vocabulary: SurveyVocabulary) -> String? {
        for k in stride(from: lines.count - 1, through: 0, by: -1) {
            let text = lines[k].text.trimmingCharacters(in: .whitespaces)
            let words = text.split(separator: " ")
            guard SurveySettings.sectionHeadingWords.contains(words.count), text.count >= SurveySettings.sectionHeadingLetters, let first = text.first, first.isUppercase,
                  !text.contains(where: \.isNumber), let last = text.last, !".,:;?!”\")".contains(last) else { continue }
            let f = lines[k].folded
            guard !vocabulary.headings.contains(where: { SurveyText.foldedContainsFuzzy(f, $0) }),
                  SurveyText.questionLabel(text, vocabulary: vocabulary) == nil else { continue }
            let below = lines[(k + 1)...].prefix(SurveySettings.sectionMentionLines)
            let mentions = below.filter { $0.folded.contains(f) }.count
            if mentions >= 1 { return text }
        }
        return nil
    }
}
