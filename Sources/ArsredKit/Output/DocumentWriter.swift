import Foundation

/// Writes `OUTDIR/<stem>.json` atomically: the bytes go to a temporary file in the same folder
/// and are renamed over the target, so a reader (or a crash) never sees half a document.
public enum DocumentWriter {
    public static func outputURL(for input: URL, in outDir: URL) -> URL {
        outDir.appendingPathComponent(input.deletingPathExtension().lastPathComponent + ".json")
    }

    @discardableResult
    public static func write(_ doc: DatasetDocument, for input: URL, to outDir: URL) throws -> URL {
        let target = outputURL(for: input, in: outDir)
        try writeAtomically(try DatasetJSON.encode(doc), to: target)
        return target
    }

    public static func writeAtomically(_ data: Data, to target: URL) throws {
        let dir = target.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let tmp = dir.appendingPathComponent(".\(target.lastPathComponent).\(getpid()).tmp")
        do {
            try data.write(to: tmp)
            if rename(tmp.path, target.path) != 0 {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: target.path,
                    NSLocalizedDescriptionKey: "cannot rename into \(target.path): \(String(cString: strerror(errno)))"])
            }
        } catch {
            try? FileManager.default.removeItem(at: tmp)
            throw error
        }
    }
}
