import Codecs
import Foundation

extension PipelineResources {
    /// SHA-256 over every regular file of `pipelines/`, taken in byte order of their paths
    /// relative to the folder; each contributes its path, a NUL, its size in decimal, a NUL and
    /// its bytes, so renaming or moving content between files changes the digest too.
    public static func fingerprint(of folder: URL) throws -> String {
        let fm = FileManager.default
        guard let walker = fm.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else {
            throw PipelineResourceError.unreadable(path: folder.path, reason: "folder cannot be read")
        }
        var files: [(relative: String, url: URL)] = []
        let prefix = folder.standardizedFileURL.path + "/"
        for case let url as URL in walker where (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true {
            files.append((String(url.standardizedFileURL.path.dropFirst(prefix.count)), url))
        }
        var bytes = Data()
        for f in files.sorted(by: { $0.relative.utf8.lexicographicallyPrecedes($1.relative.utf8) }) {
            let content: Data
            do { content = try Data(contentsOf: f.url) } catch {
                throw PipelineResourceError.unreadable(path: f.url.path, reason: error.localizedDescription)
            }
            bytes.append(Data("\(f.relative)\u{0}\(content.count)\u{0}".utf8))
            bytes.append(content)
        }
        return SHA256.hex(bytes)
    }
}

extension Producer {
    private static let cached: Result<Producer, Error> = Result {
        Producer(tool: toolName, version: toolVersion,
                 pipelinesSha256: try PipelineResources.fingerprint(of: PipelineResources.directory()))
    }

    /// This process's producer (the `pipelines/` folder is hashed once per process).
    public static func current() throws -> Producer { try cached.get() }
}

/// Whether an input's output is already up to date, so a restarted batch does only what is left.
public enum Resume {
    /// The parts of an output this needs; anything else in it is not read.
    private struct Recorded: Decodable {
        struct Source: Decodable { var sha256: String }
        var source: Source
        var producer: Producer?
    }

    /// True when `OUTDIR/<stem>.json` exists, was made by `producer` and from the same bytes
    /// as `input` has now (its `source.sha256`). An unreadable or foreign output is not.
    public static func isUpToDate(input: URL, outDir: URL, producer: Producer) -> Bool {
        let output = DocumentWriter.outputURL(for: input, in: outDir)
        guard let data = try? Data(contentsOf: output),
              let recorded = try? JSONDecoder().decode(Recorded.self, from: data),
              recorded.producer == producer,
              let bytes = try? Data(contentsOf: input) else { return false }
        return SHA256.hex(bytes) == recorded.source.sha256
    }
}
