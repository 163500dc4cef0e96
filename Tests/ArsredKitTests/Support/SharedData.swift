import Foundation
import Testing

/// `../shared` (corpus-dev, samples, scorer) beside the checkout, or `$ARSRED_SHARED`. Tests that
/// need it carry `.enabled(if: SharedData.available, "needs ../shared")`: without it they are
/// reported skipped; in CI (CI=true) `SharedDataPresence` fails the run.
enum SharedData {
    static let root: URL = {
        if let env = ProcessInfo.processInfo.environment["ARSRED_SHARED"], !env.isEmpty {
            return URL(fileURLWithPath: env)
        }
        return checkout.deletingLastPathComponent().appendingPathComponent("shared")
    }()

    /// Tests/ArsredKitTests/Support/SharedData.swift -> the checkout's root.
    static var checkout: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
    }

    static let available = FileManager.default.fileExists(atPath: root.appendingPathComponent("corpus-dev").path)

    static let inCI = ProcessInfo.processInfo.environment["CI"] == "true"

    static func corpus(_ name: String) -> URL { root.appendingPathComponent("corpus-dev").appendingPathComponent(name) }
    static func sample(_ name: String) -> URL { root.appendingPathComponent("samples").appendingPathComponent(name) }
}

/// In CI the shared data must be there: its absence fails the run instead of skipping tests.
@Suite struct SharedDataPresence {
    @Test(.enabled(if: SharedData.inCI, "only in CI (CI=true)"))
    func sharedDataIsThereInCI() {
        #expect(SharedData.available, "\(SharedData.root.path) is missing: CI must run with ../shared beside the checkout")
    }
}
