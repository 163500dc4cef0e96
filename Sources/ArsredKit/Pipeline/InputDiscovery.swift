import Foundation
import Poppler

/// The inputs of a batch: files as given, folders searched (recursively) for `*.pdf` and `*.txt`.
public enum InputDiscovery {
    public static let extensions: Set<String> = ["pdf", "txt"]

    public struct Problem: Error, Equatable, CustomStringConvertible {
        public var path: String
        public var cause: String
        public var description: String { "\(path): \(cause)" }
    }

    /// Files in a stable order (sorted within each folder), and the arguments that are not usable.
    public static func files(from arguments: [String]) -> (files: [URL], problems: [Problem]) {
        var files: [URL] = [], problems: [Problem] = []
        for arg in arguments {
            let isFolder: Bool
            switch FileAccess.kind(of: arg) {
            case .failure(let p): problems.append(Problem(path: arg, cause: p.cause)); continue
            case .success(let folder): isFolder = folder
            }
            let url = URL(fileURLWithPath: arg)
            if isFolder {
                let (found, unreadable) = FolderWalk.inputs(in: url, extensions: extensions)
                problems += unreadable
                if found.isEmpty && unreadable.isEmpty { problems.append(Problem(path: arg, cause: "folder holds no .pdf or .txt file")) }
                files += found.sorted { $0.path < $1.path }
            } else {
                files.append(url)
            }
        }
        return (files, problems)
    }
}
