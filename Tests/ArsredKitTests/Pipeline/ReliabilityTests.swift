import ArsredExport
import Foundation
import Testing
@testable import ArsredKit

/// The reliability battery: hostile inputs, signals and output faults made on the spot, run
/// through the built `arsred` as a user runs it. Each case says what is guaranteed (README,
/// "Reliability").
@Suite struct ReliabilityTests {
    typealias Run = ExtractCommandTests.Result
    static func arsred(_ args: [String], environment: [String: String] = [:], directory: URL? = nil) throws -> Run {
        try ExtractCommandTests.arsred(args, environment: environment, directory: directory)
    }

    static func failedLines(_ r: Run) -> [String] {
        r.stderr.split(separator: "\n").filter { $0.hasPrefix("failed") }.map(String.init).sorted()
    }

    static func document(_ url: URL) throws -> DatasetDocument {
        try JSONDecoder().decode(DatasetDocument.self, from: Data(contentsOf: url))
    }

    static let reportText = "Samordningsförbundet Ljungåsen\nÅrsredovisning 2024\n\u{0C}Resultaträkning\nVerksamhetens intäkter 100\n"

    // MARK: 1. No silent loss

    @Test func aDamagedImageStreamIsAWarningNamingThePageAndTheDocumentFails() throws {
        let dir = try BrokenFiles.folder(), out = dir.appendingPathComponent("out")
        let damaged = dir.appendingPathComponent("damaged.pdf"), intact = dir.appendingPathComponent("intact.pdf")
        try HostilePDFs.flateScan(damaged: true).write(to: damaged)
        try HostilePDFs.flateScan(damaged: false).write(to: intact)
        let r = try Self.arsred(["extract", "--out", out.path, damaged.path, intact.path])
        #expect(r.status == 1)
        #expect(Self.failedLines(r) == [
            "failed  \(damaged.path): page 1 not read whole (Unexpected end of file in flate stream); income_statement and balance_sheet not found",
        ])
        // Written with the warning, never passed off as a blank page.
        #expect(try Self.document(out.appendingPathComponent("damaged.json")).warnings
            == ["page 1: not read whole (Unexpected end of file in flate stream); what it holds may be missing"])
        #expect(try Self.document(out.appendingPathComponent("intact.json")).warnings.isEmpty)
    }

    @Test func aLostPageFailsOnlyWhenAStatementIsMissing() {
        let lost = [3: "Unexpected end of file in flate stream"]
        #expect(PageLoss.verdict(lost: lost, tables: ["income_statement"])
            == "page 3 not read whole (Unexpected end of file in flate stream); balance_sheet not found")
        #expect(PageLoss.verdict(lost: lost, tables: ["income_statement", "balance_sheet"]) == nil)
        #expect(PageLoss.verdict(lost: [:], tables: []) == nil)
    }

    @Test(.enabled(if: getuid() != 0, "root reads every folder: permissions cannot be tested as root"))
    func anUnreadableSubfolderIsANamedFailure() throws {
        let dir = try BrokenFiles.folder(), inputs = dir.appendingPathComponent("in"), locked = inputs.appendingPathComponent("locked")
        try FileManager.default.createDirectory(at: locked, withIntermediateDirectories: true)
        try Data(Self.reportText.utf8).write(to: inputs.appendingPathComponent("report.txt"))
        try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: locked.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: locked.path) }
        let r = try Self.arsred(["extract", "--out", dir.appendingPathComponent("out").path, inputs.path])
        #expect(r.status == 1)
        #expect(Self.failedLines(r) == ["failed  \(locked.path): folder cannot be read: permission denied"])
    }

    // MARK: 2. Cancel means stop; a hung worker is stopped

    /// A `.pdf` that is a named pipe: the worker opening it waits for ever, as a hung one does.
    static func hangingInput(in dir: URL) throws -> URL {
        let url = dir.appendingPathComponent("hangs.pdf")
        #expect(mkfifo(url.path, 0o644) == 0)
        return url
    }

    @Test func aHungWorkerIsStoppedAfterTheTimeLimitAndTheBatchGoesOn() throws {
        let dir = try BrokenFiles.folder(), out = dir.appendingPathComponent("out")
        let hangs = try Self.hangingInput(in: dir), text = dir.appendingPathComponent("report.txt")
        try Data(Self.reportText.utf8).write(to: text)
        let r = try Self.arsred(["extract", "--out", out.path, "--timeout-per-document", "2", hangs.path, text.path])
        #expect(r.status == 1)
        #expect(Self.failedLines(r) == ["failed  \(hangs.path): stopped after 2 s (--timeout-per-document); nothing written for it"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path) == ["report.json"])
    }

    /// The pids whose command line holds `marker` (an unreadable `/proc` is the caller's error, never "none").
    static func processes(holding marker: String) throws -> [Int32] {
        try FileManager.default.contentsOfDirectory(atPath: "/proc").compactMap { name in
            guard let pid = Int32(name),
                  let line = try? Data(contentsOf: URL(fileURLWithPath: "/proc/\(name)/cmdline")) else { return nil }
            return String(decoding: line, as: UTF8.self).contains(marker) ? pid : nil
        }
    }

    @Test(arguments: [SIGINT, SIGTERM])
    func aSignalStopsTheWorkersRemovesTheirTemporaryFilesAndExits128PlusIt(signal: Int32) throws {
        let dir = try BrokenFiles.folder(), out = dir.appendingPathComponent("out")
        let hangs = try Self.hangingInput(in: dir)
        let p = Process()
        p.executableURL = ExtractCommandTests.executable
        let later = dir.appendingPathComponent("later.txt")
        try Data(Self.reportText.utf8).write(to: later)
        p.arguments = ["extract", "--documents", "1", "--out", out.path, hangs.path, later.path]
        let err = Pipe()
        p.standardError = err
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        // Wait for the worker, and leave what a worker killed between write and rename leaves.
        var worker: Int32?
        for _ in 0..<600 where worker == nil {
            let holding = try Self.processes(holding: out.path)
            worker = try Self.processes(holding: "--child").first { holding.contains($0) }
            if worker == nil { usleep(50_000) }
        }
        let pid = try #require(worker)
        let leftover = DocumentWriter.temporaryURL(for: out.appendingPathComponent("hangs.json"), pid: pid)
        try Data("{".utf8).write(to: leftover)
        try Self.expectCancelled(p, by: signal, stderr: err, out: out)
    }

    @Test(arguments: [SIGINT, SIGTERM])
    func aSignalStopsLongLivedWorkersToo(signal: Int32) throws {
        let dir = try BrokenFiles.folder(), out = dir.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let hangs = try Self.hangingInput(in: dir), other = dir.appendingPathComponent("also-hangs.pdf")
        #expect(mkfifo(other.path, 0o644) == 0)
        let p = Process()
        p.executableURL = ExtractCommandTests.executable
        p.arguments = ["extract", "--documents", "2", "--out", out.path, hangs.path, other.path]
        let err = Pipe()
        p.standardError = err
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        // Both workers waiting on their input; each leaves what a worker killed between write
        // and rename leaves.
        var workers: [Int32] = []
        for _ in 0..<600 where workers.count < 2 {
            let holding = try Self.processes(holding: out.path)
            workers = try Self.processes(holding: "--worker").filter { holding.contains($0) }
            if workers.count < 2 { usleep(50_000) }
        }
        #expect(workers.count == 2)
        usleep(300_000)  // each has been handed its document
        for pid in workers {
            try Data("{".utf8).write(to: DocumentWriter.temporaryURL(for: out.appendingPathComponent("hangs.json"), pid: pid))
        }
        try Self.expectCancelled(p, by: signal, stderr: err, out: out)
    }

    /// Sends `signal` to the batch `p` and expects it stopped: exit 128 + signal, its two
    /// documents not read, no worker left, nothing left in `out`.
    static func expectCancelled(_ p: Process, by signal: Int32, stderr err: Pipe, out: URL) throws {
        kill(p.processIdentifier, signal)
        let text = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 128 + signal)
        #expect(text.contains("arsred: cancelled by \(signal == SIGINT ? "SIGINT" : "SIGTERM"); 2 documents not read"))
        #expect(try processes(holding: out.path).isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).isEmpty)
    }

    @Test func aCrashedWorkerIsOneLineAndItsTemporaryFileGoes() throws {
        // A stand-in worker that leaves a temporary output, prints Swift's fatal error and a
        // backtrace, and dies of SIGILL, as an arithmetic trap does.
        let dir = try BrokenFiles.folder()
        let worker = dir.appendingPathComponent("trapping-worker")
        let script = """
            #!/bin/sh
            printf '{' > "\(dir.path)/.report.json.$$.tmp"
            echo "arsred/PDFDocument.swift:270: Fatal error: Double value cannot be converted to Int" >&2
            for i in 1 2 3 4 5 6 7 8 9 10; do echo "  $i 0x00007f libswiftCore.so" >&2; done
            kill -ILL $$
            """
        try Data(script.utf8).write(to: worker)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: worker.path)
        let outcome = ChildProcessRunner(executable: worker, options: PipelineOptions(jobs: 1))
            .run(file: dir.appendingPathComponent("report.pdf"), outDir: dir)
        #expect(outcome.error == "crashed (signal 4: Fatal error: Double value cannot be converted to Int) while being read; nothing written for it")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["trapping-worker"])
    }

    @Test func temporaryNamesFitTheFileSystemForLongStems() throws {
        let dir = try BrokenFiles.folder(), out = dir.appendingPathComponent("out")
        let stem = String(repeating: "å", count: 2) + String(repeating: "x", count: 245)
        let text = dir.appendingPathComponent(stem + ".txt")
        try Data(Self.reportText.utf8).write(to: text)
        let tmp = DocumentWriter.temporaryURL(for: out.appendingPathComponent(stem + ".json"), pid: 4_194_304)
        #expect(tmp.lastPathComponent.utf8.count <= 255 && tmp.lastPathComponent.hasSuffix(".4194304.tmp"))
        let r = try Self.arsred(["extract", "--out", out.path, text.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path) == [stem + ".json"])
    }

    // MARK: 3. Bounded memory

    @Test func anImagePastThePixelBudgetIsRefusedWithoutDecodingIt() throws {
        let dir = try BrokenFiles.folder()
        let huge = dir.appendingPathComponent("huge.pdf")
        try HostilePDFs.hugeImage(side: 30_000).write(to: huge)
        let r = try Self.arsred(["extract", "--out", dir.appendingPathComponent("out").path, huge.path])
        #expect(r.status == 1)
        #expect(Self.failedLines(r) == [
            "failed  \(huge.path): page 1: the PDF holds an image of 30000 x 30000 pixels, past the 120-megapixel budget of a worker; not decoded",
        ])
        // Decoding it would have taken 3.6 GB; no child of this test process came near 1.2 GB.
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_CHILDREN.rawValue), &usage)
        #expect(usage.ru_maxrss < 1_200_000, "peak RSS of a child: \(usage.ru_maxrss) kB")
    }

    @Test func jobsAreCappedAtTheCoresAndTheMemoryWithANote() throws {
        #expect(JobLimit.cap(1000, cores: 2, memory: 8 << 30) == (2, "--jobs 1000 capped at 2 (2 cores, 8.0 GB memory)"))
        #expect(JobLimit.cap(16, cores: 32, memory: 1 << 30) == (4, "--jobs 16 capped at 4 (32 cores, 1.0 GB memory)"))
        #expect(JobLimit.cap(2, cores: 2, memory: 8 << 30) == (2, nil))
        let dir = try BrokenFiles.folder(), text = dir.appendingPathComponent("report.txt")
        try Data(Self.reportText.utf8).write(to: text)
        let r = try Self.arsred(["extract", "--out", dir.appendingPathComponent("out").path, "--jobs", "1000", text.path])
        #expect(r.status == 0)
        let cores = ProcessInfo.processInfo.activeProcessorCount
        #expect(r.stderr.contains("arsred: --jobs 1000 capped at \(JobLimit.cap(1000).jobs) (\(cores) cores"))
    }

    // MARK: 4. No arithmetic trap on hostile numbers

    @Test func aHugePageBoxIsANamedFailure() throws {
        let dir = try BrokenFiles.folder(), page = dir.appendingPathComponent("huge-page.pdf")
        try HostilePDFs.page(points: 1_000_000_000).write(to: page)
        let r = try Self.arsred(["extract", "--out", dir.appendingPathComponent("out").path, page.path])
        #expect(r.status == 1)
        #expect(r.stderr.split(separator: "\n").count == 2, "\(r.stderr)")
        #expect(Self.failedLines(r) == [
            "failed  \(page.path): page 1 measures 1e+09 x 1e+09 points, too large to render within the 120-megapixel budget of a worker",
        ])
    }

    // MARK: 5. Text input and true causes

    @Test func textWithStrayBytesOrABOMIsRead() throws {
        let dir = try BrokenFiles.folder(), out = dir.appendingPathComponent("out")
        var stray = Data(Self.reportText.utf8)
        stray.insert(0xFF, at: stray.count - 3)
        stray.insert(contentsOf: [0xC3, 0x28], at: stray.count - 6)
        try stray.write(to: dir.appendingPathComponent("stray.txt"))
        try (Data([0xFF, 0xFE]) + Self.reportText.data(using: .utf16LittleEndian)!).write(to: dir.appendingPathComponent("utf16.txt"))
        try (Data([0x00, 0x00, 0xFE, 0xFF]) + Self.reportText.data(using: .utf32BigEndian)!).write(to: dir.appendingPathComponent("utf32.txt"))
        try Data(Self.reportText.utf8).write(to: dir.appendingPathComponent("plain.txt"))
        let r = try Self.arsred(["extract", "--out", out.path, dir.path])
        #expect(r.status == 0, "\(r.stderr)")
        let plain = try Self.document(out.appendingPathComponent("plain.json"))
        #expect(plain.organisation != nil)
        for name in ["utf16", "utf32"] {
            let d = try Self.document(out.appendingPathComponent("\(name).json"))
            #expect(d.organisation == plain.organisation && d.fiscalYear == plain.fiscalYear && d.warnings == plain.warnings)
        }
        #expect(try Self.document(out.appendingPathComponent("stray.json")).warnings
            == ["2 bytes not UTF-8 replaced with U+FFFD (first on page 2, line 2)"] + plain.warnings)
    }

    @Test func aPDFWithBytesAfterItsEndIsReadAndACutOffUpdateIsNot() throws {
        let dir = try BrokenFiles.folder()
        let pdf = HostilePDFs.flateScan(damaged: false)
        let padded = dir.appendingPathComponent("padded.pdf"), cut = dir.appendingPathComponent("cut.pdf")
        try (pdf + Data((0..<4096).map { UInt8($0 % 251) })).write(to: padded)
        try (pdf + Data("5 0 obj\n<< /Length 900 >>\nstream\n".utf8)).write(to: cut)
        let r = try Self.arsred(["extract", "--out", dir.appendingPathComponent("out").path, padded.path, cut.path])
        #expect(Self.failedLines(r) == ["failed  \(cut.path): truncated PDF (the file ends before its %%EOF marker)"])
        #expect(r.stderr.contains("ok      \(padded.path)"))
    }

    @Test func verdictsSayTheTrueCause() throws {
        let dir = try BrokenFiles.folder()
        let loop = dir.appendingPathComponent("loop.pdf"), dangling = dir.appendingPathComponent("dangling.pdf")
        try FileManager.default.createSymbolicLink(atPath: loop.path, withDestinationPath: loop.path)
        try FileManager.default.createSymbolicLink(atPath: dangling.path, withDestinationPath: dir.appendingPathComponent("gone.pdf").path)
        let r = try Self.arsred(["extract", "--out", dir.appendingPathComponent("out").path, loop.path, dangling.path])
        #expect(r.status == 1)
        #expect(Self.failedLines(r) == [
            "failed  \(dangling.path): symlink to a missing file",
            "failed  \(loop.path): symlink loop",
        ])
    }

    // MARK: 6. Configuration and output faults, before any document

    @Test func aMalformedPipelineFileIsOneLineWithItsPositionBeforeAnyDocument() throws {
        let dir = try BrokenFiles.folder(), pipelines = dir.appendingPathComponent("pipelines")
        let source = try PipelineResources.directory()
        try FileManager.default.copyItem(at: source, to: pipelines)
        let tables = pipelines.appendingPathComponent("tables.yaml")
        var text = try String(contentsOf: tables, encoding: .utf8)
        text = text.replacingOccurrences(of: "  income_statement:\n", with: "  income_statement:\n   - [unclosed\n")
        try text.write(to: tables, atomically: true, encoding: .utf8)
        let input = dir.appendingPathComponent("report.txt")
        try Data(Self.reportText.utf8).write(to: input)
        let r = try Self.arsred(["extract", "--out", dir.appendingPathComponent("out").path, input.path],
                                environment: ["ARSRED_PIPELINES": pipelines.path])
        #expect(r.status == 2)
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(r.stderr)")
        #expect(r.stderr.hasPrefix("arsred: \(tables.path): line "))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("out/report.json").path))
    }

    @Test func outputDestinationsAreCheckedFirst() throws {
        let dir = try BrokenFiles.folder(), input = dir.appendingPathComponent("report.txt")
        try Data(Self.reportText.utf8).write(to: input)
        let file = dir.appendingPathComponent("a-file")
        try Data().write(to: file)
        let intoFile = try Self.arsred(["extract", "--out", file.path, input.path])
        #expect(intoFile.status == 2 && intoFile.stderr == "arsred: --out \(file.path): is a file, not a folder\n")
        let under = try Self.arsred(["extract", "--out", file.appendingPathComponent("sub").path, input.path])
        #expect(under.status == 2 && under.stderr == "arsred: --out \(file.path)/sub: cannot make the folder: \(file.path) is a file\n")
        let stats = dir.appendingPathComponent("missing/stats.json").path
        let badStats = try Self.arsred(["extract", "--out", dir.appendingPathComponent("out").path, "--stats", stats, input.path])
        #expect(badStats.status == 2 && badStats.stderr == "arsred: --stats \(stats): folder \(dir.path)/missing: no such file\n")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("out/report.json").path))
    }

    @Test func exportChecksItsDestinationAndSkipsJSONThatIsNoDocument() throws {
        let dir = try BrokenFiles.folder(), out = dir.appendingPathComponent("out"), input = dir.appendingPathComponent("report.txt")
        try Data(Self.reportText.utf8).write(to: input)
        #expect(try Self.arsred(["extract", "--out", out.path, input.path]).status == 0)
        let to = dir.appendingPathComponent("missing/dataset.sqlite").path
        let bad = try Self.arsred(["export", "--format", "sqlite", out.path, "--to", to])
        #expect(bad.status == 2 && bad.stderr == "arsred export: --to \(to): folder \(dir.path)/missing: no such file\n")
        try Data("[1, 2, 3]".utf8).write(to: out.appendingPathComponent("index.json"))
        let good = try Self.arsred(["export", "--format", "jsonl", out.path])
        #expect(good.status == 0, "\(good.stderr)")
        #expect(good.stderr.contains("index.json"))
        #expect(good.stderr.contains("1 document -> \(out.path)/dataset.jsonl"))
    }

    @Test func aMissingLanguageIsOneLineWithoutTesseractsOwnMessages() throws {
        let dir = try BrokenFiles.folder(), pdf = dir.appendingPathComponent("scan.pdf")
        try HostilePDFs.flateScan(damaged: false).write(to: pdf)
        let r = try Self.arsred(["extract", "--out", dir.appendingPathComponent("out").path, "--language", "xyz", pdf.path])
        #expect(r.status == 2)
        #expect(r.stderr == "arsred: tesseract: cannot load language 'xyz' from the default tessdata (needs tesseract-ocr-xyz)\n")
    }

    /// Where Debian's tesseract-ocr packages put the models.
    static let installedTessdata = ["/usr/share/tesseract-ocr/5/tessdata", "/usr/share/tesseract-ocr/4.00/tessdata"]
        .first { FileManager.default.fileExists(atPath: "\($0)/swe.traineddata") }

    @Test(.enabled(if: installedTessdata != nil, "no tesseract models installed"))
    func tessdataReachesEveryModelAndTheStatsGiveThePeakMemory() throws {
        let dir = try BrokenFiles.folder(), stats = dir.appendingPathComponent("stats.json")
        let report = ExtractCommandTests.sampleCorpus.appendingPathComponent("ljungasen-2024.pdf")
        // Tesseract's default place made useless: every model must come from --tessdata.
        let r = try Self.arsred(["extract", "--out", dir.appendingPathComponent("out").path, "--tessdata", Self.installedTessdata!,
                                 "--stats", stats.path, report.path], environment: ["TESSDATA_PREFIX": "/nonexistent"])
        #expect(r.status == 0, "\(r.stderr)")
        let figures = try JSONSerialization.jsonObject(with: Data(contentsOf: stats)) as? [String: Any]
        let peak = try #require(figures?["peakRSSMegabytes"] as? Double)
        #expect(peak > 10 && peak < 1200)
    }

    @Test func aFileNameThatLooksLikeAnOptionGetsTheHint() throws {
        let dir = try BrokenFiles.folder()
        try Data(Self.reportText.utf8).write(to: dir.appendingPathComponent("-dash.txt"))
        let r = try Self.arsred(["extract", "-dash.txt"], directory: dir)
        #expect(r.status == 2)
        #expect(r.stderr == "arsred: '-dash.txt' names a file but reads as an option; use -- before file names that begin with -\n")
        let ok = try Self.arsred(["extract", "--out", "out", "--", "-dash.txt"], directory: dir)
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("out/-dash.json").path))
    }
}
