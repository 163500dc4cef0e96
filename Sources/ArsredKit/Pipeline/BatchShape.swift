import Foundation

/// How a batch uses the machine: how many documents are read at once (`--documents`, each in a
/// long-lived worker) and how many pages of each at once (`--jobs`).
///
/// A document's stages after ingestion (tables, surveys with their chart-label OCR, checks) run
/// one after another, and a text-layer report has no page OCR to spread over the cores: read one
/// at a time it keeps one core busy. Documents side by side use every core whatever their kind,
/// so a batch of several inputs reads as many documents at once as there are cores, one page
/// job each, unless told otherwise. Given `--jobs` alone, the documents fill the cores the jobs
/// leave (`--jobs 2` on 2 cores: one document, two pages at once, as before this default).
public struct BatchShape: Equatable, Sendable {
    public var documents: Int
    public var jobs: Int

    public init(documents: Int, jobs: Int) { self.documents = documents; self.jobs = jobs }

    /// `jobs` / `documents`: what the command line asked for (nil: not given).
    public static func choose(inputs: Int, jobs: Int?, documents: Int?,
                              cores: Int = ProcessInfo.processInfo.activeProcessorCount) -> BatchShape {
        let cores = max(1, cores), inputs = max(1, inputs)
        switch (jobs, documents) {
        case let (j?, d?):
            return BatchShape(documents: min(d, inputs), jobs: j)
        case let (j?, nil):
            return BatchShape(documents: min(inputs, max(1, cores / max(1, j))), jobs: j)
        case let (nil, d?):
            let d = min(d, inputs)
            return BatchShape(documents: d, jobs: max(1, cores / d))
        case (nil, nil):
            let d = min(inputs, cores)
            return BatchShape(documents: d, jobs: max(1, cores / d))
        }
    }
}

/// The order a batch hands documents to its workers: the largest file first, so that the
/// longest document does not start last and keep one worker busy after the others are done
/// (longest-processing-time-first; a file's size stands in for its reading time). Ties by path,
/// so the order is the same on every run. Outputs do not depend on it.
public enum BatchOrder {
    public static func largestFirst(_ files: [URL]) -> [URL] {
        let sizes = Dictionary(files.map { ($0, (try? FileManager.default.attributesOfItem(atPath: $0.path)[.size] as? Int) ?? 0) },
                               uniquingKeysWith: { a, _ in a })
        return files.sorted { (sizes[$0]!, $1.path) > (sizes[$1]!, $0.path) }
    }
}
