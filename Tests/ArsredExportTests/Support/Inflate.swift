/// A plain DEFLATE decoder (RFC 1951), only to check what the encoder wrote round-trips.
struct Inflate {
    enum Failure: Error { case corrupt(String) }
    private let input: [UInt8]
    private var position = 0, bitBuffer = 0, bitCount = 0

    static func zlib(_ data: [UInt8]) throws -> [UInt8] {
        guard data.count >= 6, (Int(data[0]) << 8 | Int(data[1])) % 31 == 0, data[0] & 0x0F == 8 else { throw Failure.corrupt("zlib header") }
        var inflater = Inflate(input: Array(data[2...]))
        return try inflater.run()
    }

    private init(input: [UInt8]) { self.input = input }

    private mutating func bits(_ n: Int) throws -> Int {
        while bitCount < n {
            guard position < input.count else { throw Failure.corrupt("out of input") }
            bitBuffer |= Int(input[position]) << bitCount; position += 1; bitCount += 8
        }
        let v = bitBuffer & ((1 << n) - 1)
        bitBuffer >>= n; bitCount -= n
        return v
    }

    /// Canonical decoding table: (count per length, symbols sorted by code).
    private struct Code { var counts: [Int]; var symbols: [Int] }
    private static func code(_ lengths: [Int]) -> Code {
        var counts = [Int](repeating: 0, count: 16)
        for l in lengths { counts[l] += 1 }
        counts[0] = 0
        var offsets = [Int](repeating: 0, count: 16)
        for l in 1..<15 { offsets[l + 1] = offsets[l] + counts[l] }
        var symbols = [Int](repeating: 0, count: lengths.count)
        for (s, l) in lengths.enumerated() where l > 0 { symbols[offsets[l]] = s; offsets[l] += 1 }
        return Code(counts: counts, symbols: symbols)
    }
    private mutating func decode(_ c: Code) throws -> Int {
        var code = 0, first = 0, index = 0
        for l in 1...15 {
            code |= try bits(1)
            let count = c.counts[l]
            if code - count < first { return c.symbols[index + (code - first)] }
            index += count; first += count; first <<= 1; code <<= 1
        }
        throw Failure.corrupt("bad code")
    }

    private static let lengthBase = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
    private static let lengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    private static let distBase = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577]
    private static let distExtra = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]

    private mutating func run() throws -> [UInt8] {
        var out: [UInt8] = []
        var final = 0
        repeat {
            final = try bits(1)
            let type = try bits(2)
            switch type {
            case 0:
                bitBuffer = 0; bitCount = 0
                let len = Int(input[position]) | Int(input[position + 1]) << 8
                position += 4
                out += input[position..<(position + len)]; position += len
            case 1, 2:
                var lit: Code, dist: Code
                if type == 1 {
                    lit = Self.code((0..<288).map { $0 < 144 ? 8 : $0 < 256 ? 9 : $0 < 280 ? 7 : 8 })
                    dist = Self.code([Int](repeating: 5, count: 30))
                } else {
                    let hlit = try bits(5) + 257, hdist = try bits(5) + 1, hclen = try bits(4) + 4
                    let order = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]
                    var clLengths = [Int](repeating: 0, count: 19)
                    for i in 0..<hclen { clLengths[order[i]] = try bits(3) }
                    let cl = Self.code(clLengths)
                    var lengths: [Int] = []
                    while lengths.count < hlit + hdist {
                        let s = try decode(cl)
                        switch s {
                        case 16: let r = try bits(2) + 3; lengths += [Int](repeating: lengths.last!, count: r)
                        case 17: lengths += [Int](repeating: 0, count: try bits(3) + 3)
                        case 18: lengths += [Int](repeating: 0, count: try bits(7) + 11)
                        default: lengths.append(s)
                        }
                    }
                    lit = Self.code(Array(lengths[0..<hlit])); dist = Self.code(Array(lengths[hlit...]))
                }
                while true {
                    let s = try decode(lit)
                    if s < 256 { out.append(UInt8(s)); continue }
                    if s == 256 { break }
                    let length = Self.lengthBase[s - 257] + (try bits(Self.lengthExtra[s - 257]))
                    let d = try decode(dist)
                    let distance = Self.distBase[d] + (try bits(Self.distExtra[d]))
                    guard distance <= out.count else { throw Failure.corrupt("distance too far") }
                    for _ in 0..<length { out.append(out[out.count - distance]) }
                }
            default: throw Failure.corrupt("block type 3")
            }
        } while final == 0
        return out
    }
}
