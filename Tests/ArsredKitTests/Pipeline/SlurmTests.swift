import Foundation
import Testing
@testable import ArsredKit

/// A real Slurm job array: `scripts/slurm-local` installs Debian's Slurm and MUNGE, starts a
/// one-node cluster on this machine, runs deploy/slurm/extract.sbatch as `--array=0-2` over
/// corpus/ and stops its daemons. The union of the three shards equals one process's run.
@Suite struct SlurmTests {
    /// Installing and running daemons needs root (or sudo); CI always runs it.
    static var canRun: Bool {
        ProcessInfo.processInfo.environment["CI"] == "true" || getuid() == 0
            || FileManager.default.isExecutableFile(atPath: "/usr/bin/sudo")
    }

    @Test(.enabled(if: canRun, "needs root or sudo to install and start Slurm"))
    func aJobArrayOfThreeShardsWritesExactlyWhatOneProcessWrites() throws {
        let reference = try BatchRun.reference.get()
        let out = try BrokenFiles.folder().appendingPathComponent("slurm-out")
        let p = Process()
        p.executableURL = SharedData.checkout.appendingPathComponent("scripts/slurm-local")
        p.arguments = ["--arsred", ExtractCommandTests.executable.path, BatchRun.corpus.path, out.path]
        let stdout = Pipe(), stderr = Pipe()
        p.standardOutput = stdout; p.standardError = stderr
        try p.run()
        // Read both to the end in parallel: either may fill its pipe while the other is read.
        nonisolated(unsafe) var errText = ""
        let readErr = Thread { errText = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self) }
        readErr.start()
        let outText = String(decoding: stdout.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        while !readErr.isFinished { usleep(10_000) }
        #expect(p.terminationStatus == 0, "\(errText)")

        #expect(try BatchRun.outputs(out) == reference.outputs)
        #expect(try BatchRun.entries(out.appendingPathComponent(".arsred")) == ["shard-0-of-3.json", "shard-1-of-3.json", "shard-2-of-3.json"])
        for i in 0..<3 {
            let s = try JSONDecoder().decode(ShardSummary.self, from: Data(contentsOf: out.appendingPathComponent(".arsred/shard-\(i)-of-3.json")))
            #expect(s.ok == 1 && s.failed == 0 && s.skipped == 0, "shard \(i): \(s)")
        }
        #expect(ShardSummary.problems(in: out).isEmpty)
        #expect(try BatchRun.entries(out).filter { $0.hasSuffix(".tmp") }.isEmpty)

        // The daemons it started are gone.
        let line = try #require(outText.split(separator: "\n").first { $0.hasPrefix("started pids: ") })
        let pids = line.dropFirst("started pids: ".count).split(separator: " ").compactMap { Int32($0) }
        #expect(pids.count == 3)
        for pid in pids { #expect(!Self.isRunning(pid), "pid \(pid) still running") }
    }

    /// Exists and is not a zombie (exited, waiting for whichever process reaps orphans here).
    static func isRunning(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return false }
        return stat[stat.index(close, offsetBy: 2)...].first != "Z"
    }
}
