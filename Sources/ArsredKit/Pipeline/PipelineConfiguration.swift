import Foundation
import Yams

/// Everything the stages read from `pipelines/`, loaded once: the vocabularies of metadata,
/// tables and surveys and the check relations. `ReportPipeline` hands each stage its part; no
/// stage reads a file of its own. A file that does not load stops the run with its path and cause.
public struct PipelineConfiguration: Sendable {
    public var metadata: MetadataVocabulary
    public var tables: TableVocabulary
    public var surveys: SurveyVocabulary
    public var checks: CheckRelations

    public init(metadata: MetadataVocabulary, tables: TableVocabulary, surveys: SurveyVocabulary, checks: CheckRelations) {
        self.metadata = metadata; self.tables = tables; self.surveys = surveys; self.checks = checks
    }

    /// The configuration of the process's `pipelines/` folder (read once; the same error every call).
    public static func load() throws -> PipelineConfiguration { try cached.get() }

    private static let cached: Result<PipelineConfiguration, Error> = Result { try read() }

    /// Reads `pipelines/` afresh. An error is one line: the file's path, and the line or key
    /// path where it is wrong.
    static func read() throws -> PipelineConfiguration {
        let dir: URL
        do { dir = try PipelineResources.directory() } catch { throw ConfigurationError("\(error)") }
        func load<T>(_ name: String, _ parse: (String) throws -> T) throws -> T {
            let url = dir.appendingPathComponent(name)
            let data: Data
            do { data = try Data(contentsOf: url) } catch { throw ConfigurationError("\(url.path): \(OutputError.cause(of: error))") }
            do { return try parse(String(decoding: data, as: UTF8.self)) } catch {
                throw ConfigurationError("\(url.path): \(YAMLProblem.describe(error))")
            }
        }
        var metadata = try load("metadata.yaml") { try YAMLDecoder().decode(MetadataVocabulary.self, from: $0) }
        metadata.places = try load("places.yaml") { try YAMLDecoder().decode(PlaceVocabulary.self, from: $0) }
        let lexicon = try load("lexicon.yaml") { text in
            _ = try YAMLDecoder().decode(TableVocabulary.LexiconFile.self, from: text); return text
        }
        let tables = try load("tables.yaml") { try TableVocabulary.parse(tablesYAML: $0, lexiconYAML: lexicon) }
        let surveys = try load("surveys.yaml", SurveyVocabulary.parse)
        let checks = try load("checks.yaml", CheckRelations.parse)
        return PipelineConfiguration(metadata: metadata, tables: tables, surveys: surveys, checks: checks)
    }
}

// The vocabularies as tools and tests reach them: from the process's configuration.
extension MetadataVocabulary {
    public static func load() throws -> MetadataVocabulary { try PipelineConfiguration.load().metadata }
}
extension TableVocabulary {
    public static func load() throws -> TableVocabulary { try PipelineConfiguration.load().tables }
}
extension SurveyVocabulary {
    public static func load() throws -> SurveyVocabulary { try PipelineConfiguration.load().surveys }
}
