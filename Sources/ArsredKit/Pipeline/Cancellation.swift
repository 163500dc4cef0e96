import Foundation

/// SIGINT and SIGTERM stop a batch: the running workers are killed (they sit in process groups of
/// their own, so a signal to `arsred` alone would not reach them), their temporary files go, and
/// the batch reports what was done and exits 128 + the signal (130, 143).
public final class Cancellation: @unchecked Sendable {
    public static let shared = Cancellation()

    private let lock = NSLock()
    private var workers: Set<pid_t> = []
    private var caught: Int32?
    private var inProcess: (@Sendable (Int32) -> Void)?

    /// The signal that cancelled the batch, nil while it runs.
    public var signal: Int32? { lock.lock(); defer { lock.unlock() }; return caught }
    public var exitStatus: Int32 { 128 + (signal ?? 0) }
    public static func name(_ signal: Int32) -> String { signal == SIGINT ? "SIGINT" : signal == SIGTERM ? "SIGTERM" : "signal \(signal)" }

    /// Catches SIGINT and SIGTERM from now on. `inProcess`, when given, is called instead of
    /// waiting for a worker: the work runs on this process's own threads and cannot be waited for.
    /// The handler only writes the signal's number to a pipe (all a handler may safely do); a
    /// thread of its own reads it and stops the batch.
    public func install(inProcess: (@Sendable (Int32) -> Void)? = nil) {
        lock.lock()
        self.inProcess = inProcess
        lock.unlock()
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { return }
        Self.signalPipe = fds[1]
        for s in [SIGINT, SIGTERM] {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { number in
                var byte = UInt8(truncatingIfNeeded: number)
                _ = write(Cancellation.signalPipe, &byte, 1)
            }
            action.sa_flags = SA_RESTART  // reads and waits in progress go on, not fail with EINTR
            sigaction(s, &action, nil)
        }
        // A parent may have started us with these blocked (a test runner's thread does): a
        // blocked signal would wait for ever.
        var wanted = sigset_t()
        sigemptyset(&wanted); sigaddset(&wanted, SIGINT); sigaddset(&wanted, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &wanted, nil)
        let reader = fds[0]
        Thread.detachNewThread { [self] in
            var byte: UInt8 = 0
            while read(reader, &byte, 1) == 1 { cancel(Int32(byte)) }
        }
    }

    nonisolated(unsafe) private static var signalPipe: Int32 = -1

    /// A worker process now reading a document (false: the batch is cancelled, kill it). The
    /// runner waiting for it removes what a killed worker leaves (`DocumentWriter.removeTemporaries`).
    func started(_ pid: pid_t) -> Bool {
        lock.lock(); defer { lock.unlock() }
        guard caught == nil else { return false }
        workers.insert(pid)
        return true
    }

    func finished(_ pid: pid_t) { lock.lock(); workers.remove(pid); lock.unlock() }

    private func cancel(_ s: Int32) {
        lock.lock()
        let first = caught == nil
        if first { caught = s }
        let running = workers
        let direct = inProcess
        lock.unlock()
        // The runner that waits for a killed worker removes its temporary file.
        for pid in running { kill(pid, SIGKILL) }
        if first, let direct { direct(s) }
    }
}

/// The per-document time limit: a worker still running after it is killed and named.
public struct WorkerTimeout: Sendable {
    /// 10 minutes: the slowest scanned report of the corpora reads in under 2 at `--jobs 1`.
    public static let defaultSeconds = 600.0
    public var seconds: Double
    public init(seconds: Double = WorkerTimeout.defaultSeconds) { self.seconds = seconds }

    /// Kills `pid` once `seconds` have passed unless `stop()` is called on the returned guard first.
    func watch(_ pid: pid_t) -> Watch {
        let watch = Watch()
        DispatchQueue.global().asyncAfter(deadline: .now() + seconds) { watch.expire(pid) }
        return watch
    }

    final class Watch: @unchecked Sendable {
        private let lock = NSLock()
        private var stopped = false
        private(set) var expired = false
        func expire(_ pid: pid_t) {
            lock.lock(); defer { lock.unlock() }
            guard !stopped else { return }
            expired = true
            kill(pid, SIGKILL)
        }
        /// Whether the time ran out.
        func stop() -> Bool { lock.lock(); defer { lock.unlock() }; stopped = true; return expired }
    }
}

/// What a worker wrote on stderr, read while it runs; for a crash, the one line that says why
/// (Swift's "Fatal error: ..."), never the backtrace.
final class WorkerStderr: @unchecked Sendable {
    /// Enough for any message; the rest (a runaway library) is dropped.
    static let keptBytes = 64 << 10
    private let done = DispatchSemaphore(value: 0)
    private var data = Data()

    init(_ pipe: Pipe) {
        DispatchQueue.global().async { [self] in
            let handle = pipe.fileHandleForReading
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                if data.count < Self.keptBytes { data.append(chunk.prefix(Self.keptBytes - data.count)) }
            }
            done.signal()
        }
    }

    /// The cause of a crash as the worker printed it, nil when it printed none.
    func crashCause() -> String? {
        done.wait()
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n")
        guard let fatal = lines.first(where: { $0.contains("Fatal error") }) else { return nil }
        let text = fatal.range(of: "Fatal error").map { String(fatal[$0.lowerBound...]) } ?? String(fatal)
        return text.trimmingCharacters(in: .whitespaces)
    }
}
