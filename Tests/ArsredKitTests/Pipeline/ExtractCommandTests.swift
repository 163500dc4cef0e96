import Foundation
import Testing
@testable import ArsredKit

/// `arsred extract` as a user runs it: the built executable, a batch mixing broken files with
/// good ones, exact messages on stderr, exit status, and what is (not) written.
@Suite struct ExtractCommandTests {
    /// The `arsred` executable built beside this test bundle.
    static var executable: URL {
        let dir = Bundle.main.bundleURL.pathExtension == "xctest" ? Bundle.main.bundleURL.deletingLastPathComponent()
            : URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        return dir.appendingPathComponent("arsred")
    }

    struct Result { var status: Int32; var stderr: String }

    /// Runs `arsred args` to its end; `environment` adds to this process's, `directory` is its working folder.
    static func arsred(_ args: [String], environment: [String: String] = [:], directory: URL? = nil) throws -> Result {
        let r = try BatchRun.arsred(args, environment: environment.mapValues { Optional($0) }, directory: directory)
        return Result(status: r.status, stderr: r.stderr)
    }

    static var sampleCorpus: URL { SharedData.checkout.appendingPathComponent("corpus") }

    @Test func brokenFilesAreNamedWithTheirCauseAndTheGoodOnesAreWritten() throws {
        #expect(FileManager.default.isExecutableFile(atPath: Self.executable.path), "\(Self.executable.path)")
        let dir = try BrokenFiles.folder(), inputs = dir.appendingPathComponent("in"), out = dir.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: inputs, withIntermediateDirectories: true)
        let good = try Data(contentsOf: Self.sampleCorpus.appendingPathComponent("ljungasen-2024.pdf"))
        try good.write(to: inputs.appendingPathComponent("ljungasen-2024.pdf"))
        try Data("hello\n".utf8).write(to: inputs.appendingPathComponent("not-a-pdf.pdf"))
        try good.prefix(20_000).write(to: inputs.appendingPathComponent("truncated.pdf"))
        try BrokenFiles.zeroPagePDF.write(to: inputs.appendingPathComponent("zero-pages.pdf"))
        try EncryptedPDF.data.write(to: inputs.appendingPathComponent("encrypted.pdf"))
        try Data().write(to: inputs.appendingPathComponent("empty.txt"))
        try Data([0x7F, 0x45, 0x4C, 0x46, 0, 0, 0, 1, 2, 0xFF, 0xFE, 0]).write(to: inputs.appendingPathComponent("binary.txt"))
        let ocrText = "Samordningsförbundet Ljungåsen\nÅrsredovisning 2024\n\u{0C}Resultaträkning\n"
        try Data(ocrText.utf8).write(to: inputs.appendingPathComponent("pages.txt"))
        let missing = dir.appendingPathComponent("missing.pdf").path

        let r = try Self.arsred(["extract", "--out", out.path, inputs.path, missing])
        #expect(r.status == 1)
        let failed = r.stderr.split(separator: "\n").filter { $0.hasPrefix("failed") }.map(String.init).sorted()
        #expect(failed == [
            "failed  \(missing): no such file or folder",
            "failed  \(inputs.path)/binary.txt: not a text file (binary content)",
            "failed  \(inputs.path)/empty.txt: empty text file",
            "failed  \(inputs.path)/encrypted.pdf: encrypted PDF (password-protected)",
            "failed  \(inputs.path)/not-a-pdf.pdf: not a PDF (the file does not start with %PDF-)",
            "failed  \(inputs.path)/truncated.pdf: truncated PDF (the file ends before its %%EOF marker)",
            "failed  \(inputs.path)/zero-pages.pdf: the PDF has no pages",
        ].sorted())
        #expect(r.stderr.contains("arsred: 2 ok, 7 failed; 13 pages (2 OCR'd)"))
        // Only the good inputs have outputs, and nothing half-written is left.
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).sorted() == ["ljungasen-2024.json", "pages.json"])
        let doc = try JSONDecoder().decode(DatasetDocument.self, from: Data(contentsOf: out.appendingPathComponent("ljungasen-2024.json")))
        let hand = try JSONDecoder().decode(DatasetDocument.self,
                                            from: Data(contentsOf: Self.sampleCorpus.appendingPathComponent("ljungasen-2024.truth.json")))
        #expect(doc.organisation == hand.organisation && doc.fiscalYear == hand.fiscalYear)
        // Every figure of the text-layer report, as its hand data has it.
        func figures(_ d: DatasetDocument) -> [String] {
            d.tables.flatMap { t in t.rows.flatMap { r in r.values.entries.map { "\(t.id)/\(r.key)/\($0.column)=\($0.value)" } } }.sorted()
        }
        #expect(figures(doc).count > 150)
        #expect(figures(doc) == figures(hand))
    }

    @Test func missingTesseractDataNamesTheFileAndTheCause() throws {
        let out = try BrokenFiles.folder()
        let scanned = Self.sampleCorpus.appendingPathComponent("bjorkviken-2023.pdf").path
        let r = try Self.arsred(["extract", "--out", out.path, "--tessdata", "/nonexistent", scanned])
        // Found once, before any document is read: one line, exit 2.
        #expect(r.status == 2)
        #expect(r.stderr == "arsred: tesseract: cannot load language 'swe+eng' from /nonexistent (needs tesseract-ocr-swe and tesseract-ocr-eng)\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).isEmpty)
    }

    @Test func usageErrorsExitWithTwo() throws {
        #expect(try Self.arsred(["extract"]).status == 2)
        #expect(try Self.arsred(["extract", "--jobs", "0", "x.pdf"]).status == 2)
        #expect(try Self.arsred(["frobnicate"]).status == 2)
    }

    @Test func aWorkerThatCrashesCostsOnlyItsDocument() throws {
        // A stand-in worker that dies of SIGSEGV, as a crash inside poppler or tesseract would.
        let dir = try BrokenFiles.folder()
        let worker = dir.appendingPathComponent("crashing-worker")
        try Data("#!/bin/sh\nkill -SEGV $$\n".utf8).write(to: worker)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: worker.path)
        let file = Self.sampleCorpus.appendingPathComponent("ljungasen-2024.pdf")
        let outcome = ChildProcessRunner(executable: worker, options: PipelineOptions(jobs: 1)).run(file: file, outDir: dir)
        #expect(!outcome.ok)
        #expect(outcome.error == "crashed (signal 11) while being read; nothing written for it")
        // The real worker, same runner: the document is written.
        let real = ChildProcessRunner(executable: Self.executable, options: PipelineOptions(jobs: 1)).run(file: file, outDir: dir)
        #expect(real.ok && real.pages == 11)
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("ljungasen-2024.json").path))
    }
}
