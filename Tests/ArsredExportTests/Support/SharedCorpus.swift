import Foundation
import Testing

/// `../shared` beside the checkout (or $ARSRED_SHARED), as ArsredKitTests' SharedData sees it:
/// tests that need it skip with a printed reason when it is absent, and fail in CI (CI=true).
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

    static func available(_ what: String = #function) -> Bool {
        if FileManager.default.fileExists(atPath: corpusDev.path) { return true }
        if ProcessInfo.processInfo.environment["CI"] == "true" {
            Issue.record("\(root.path) is missing: CI must run with ../shared beside the checkout")
        } else {
            print("skipping \(what): \(root.path) not found (../shared beside the checkout)")
        }
        return false
    }

    static func truth(_ stem: String) -> URL { corpusDev.appendingPathComponent("\(stem).truth.json") }
}
