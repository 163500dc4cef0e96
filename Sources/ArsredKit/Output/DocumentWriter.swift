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

    /// The longest file name Linux file systems take (NAME_MAX).
    public static let maxNameBytes = 255

    /// Where process `pid` writes `target` before renaming it into place: `.<name>.<pid>.tmp`,
    /// the name shortened (at a character) to fit `maxNameBytes`.
    public static func temporaryURL(for target: URL, pid: Int32) -> URL {
        let suffix = ".\(pid).tmp"
        var name = target.lastPathComponent
        while 1 + name.utf8.count + suffix.utf8.count > maxNameBytes { name.removeLast() }
        return target.deletingLastPathComponent().appendingPathComponent("." + name + suffix)
    }

    /// Removes what process `pid` left half-written in `outDir` (its `temporaryURL`s): a worker
    /// killed between writing and renaming leaves one.
    public static func removeTemporaries(of pid: Int32, in outDir: URL) {
        let suffix = ".\(pid).tmp"
        for name in (try? FileManager.default.contentsOfDirectory(atPath: outDir.path)) ?? [] where name.hasPrefix(".") && name.hasSuffix(suffix) {
            try? FileManager.default.removeItem(at: outDir.appendingPathComponent(name))
        }
    }

    public static func writeAtomically(_ data: Data, to target: URL) throws {
        let dir = target.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let tmp = temporaryURL(for: target, pid: getpid())
        guard target.lastPathComponent.utf8.count <= maxNameBytes else {
            throw OutputError("\(target.path): name is \(target.lastPathComponent.utf8.count) bytes, past the file system's \(maxNameBytes)")
        }
        do {
            try data.write(to: tmp)
            if rename(tmp.path, target.path) != 0 {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: target.path,
                    NSLocalizedDescriptionKey: "cannot rename into \(target.path): \(String(cString: strerror(errno)))"])
            }
        } catch {
            try? FileManager.default.removeItem(at: tmp)
            throw OutputError.writing(target, error)
        }
    }
}

/// An output that cannot be written, in one line naming the path and the cause.
public struct OutputError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }

    static func writing(_ target: URL, _ error: Error) -> Error {
        if error is OutputError { return error }
        return OutputError("cannot write \(target.path): \(cause(of: error))")
    }

    /// The POSIX cause under a Foundation error ("No space left on device"), else its description.
    public static func cause(of error: Error) -> String {
        let ns = error as NSError
        if let posix = ns.userInfo[NSUnderlyingErrorKey] as? NSError, posix.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(posix.code)))
        }
        if ns.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(ns.code))) }
        return ns.localizedDescription
    }
}
