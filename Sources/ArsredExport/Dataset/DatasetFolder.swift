import Foundation
import ArsredKit

/// One dataset-v1 document as read from disk, with the file it came from.
public struct DatasetFile: Sendable {
    /// The file name (`report-2023.json`).
    public var fileName: String
    /// The file name without `.json` / `.truth.json`: the stem of the input it was made from.
    public var stem: String
    public var document: DatasetDocument

    public init(fileName: String, document: DatasetDocument) {
        self.fileName = fileName
        self.stem = DatasetFolder.stem(of: fileName)
        self.document = document
    }
}

/// Errors in what the user handed us: the CLI exits 2 on these.
public struct InputError: Error, CustomStringConvertible, Equatable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// Reads dataset-v1 documents from a file or a folder of them.
public enum DatasetFolder {
    /// `x.truth.json` -> `x`, `x.json` -> `x`.
    public static func stem(of fileName: String) -> String {
        for suffix in [".truth.json", ".json"] where fileName.hasSuffix(suffix) {
            return String(fileName.dropLast(suffix.count))
        }
        return (fileName as NSString).deletingPathExtension
    }

    /// Which JSON files of a folder are read.
    public enum Role: Sendable {
        /// Outputs: every `*.json` but hand data (`*.truth.json`) kept beside them.
        case outputs
        /// Hand data: the `*.truth.json` files when there are any, else every `*.json`.
        case handData
    }

    /// The dataset files at `url`: the file itself, or a folder's `*.json` (as `role` says)
    /// sorted by file name.
    /// A folder's JSON that is not a dataset document at all (no `source`, no `schemaVersion`:
    /// an index, a run summary) is passed to `skipped` and left out; one that claims to be a
    /// document but does not decode is an error.
    public static func load(_ url: URL, as role: Role = .outputs,
                            skipped: (String) -> Void = { _ in }) throws -> [DatasetFile] {
        let files = try jsonFiles(at: url, as: role)
        // A file named on its own must be a document; a folder's other JSON is skipped.
        guard files.first != url else { return try files.map(read) }
        var out: [DatasetFile] = []
        for file in files {
            do { out.append(try read(file)) } catch {
                guard looksLikeDocument(file) else { skipped(file.lastPathComponent); continue }
                throw error
            }
        }
        return out
    }

    static func looksLikeDocument(_ url: URL) -> Bool {
        guard let data = try? Data(contentsOf: url),
              let parsed = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else { return true }
        // Valid JSON that is no object (a list, a number) is no document either.
        guard let object = parsed as? [String: Any] else { return false }
        return object["source"] != nil || object["schemaVersion"] != nil
    }

    /// The JSON files `load` would read, sorted by file name.
    public static func jsonFiles(at url: URL, as role: Role = .outputs) throws -> [URL] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else {
            throw InputError("\(url.path): no such file or folder")
        }
        guard isFolder.boolValue else { return [url] }
        let names = try FileManager.default.contentsOfDirectory(atPath: url.path)
            .filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }
        let truth = names.filter { $0.hasSuffix(".truth.json") }
        let chosen: [String]
        switch role {
        case .outputs: chosen = names.filter { !$0.hasSuffix(".truth.json") }
        case .handData: chosen = truth.isEmpty ? names : truth
        }
        return chosen.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.map { url.appendingPathComponent($0) }
    }

    public static func read(_ url: URL) throws -> DatasetFile {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw InputError("\(url.lastPathComponent): cannot read (\(error.localizedDescription))")
        }
        do {
            return DatasetFile(fileName: url.lastPathComponent, document: try DatasetJSON.decode(data))
        } catch {
            throw InputError("\(url.lastPathComponent): not a dataset-v1 document (\(describe(error)))")
        }
    }

    static func describe(_ error: Error) -> String { DecodingProblem.describe(error) }
}
