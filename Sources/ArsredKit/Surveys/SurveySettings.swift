/// The numbers the survey stage's text heuristics turn on, each with its unit and reason (the
/// chart reader's pixel thresholds stand in `ChartReader` and `ChartPixels`).
enum SurveySettings {
    // MARK: words against the vocabulary (similarity: 1 - edit distance / length)

    /// A word reads as a category name's or respondent phrase's word from this similarity up:
    /// one OCR slip in four letters.
    static let wordSimilarity = 0.75
    /// A question's printed text is the vocabulary's from this similarity up, or from
    /// `cutQuestionSimilarity` against as much of it as was printed (a wrapped question cut
    /// short), compared over at least `questionLetters` letters.
    static let questionSimilarity = 0.75, cutQuestionSimilarity = 0.8, questionLetters = 20
    /// Another number's question text is taken for this one only when nearly the same.
    static let otherQuestionSimilarity = 0.85
    /// A word names the respondents only when it is at least this long (shorter ones match too much).
    static let respondentWordLetters = 6

    // MARK: question labels (`Fråga 3`, `Fraga3`)

    /// A question word with its number glued on (`fraga7`) is this long and up.
    static let gluedLabelLetters = 5
    /// A question number has at most two digits, in a token of at most three characters (`3.`).
    static let questionNumberDigits = 2, questionNumberCharacters = 3

    // MARK: where a survey is

    /// A page holds a survey when it lists this many question labels.
    static let questionLabelsOnPage = 3
    /// Or this many lines of its question list, a question asked after its label: a page read
    /// without its running text (a scan's skim) keeps a few of the list's lines, seldom three.
    static let questionListLinesOnPage = 2
    /// A survey's heading line is shorter than this many folded characters (a longer one is prose);
    /// the first `titleHeadings` forms of the vocabulary are its titles.
    static let headingLineCharacters = 140, titleHeadings = 2
    /// A survey has at least this many questions (bars of a chart, rows of a list).
    static let questionsInSurvey = 2

    // MARK: reading text surveys line by line

    /// Bar labels further apart than this many lines belong to different surveys.
    static let linesBetweenSurveys = 60
    /// A bar's labels printed apart from its question are looked for within this many lines.
    static let linesToLabels = 40
    /// An axis (`0% 10% ... 100%`) prints at least this many ticks, in at most two step sizes.
    static let axisTicks = 5, axisStepSizes = 2

    // MARK: context before a survey

    /// A question text this long and not ended by `?` runs onto its next line.
    static let wrappedQuestionLetters = 20
    /// The question list ends this many lines above its last question found.
    static let questionListGap = 30
    /// A heading's second line is shorter than this many characters.
    static let headingSecondLineLetters = 60
    /// A section heading above a survey: this many words, at least `sectionHeadingLetters`
    /// characters, and named again within `sectionMentionLines` lines below it.
    static let sectionHeadingWords = 1...5, sectionHeadingLetters = 3, sectionMentionLines = 80

    // MARK: tables of percentages

    /// A table of percentages has at least this many header columns, and its header names at
    /// least this many categories, read from the last `headerWords` words above its first row.
    static let tableColumns = 4, namedHeaderCategories = 4, headerWords = 24
    /// A header word is matched against category names from this length up.
    static let headerWordLetters = 2
}
