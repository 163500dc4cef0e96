import Foundation
import Testing
@testable import ArsredKit

/// Shards: N disjoint parts chosen the same way everywhere, picked from the environment of a
/// Slurm job array or a Kubernetes Indexed Job, written into one shared folder, each leaving a
/// summary that `export` checks.
@Suite struct ShardTests {
    static let files = ["b/x-2023.pdf", "a/y-2022.pdf", "c/x-2023.txt", "a/z-2021.pdf", "d/w-2024.pdf",
                        "a/v-2020.pdf", "e/u-2019.txt"].map { URL(fileURLWithPath: "/in/" + $0) }

    @Test func partsAreDisjointCoverEveryInputAndKeepInputsOfOneOutputNameTogether() throws {
        for n in 1...4 {
            let parts = try (0..<n).map { try Shard(index: $0, count: n).select(Self.files) }
            let all = parts.flatMap { $0 }
            #expect(all.count == Self.files.count)
            #expect(Set(all) == Set(Self.files))
            #expect((parts.map(\.count).max() ?? 0) - (parts.map(\.count).min() ?? 0) <= 2)
            let holdingX = parts.filter { $0.contains { $0.deletingPathExtension().lastPathComponent == "x-2023" } }
            #expect(holdingX.count == 1 && holdingX[0].filter { $0.lastPathComponent.hasPrefix("x-2023") }.count == 2)
        }
        // The order inputs are named in does not matter.
        let shard = try Shard(index: 1, count: 3)
        #expect(shard.select(Self.files) == shard.select(Self.files.reversed()))
        #expect(shard.select(Self.files).map(\.lastPathComponent) == ["v-2020.pdf", "y-2022.pdf"])
    }

    @Test func shardsAreParsedOrRefusedWithTheReason() throws {
        #expect(try Shard.parse("2/5") == Shard(index: 2, count: 5))
        #expect(throws: ShardError("--shard takes I/N (this process's part I of N, from 0) or auto, not '2'")) { try Shard.parse("2") }
        #expect(throws: ShardError("shard 3 does not exist among 3 (shards are numbered 0 to 2)")) { try Shard.parse("3/3") }
        #expect(throws: ShardError("the number of shards must be at least 1, not 0")) { try Shard.parse("0/0") }
    }

