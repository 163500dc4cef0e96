import CPoppler
import Foundation

/// Poppler reports what it could not read (a damaged image stream, a bad object) through GLib's
/// log at INFO level, which nobody sees: the page then comes out partly blank. These are caught
/// per thread, so the page being read can say it was not read whole.
public enum PopplerMessages {
    /// Runs `body`, returning what it returned and the errors poppler reported on this thread
    /// meanwhile (one line each, "Syntax error at position 6587: Unexpected end of file in flate stream").
    public static func collecting<T>(_ body: () throws -> T) rethrows -> (T, [String]) {
        installed
        let me = threadID()
        lock.lock(); buffers[me] = []; lock.unlock()
        defer { lock.lock(); buffers[me] = nil; lock.unlock() }
        let value = try body()
        lock.lock(); let messages = buffers[me] ?? []; lock.unlock()
        return (value, messages)
    }

    /// Of poppler's messages, those saying image data was lost: errors (not warnings) about
    /// a stream or an image codec, without their "Syntax error at position N: " head. Font and
    /// operator complaints leave the picture whole.
    public static func imageDataLost(_ messages: [String]) -> [String] {
        messages.filter { m in
            let lower = m.lowercased()
            return !lower.hasPrefix("syntax warning") && lossWords.contains { lower.contains($0) }
        }.map { m in m.range(of: ": ").map { String(m[$0.upperBound...]) } ?? m }
    }

    /// Words of poppler's decoder errors (Stream.cc, DCTStream, JPXStream, JBIG2Stream).
    static let lossWords = ["stream", "flate", "lzw", "dct", "jpeg", "jpx", "jbig2", "ccitt", "image"]

    private static let lock = NSLock()
    nonisolated(unsafe) private static var buffers: [UInt: [String]] = [:]

    private static func threadID() -> UInt { UInt(pthread_self()) }

    fileprivate static func record(_ message: String) {
        let me = threadID()
        lock.lock(); defer { lock.unlock() }
        buffers[me]?.append(message)
    }

    /// Every level of the "Poppler" log domain; messages outside a `collecting` call are dropped
    /// (GLib would not print INFO anyway).
    private static let installed: Void = {
        let allLevels = GLogLevelFlags(rawValue: 0xFC)
        _ = g_log_set_handler("Poppler", allLevels, { _, _, message, _ in
            guard let message else { return }
            PopplerMessages.record(String(cString: message))
        }, nil)
    }()
}
