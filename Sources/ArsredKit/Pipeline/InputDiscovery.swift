import Foundation

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
        let fm = FileManager.default
        var files: [URL] = [], problems: [Problem] = []
        for arg in arguments {
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: arg, isDirectory: &isDir) else {
                problems.append(Problem(path: arg, cause: "no such file or folder")); continue
            }
            let url = URL(fileURLWithPath: arg)
            if isDir.boolValue {
                guard let walker = fm.enumerator(at: url, includingPropertiesForKeys: [.isRegularFileKey]) else {
                    problems.append(Problem(path: arg, cause: "folder cannot be read")); continue
                }
                var found: [URL] = []
                for case let f as URL in walker where extensions.contains(f.pathExtension.lowercased()) {
                    found.append(f)
                }
                if found.isEmpty { problems.append(Problem(path: arg, cause: "folder holds no .pdf or .txt file")) }
                files += found.sorted { $0.path < $1.path }
            } else {
                files.append(url)
            }
        }
        return (files, problems)
    }
}
