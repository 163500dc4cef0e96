import Foundation
import Testing

/// `../shared` (corpus-dev, samples, scorer) beside the checkout. Tests that need it call
/// `SharedData.require()`: on a user's clone without it they skip with a printed reason; in CI
/// (CI=true) its absence is a failure.
enum SharedData {
    static let root: URL = {
        // Tests/ArsredKitTests/Support/SharedData.swift -> checkout root -> ../shared
        let checkout = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        if let env = ProcessInfo.processInfo.environment["ARSRED_SHARED"], !env.isEmpty {
            return URL(fileURLWithPath: env)
        }
        return checkout.deletingLastPathComponent().appendingPathComponent("shared")
    }()

    static var checkout: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
    }

    static var isPresent: Bool { FileManager.default.fileExists(atPath: root.appendingPathComponent("corpus-dev").path) }

    /// True when the shared data is there. Otherwise prints why the caller skips, or, in CI, fails.
    static func available(_ what: String = #function) -> Bool {
        if isPresent { return true }
        if ProcessInfo.processInfo.environment["CI"] == "true" {
            Issue.record("\(root.path) is missing: CI must run with ../shared beside the checkout")
        } else {
            print("skipping \(what): \(root.path) not found (../shared beside the checkout)")
        }
        return false
    }

    static func corpus(_ name: String) -> URL { root.appendingPathComponent("corpus-dev").appendingPathComponent(name) }
    static func sample(_ name: String) -> URL { root.appendingPathComponent("samples").appendingPathComponent(name) }
}