    @Test func autoReadsASlurmArrayOrAKubernetesIndexedJob() throws {
        #expect(try Shard.fromEnvironment(["SLURM_ARRAY_TASK_ID": "2", "SLURM_ARRAY_TASK_COUNT": "3"], count: nil) == Shard(index: 2, count: 3))
        // --array=1-7:3 runs tasks 1, 4, 7.
        #expect(try Shard.fromEnvironment(["SLURM_ARRAY_TASK_ID": "7", "SLURM_ARRAY_TASK_COUNT": "3", "SLURM_ARRAY_TASK_MIN": "1",
                                           "SLURM_ARRAY_TASK_STEP": "3"], count: nil) == Shard(index: 2, count: 3))
        #expect(try Shard.fromEnvironment(["JOB_COMPLETION_INDEX": "4"], count: 5) == Shard(index: 4, count: 5))
        #expect(throws: ShardError("--shard auto: JOB_COMPLETION_INDEX is set; give the Job's completions as --shard-count N")) {
            try Shard.fromEnvironment(["JOB_COMPLETION_INDEX": "4"], count: nil)
        }
        #expect(throws: ShardError("--shard-count 4 disagrees with the job array's SLURM_ARRAY_TASK_COUNT=3")) {
            try Shard.fromEnvironment(["SLURM_ARRAY_TASK_ID": "0", "SLURM_ARRAY_TASK_COUNT": "3"], count: 4)
        }
        #expect(throws: ShardError("--shard auto: neither SLURM_ARRAY_TASK_ID/SLURM_ARRAY_TASK_COUNT (a Slurm job array) nor JOB_COMPLETION_INDEX (a Kubernetes Indexed Job, with --shard-count N) is set")) {
            try Shard.fromEnvironment(["SLURM_JOB_ID": "12"], count: 3)
        }
    }

    @Test func theSummariesOfAFolderNameEachShardMissingOrFailed() throws {
        let out = try BrokenFiles.folder()
        #expect(ShardSummary.problems(in: out).isEmpty)
        try ShardSummary(shard: Shard(index: 0, count: 3), ok: 2, failed: 0, skipped: 1, pages: 20, seconds: 1.5, failures: []).write(in: out)
        try ShardSummary(shard: Shard(index: 2, count: 3), ok: 1, failed: 1, skipped: 0, pages: 11, seconds: 2,
                         failures: ["/in/t.pdf: truncated PDF"]).write(in: out)
        #expect(ShardSummary.problems(in: out) == [
            "shard 1 of 3 left no summary (.arsred/shard-1-of-3.json): it has not finished, was stopped or never ran",
            "shard 2 of 3: 1 input failed: /in/t.pdf: truncated PDF",
        ])
        let read = try JSONDecoder().decode(ShardSummary.self, from: Data(contentsOf: out.appendingPathComponent(".arsred/shard-0-of-3.json")))
        #expect(read.ok == 2 && read.skipped == 1 && read.pages == 20 && read.seconds == 1.5)
    }

    @Test func shardsOverOneFolderEqualAOneProcessRunAndExportNamesAMissingShard() throws {
        let reference = try BatchRun.reference.get()
        let out = try BrokenFiles.folder().appendingPathComponent("out")
        let first = try BatchRun.arsred(["extract", "--shard", "0/2", "--out", out.path, BatchRun.corpus.path])
        #expect(first.status == 0)
        let summary0 = try JSONDecoder().decode(ShardSummary.self, from: Data(contentsOf: out.appendingPathComponent(".arsred/shard-0-of-2.json")))
        #expect(summary0.ok == 2 && summary0.failed == 0 && summary0.skipped == 0)
        #expect(summary0.pages == 23)  // bjorkviken (11) and malmdalen (12): the 1st and 3rd by name

        let export = try BrokenFiles.folder().appendingPathComponent("d.jsonl")
        let partial = try BatchRun.arsred(["export", "--format", "jsonl", "--to", export.path, out.path])
        #expect(partial.status == 1)
        #expect(partial.stderr.contains("arsred export: incomplete: shard 1 of 2 left no summary (.arsred/shard-1-of-2.json)"))
        #expect(FileManager.default.fileExists(atPath: export.path))

        // The second shard with the job-array environment.
        let second = try BatchRun.arsred(["extract", "--shard", "auto", "--out", out.path, BatchRun.corpus.path],
                                          environment: ["SLURM_ARRAY_TASK_ID": "1", "SLURM_ARRAY_TASK_COUNT": "2"])
        #expect(second.status == 0)
        #expect(BatchRun.summary(second.stderr)?.hasPrefix("arsred: 1 ok, 0 failed; 11 pages") == true)
        #expect(try BatchRun.outputs(out) == reference.outputs)
        #expect(try BatchRun.entries(out.appendingPathComponent(".arsred")) == ["shard-0-of-2.json", "shard-1-of-2.json"])
        #expect(try BatchRun.entries(out).filter { $0.hasSuffix(".tmp") }.isEmpty)
        let complete = try BatchRun.arsred(["export", "--format", "jsonl", "--to", export.path, out.path])
        #expect(complete.status == 0)
        #expect(!complete.stderr.contains("incomplete"))
    }

    /// The Kubernetes manifest's contract: an Indexed Job whose --shard-count is its completions,
    /// and a pod's index (here the last, which finds no input among corpus/'s three) honoured.
    @Test func theIndexedJobManifestPassesItsCompletionsAsTheShardCount() throws {
        let manifest = try String(contentsOf: SharedData.checkout.appendingPathComponent("deploy/k8s-indexed-job.yaml"), encoding: .utf8)
        #expect(manifest.contains("completionMode: Indexed"))
        func number(after marker: String) -> Int? {
            manifest.range(of: marker).flatMap { Int(manifest[$0.upperBound...].prefix { $0.isNumber }) }
        }
        let completions = try #require(number(after: "\n  completions: "))
        let shardCount = try #require(number(after: "\"--shard-count\", \""))
        #expect(shardCount == completions)
        #expect(manifest.contains("persistentVolumeClaim"))
        let out = try BrokenFiles.folder()
        let r = try BatchRun.arsred(["extract", "--shard", "auto", "--shard-count", String(shardCount), "--out", out.path, BatchRun.corpus.path],
                                    environment: ["SLURM_ARRAY_TASK_ID": nil, "JOB_COMPLETION_INDEX": String(completions - 1)])
        #expect(r.status == 0, "\(r.stderr)")
        let summary = try JSONDecoder().decode(ShardSummary.self, from: Data(contentsOf: ShardSummary.url(
            for: Shard(index: completions - 1, count: completions), in: out)))
        #expect(summary.ok == 0 && summary.failed == 0 && summary.pages == 0)
        #expect(ShardSummary.problems(in: out).count == completions - 1)
    }

    @Test func shardAutoWithoutAnArrayOrIndexIsAUsageError() throws {
        let out = try BrokenFiles.folder()
        let none = try BatchRun.arsred(["extract", "--shard", "auto", "--out", out.path, BatchRun.corpus.path],
                                        environment: ["SLURM_ARRAY_TASK_ID": nil, "JOB_COMPLETION_INDEX": nil])
        #expect(none.status == 2)
        #expect(none.stderr.contains("--shard auto: neither SLURM_ARRAY_TASK_ID/SLURM_ARRAY_TASK_COUNT"))
        let noCount = try BatchRun.arsred(["extract", "--shard", "auto", "--out", out.path, BatchRun.corpus.path],
                                           environment: ["SLURM_ARRAY_TASK_ID": nil, "JOB_COMPLETION_INDEX": "1"])
        #expect(noCount.status == 2)
        #expect(noCount.stderr.contains("give the Job's completions as --shard-count N"))
        #expect(try BatchRun.arsred(["extract", "--shard", "1/x", BatchRun.corpus.path]).status == 2)
        #expect(try BatchRun.entries(out).isEmpty)
    }
}
