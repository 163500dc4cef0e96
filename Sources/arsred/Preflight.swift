import ArgumentParser
import ArsredKit
import Foundation

/// What `extract` checks before reading any document; a fault is one line and exit status 2.
enum Preflight {
    static func check(out: String, stats: String?, language: String, tessdata: String?, needsOCR: Bool) throws {
        do {
            try ConfigurationCheck.pipelines()
            try ConfigurationCheck.outputFolder(out)
            if let stats { try ConfigurationCheck.outputFile(stats, option: "--stats") }
            if needsOCR { try ConfigurationCheck.tesseract(language: language, tessdata: tessdata) }
        } catch let e as ConfigurationError {
            FileHandle.standardError.write(Data("arsred: \(e)\n".utf8))
            throw ExitCode(2)
        }
    }

    /// In-process runs cannot wait for a worker: on a signal, remove this process's temporary
    /// outputs and exit.
    static func stopper(outDir: URL) -> @Sendable (Int32) -> Void {
        { signal in stopInProcess(signal, outDir: outDir) }
    }

    private static func stopInProcess(_ signal: Int32, outDir: URL) {
        DocumentWriter.removeTemporaries(of: getpid(), in: outDir)
        FileHandle.standardError.write(Data("arsred: cancelled by \(Cancellation.name(signal))\n".utf8))
        exit(128 + signal)
    }
}

/// `extract -dash.pdf` would be read as options (`-d -a -s -h`: the help, exit 0, nothing done).
enum OptionLikeFiles {
    /// The line to stop on when an argument before any `--` begins with `-` and names an existing file.
    static func problem(in arguments: [String]) -> String? {
        for arg in arguments.prefix(while: { $0 != "--" }) where arg.hasPrefix("-") && arg.count > 1 {
            if FileManager.default.fileExists(atPath: arg) {
                return "arsred: '\(arg)' names a file but reads as an option; use -- before file names that begin with -"
            }
        }
        return nil
    }
}
