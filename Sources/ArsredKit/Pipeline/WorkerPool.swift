import Foundation

/// Several documents read at once, each by one of `count` long-lived worker processes
/// (`arsred extract --worker`). A worker reads one document after another, so what it loaded
/// (vocabularies, tesseract's models) serves every document it reads; a crash still costs one
/// document: the one being read fails, and the next starts a fresh worker.
public final class WorkerPoolRunner: DocumentRunner, @unchecked Sendable {
    private let idle = NSCondition()
    private var workers: [PersistentWorker]

    /// `timeout`: how long one document may keep its worker (then the worker is killed, the
    /// document failed, and the next document starts a fresh worker).
    public init(count: Int, executable: URL, options: PipelineOptions, outDir: URL, timeout: WorkerTimeout = WorkerTimeout()) {
        // A worker that died is found by its closed pipe, not by a SIGPIPE that ends this process.
        signal(SIGPIPE, SIG_IGN)
        workers = (0..<max(1, count)).map { _ in PersistentWorker(executable: executable, options: options, outDir: outDir, timeout: timeout) }
    }

    /// Reads `file` in the next idle worker (waits for one). Safe to call from several threads.
    public func run(file: URL, outDir: URL) -> DocumentOutcome {
        idle.lock()
        while workers.isEmpty { idle.wait() }
        let worker = workers.removeLast()
        idle.unlock()
        let outcome = worker.run(file: file)
        idle.lock(); workers.append(worker); idle.signal(); idle.unlock()
        return outcome
    }

    /// Ends the workers (each exits when its input closes).
    public func close() {
        idle.lock(); defer { idle.unlock() }
        for w in workers { w.stop() }
    }
}

/// One `arsred extract --worker` process: a JSON array holding one path a line in on stdin,
/// one `DocumentOutcome` a line out on stdout. While it reads a document it is watched as a
/// child of `ChildProcessRunner` is: killed after the time limit or on a cancelling signal, its
/// temporary output removed, a crash named by the line it printed.
final class PersistentWorker {
    let executable: URL
    let arguments: [String]
    let outDir: URL
    let timeout: WorkerTimeout
    private var process: Process?
    private var input: FileHandle?
    private var output: FileHandle?
    private var stderr: WorkerStderr?
    private var pending = Data()

    init(executable: URL, options: PipelineOptions, outDir: URL, timeout: WorkerTimeout) {
        self.executable = executable
        self.outDir = outDir
        self.timeout = timeout
        self.arguments = options.workerArguments("--worker", outDir: outDir) + ["-"]
    }

    func run(file: URL) -> DocumentOutcome {
        let clock = Stopwatch()
        let pid: pid_t
        do {
            pid = try startIfNeeded()
            if !Cancellation.shared.started(pid) { kill(pid, SIGKILL) }
            try input?.write(contentsOf: try JSONEncoder().encode([file.path]) + Data([0x0A]))
        } catch {
            stop()
            return .failure(file, "cannot start \(executable.path): \(error.localizedDescription)")
        }
        defer { Cancellation.shared.finished(pid) }
        let watch = timeout.watch(pid)
        while let line = nextLine() {
            if let o = try? JSONDecoder().decode(DocumentOutcome.self, from: line), o.file == file.path {
                _ = watch.stop()
                return o
            }
        }
        // The worker ended before answering: killed, or it crashed on this document.
        let timedOut = watch.stop()
        let status = stop()
        let crashCause = stderr?.crashCause()
        guard status.signalled else {
            return .failure(file, "worker exited with status \(status.code) without a result")
        }
        return WorkerDeath(file: file, outDir: outDir, pid: pid, timedOut: timedOut, timeout: timeout)
            .outcome(signal: status.code, crashCause: crashCause, seconds: clock.seconds)
    }

    /// The running worker's pid, starting one when none runs.
    private func startIfNeeded() throws -> pid_t {
        if let p = process, p.isRunning { return p.processIdentifier }
        let p = Process()
        p.executableURL = executable
        p.arguments = arguments
        let stdin = Pipe(), stdout = Pipe(), err = Pipe()
        p.standardInput = stdin; p.standardOutput = stdout; p.standardError = err
        p.environment = PipelineOptions.workerEnvironment
        try p.run()
        process = p; input = stdin.fileHandleForWriting; output = stdout.fileHandleForReading; pending = Data()
        stderr = WorkerStderr(err)
        return p.processIdentifier
    }

    /// The next line the worker wrote, nil at end of file.
    private func nextLine() -> Data? {
        guard let output else { return nil }
        while true {
            if let nl = pending.firstIndex(of: 0x0A) {
                let line = pending[pending.startIndex..<nl]
                pending = Data(pending[(nl + 1)...])
                return Data(line)
            }
            let chunk = output.availableData
            if chunk.isEmpty { return nil }
            pending.append(chunk)
        }
    }

    /// Closes the worker's input and waits for it to end; how it ended.
    @discardableResult
    func stop() -> (signalled: Bool, code: Int32) {
        try? input?.close()
        input = nil; output = nil
        guard let p = process else { return (false, 0) }
        process = nil
        p.waitUntilExit()
        return (p.terminationReason == .uncaughtSignal, p.terminationStatus)
    }
}

/// The worker's side: reads the documents named on stdin one after another, in this process.
public enum WorkerLoop {
    public static func serve(options: PipelineOptions, outDir: URL) throws {
        let runner = InProcessRunner(options: options)
        while let line = readLine(strippingNewline: true) {
            guard let path = (try? JSONDecoder().decode([String].self, from: Data(line.utf8)))?.first else { continue }
            let outcome = runner.run(file: URL(fileURLWithPath: path), outDir: outDir)
            FileHandle.standardOutput.write(try JSONEncoder().encode(outcome) + Data([0x0A]))
        }
    }
}

/// Runs `body` for each of `items` on up to `parallel` threads at once; `body` is called
/// concurrently and must be thread-safe.
public enum ParallelBatch {
    public static func forEach<T: Sendable>(_ items: [T], parallel: Int, _ body: @escaping @Sendable (T) -> Void) {
        guard parallel > 1, items.count > 1 else { items.forEach(body); return }
        let next = NSLock()
        nonisolated(unsafe) var index = 0
        let group = DispatchGroup()
        for _ in 0..<min(parallel, items.count) {
            group.enter()
            Thread.detachNewThread {
                while true {
                    next.lock(); let i = index; index += 1; next.unlock()
                    guard i < items.count else { break }
                    body(items[i])
                }
                group.leave()
            }
        }
        group.wait()
    }
}
