import ArgumentParser
import ArsredKit
import Foundation

/// The parts of `extract` that decide which inputs this process reads: its shard, and which
/// outputs are already up to date.
extension ExtractCommand {
    /// This process's shard, nil when it reads every input.
    func selectedShard() throws -> Shard? {
        do {
            switch shard {
            case nil:
                if shardCount != nil { throw ShardError("--shard-count needs --shard auto") }
                return nil
            case "auto":
                return try Shard.fromEnvironment(ProcessInfo.processInfo.environment, count: shardCount)
            case let text?:
                if shardCount != nil { throw ShardError("--shard-count goes with --shard auto; --shard \(text) names its count") }
                return try Shard.parse(text)
            }
        } catch let e as ShardError {
            throw ValidationError(e.description)
        }
    }

    /// Whether an input can be skipped: never with --force, nor when this build cannot say what
    /// it would produce (then the worker reports why).
    func resumeCheck() -> (URL, URL) -> Bool {
        guard !force, let producer = try? Producer.current() else { return { _, _ in false } }
        return { file, outDir in Resume.isUpToDate(input: file, outDir: outDir, producer: producer) }
    }
}

extension ExtractCommand {
    /// Reads `files` one after another with `runner`, or `documents` at a time in long-lived
    /// workers, the largest first; each outcome counted and shown as it arrives.
    func read(_ files: [URL], documents: Int, runner: DocumentRunner, options: PipelineOptions, outDir: URL,
              progress: Progress, summary: inout BatchSummary) {
        let pool = documents > 1 && !inProcess && files.count > 1
            ? WorkerPoolRunner(count: min(documents, files.count), executable: URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath(),
                               options: options, outDir: outDir, timeout: WorkerTimeout(seconds: timeoutPerDocument))
            : nil
        let files = pool == nil ? files : BatchOrder.largestFirst(files)
        let lock = NSLock()
        nonisolated(unsafe) var totals = summary
        ParallelBatch.forEach(files, parallel: pool == nil ? 1 : documents) { file in
            // Cancelled: nothing more is started, and what the signal cut short is not counted.
            guard Cancellation.shared.signal == nil else { return }
            lock.lock(); progress.started(file.lastPathComponent); lock.unlock()
            let outcome = (pool ?? runner).run(file: file, outDir: outDir)
            if Cancellation.shared.signal != nil && !outcome.ok { return }
            lock.lock(); defer { lock.unlock() }
            totals.add(outcome)
            if outcome.ok { progress.finished(outcome) } else { progress.failed(file.path, outcome.error ?? "failed") }
        }
        pool?.close()
        summary = totals
    }
}

extension BatchSummary {
    func shardSummary(_ shard: Shard) -> ShardSummary {
        ShardSummary(shard: shard, ok: ok, failed: failed, skipped: skipped, pages: pages, seconds: seconds, failures: failures)
    }
}

extension Progress {
    func skipped(_ path: String) {
        done += 1
        let clear = isTerminal ? "\r\u{1B}[K" : ""
        FileHandle.standardError.write(Data("\(clear)skipped \(path): output up to date\n".utf8))
    }
}
