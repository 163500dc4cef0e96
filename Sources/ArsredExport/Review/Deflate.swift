/// A small DEFLATE (RFC 1951) compressor inside a zlib stream (RFC 1950): LZ77 over a 32 KiB
/// window with hash chains, then one dynamic-Huffman block per 64 Ki symbols. Enough to make
/// page images small; Foundation has no zlib on Linux.
public enum Deflate {
    /// `data` as a zlib stream.
    public static func zlib(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x78, 0x01]
        out += deflate(data)
        let a = adler32(data)
        out += [UInt8(a >> 24), UInt8(a >> 16 & 0xFF), UInt8(a >> 8 & 0xFF), UInt8(a & 0xFF)]
        return out
    }

    public static func adler32(_ data: [UInt8]) -> UInt32 {
        var a: UInt32 = 1, b: UInt32 = 0
        var i = 0
        while i < data.count {
            let end = min(data.count, i + 5552)
            while i < end { a += UInt32(data[i]); b += a; i += 1 }
            a %= 65521; b %= 65521
        }
        return b << 16 | a
    }

    /// Raw DEFLATE data: compressed, or stored when compressing would not make it smaller.
    public static func deflate(_ data: [UInt8]) -> [UInt8] {
        let compressed = huffmanCoded(data)
        let storedSize = data.count + 5 * max(1, (data.count + 65534) / 65535)
        return compressed.count <= storedSize ? compressed : stored(data)
    }

    /// Stored blocks: the bytes as they are, at most 65 535 a block.
    static func stored(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var start = 0
        repeat {
            let end = min(data.count, start + 65535)
            let length = UInt16(end - start)
            out += [end == data.count ? 1 : 0, UInt8(length & 0xFF), UInt8(length >> 8), UInt8(~length & 0xFF), UInt8(~length >> 8)]
            out += data[start..<end]
            start = end
        } while start < data.count
        return out
    }

    static func huffmanCoded(_ data: [UInt8]) -> [UInt8] {
        var writer = BitWriter()
        let symbols = lz77(data)
        if symbols.isEmpty {
            writer.write(1, 1); writer.write(1, 2)   // final fixed block holding only end-of-block
            writer.write(0, 7)
            return writer.finish()
        }
        var start = 0
        while start < symbols.count {
            let end = min(symbols.count, start + 65536)
            writeBlock(symbols[start..<end], final: end == symbols.count, to: &writer)
            start = end
        }
        return writer.finish()
    }

    // A symbol: literal byte (< 256), or a match packed as 256 + (length << 16 | distance).
    static let matchFlag: UInt32 = 1 << 31

    static func lz77(_ data: [UInt8]) -> [UInt32] {
        let n = data.count
        var symbols: [UInt32] = []
        symbols.reserveCapacity(n / 2)
        let window = 32768, hashSize = 1 << 15, maxChain = 24
        var head = [Int32](repeating: -1, count: hashSize)
        var previous = [Int32](repeating: -1, count: window)
        data.withUnsafeBufferPointer { d in
            head.withUnsafeMutableBufferPointer { head in
                previous.withUnsafeMutableBufferPointer { previous in
                    @inline(__always) func hash(_ i: Int) -> Int {
                        (Int(d[i]) << 10 ^ Int(d[i + 1]) << 5 ^ Int(d[i + 2])) & (hashSize - 1)
                    }
                    @inline(__always) func insert(_ i: Int) {
                        guard i + 2 < n else { return }
                        let h = hash(i)
                        previous[i & (window - 1)] = head[h]
                        head[h] = Int32(i)
                    }
                    var i = 0
                    while i < n {
                        var bestLength = 0, bestDistance = 0
                        if i + 2 < n {
                            var candidate = Int(head[hash(i)])
                            var chain = maxChain
                            let limit = min(258, n - i)
                            while candidate >= 0, i - candidate <= window - 1, chain > 0 {
                                if d[candidate + bestLength] == d[i + bestLength] {
                                    var length = 0
                                    while length < limit && d[candidate + length] == d[i + length] { length += 1 }
                                    if length > bestLength {
                                        bestLength = length; bestDistance = i - candidate
                                        if length == limit { break }
                                    }
                                }
                                let next = Int(previous[candidate & (window - 1)])
                                if next >= candidate { break }
                                candidate = next
                                chain -= 1
                            }
                        }
                        if bestLength >= 3 {
                            symbols.append(matchFlag | UInt32(bestLength) << 16 | UInt32(bestDistance))
                            for j in i..<(i + bestLength) { insert(j) }
                            i += bestLength
                        } else {
                            symbols.append(UInt32(d[i]))
                            insert(i)
                            i += 1
                        }
                    }
                }
            }
        }
        return symbols
    }

    static let lengthBase: [Int] = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59,
                                    67, 83, 99, 115, 131, 163, 195, 227, 258]
    static let lengthExtra: [Int] = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    static let distanceBase: [Int] = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769,
                                      1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577]
    static let distanceExtra: [Int] = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10,
                                       11, 11, 12, 12, 13, 13]
    /// length 3...258 -> index into lengthBase; distance 1...32768 -> index into distanceBase.
    static let lengthCode: [UInt8] = (0...258).map { l in UInt8(max(0, lengthBase.lastIndex { $0 <= l } ?? 0)) }
    static func distanceCode(_ distance: Int) -> Int {
        var lo = 0, hi = distanceBase.count - 1
        while lo < hi { let mid = (lo + hi + 1) / 2; if distanceBase[mid] <= distance { lo = mid } else { hi = mid - 1 } }
        return lo
    }

    static let codeLengthOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

    static func writeBlock(_ symbols: ArraySlice<UInt32>, final: Bool, to w: inout BitWriter) {
        var literalCounts = [Int](repeating: 0, count: 286)
        var distanceCounts = [Int](repeating: 0, count: 30)
        for s in symbols {
            if s & matchFlag != 0 {
                literalCounts[257 + Int(lengthCode[Int(s >> 16 & 0x1FF)])] += 1
                distanceCounts[distanceCode(Int(s & 0xFFFF))] += 1
            } else {
                literalCounts[Int(s)] += 1
            }
        }
        literalCounts[256] = 1
        if distanceCounts.allSatisfy({ $0 == 0 }) { distanceCounts[0] = 1 }
        let literalLengths = Huffman.lengths(literalCounts, limit: 15)
        let distanceLengths = Huffman.lengths(distanceCounts, limit: 15)
        var hlit = 286; while hlit > 257 && literalLengths[hlit - 1] == 0 { hlit -= 1 }
        var hdist = 30; while hdist > 1 && distanceLengths[hdist - 1] == 0 { hdist -= 1 }

        // Code lengths of both alphabets, run-length coded with 16 (repeat), 17/18 (zeros).
        let all = Array(literalLengths[0..<hlit]) + Array(distanceLengths[0..<hdist])
        var runs: [(symbol: Int, extra: Int)] = []
        var i = 0
        while i < all.count {
            let value = all[i]
            var run = 1
            while i + run < all.count && all[i + run] == value { run += 1 }
            var left = run
            if value == 0 {
                while left >= 11 { let k = min(138, left); runs.append((18, k - 11)); left -= k }
                if left >= 3 { runs.append((17, left - 3)); left = 0 }
            } else {
                runs.append((value, 0)); left -= 1
                while left >= 3 { let k = min(6, left); runs.append((16, k - 3)); left -= k }
            }
            for _ in 0..<left { runs.append((value, 0)) }
            i += run
        }
        var codeLengthCounts = [Int](repeating: 0, count: 19)
        for r in runs { codeLengthCounts[r.symbol] += 1 }
        // Decoders reject an incomplete code-length code: give it at least two symbols.
        if codeLengthCounts.filter({ $0 > 0 }).count < 2 { codeLengthCounts[codeLengthCounts[0] == 0 ? 0 : 1] += 1 }
        let codeLengthLengths = Huffman.lengths(codeLengthCounts, limit: 7)
        var hclen = 19; while hclen > 4 && codeLengthLengths[codeLengthOrder[hclen - 1]] == 0 { hclen -= 1 }

        let literalCodes = Huffman.codes(literalLengths)
        let distanceCodes = Huffman.codes(distanceLengths)
        let codeLengthCodes = Huffman.codes(codeLengthLengths)

        w.write(final ? 1 : 0, 1)
        w.write(2, 2)
        w.write(UInt32(hlit - 257), 5); w.write(UInt32(hdist - 1), 5); w.write(UInt32(hclen - 4), 4)
        for k in 0..<hclen { w.write(UInt32(codeLengthLengths[codeLengthOrder[k]]), 3) }
        for r in runs {
            w.write(codeLengthCodes[r.symbol], codeLengthLengths[r.symbol])
            switch r.symbol {
            case 16: w.write(UInt32(r.extra), 2)
            case 17: w.write(UInt32(r.extra), 3)
            case 18: w.write(UInt32(r.extra), 7)
            default: break
            }
        }
        for s in symbols {
            if s & matchFlag != 0 {
                let length = Int(s >> 16 & 0x1FF), distance = Int(s & 0xFFFF)
                let lc = Int(lengthCode[length])
                w.write(literalCodes[257 + lc], literalLengths[257 + lc])
                w.write(UInt32(length - lengthBase[lc]), lengthExtra[lc])
                let dc = distanceCode(distance)
                w.write(distanceCodes[dc], distanceLengths[dc])
                w.write(UInt32(distance - distanceBase[dc]), distanceExtra[dc])
            } else {
                w.write(literalCodes[Int(s)], literalLengths[Int(s)])
            }
        }
        w.write(literalCodes[256], literalLengths[256])
    }
}

