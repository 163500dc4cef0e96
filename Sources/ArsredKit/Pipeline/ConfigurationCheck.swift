import Foundation
import Poppler
import Tesseract
import Yams

/// Faults of the set-up, found once before any document is read: each is one line naming what
/// is wrong, and the CLI exits 2 on it (instead of one failure per document, or a failure after
/// every document was read).
public struct ConfigurationError: Error, CustomStringConvertible, Equatable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

public enum ConfigurationCheck {
    /// Every YAML file of `pipelines/` parses, and every vocabulary decodes.
    public static func pipelines() throws {
        let dir: URL
        do { dir = try PipelineResources.directory() } catch { throw ConfigurationError("\(error)") }
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).filter { $0.hasSuffix(".yaml") }.sorted()
        for name in names {
            let url = dir.appendingPathComponent(name)
            do { _ = try Yams.compose(yaml: String(decoding: try Data(contentsOf: url), as: UTF8.self)) } catch {
                throw ConfigurationError("\(url.path): \(YAMLProblem.describe(error))")
            }
        }
        do { _ = try PipelineConfiguration.load() } catch let e as ConfigurationError { throw e } catch {
            throw ConfigurationError("\(error)")
        }
    }

    /// `--out`: a folder that exists or can be made, and takes a new file.
    public static func outputFolder(_ path: String, option: String = "--out") throws {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        if fm.fileExists(atPath: path, isDirectory: &isDir), !isDir.boolValue {
            throw ConfigurationError("\(option) \(path): is a file, not a folder")
        }
        do { try fm.createDirectory(atPath: path, withIntermediateDirectories: true) } catch {
            throw ConfigurationError("\(option) \(path): cannot make the folder: \(whyNoFolder(at: path) ?? OutputError.cause(of: error))")
        }
        try probe(folder: path, option: option, shown: path)
    }

    /// A file to write (`--stats`, `export --to`): its folder exists and takes a new file, and
    /// the name is no folder.
    public static func outputFile(_ path: String, option: String) throws {
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue {
            throw ConfigurationError("\(option) \(path): is a folder, not a file")
        }
        let name = (path as NSString).lastPathComponent
        guard name.utf8.count <= DocumentWriter.maxNameBytes else {
            throw ConfigurationError("\(option) \(path): name is \(name.utf8.count) bytes, past the file system's \(DocumentWriter.maxNameBytes)")
        }
        let folder = (path as NSString).deletingLastPathComponent
        let dir = folder.isEmpty ? "." : folder
        if let problem = FileAccess.problem(readingFolder: dir) {
            throw ConfigurationError("\(option) \(path): folder \(dir): \(problem)")
        }
        try probe(folder: dir, option: option, shown: path)
    }

    /// Why a folder cannot be made at `path`: its nearest existing ancestor is a file or not writable.
    private static func whyNoFolder(at path: String) -> String? {
        var ancestor = (path as NSString).deletingLastPathComponent
        var isDir: ObjCBool = false
        while !ancestor.isEmpty, !FileManager.default.fileExists(atPath: ancestor, isDirectory: &isDir) {
            ancestor = (ancestor as NSString).deletingLastPathComponent
        }
        if ancestor.isEmpty { ancestor = "." ; isDir = true }
        if !isDir.boolValue { return "\(ancestor) is a file" }
        return access(ancestor, W_OK) != 0 ? "\(ancestor): \(FileAccess.cause(errno, path: ancestor))" : nil
    }

    /// Creates and removes a file in `folder`: the one sure test that writing there works.
    private static func probe(folder: String, option: String, shown: String) throws {
        let probe = URL(fileURLWithPath: folder).appendingPathComponent(".arsred-probe.\(getpid())")
        guard FileManager.default.createFile(atPath: probe.path, contents: Data()) else {
            let cause = access(folder, W_OK) != 0 ? FileAccess.cause(errno, path: folder) : "cannot create a file there"
            throw ConfigurationError("\(option) \(shown): cannot write there: \(cause)")
        }
        try? FileManager.default.removeItem(at: probe)
    }

    /// The tesseract languages a batch of PDFs needs load from `tessdata`: those asked for
    /// (`--language`) and the survey chart reader's. Where their model files are in place the
    /// check ends there (loading them here would cost every batch 0.2 s a model before its
    /// first document); else a load says what is wrong, tesseract's own complaints off stderr.
    public static func tesseract(language: String, tessdata: String?) throws {
        let asked = Set(language.split(separator: "+").map(String.init))
        for l in [language] + TesseractLabelReader.languages.filter({ !asked.contains($0) }) {
            if TesseractEngine.modelFilesPresent(language: l, dataPath: tessdata) { continue }
            do { _ = try TesseractEngine(language: l, dataPath: tessdata) } catch {
                throw ConfigurationError("\(error)")
            }
        }
    }
}

/// One line for a YAML or decoding error: the position (line:column) or the key path.
enum YAMLProblem {
    static func describe(_ error: Error) -> String {
        switch error {
        case YamlError.scanner(_, let problem, let mark, _), YamlError.parser(_, let problem, let mark, _),
             YamlError.composer(_, let problem, let mark, _):
            return "line \(mark.line), column \(mark.column): \(problem)"
        case let e as DecodingError:
            return DecodingProblem.describe(e)
        default:
            return "\(error)".split(separator: "\n").joined(separator: "; ")
        }
    }
}

/// One line for a `DecodingError`: what is wrong and at which key path.
public enum DecodingProblem {
    public static func describe(_ error: Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, let ctx):
            return "missing \(path(ctx.codingPath + [key]))"
        case DecodingError.typeMismatch(_, let ctx), DecodingError.valueNotFound(_, let ctx):
            return "wrong type at \(path(ctx.codingPath))"
        case DecodingError.dataCorrupted(let ctx):
            if let underlying = ctx.underlyingError, underlying is YamlError { return YAMLProblem.describe(underlying) }
            return ctx.codingPath.isEmpty ? "invalid JSON" : "invalid value at \(path(ctx.codingPath))"
        default:
            return "\(error)".split(separator: "\n").joined(separator: "; ")
        }
    }

    private static func path(_ keys: [CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
    }
}
