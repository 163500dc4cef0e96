import Foundation
import Testing
@testable import ArsredKit

/// Documents in parallel in long-lived workers: the same bytes as one document at a time, a
/// worker kept from one document to the next, and a crash costing only its document.
@Suite struct WorkerPoolTests {
    /// A stand-in worker: answers each request with an outcome carrying its own pid (in
    /// `error`), and dies of SIGSEGV on a path holding "crash", as a crash in poppler would.
    static func fakeWorker() throws -> URL {
        let worker = try BrokenFiles.folder().appendingPathComponent("fake-worker")
        try Data(#"""
            #!/bin/sh
            while read -r line; do
                case "$line" in *crash*) kill -SEGV $$ ;; *hang*) printf '{' > "${0%/*}/.hang.json.$$.tmp"; sleep 60 ;; esac
                file=${line#[}; file=${file%]}
                echo "{\"file\":$file,\"ok\":true,\"error\":\"$$\",\"pages\":1,\"ocrPages\":0,\"seconds\":0,\"stageSeconds\":{}}"
            done
            """#.utf8).write(to: worker)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: worker.path)
        return worker
    }

    @Test func aWorkerServesDocumentsUntilOneCrashesItAndOnlyThatOneFails() throws {
        let pool = WorkerPoolRunner(count: 1, executable: try Self.fakeWorker(), options: PipelineOptions(jobs: 1), outDir: URL(fileURLWithPath: "/tmp"))
        defer { pool.close() }
        let names = ["a.pdf", "b.pdf", "crash.pdf", "c.pdf"].map { URL(fileURLWithPath: "/in/" + $0) }
        let outcomes = names.map { pool.run(file: $0, outDir: URL(fileURLWithPath: "/tmp")) }
        #expect(outcomes.map(\.ok) == [true, true, false, true])
        #expect(outcomes[0].error == outcomes[1].error)          // the same worker process
        #expect(outcomes[2].error == "crashed (signal 11) while being read; nothing written for it")
        #expect(outcomes[3].error != outcomes[0].error)          // a fresh one after the crash
        #expect(outcomes.map(\.file) == names.map(\.path))
    }

    @Test func aDocumentPastTheTimeLimitLosesItsWorkerAndTheNextGetsAFreshOne() throws {
        let worker = try Self.fakeWorker(), dir = worker.deletingLastPathComponent()
        let pool = WorkerPoolRunner(count: 1, executable: worker, options: PipelineOptions(jobs: 1), outDir: dir,
                                    timeout: WorkerTimeout(seconds: 1))
        defer { pool.close() }
        let names = ["a.pdf", "hang.pdf", "b.pdf"].map { URL(fileURLWithPath: "/in/" + $0) }
        let outcomes = names.map { pool.run(file: $0, outDir: dir) }
        #expect(outcomes.map(\.ok) == [true, false, true])
        #expect(outcomes[1].error == "stopped after 1 s (--timeout-per-document); nothing written for it")
        #expect(outcomes[2].error != outcomes[0].error)          // a fresh worker after the kill
        // What the killed worker had begun to write is gone.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["fake-worker"])
    }

    @Test func documentsReadTwoAtATimeGiveTheBytesOfAOneProcessRun() throws {
        let reference = try BatchRun.reference.get()
        let out = try BrokenFiles.folder().appendingPathComponent("out")
        let r = try BatchRun.arsred(["extract", "--documents", "2", "--jobs", "1", "--out", out.path, BatchRun.corpus.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(BatchRun.summary(r.stderr)?.hasPrefix("arsred: 3 ok, 0 failed; 34 pages") == true)
        #expect(try BatchRun.outputs(out) == reference.outputs)
        #expect(try BatchRun.entries(out).filter { $0.hasPrefix(".") }.isEmpty)
    }
}
