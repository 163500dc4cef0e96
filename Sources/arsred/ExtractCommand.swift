import ArgumentParser
import ArsredKit
import Foundation

struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Extract the dataset from PDF reports and OCR'd text (.txt, pages split by form feed).",
        discussion: """
            Writes OUT/<stem>.json per input (dataset-v1). Folders are searched for *.pdf and *.txt.
            Each document is read in a worker process, so a crash in poppler or tesseract costs only
            that document. An input whose output is up to date (same input bytes, same producer) is \
            skipped, so running a stopped batch again does only what is left; --force reads all. \
            --shard I/N or auto (Slurm job array, Kubernetes Indexed Job) reads one part of the \
            inputs and leaves OUT/.arsred/shard-I-of-N.json. \
            Exit status: 0 all succeeded, 1 any input failed, 2 usage or set-up error, 130/143 cancelled.
            """)

    @Argument(help: "PDF or .txt files, or folders holding them.")
    var inputs: [String]

    @Option(name: .shortAndLong, help: "Output folder.")
    var out: String = "output"

    @Option(name: .shortAndLong, help: "Pages of a document read at once (default: the cores left to each document read at once).")
    var jobs: Int?

    @Option(help: "Tesseract language(s).")
    var language: String = IngestOptions.defaultLanguage

    @Option(help: "Tesseract data folder (default: tesseract's own).")
    var tessdata: String?

    @Flag(inversion: .prefixedNo, help: "Read scanned pages without their running text first, and their running text only on pages holding tables, charts or signatures (--no-skim: every scanned page whole).")
    var skim = true

    @Flag(help: "Run every document in this process (no crash isolation).")
    var inProcess = false

    @Option(help: "Write the batch's figures (pages, seconds per stage) as JSON to this file.")
    var stats: String?

    @Option(help: "Seconds a document may take before its worker is stopped and the batch goes on.")
    var timeoutPerDocument: Double = WorkerTimeout.defaultSeconds

    @Flag(help: "Read every input again, even those whose output is up to date.")
    var force = false

    @Option(help: "Read only part I of N of the inputs (I from 0), or 'auto': from a Slurm job array or a Kubernetes Indexed Job.")
    var shard: String?

    @Option(help: "The number of shards when --shard auto runs in a Kubernetes Indexed Job (its completions).")
    var shardCount: Int?

    @Option(help: "Documents read at once, each by a long-lived worker process that keeps its loaded models from one document to the next (a crash still costs one document). Default: one per core for a batch, or the cores --jobs leaves.")
    var documents: Int?

    @Flag(help: .hidden)
    var child = false

    @Flag(help: .hidden)
    var worker = false

    func validate() throws {
        guard (jobs ?? 1) >= 1 else { throw ValidationError("--jobs must be at least 1") }
        guard (documents ?? 1) >= 1 else { throw ValidationError("--documents must be at least 1") }
        guard !inputs.isEmpty else { throw ValidationError("name at least one input file or folder") }
        guard timeoutPerDocument > 0 else { throw ValidationError("--timeout-per-document must be more than 0") }
        _ = try selectedShard()
    }

    /// `--worker`: documents named on stdin, one after another; `--child`: the one input.
    private func runWorker(options: PipelineOptions, outDir: URL) throws {
        if worker { try WorkerLoop.serve(options: options, outDir: outDir); return }
        signal(SIGINT, SIG_DFL); signal(SIGTERM, SIG_DFL)
        // One document, its outcome as one JSON line on stdout.
        let outcome = InProcessRunner(options: options).run(file: URL(fileURLWithPath: inputs[0]), outDir: outDir)
        FileHandle.standardOutput.write(try JSONEncoder().encode(outcome) + Data([0x0A]))
        throw ExitCode(outcome.ok ? 0 : 1)
    }

    func run() throws {
        let outDir = URL(fileURLWithPath: out)
        if worker || child {
            // A worker or child reads with the jobs its batch gave it.
            let options = PipelineOptions(jobs: JobLimit.cap(jobs ?? ProcessInfo.processInfo.activeProcessorCount).jobs,
                                          language: language, tessdataPath: tessdata, skim: skim)
            try runWorker(options: options, outDir: outDir)
            return
        }
        Cancellation.shared.install(inProcess: inProcess ? Preflight.stopper(outDir: outDir) : nil)
        let (found, problems) = InputDiscovery.files(from: inputs)
        let part = try selectedShard()
        let files = part.map { $0.select(found) } ?? found
        try Preflight.check(out: out, stats: stats, language: language, tessdata: tessdata,
                            needsOCR: files.contains { $0.pathExtension.lowercased() != "txt" })
        let progress = Progress(total: files.count)
        var summary = BatchSummary()
        for p in problems {
            progress.failed(p.path, p.cause); summary.failed += 1
            summary.failures.append("\(p.path): \(p.cause)")
        }
        let start = Date()
        let todo = toRead(files, outDir: outDir, progress: progress, summary: &summary)
        // The batch's shape follows what is left to read (see `BatchShape`).
        let shape = BatchShape.choose(inputs: todo.count, jobs: jobs, documents: inProcess ? 1 : documents)
        let (pageJobs, capped) = JobLimit.cap(shape.jobs)
        if let capped { FileHandle.standardError.write(Data("arsred: \(capped)\n".utf8)) }
        let options = PipelineOptions(jobs: pageJobs, language: language, tessdataPath: tessdata, skim: skim)
        read(todo, documents: shape.documents, runner: runner(options), options: options, outDir: outDir, progress: progress, summary: &summary)
        summary.seconds = Date().timeIntervalSince(start)
        progress.close(summary)
        if let s = Cancellation.shared.signal {
            let notRead = files.count - summary.ok - (summary.failed - problems.count) - summary.skipped
            FileHandle.standardError.write(Data("arsred: cancelled by \(Cancellation.name(s)); \(max(0, notRead)) documents not read\n".utf8))
            throw ExitCode(Cancellation.shared.exitStatus)
        }
        if let part { try summary.shardSummary(part).write(in: outDir) }
        if let stats { try writeStats(summary, to: URL(fileURLWithPath: stats)) }
        if summary.failed > 0 { throw ExitCode(1) }
    }

    /// The files still to read: not one whose output name another input already takes (a
    /// failure), not one whose output is up to date (skipped; see `resumeCheck`).
    private func toRead(_ files: [URL], outDir: URL, progress: Progress, summary: inout BatchSummary) -> [URL] {
        let upToDate = resumeCheck()
        var stems: [String: String] = [:], todo: [URL] = []
        for file in files {
            let stem = file.deletingPathExtension().lastPathComponent
            if let other = stems[stem] {
                progress.failed(file.path, "same output name \(stem).json as \(other); rename one of them")
                summary.failed += 1; summary.failures.append("\(file.path): same output name as \(other)"); continue
            }
            stems[stem] = file.path
            if upToDate(file, outDir) {
                progress.skipped(file.path); summary.skipped += 1; continue
            }
            todo.append(file)
        }
        return todo
    }

    /// Documents read in this process (`--in-process`) or in watched worker processes.
    private func runner(_ options: PipelineOptions) -> DocumentRunner {
        inProcess
            ? InProcessRunner(options: options)
            : ChildProcessRunner(executable: URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath(), options: options,
                                 timeout: WorkerTimeout(seconds: timeoutPerDocument))
    }

    /// `--stats FILE`: the batch's counts, seconds per stage and peak memory, as JSON.
    private func writeStats(_ summary: BatchSummary, to url: URL) throws {
        let json: [String: Any] = ["documentsOk": summary.ok, "documentsFailed": summary.failed, "documentsSkipped": summary.skipped,
                                   "pages": summary.pages, "ocrPages": summary.ocrPages,
                                   "seconds": summary.seconds, "pagesPerSecond": summary.pagesPerSecond,
                                   "stageSeconds": summary.stageSeconds, "peakRSSMegabytes": PeakMemory.megabytes().rounded()]
        try DocumentWriter.writeAtomically(try JSONSerialization.data(withJSONObject: json, options: [.sortedKeys, .prettyPrinted]), to: url)
    }
}

/// Progress on stderr: a bar on a terminal, a line per document otherwise.
final class Progress {
    let total: Int
    var done = 0
    let isTerminal = isatty(2) == 1

    init(total: Int) { self.total = total }

    func started(_ name: String) {
        guard isTerminal else { return }
        let width = 30, filled = total == 0 ? width : width * done / total
        err("\r\u{1B}[K[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
            + "] \(done)/\(total) \(name)", newline: false)
    }

    func finished(_ o: DocumentOutcome) {
        done += 1
        clearBar()
        err(String(format: "ok      %@  %d pages (%d OCR'd) %.1f s", o.file, o.pages, o.ocrPages, o.seconds))
    }

    func failed(_ path: String, _ cause: String) {
        done += 1
        clearBar()
        err("failed  \(path): \(cause)")
    }

    func close(_ s: BatchSummary) {
        clearBar()
        err("arsred: " + s.line)
    }

    private func clearBar() { if isTerminal { err("\r\u{1B}[K", newline: false) } }
    private func err(_ s: String, newline: Bool = true) {
        FileHandle.standardError.write((s + (newline ? "\n" : "")).data(using: .utf8)!)
    }
}
