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
}
