import Foundation

/// How many decoded pixels a worker process holds at once, over all its page threads. Poppler
/// decodes an image whole at 4 bytes a pixel and the page reader copies it to 1-byte grey, so
/// a pixel costs ~5 bytes: the budget keeps a worker's bitmaps near 600 MB, well under the
/// 1 GB a worker may take. An A3 page scanned at 600 dpi is 70 megapixels.
public final class PixelBudget: @unchecked Sendable {
    public static let maxPixels = 120_000_000
    /// Cairo's largest image side (its coordinates are 16-bit fixed point).
    static let maxSide = 32_767.0

    public static let shared = PixelBudget(limit: maxPixels)

    private let limit: Int
    private let condition = NSCondition()
    private var inUse = 0

    init(limit: Int) { self.limit = limit }

    /// Runs `body` once `pixels` fit beside what the other threads hold (at once when none holds any).
    func spending<T>(_ pixels: Int, _ body: () throws -> T) rethrows -> T {
        let n = max(0, min(pixels, limit))
        condition.lock()
        while inUse > 0 && inUse + n > limit { condition.wait() }
        inUse += n
        condition.unlock()
        defer {
            condition.lock(); inUse -= n; condition.broadcast(); condition.unlock()
        }
        return try body()
    }

    /// The bitmap size for a render of `width` x `height` pixels (computed in floating point from
    /// page boxes the file states), or a named refusal when it is not finite or past the budget.
    static func bitmapSize(_ width: Double, _ height: Double, page: Int, points: (Double, Double)) throws -> (Int, Int) {
        let w = width.magnitude, h = height.magnitude
        guard w.isFinite, h.isFinite, w <= maxSide, h <= maxSide, w * h <= Double(maxPixels) else {
            throw PDFError.pageTooLarge(page: page, width: points.0, height: points.1)
        }
        return (max(1, Int(w.rounded())), max(1, Int(h.rounded())))
    }

    /// A page dimension for a message: `612`, `1e+09`.
    static func describe(_ v: Double) -> String {
        v.isFinite && v.magnitude < 1e7 ? String(format: "%.0f", v) : String(format: "%g", v)
    }
}

/// Whether a PDF's bytes end where its last section does.
enum PDFTail {
    /// What an incremental update cut short leaves after the previous `%%EOF`.
    static let updateMarks = [" 0 obj", "endobj", "xref", "trailer"].map { Data($0.utf8) }

    /// True when the file holds a `%%EOF` and what follows the last one is no cut-off update.
    static func isComplete(_ data: Data) -> Bool {
        guard let eof = data.range(of: Data("%%EOF".utf8), options: .backwards) else { return false }
        let rest = data[eof.upperBound...]
        return !updateMarks.contains { rest.range(of: $0) != nil }
    }
}

/// Why a path cannot be read, in the words a user needs (`permission denied`, `symlink loop`).
public enum FileAccess {
    /// Nil when `path` is a regular file this process can open for reading.
    public static func problem(readingFile path: String) -> String? {
        var st = stat()
        guard stat(path, &st) == 0 else { return cause(errno, path: path) }
        if st.st_mode & S_IFMT == S_IFDIR { return "it is a directory" }
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return cause(errno, path: path) }
        close(fd)
        return nil
    }

    /// The cause `errno` names for `path`.
    public static func cause(_ code: Int32, path: String) -> String {
        switch code {
        case ENOENT:
            var st = stat()
            return lstat(path, &st) == 0 && st.st_mode & S_IFMT == S_IFLNK ? "symlink to a missing file" : "no such file"
        case ELOOP: return "symlink loop"
        case EACCES, EPERM: return "permission denied"
        case ENOTDIR: return "a part of the path is not a folder"
        case ENAMETOOLONG: return "name too long"
        default: return String(cString: strerror(code))
        }
    }
}

extension FileAccess {
    /// Nil when `path` is a folder this process can list.
    public static func problem(readingFolder path: String) -> String? {
        let fd = open(path, O_RDONLY | O_DIRECTORY)
        guard fd >= 0 else { return cause(errno, path: path) }
        close(fd)
        return nil
    }

    /// What `path` is: a folder, a file, or why it cannot be told (no such file, symlink loop).
    public static func kind(of path: String) -> Result<Bool, Problem> {
        var st = stat()
        guard stat(path, &st) == 0 else { return .failure(Problem(cause: errno == ENOENT && !isLink(path) ? "no such file or folder" : cause(errno, path: path))) }
        return .success(st.st_mode & S_IFMT == S_IFDIR)
    }

    public struct Problem: Error { public var cause: String }

    private static func isLink(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0 && st.st_mode & S_IFMT == S_IFLNK
    }
}
