import Foundation
import Testing
@testable import ArsredKit

/// The whole pipeline over ../shared/corpus-dev and ../shared/samples, scored by the release
/// scorer (../shared/tools/score.py) against the bars of the issues. Extracted once per test run.
enum CorpusRun {
    struct Run: Sendable { let out: URL; let outcomes: [DocumentOutcome] }

    static let shared: Run? = {
        guard SharedData.available else { return nil }
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("arsred-corpus-\(UUID().uuidString)")
        let runner = InProcessRunner(options: PipelineOptions(jobs: 2))
        let (files, _) = InputDiscovery.files(from: [SharedData.root.appendingPathComponent("corpus-dev").path,
                                                    SharedData.root.appendingPathComponent("samples").path])
        return Run(out: out, outcomes: files.map { runner.run(file: $0, outDir: out) })
    }()

    /// One category line of the scorer: truth, output, correct.
    struct Tally { var truth = 0, output = 0, correct = 0
        var recall: Double { truth == 0 ? 1 : Double(correct) / Double(truth) }
        var precision: Double { output == 0 ? 1 : Double(correct) / Double(output) }
    }
    struct Score { var categories: [String: Tally] = [:]; var silent: Int?
        /// The categories `names` added up; each must be on the scorer's report (a missing line
        /// is a failure, not a recall of 1).
        func sum(_ names: [String]) throws -> Tally {
            try names.map { try #require(categories[$0], "the scorer reported no \($0) line") }.reduce(into: Tally()) {
                $0.truth += $1.truth; $0.output += $1.output; $0.correct += $1.correct
            }
        }
    }

    /// The scorer's table categories of the truth files `stems`: their table ids, `notes` for `note_N`.
    static func tableCategories(truthFolder: URL, stems: [String]) throws -> [String] {
        var out = Set<String>()
        for s in stems {
            // Read loosely: a hand-made truth file may leave out what the scorer does not read.
            let truth = try JSONSerialization.jsonObject(with: Data(contentsOf: truthFolder.appendingPathComponent("\(s).truth.json"))) as? [String: Any]
            for case let id as String in (truth?["tables"] as? [[String: Any]] ?? []).map({ $0["id"] }) {
                out.insert(id.hasPrefix("note_") ? "notes" : id)
            }
        }
        return out.sorted()
    }

    /// Scores the outputs of the truth files `stems` (taken from `truthFolder`).
    static func score(_ run: Run, truthFolder: URL, stems: [String]) throws -> Score {
        let truth = FileManager.default.temporaryDirectory.appendingPathComponent("arsred-truth-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: truth, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: truth) }
        for s in stems {
            try FileManager.default.createSymbolicLink(at: truth.appendingPathComponent("\(s).truth.json"),
                                                       withDestinationURL: truthFolder.appendingPathComponent("\(s).truth.json"))
        }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", SharedData.root.appendingPathComponent("tools/score.py").path, truth.path, run.out.path]
        let pipe = Pipe()
        p.standardOutput = pipe
        try p.run()
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        try #require(p.terminationStatus == 0, "score.py exited \(p.terminationStatus):\n\(text)")
        var score = Score()
        for line in text.split(separator: "\n") {
            let f = line.split(separator: " ", omittingEmptySubsequences: true)
            if f.count == 6, let t = Int(f[1]), let o = Int(f[2]), let c = Int(f[3]) {
                score.categories[String(f[0])] = Tally(truth: t, output: o, correct: c)
            }
            if let r = line.range(of: "silent=") {
                score.silent = Int(line[r.upperBound...].prefix { $0.isNumber })
            }
        }
        print("score of \(stems.joined(separator: ", ")):\n\(text)")
        return score
    }

    static func truthStems(textLayerOnly: Bool) throws -> [String] {
        let folder = SharedData.root.appendingPathComponent("corpus-dev")
        return try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".truth.json") }.sorted()
            .compactMap { name in
                let json = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent(name))) as! [String: Any]
                let pages = (json["source"] as! [String: Any])["pages"] as! [[String: Any]]
                let textOnly = pages.allSatisfy { $0["method"] as? String == "text-layer" }
                return textOnly == textLayerOnly ? String(name.dropLast(".truth.json".count)) : nil
            }
    }
}

