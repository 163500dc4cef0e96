import Bitmap
import CTesseract

/// Where a grey page splits into ink and paper, through leptonica (linked here for tesseract).
public enum GreyThreshold {
    /// Otsu's split of `image`'s grey levels (leptonica's `numaSplitDistribution`, the split
    /// of greatest between-class variance): levels at or below it are ink. Tesseract's own
    /// binarisation splits a page the same way. Nil for an empty or one-level image.
    public static func otsu(_ image: GreyImage) -> Int? {
        guard !image.pixels.isEmpty else { return nil }
        var counts = [Float](repeating: 0, count: 256)
        for p in image.pixels { counts[Int(p)] += 1 }
        guard counts.filter({ $0 > 0 }).count > 1 else { return nil }
        return counts.withUnsafeMutableBufferPointer { c -> Int? in
            guard let histogram = numaCreateFromFArray(c.baseAddress, 256, Int32(L_COPY)) else { return nil }
            var owned: UnsafeMutablePointer<NUMA>? = histogram
            defer { numaDestroy(&owned) }
            var split: Int32 = 0
            guard numaSplitDistribution(histogram, 0, &split, nil, nil, nil, nil, nil) == 0 else { return nil }
            return Int(split)
        }
    }
}
