/// What made a document: the tool, its version and the pipeline definitions (`pipelines/`) it
/// read. A field added to dataset-v1 (`producer`); `extract` compares it, with `source.sha256`,
/// to skip an input whose output is already up to date.
public struct Producer: Codable, Sendable, Equatable {
    /// The name of the program (`arsred`).
    public var tool: String
    public var version: String
    /// SHA-256 over the files of `pipelines/` (`PipelineResources.fingerprint()`).
    public var pipelinesSha256: String

    public init(tool: String, version: String, pipelinesSha256: String) {
        self.tool = tool; self.version = version; self.pipelinesSha256 = pipelinesSha256
    }

    public static let toolName = "arsred"
    /// Raised with every release whose code changes what is extracted.
    public static let toolVersion = "0.2.0"
}
