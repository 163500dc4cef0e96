import Foundation

/// One of N disjoint parts of a batch's inputs, so N processes (on N machines) together read
/// every input exactly once. Parts are 0-based, as Slurm array and Kubernetes indices are.
public struct Shard: Sendable, Equatable, CustomStringConvertible {
    public let index: Int
    public let count: Int

    public init(index: Int, count: Int) throws {
        guard count >= 1 else { throw ShardError("the number of shards must be at least 1, not \(count)") }
        guard (0..<count).contains(index) else {
            throw ShardError("shard \(index) does not exist among \(count) (shards are numbered 0 to \(count - 1))")
        }
        self.index = index; self.count = count
    }

    public var description: String { "\(index)/\(count)" }

    /// `I/N`, as given to `--shard`.
    public static func parse(_ text: String) throws -> Shard {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]) else {
            throw ShardError("--shard takes I/N (this process's part I of N, from 0) or auto, not '\(text)'")
        }
        return try Shard(index: i, count: n)
    }

    /// The shard of a Slurm job array task (`SLURM_ARRAY_TASK_ID` counted from
    /// `SLURM_ARRAY_TASK_MIN` in steps of `SLURM_ARRAY_TASK_STEP`, of `SLURM_ARRAY_TASK_COUNT`),
    /// or of a Kubernetes Indexed Job's pod (`JOB_COMPLETION_INDEX` of `count`, given by
    /// `--shard-count` since Kubernetes does not pass the number of completions).
    public static func fromEnvironment(_ env: [String: String], count: Int?) throws -> Shard {
        if let id = env["SLURM_ARRAY_TASK_ID"] {
            guard let task = Int(id), let n = env["SLURM_ARRAY_TASK_COUNT"].flatMap(Int.init) else {
                throw ShardError("--shard auto: SLURM_ARRAY_TASK_ID=\(id) needs a numeric SLURM_ARRAY_TASK_COUNT (is this a job array?)")
            }
            let first = env["SLURM_ARRAY_TASK_MIN"].flatMap(Int.init) ?? 0
            let step = max(1, env["SLURM_ARRAY_TASK_STEP"].flatMap(Int.init) ?? 1)
            if let count, count != n {
                throw ShardError("--shard-count \(count) disagrees with the job array's SLURM_ARRAY_TASK_COUNT=\(n)")
            }
            return try Shard(index: (task - first) / step, count: n)
        }
        if let index = env["JOB_COMPLETION_INDEX"] {
            guard let i = Int(index) else { throw ShardError("--shard auto: JOB_COMPLETION_INDEX=\(index) is not a number") }
            guard let count else {
                throw ShardError("--shard auto: JOB_COMPLETION_INDEX is set; give the Job's completions as --shard-count N")
            }
            return try Shard(index: i, count: count)
        }
        throw ShardError("--shard auto: neither SLURM_ARRAY_TASK_ID/SLURM_ARRAY_TASK_COUNT (a Slurm job array) nor JOB_COMPLETION_INDEX (a Kubernetes Indexed Job, with --shard-count N) is set")
    }

    /// This shard's inputs. The output names (stems) of all inputs, sorted, are dealt out in
    /// turn (the k-th to shard k mod N), each with every input of that name sorted by path; so
    /// parts are disjoint, cover everything, hold nearly as many inputs each, and inputs that
    /// would write the same output land in the same part (where the batch reports the clash
    /// instead of two machines racing to write one file).
    public func select(_ files: [URL]) -> [URL] {
        let byStem = Dictionary(grouping: files, by: Self.stem)
        let stems = byStem.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        return stems.enumerated().filter { $0.offset % count == index }.flatMap { _, stem in
            byStem[stem, default: []].sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        }
    }

    private static func stem(_ url: URL) -> String { url.deletingPathExtension().lastPathComponent }
}

public struct ShardError: Error, CustomStringConvertible, Equatable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
