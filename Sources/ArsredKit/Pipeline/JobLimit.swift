import Foundation

/// `--jobs` as the machine sustains it: page workers are CPU-bound (more than the cores only
/// queue up, each holding a tesseract instance and its page's bitmaps), and each needs memory.
public enum JobLimit {
    /// What one page worker may hold: a tesseract instance with swe+eng (~100 MB) and its page's
    /// bitmaps (~60 MB at 200 dpi, A4, with copies), with room to spare.
    public static let bytesPerJob: UInt64 = 256 << 20

    /// `requested` capped at the cores and at the memory, and a note saying so when it is.
    public static func cap(_ requested: Int, cores: Int = ProcessInfo.processInfo.activeProcessorCount,
                           memory: UInt64 = ProcessInfo.processInfo.physicalMemory) -> (jobs: Int, note: String?) {
        let byMemory = max(1, Int(min(memory / bytesPerJob, UInt64(Int.max))))
        let limit = max(1, min(cores, byMemory))
        guard requested > limit else { return (requested, nil) }
        let gb = String(format: "%.1f", Double(memory) / Double(1 << 30))
        return (limit, "--jobs \(requested) capped at \(limit) (\(cores) cores, \(gb) GB memory)")
    }
}

/// The largest resident set of this process or any worker it waited for, in megabytes.
public enum PeakMemory {
    public static func megabytes() -> Double {
        var own = rusage(), workers = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &own)
        getrusage(__rusage_who_t(RUSAGE_CHILDREN.rawValue), &workers)
        return Double(max(own.ru_maxrss, workers.ru_maxrss)) / 1024  // ru_maxrss is in kB on Linux
    }
}
