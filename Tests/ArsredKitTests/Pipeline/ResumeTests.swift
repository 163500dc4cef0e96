import Codecs
import Foundation
import Testing
@testable import ArsredKit

/// Resume: an output made from the same bytes by the same pipeline is left alone, anything
/// else is read again, and a resumed batch ends with exactly the bytes of an uninterrupted one.
@Suite struct ResumeTests {
    static func copyOfPipelines() throws -> URL {
        let copy = try BrokenFiles.folder().appendingPathComponent("pipelines")
        try FileManager.default.copyItem(at: SharedData.checkout.appendingPathComponent("pipelines"), to: copy)
        return copy
    }

    @Test func theFingerprintOfPipelinesChangesWithAnyByteOrName() throws {
        let original = try PipelineResources.fingerprint(of: SharedData.checkout.appendingPathComponent("pipelines"))
        let copy = try Self.copyOfPipelines()
        #expect(try PipelineResources.fingerprint(of: copy) == original)
        #expect(original.count == 64)
        let file = copy.appendingPathComponent("tables.yaml")
        let bytes = try Data(contentsOf: file)
        try (bytes + Data("\n".utf8)).write(to: file)
        let edited = try PipelineResources.fingerprint(of: copy)
        #expect(edited != original)
        try bytes.write(to: file)
        try FileManager.default.moveItem(at: file, to: copy.appendingPathComponent("tables2.yaml"))
        #expect(try PipelineResources.fingerprint(of: copy) != original)
    }

    @Test func aBatchResumedAfterLosingOneOutputRedoesOnlyThatOneAndEndsByteForByteAsAnUninterruptedRun() throws {
        let reference = try BatchRun.reference.get()
        #expect(reference.outputs.count == 3)
        #expect(BatchRun.summary(reference.stderr)?.hasSuffix("; 0 skipped (output up to date)") == true)
        let out = try BrokenFiles.folder().appendingPathComponent("out")
        try FileManager.default.copyItem(at: reference.folder, to: out)

        // The batch stopped before its text-layer report was written: output gone, a temporary file left.
        try FileManager.default.removeItem(at: out.appendingPathComponent("ljungasen-2024.json"))
        try Data("{\"half".utf8).write(to: out.appendingPathComponent(".ljungasen-2024.json.99999.tmp"))
        let kept = ["bjorkviken-2023.json", "malmdalen-2022.json"]
        let before = try kept.map { try BatchRun.identity(out.appendingPathComponent($0)) }

        let second = try BatchRun.arsred(["extract", "--out", out.path, BatchRun.corpus.path])
        #expect(second.status == 0)
        let summary = try #require(BatchRun.summary(second.stderr))
        #expect(summary.hasPrefix("arsred: 1 ok, 0 failed; 11 pages (0 OCR'd)"), "\(summary)")
        #expect(summary.hasSuffix("; 2 skipped (output up to date)"), "\(summary)")
        #expect(second.stderr.contains("skipped \(BatchRun.corpus.path)/bjorkviken-2023.pdf: output up to date"))
        #expect(try kept.map { try BatchRun.identity(out.appendingPathComponent($0)) } == before)
        #expect(try BatchRun.outputs(out) == reference.outputs)
    }

    @Test func outputsStampedWithTheirProducerAreRedoneWhenTheInputOrThePipelinesChange() throws {
        let dir = try BrokenFiles.folder(), out = dir.appendingPathComponent("out")
        let input = dir.appendingPathComponent("ljungasen-2024.pdf")
        try FileManager.default.copyItem(at: BatchRun.corpus.appendingPathComponent("ljungasen-2024.pdf"), to: input)
        func run(_ env: [String: String?] = [:]) throws -> String {
            let r = try BatchRun.arsred(["extract", "--out", out.path, input.path], environment: env)
            #expect(r.status == 0, "\(r.stderr)")
            return BatchRun.summary(r.stderr) ?? r.stderr
        }
        #expect(try run().hasPrefix("arsred: 1 ok"))
        let bytes = try Data(contentsOf: out.appendingPathComponent("ljungasen-2024.json"))
        let written = try DatasetJSON.decode(bytes)
        let producer = try #require(written.producer)
        #expect(producer.tool == "arsred" && producer.version == Producer.toolVersion)
        #expect(producer.pipelinesSha256 == (try PipelineResources.fingerprint(of: SharedData.checkout.appendingPathComponent("pipelines"))))
        #expect(written.source.sha256 == SHA256.hex(try Data(contentsOf: input)))

        let first = try BatchRun.identity(out.appendingPathComponent("ljungasen-2024.json"))
        #expect(try run().hasPrefix("arsred: 0 ok, 0 failed; 0 pages"))
        #expect(try BatchRun.identity(out.appendingPathComponent("ljungasen-2024.json")) == first)
        // --force reads it again: a new file, the same bytes.
        let forced = try BatchRun.arsred(["extract", "--force", "--out", out.path, input.path])
        #expect(BatchRun.summary(forced.stderr)?.hasPrefix("arsred: 1 ok, 0 failed; 11 pages") == true)
        #expect(try BatchRun.identity(out.appendingPathComponent("ljungasen-2024.json")) != first)
        #expect(try Data(contentsOf: out.appendingPathComponent("ljungasen-2024.json")) == bytes)
        // Other pipeline definitions: redone, then up to date under them.
        let pipelines = try Self.copyOfPipelines()
        try (try Data(contentsOf: pipelines.appendingPathComponent("lexicon.yaml")) + Data("\n# edited\n".utf8))
            .write(to: pipelines.appendingPathComponent("lexicon.yaml"))
        #expect(try run(["ARSRED_PIPELINES": pipelines.path]).hasPrefix("arsred: 1 ok, 0 failed; 11 pages"))
        #expect(try run(["ARSRED_PIPELINES": pipelines.path]).hasSuffix("; 1 skipped (output up to date)"))
        // Other input bytes (a byte past %%EOF): redone.
        try (try Data(contentsOf: input) + Data("\n".utf8)).write(to: input)
        #expect(try run(["ARSRED_PIPELINES": pipelines.path]).hasPrefix("arsred: 1 ok, 0 failed; 11 pages"))
        // An output that is not this pipeline's (hand data, no producer): redone.
        try FileManager.default.removeItem(at: out.appendingPathComponent("ljungasen-2024.json"))
        try FileManager.default.copyItem(at: BatchRun.corpus.appendingPathComponent("ljungasen-2024.truth.json"),
                                         to: out.appendingPathComponent("ljungasen-2024.json"))
        #expect(try run().hasPrefix("arsred: 1 ok, 0 failed; 11 pages"))
    }
}
