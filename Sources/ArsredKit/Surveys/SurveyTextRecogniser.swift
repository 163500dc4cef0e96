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
            if let q = SurveyText.questionLabel(text, vocabulary: vocabulary), q.n != nil {
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
        for g in groups where g.count >= SurveySettings.questionsInSurvey {
            let first = g[0]
            let ctx = SurveyContext.before(first.line, in: stream, vocabulary: vocabulary)
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

    /// The chart's x axis: 0% 10% 20% ... 100%.
    static func isAxis(_ tokens: [String]) -> Bool {
        let v = tokens.compactMap(SurveyText.percentToken)
        guard v.count >= SurveySettings.axisTicks else { return false }
        let steps = zip(v, v.dropFirst()).map { $1 - $0 }
        return steps.allSatisfy { $0 > 0 } && Set(steps).count <= SurveySettings.axisStepSizes
    }
}
