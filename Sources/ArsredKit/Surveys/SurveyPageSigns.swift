import Foundation

extension SurveyStage {
    /// Answer categories a page must name, at least, to show a survey's answer scale (a chart's
    /// legend or a table's column headers): one or two are often named in running text too.
    static let answerScaleCategories = 3

    /// True when the page names at least `answerScaleCategories` of the six answer categories.
    /// A page read without its running text keeps a chart's legend and a table's headers, but
    /// may have lost its heading and question labels (wide lines), so this too marks a page whose
    /// whole text the survey reader needs.
    public static func pageShowsAnswerScale(_ page: Page, _ vocabulary: SurveyVocabulary) -> Bool {
        let text = page.lines.map { "_" + $0.folded + "_" }
        let named = vocabulary.categories.filter { entry in
            entry.names.contains { name in text.contains { $0.contains("_" + name + "_") } }
        }
        return named.count >= answerScaleCategories
    }

    /// Pages: a survey's figures may stand on the page after its legend or table headers (a chart
    /// below a heading block) or on the page before (a legend printed under its chart).
    static let unreadSurveyReach = 1

    /// `result` with a warning for every page that shows a survey's answer scale but where no
    /// survey figure was read on it or within `unreadSurveyReach` pages: a survey not found is
    /// said, never left as silence.
    static func flaggingUnread(_ result: SurveyRecognition, pages: [Page], vocabulary: SurveyVocabulary) -> SurveyRecognition {
        let read = Set(result.surveys.filter(\.hasFigures).compactMap(\.page))
        var flagged = result
        for page in pages where pageShowsAnswerScale(page, vocabulary) {
            let near = (page.number - unreadSurveyReach)...(page.number + unreadSurveyReach)
            guard !near.contains(where: read.contains) else { continue }
            flagged.diagnostics.append(Diagnostic(page: page.number,
                message: "the page shows a survey's answer categories but no survey figure was read from it"))
        }
        return flagged
    }
}

extension IndicatorSurvey {
    /// True when at least one question has a percentage read.
    var hasFigures: Bool {
        questions.contains { $0.percentages?.values.contains { $0 != nil } ?? false }
    }
}
