import Foundation
import Testing

/// `../shared` beside the checkout (or $ARSRED_SHARED), as ArsredKitTests' SharedData sees it.
/// Tests that need it carry `.enabled(if: SharedCorpus.available, "needs ../shared")`: without
/// it they are reported skipped; in CI (CI=true) `SharedCorpusPresence` fails the run.
enum SharedCorpus {
    static let root: URL = {
        if let env = ProcessInfo.processInfo.environment["ARSRED_SHARED"], !env.isEmpty {
            return URL(fileURLWithPath: env)
        }
        // Tests/ArsredExportTests/Support/SharedCorpus.swift -> checkout -> ../shared
        return URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared")
    }()

    static var corpusDev: URL { root.appendingPathComponent("corpus-dev") }

    static let available = FileManager.default.fileExists(atPath: corpusDev.path)

    static func truth(_ stem: String) -> URL { corpusDev.appendingPathComponent("\(stem).truth.json") }
}

/// In CI the shared data must be there: its absence fails the run instead of skipping tests.
@Suite struct SharedCorpusPresence {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["CI"] == "true", "only in CI (CI=true)"))
    func sharedDataIsThereInCI() {
        #expect(SharedCorpus.available, "\(SharedCorpus.root.path) is missing: CI must run with ../shared beside the checkout")
    }
}
