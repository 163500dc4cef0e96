import Foundation

/// Options of one extraction run.
public struct PipelineOptions: Sendable {
    /// Pages read in parallel within a document.
    public var jobs: Int
    /// Tesseract language(s) and data folder (nil: tesseract's default).
    public var language: String
    public var tessdataPath: String?
    /// Read scanned pages without their running text first, and their running text only where
    /// the page holds something extracted (see `ProseLines`). On by default: running text is
    /// most of a report's lines and tesseract's cost is per line (measured in bench/run).
    public var skim: Bool
    public init(jobs: Int = ProcessInfo.processInfo.activeProcessorCount, language: String = IngestOptions.defaultLanguage, tessdataPath: String? = nil,
                skim: Bool = true) {
        self.jobs = max(1, jobs); self.language = language; self.tessdataPath = tessdataPath; self.skim = skim
    }
}

/// One document through the straight line of stages: ingest (load, text layer or OCR, lines)
/// -> metadata -> tables -> surveys -> checks -> dataset. The stages get their vocabularies and
/// relations from one `PipelineConfiguration`, loaded before any document.
public final class ReportPipeline: @unchecked Sendable {
    public let options: PipelineOptions
    public let configuration: PipelineConfiguration
    let metadata: MetadataStage
    let tables: TableStage
    let checks: CheckStage
    let labelReaders: LabelReaderPool

    /// `configuration`: nil loads the process's `pipelines/` (throwing, with the file and cause,
    /// when a file does not load). `labelReaders`: the chart-label readers to borrow (nil: a pool
    /// of this pipeline's own; a runner passes its pool to keep the models across documents).
    public init(options: PipelineOptions, configuration: PipelineConfiguration? = nil,
                labelReaders: LabelReaderPool? = nil) throws {
        MemoryPolicy.apply
        let configuration = try configuration ?? PipelineConfiguration.load()
        self.options = options
        self.labelReaders = labelReaders ?? LabelReaderPool(tessdata: options.tessdataPath)
        self.configuration = configuration
        self.metadata = MetadataStage(vocabulary: configuration.metadata)
        self.tables = TableStage(vocabulary: configuration.tables, relations: configuration.checks)
        self.checks = CheckStage(relations: configuration.checks)
    }

    /// Seconds spent per stage over everything this pipeline ran.
    public private(set) var stageSeconds: [String: Double] = [:]
    /// Pages of the last document that could not be read whole (see `PageLoss`).
    public private(set) var pagesNotReadWhole: [Int: String] = [:]

    public func extract(file: URL) throws -> DatasetDocument {
        let (metadata, tables, surveyWords) = (self.metadata, self.tables, configuration.surveys)
        let mustReadFully: @Sendable (Page) -> Bool = { page in
            metadata.pageHoldsMetadata(page) || tables.pageHoldsTable(page) || SurveyStage.pageHoldsSurvey(page, surveyWords)
                || SurveyStage.pageShowsAnswerScale(page, surveyWords)
        }
        let ingestOptions = IngestOptions(
            jobs: options.jobs, language: options.language, tessdataPath: options.tessdataPath,
            mustReadFully: options.skim ? mustReadFully : nil)
        let ingested = try Ingest.document(at: file, options: ingestOptions)
        for (k, v) in ingested.stageSeconds { stageSeconds[k, default: 0] += v }
        pagesNotReadWhole = ingested.pagesNotReadWhole

        let meta = Stopwatch.time("metadata", &stageSeconds) { metadata.recognise(pages: ingested.pages) }
        let read = Stopwatch.time("tables", &stageSeconds) { tables.read(pages: ingested.pages) }
        let surveys = try Stopwatch.time("surveys", &stageSeconds) {
            try SurveyStage.recognise(document: ingested, vocabulary: surveyWords, labelReaders: labelReaders)
        }
        // The second reads of figures borrow the label readers' English model (loaded once a worker).
        let loan = labelReaders.loan()
        defer { loan.end() }
        let checked = Stopwatch.time("checks", &stageSeconds) { checks.check(read, pages: ingested.pages, rereader: ingested.images.map {
            OCRFigureRereader(images: $0, language: options.language, tessdata: options.tessdataPath, borrowReader: loan.take)
        }) }

        var doc = DatasetDocument(source: Self.source(of: ingested, tablePages: Set(checked.tables.map(\.page)),
                                                      surveyPages: Set(surveys.surveys.compactMap(\.page)),
                                                      signingPages: Set(meta.signingPages)))
        doc.producer = try Producer.current()
        doc.organisation = meta.organisation
        doc.organisationKey = meta.organisationKey
        doc.fiscalYear = meta.fiscalYear
        doc.signature = meta.signature
        doc.tables = checked.tables
        doc.indicatorSurveys = surveys.surveys
        doc.checks = checked.checks + surveys.checks
        doc.diagnostics = PageLoss.diagnostics(of: ingested) + meta.diagnostics + checked.diagnostics + surveys.diagnostics
        return doc
    }

    /// The input's description: its pages, each with how it was read and what it holds.
    private static func source(of ingested: IngestedDocument, tablePages: Set<Int>, surveyPages: Set<Int>,
                               signingPages: Set<Int>) -> SourceInfo {
        SourceInfo(file: ingested.file, sha256: ingested.sha256, pageCount: ingested.pages.count,
                   pages: ingested.pages.map { page in
                       let kind: String = signingPages.contains(page.number) ? "signing"
                           : surveyPages.contains(page.number) ? "chart"
                           : tablePages.contains(page.number) ? "table"
                           : page.number == 1 ? "cover" : "prose"
                       return SourcePage(number: page.number, method: page.method, kind: kind,
                                         ocrConfidence: page.meanConfidence)
                   })
    }
}