/// Canonical Huffman codes, length-limited.
enum Huffman {
    /// Code lengths for `counts` (0 for unused symbols), none longer than `limit`.
    static func lengths(_ counts: [Int], limit: Int) -> [Int] {
        var counts = counts
        while true {
            let lengths = unlimitedLengths(counts)
            if lengths.allSatisfy({ $0 <= limit }) { return lengths }
            // Flatten the distribution and try again: rare symbols get relatively commoner.
            counts = counts.map { $0 == 0 ? 0 : ($0 >> 1) | 1 }
        }
    }

    private static func unlimitedLengths(_ counts: [Int]) -> [Int] {
        var lengths = [Int](repeating: 0, count: counts.count)
        let used = counts.indices.filter { counts[$0] > 0 }
        if used.count == 1 { lengths[used[0]] = 1; return lengths }
        if used.isEmpty { return lengths }
        // Nodes: leaves first, then internal nodes; two-queue merge on sorted leaves.
        let leaves = used.sorted { (counts[$0], $0) < (counts[$1], $1) }
        var weight = leaves.map { counts[$0] }
        var parent = [Int](repeating: -1, count: 2 * leaves.count - 1)
        var leafNext = 0, internalNext = leaves.count
        func takeSmallest() -> Int {
            if leafNext < leaves.count && (internalNext >= weight.count || weight[leafNext] <= weight[internalNext]) {
                leafNext += 1; return leafNext - 1
            }
            internalNext += 1; return internalNext - 1
        }
        for _ in 0..<(leaves.count - 1) {
            let a = takeSmallest(), b = takeSmallest()
            weight.append(weight[a] + weight[b])
            parent[a] = weight.count - 1; parent[b] = weight.count - 1
        }
        for (i, symbol) in leaves.enumerated() {
            var depth = 0, node = i
            while parent[node] >= 0 { node = parent[node]; depth += 1 }
            lengths[symbol] = depth
        }
        return lengths
    }