@Suite(.serialized, .enabled(if: SharedData.available, "needs ../shared")) struct CorpusEndToEndTests {
    private func corpusRun() throws -> CorpusRun.Run { try #require(CorpusRun.shared) }

    @Test func everyInputGivesADocument() throws {
        let run = try corpusRun()
        #expect(run.outcomes.count >= 9)   // corpus-dev and the samples; more samples may come
        for o in run.outcomes { #expect(o.ok, "\(o.file): \(o.error ?? "")") }
    }

    @Test func everyPageIsReadTheWayTheTruthSays() throws {
        let run = try corpusRun()
        let folder = SharedData.root.appendingPathComponent("corpus-dev")
        let truths = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".truth.json") }
        try #require(!truths.isEmpty, "no truth files in \(folder.path)")
        for name in truths {
            let stem = String(name.dropLast(".truth.json".count))
            func methods(_ url: URL) throws -> [String] {
                let json = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
                return ((json["source"] as! [String: Any])["pages"] as! [[String: Any]]).map { $0["method"] as! String }
            }
            #expect(try methods(run.out.appendingPathComponent("\(stem).json")) == methods(folder.appendingPathComponent(name)), "\(stem)")
        }
    }

    /// Tables, metadata and signatures of the dev reports `stems` against the issue's bars.
    private func expectBars(_ run: CorpusRun.Run, stems: [String], figures: Int, recall: Double, precision: Double) throws {
        let truthFolder = SharedData.root.appendingPathComponent("corpus-dev")
        let s = try CorpusRun.score(run, truthFolder: truthFolder, stems: stems)
        let tables = try s.sum(CorpusRun.tableCategories(truthFolder: truthFolder, stems: stems))
        #expect(tables.truth > figures)
        #expect(tables.recall >= recall && tables.precision >= precision)
        #expect(try s.sum(["meta"]).recall >= 0.95 && s.sum(["signature"]).recall >= 0.95)
        #expect(s.silent == 0)
    }

    @Test func textLayerReportsMeetTheBars() throws {
        let run = try corpusRun()
        try expectBars(run, stems: CorpusRun.truthStems(textLayerOnly: true), figures: 300, recall: 0.98, precision: 0.99)
    }

    @Test func scannedAndMixedReportsMeetTheBars() throws {
        let run = try corpusRun()
        try expectBars(run, stems: CorpusRun.truthStems(textLayerOnly: false), figures: 1000, recall: 0.95, precision: 0.98)
    }

    @Test func surveysMeetTheBars() throws {
        let run = try corpusRun()
        let stems = try CorpusRun.truthStems(textLayerOnly: true) + CorpusRun.truthStems(textLayerOnly: false)
        let s = try CorpusRun.score(run, truthFolder: SharedData.root.appendingPathComponent("corpus-dev"), stems: stems)
        let pct = try s.sum(["survey_pct"]), n = try s.sum(["survey_n"])
        #expect(pct.truth > 400 && n.truth > 90)
        // Issue 9's bars.
        #expect(pct.recall >= 0.97 && pct.precision >= 0.995)
        #expect(n.recall >= 0.99)
    }

    @Test func theOCRTextSampleMeetsTheBars() throws {
        let run = try corpusRun()
        let samples = SharedData.root.appendingPathComponent("samples")
        let s = try CorpusRun.score(run, truthFolder: samples, stems: ["hoglandet-2023"])
        let tables = try s.sum(CorpusRun.tableCategories(truthFolder: samples, stems: ["hoglandet-2023"]))
        #expect(tables.truth > 100)
        #expect(tables.recall >= 0.90 && tables.precision >= 0.97)
        #expect(try s.sum(["survey_printed"]).recall >= 0.80)
        #expect(try s.sum(["meta"]).recall >= 0.95 && s.sum(["signature"]).recall >= 0.95)
        #expect(s.silent == 0)
    }
}
