import Foundation

/// What became of one input of a batch.
public struct DocumentOutcome: Codable, Sendable, Equatable {
    public var file: String
    public var ok: Bool
    /// One line naming the cause, when not ok.
    public var error: String?
    public var output: String?
    public var pages: Int = 0
    public var ocrPages: Int = 0
    public var seconds: Double = 0
    public var stageSeconds: [String: Double] = [:]

    public static func failure(_ file: URL, _ cause: String) -> DocumentOutcome {
        DocumentOutcome(file: file.path, ok: false, error: cause)
    }
}

/// Runs one document and writes its output; never throws: a failure is an outcome.
public protocol DocumentRunner: Sendable {
    func run(file: URL, outDir: URL) -> DocumentOutcome
}

/// Runs the pipeline in this process, keeping its chart-label models across the documents.
public struct InProcessRunner: DocumentRunner {
    public let options: PipelineOptions
    let labelReaders: LabelReaderPool
    public init(options: PipelineOptions) {
        self.options = options
        labelReaders = LabelReaderPool(tessdata: options.tessdataPath)
    }

    public func run(file: URL, outDir: URL) -> DocumentOutcome {
        let clock = Stopwatch()
        do {
            let pipeline = try ReportPipeline(options: options, labelReaders: labelReaders)
            let doc = try pipeline.extract(file: file)
            let writing = Stopwatch()
            let out = try DocumentWriter.write(doc, for: file, to: outDir)
            var o = DocumentOutcome(file: file.path, ok: true, output: out.path)
            if let loss = PageLoss.verdict(lost: pipeline.pagesNotReadWhole, tables: doc.tables.map(\.id)) {
                o.ok = false; o.error = loss
            }
            o.pages = doc.source.pageCount
            o.ocrPages = doc.source.pages.filter { $0.method == .ocr }.count
            o.stageSeconds = pipeline.stageSeconds
            o.stageSeconds["write"] = writing.seconds
            o.seconds = clock.seconds
            return o
        } catch {
            var o = DocumentOutcome.failure(file, "\(error)")
            o.seconds = clock.seconds
            return o
        }
    }
}

/// Runs each document in a child process of `executable` (`arsred extract --child FILE`), so a
/// crash inside poppler or tesseract costs only that document: the batch goes on, and every
/// document already written stays written (outputs are renamed into place only when complete).
public struct ChildProcessRunner: DocumentRunner {
    public let executable: URL
    public let options: PipelineOptions
    public let timeout: WorkerTimeout
    public init(executable: URL, options: PipelineOptions, timeout: WorkerTimeout = WorkerTimeout()) {
        self.executable = executable; self.options = options; self.timeout = timeout
    }

    public func run(file: URL, outDir: URL) -> DocumentOutcome {
        let p = Process()
        p.executableURL = executable
        p.arguments = options.workerArguments("--child", outDir: outDir) + [file.path]
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.environment = PipelineOptions.workerEnvironment
        let clock = Stopwatch()
        do { try p.run() } catch {
            return .failure(file, "cannot start \(executable.path): \(error.localizedDescription)")
        }
        let stderr = WorkerStderr(err)
        if !Cancellation.shared.started(p.processIdentifier) { kill(p.processIdentifier, SIGKILL) }
        let watch = timeout.watch(p.processIdentifier)
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let timedOut = watch.stop()
        Cancellation.shared.finished(p.processIdentifier)
        let line = data.split(separator: 0x0A).last.map { Data($0) } ?? Data()
        let reported = try? JSONDecoder().decode(DocumentOutcome.self, from: line)
        // A worker that reported its outcome and died on the way out (in a library's exit-time
        // clean-up) did its work: the outcome stands.
        if p.terminationReason == .uncaughtSignal, reported == nil || timedOut || Cancellation.shared.signal != nil {
            return WorkerDeath(file: file, outDir: outDir, pid: p.processIdentifier, timedOut: timedOut, timeout: timeout)
                .outcome(signal: p.terminationStatus, crashCause: stderr.crashCause(), seconds: clock.seconds)
        }
        if let reported { return reported }
        return .failure(file, "worker exited with status \(p.terminationStatus) without a result")
    }
}

extension PipelineOptions {
    /// The command line of a worker process of this binary reading with these options:
    /// `mode` is `--child` (one document, named after) or `--worker` (documents from stdin).
    func workerArguments(_ mode: String, outDir: URL) -> [String] {
        var args = ["extract", mode, "--out", outDir.path, "--jobs", String(jobs), "--language", language]
        if let t = tessdataPath { args += ["--tessdata", t] }
        args.append(skim ? "--skim" : "--no-skim")
        return args
    }

    /// A worker's environment: a crash is one line (the parent's), not Swift's backtrace.
    static var workerEnvironment: [String: String] {
        ProcessInfo.processInfo.environment.merging(["SWIFT_BACKTRACE": "enable=no"]) { $1 }
    }
}

/// A worker process killed while it read `file`: by the time limit, by a cancelling signal or by
/// a crash. What it leaves is removed and the document named failed with the cause.
struct WorkerDeath {
    var file: URL
    var outDir: URL
    /// The worker's process, whose temporary outputs in `outDir` go.
    var pid: pid_t
    var timedOut: Bool
    var timeout: WorkerTimeout

    func outcome(signal: Int32, crashCause: String?, seconds: Double) -> DocumentOutcome {
        // Killed between writing and renaming, the worker leaves its temporary file.
        DocumentWriter.removeTemporaries(of: pid, in: outDir)
        let cause = timedOut ? "stopped after \(Int(timeout.seconds)) s (--timeout-per-document)"
            : Cancellation.shared.signal.map { "cancelled (\(Cancellation.name($0)))" }
            ?? "crashed (signal \(signal)\(crashCause.map { ": \($0)" } ?? "")) while being read"
        var o = DocumentOutcome.failure(file, cause + "; nothing written for it")
        o.seconds = seconds
        return o
    }
}

/// Counts of a finished batch.
public struct BatchSummary: Sendable {
    public var ok = 0, failed = 0, pages = 0, ocrPages = 0
    /// Inputs left alone because their output is up to date (`Resume`).
    public var skipped = 0
    /// "path: cause" of each failed input.
    public var failures: [String] = []
    public var seconds = 0.0
    public var stageSeconds: [String: Double] = [:]
    public init() {}
    public var pagesPerSecond: Double { seconds > 0 ? Double(pages) / seconds : 0 }

    public mutating func add(_ o: DocumentOutcome) {
        if o.ok { ok += 1 } else { failed += 1; failures.append("\(o.file): \(o.error ?? "failed")") }
        pages += o.pages; ocrPages += o.ocrPages
        for (k, v) in o.stageSeconds { stageSeconds[k, default: 0] += v }
    }

    public var line: String {
        String(format: "%d ok, %d failed; %d pages (%d OCR'd) in %.1f s, %.2f pages/s; %d skipped (output up to date)",
               ok, failed, pages, ocrPages, seconds, pagesPerSecond, skipped)
    }
}