    /// Canonical codes for `lengths`, bit-reversed for DEFLATE's LSB-first writing.
    static func codes(_ lengths: [Int]) -> [UInt32] {
        let maxLength = lengths.max() ?? 0
        var countOf = [Int](repeating: 0, count: maxLength + 1)
        for l in lengths where l > 0 { countOf[l] += 1 }
        var next = [Int](repeating: 0, count: maxLength + 2)
        var code = 0
        if maxLength > 0 {
            for bits in 1...maxLength { code = (code + countOf[bits - 1]) << 1; next[bits] = code }
        }
        return lengths.map { l in
            guard l > 0 else { return 0 }
            let c = next[l]; next[l] += 1
            var reversed: UInt32 = 0
            for b in 0..<l where c >> b & 1 == 1 { reversed |= 1 << UInt32(l - 1 - b) }
            return reversed
        }
    }
}

struct BitWriter {
    var bytes: [UInt8] = []
    var buffer: UInt64 = 0
    var count = 0

    mutating func write(_ value: UInt32, _ bits: Int) {
        guard bits > 0 else { return }
        buffer |= UInt64(value) << UInt64(count)
        count += bits
        while count >= 8 { bytes.append(UInt8(buffer & 0xFF)); buffer >>= 8; count -= 8 }
    }

    mutating func finish() -> [UInt8] {
        if count > 0 { bytes.append(UInt8(buffer & 0xFF)); buffer = 0; count = 0 }
        return bytes
    }
}
