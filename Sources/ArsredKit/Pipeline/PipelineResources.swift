import Foundation

/// Finds the `pipelines/` folder (pipeline definitions and label vocabularies, kept as data).
/// Order: $ARSRED_PIPELINES, then a `pipelines/` folder beside or above the running executable
/// (a build in .build/ of a checkout), then the current directory's.
public enum PipelineResources {
    public static let folderName = "pipelines"

    public static func directory() throws -> URL {
        let fm = FileManager.default
        if let env = ProcessInfo.processInfo.environment["ARSRED_PIPELINES"], !env.isEmpty {
            return URL(fileURLWithPath: env, isDirectory: true)
        }
        var candidates: [URL] = []
        var dir = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath()
            .deletingLastPathComponent()
        for _ in 0..<8 {
            candidates.append(dir.appendingPathComponent(folderName, isDirectory: true))
            dir = dir.deletingLastPathComponent()
        }
        candidates.append(URL(fileURLWithPath: fm.currentDirectoryPath).appendingPathComponent(folderName))
        for c in candidates {
            var isDir: ObjCBool = false
            if fm.fileExists(atPath: c.path, isDirectory: &isDir), isDir.boolValue { return c }
        }
        throw PipelineResourceError.notFound(searched: candidates.map(\.path))
    }
}

public enum PipelineResourceError: Error, CustomStringConvertible {
    case notFound(searched: [String])
    case unreadable(path: String, reason: String)
    public var description: String {
        switch self {
        case .notFound(let s): "pipelines/ folder not found (set ARSRED_PIPELINES); looked in: \(s.joined(separator: ", "))"
        case .unreadable(let p, let r): "\(p): \(r)"
        }
    }
}
