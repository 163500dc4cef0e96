import Foundation

/// Surveys read from words alone (text input, or pages whose chart cannot be seen): question
/// numbers, `n` and the printed percentage labels in order. Categories are never guessed: a
/// label's place on the bar is not known without the picture.
enum SurveyTextRecogniser {
    struct Bar { var label: QuestionLabel; var page: Int; var line: Int; var printed: [Double?] }

    static func recognise(_ stream: LineStream, vocabulary: SurveyVocabulary) -> [IndicatorSurvey] {
        var groups: [[Bar]] = []
        var current: [Bar] = []
        var waiting: [Int] = []   // bars in `current` whose labels are printed on later lines
        var lastBarLine = -1
        for (i, e) in stream.entries.enumerated() {
            let text = e.line.text
            if let q = SurveyText.questionLabel(Self.numberRepaired(e.line), vocabulary: vocabulary), q.n != nil {
                if let prev = current.last, q.number <= prev.label.number || i - lastBarLine > SurveySettings.linesBetweenSurveys {
                    groups.append(current); current = []; waiting = []
                }
                let printed = SurveyText.printedLabels(q.rest, countLeadingGarble: true)
                current.append(Bar(label: q, page: e.page, line: i, printed: printed))
                if printed.isEmpty { waiting.append(current.count - 1) }
                lastBarLine = i
                continue
            }
            guard !waiting.isEmpty, i - lastBarLine < SurveySettings.linesToLabels else { continue }
            let tokens = text.split(separator: " ").map(String.init)
            let values = SurveyText.printedLabels(tokens, countLeadingGarble: false)
            guard !values.isEmpty, !isAxis(tokens) else { continue }
            // Labels of a row printed apart from its question label (the OCR read columns apart).
            current[waiting.removeFirst()].printed = values
        }
        if !current.isEmpty { groups.append(current) }

        var surveys: [IndicatorSurvey] = []
        for g in groups {
            let first = g[0]
            let ctx = SurveyContext.before(first.line, in: stream, vocabulary: vocabulary)
            guard g.count >= SurveySettings.questionsInSurvey || Self.standsAlone(g, context: ctx, in: stream) else { continue }
            let questions = g.map { b in
                SurveyQuestion(number: b.label.number,
                               text: ctx.questionTexts[b.label.number],
                               n: b.label.n, percentages: nil, printed: b.printed)
            }
            surveys.append(IndicatorSurvey(programme: ctx.programme ?? "", respondents: ctx.respondents,
                                           page: first.page, questions: questions))
        }
        return surveys
    }

    /// Text OCR'd earlier often keeps one bar label of a chart and loses the rest: a lone
    /// `Fråga 2 (n=60)` under its survey's heading and question list is that survey's, when the
    /// text has no positions (a page with positions has its chart read instead).
    static func standsAlone(_ group: [Bar], context: SurveyContext, in stream: LineStream) -> Bool {
        guard let bar = group.first, group.count == 1, context.programme != nil,
              context.questionTexts[bar.label.number] != nil else { return false }
        return stream.entries[bar.line].line.words.allSatisfy { $0.box == nil }
    }

    /// The question's number as OCR misreads a lone `1` after the question word (`Fraga | (n=61)`,
    /// `Fraga ] (n=61)`): the line's text with that mark read as the digit.
    static func numberRepaired(_ line: Line) -> String {
        let words = line.words.map(\.text)
        guard words.count >= 3, ["|", "]", "!", "[", "}"].contains(words[1]), words[2].lowercased().hasPrefix("(n") else { return line.text }
        return ([words[0], "1"] + words.dropFirst(2)).joined(separator: " ")
    }

    /// The chart's x axis: 0% 10% 20% ... 100%.
    static func isAxis(_ tokens: [String]) -> Bool {
        let v = tokens.compactMap(SurveyText.percentToken)
        guard v.count >= SurveySettings.axisTicks else { return false }
        let steps = zip(v, v.dropFirst()).map { $1 - $0 }
        return steps.allSatisfy { $0 > 0 } && Set(steps).count <= SurveySettings.axisStepSizes
    }
}
