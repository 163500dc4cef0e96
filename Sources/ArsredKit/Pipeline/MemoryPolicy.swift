import Allocator

/// How the process's allocator hands back page-sized buffers. glibc serves a request past its
/// mmap threshold with a mapping of its own, given back whole when freed; but the threshold
/// rises to the size of every such block freed (up to 32 MB), so after the first page a page's
/// bitmaps (a 200-dpi grey page is 4 MB, its colour rendering and tesseract's copies more) come
/// from the heap, which they fragment: between pages the heap kept growing by a page's buffers
/// every few pages (measured on a 40-page scan: 149 MB after page 1, 239 MB after page 32, peak
/// 355 MB). A fixed threshold keeps every large buffer a mapping of its own (same scan: 151 MB
/// after page 12, peak 285 MB at page 12 against 331 MB). A 300-page scan made of the dev scans
/// peaks at 428 MB against 298 MB for its first 20 pages (1.44x). The cost: every large buffer
/// is faulted in afresh, about 1.5-2 s more system CPU per 20 scanned pages (2.1 -> 3.7-4.1 s).
enum MemoryPolicy {
    /// Blocks this large or larger (bytes) are mapped apart and unmapped when freed: below a
    /// 200-dpi page's bitmap (4 MB), above tesseract's and the recognisers' small allocations.
    static let separateMappingBytes: Int32 = 1 << 20
    /// Sets the threshold once per process.
    static let apply: Void = { Allocator.mapApart(blocksOfAtLeast: separateMappingBytes) }()
}
