import Foundation
import Testing

/// The checkout's `corpus/` extracted by the built `arsred`, once per test run: the outputs the
/// diff acceptance compares with the hand data (a real extraction, not copies of the truth).
enum SampleExtraction {
    struct Failure: Error, CustomStringConvertible { let description: String }

    /// The `arsred` executable built beside this test bundle.
    static var executable: URL {
        let dir = Bundle.main.bundleURL.pathExtension == "xctest" ? Bundle.main.bundleURL.deletingLastPathComponent()
            : URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        return dir.appendingPathComponent("arsred")
    }

    private static let run: Result<URL, Failure> = {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("arsred-sample-corpus-\(UUID().uuidString)")
        let p = Process()
        p.executableURL = executable
        p.arguments = ["extract", "--out", out.path, Documents.sampleCorpus.path]
        let err = Pipe()
        p.standardError = err
        p.standardOutput = FileHandle.nullDevice
        do { try p.run() } catch { return .failure(Failure(description: "\(executable.path) does not run: \(error)")) }
        let text = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            return .failure(Failure(description: "arsred extract \(Documents.sampleCorpus.path) exited \(p.terminationStatus):\n\(text)"))
        }
        return .success(out)
    }()

    /// The folder of `<stem>.json` outputs, or why the extraction failed.
    static func outputs() throws -> URL { try run.get() }
}
