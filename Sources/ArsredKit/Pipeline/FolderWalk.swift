import Foundation
import Poppler

/// Walks an input folder: every file with one of the wanted extensions, and every folder inside
/// it that cannot be listed as a named failure (never skipped in silence).
enum FolderWalk {
    static func inputs(in folder: URL, extensions: Set<String>) -> (files: [URL], unreadable: [InputDiscovery.Problem]) {
        if let problem = FileAccess.problem(readingFolder: folder.path) {
            return ([], [InputDiscovery.Problem(path: folder.path, cause: "folder cannot be read: \(problem)")])
        }
        var unreadable: [InputDiscovery.Problem] = []
        let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey], options: []) { url, _ in
            let cause = FileAccess.problem(readingFolder: url.path) ?? "cannot be listed"
            unreadable.append(InputDiscovery.Problem(path: url.path, cause: "folder cannot be read: \(cause)"))
            return true
        }
        var found: [URL] = []
        while let f = walker?.nextObject() as? URL {
            if extensions.contains(f.pathExtension.lowercased()) { found.append(f) }
        }
        return (found, unreadable)
    }
}
