import Foundation

/// What one shard of a batch did, left in `OUTDIR/.arsred/shard-I-of-N.json` when it ends, so
/// whoever gathers the shared output folder can tell a complete dataset from one with a part
/// missing (never ran, still running, killed) or failed.
public struct ShardSummary: Codable, Sendable, Equatable {
    public var shard: Int
    public var of: Int
    public var ok: Int
    public var failed: Int
    public var skipped: Int
    public var pages: Int
    public var seconds: Double
    /// The inputs that failed, with their cause.
    public var failures: [String]

    public init(shard: Shard, ok: Int, failed: Int, skipped: Int, pages: Int, seconds: Double, failures: [String]) {
        self.shard = shard.index; self.of = shard.count
        self.ok = ok; self.failed = failed; self.skipped = skipped; self.pages = pages
        self.seconds = seconds; self.failures = failures
    }

    /// The hidden folder of an output folder that holds batch records (not dataset documents).
    public static let folderName = ".arsred"

    public static func url(for shard: Shard, in outDir: URL) -> URL {
        outDir.appendingPathComponent(folderName).appendingPathComponent("shard-\(shard.index)-of-\(shard.count).json")
    }

    /// Written atomically, replacing this shard's record of an earlier run.
    public func write(in outDir: URL) throws {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try DocumentWriter.writeAtomically(try e.encode(self) + Data([0x0A]),
                                           to: Self.url(for: try Shard(index: shard, count: of), in: outDir))
    }

    /// One line per shard that is missing or failed, over every shard count that left a record
    /// in `outDir` (none when the folder was not written by shards).
    public static func problems(in outDir: URL) -> [String] {
        let folder = outDir.appendingPathComponent(folderName)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        var counts = Set<Int>(), found: [String: URL] = [:]
        for name in names {
            guard let (_, n) = parseName(name) else { continue }
            counts.insert(n); found[name] = folder.appendingPathComponent(name)
        }
        var lines: [String] = []
        for n in counts.sorted() {
            for i in 0..<n {
                let name = "shard-\(i)-of-\(n).json"
                guard let url = found[name] else {
                    lines.append("shard \(i) of \(n) left no summary (\(folderName)/\(name)): it has not finished, was stopped or never ran")
                    continue
                }
                lines += problems(of: url, shard: i, count: n)
            }
        }
        return lines
    }

    private static func problems(of url: URL, shard i: Int, count n: Int) -> [String] {
        guard let data = try? Data(contentsOf: url), let s = try? JSONDecoder().decode(ShardSummary.self, from: data) else {
            return ["shard \(i) of \(n): \(folderName)/\(url.lastPathComponent) is not a shard summary"]
        }
        guard s.failed > 0 else { return [] }
        let plural = s.failed == 1 ? "input" : "inputs"
        return ["shard \(i) of \(n): \(s.failed) \(plural) failed" + (s.failures.isEmpty ? "" : ": " + s.failures.joined(separator: "; "))]
    }

    /// `shard-I-of-N.json` -> (I, N).
    static func parseName(_ name: String) -> (Int, Int)? {
        guard name.hasPrefix("shard-"), name.hasSuffix(".json") else { return nil }
        let core = name.dropFirst("shard-".count).dropLast(".json".count)
        let parts = core.components(separatedBy: "-of-")
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), n >= 1, (0..<n).contains(i) else { return nil }
        return (i, n)
    }
}
