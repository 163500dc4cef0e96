import CAllocator

/// The C library's allocator settings (glibc's `mallopt`), seen by nothing else.
public enum Allocator {
    /// Serves every block of `bytes` or more with a mapping of its own, handed back whole when
    /// freed, and stops glibc raising that threshold to the size of each such block freed.
    /// Returns false where the C library refuses the setting.
    @discardableResult
    public static func mapApart(blocksOfAtLeast bytes: Int32) -> Bool {
        mallopt(M_MMAP_THRESHOLD, bytes) == 1
    }
}
