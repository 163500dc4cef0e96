import Foundation
@testable import ArsredKit

/// `arsred extract` over the project's `corpus/` (3 PDFs: text layer, scanned, mixed) as batch
/// tests need it: runs with their own environment, the outputs of a folder as bytes, and one
/// uninterrupted one-process run that every resumed or sharded batch must equal byte for byte.
enum BatchRun {
    static var corpus: URL { SharedData.checkout.appendingPathComponent("corpus") }

    struct Result { var status: Int32; var stderr: String }

    /// The built `arsred` with `args`, `extra` added to this process's environment (nil values
    /// removed), run in `directory` when given.
    static func arsred(_ args: [String], environment extra: [String: String?] = [:], directory: URL? = nil) throws -> Result {
        let p = Process()
        p.executableURL = ExtractCommandTests.executable
        p.arguments = args
        if let directory { p.currentDirectoryURL = directory }
        var env = ProcessInfo.processInfo.environment
        for (k, v) in extra { env[k] = v }
        p.environment = env
        let err = Pipe()
        p.standardError = err
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        let text = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return Result(status: p.terminationStatus, stderr: text)
    }

    /// The dataset documents of an output folder (`*.json`, not hidden), by file name.
    static func outputs(_ dir: URL) throws -> [String: Data] {
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path)
            .filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }
        return try Dictionary(uniqueKeysWithValues: names.map { ($0, try Data(contentsOf: dir.appendingPathComponent($0))) })
    }

    /// Names of everything in a folder, hidden ones included (a leftover temporary file shows).
    static func entries(_ dir: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
    }

    struct Reference { var folder: URL; var stderr: String; var outputs: [String: Data] }

    /// corpus/ read once per test process by one uninterrupted `arsred extract`.
    static let reference: Swift.Result<Reference, Error> = Swift.Result {
        let out = try BrokenFiles.folder().appendingPathComponent("reference")
        let r = try arsred(["extract", "--documents", "1", "--out", out.path, corpus.path])
        guard r.status == 0 else { throw ReferenceRunFailed(stderr: r.stderr) }
        return Reference(folder: out, stderr: r.stderr, outputs: try outputs(out))
    }

    struct ReferenceRunFailed: Error { var stderr: String }

    /// The inode and modification time of a file: both stay when an output is left alone.
    static func identity(_ url: URL) throws -> [String] {
        let a = try FileManager.default.attributesOfItem(atPath: url.path)
        return ["\(a[.systemFileNumber] ?? "-")", "\((a[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0)"]
    }

    /// The summary line's counts.
    static func summary(_ stderr: String) -> String? {
        stderr.split(separator: "\n").last { $0.hasPrefix("arsred: ") }.map(String.init)
    }
}
