/// Swedish place names as they should read (`pipelines/places.yaml`): the words a förbund's name
/// is made of, to confirm a name word and restore the å, ä, ö that OCR loses.
public struct PlaceVocabulary: Decodable, Sendable {
    public var qualifiers: [String]
    public var connectors: [String]
    public var trailing: [String]
    public var landskap: [String]
    public var areas: [String]
    public var lan: [String]
    public var kommuner: [String]

    /// Folded single word -> the word as it should read.
    private var byFold: [String: String] = [:]
    /// The folded words, by length, for the fuzzy look-up.
    private var folded: [String] = []

    private enum CodingKeys: String, CodingKey { case qualifiers, connectors, trailing, landskap, areas, lan, kommuner }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func list(_ k: CodingKeys) throws -> [String] { try c.decodeIfPresent([String].self, forKey: k) ?? [] }
        qualifiers = try list(.qualifiers); connectors = try list(.connectors); trailing = try list(.trailing)
        landskap = try list(.landskap); areas = try list(.areas); lan = try list(.lan); kommuner = try list(.kommuner)
        index()
    }

    public init(qualifiers: [String] = [], connectors: [String] = [], trailing: [String] = [],
                landskap: [String] = [], areas: [String] = [], lan: [String] = [], kommuner: [String] = []) {
        self.qualifiers = qualifiers; self.connectors = connectors; self.trailing = trailing
        self.landskap = landskap; self.areas = areas; self.lan = lan; self.kommuner = kommuner
        index()
    }

    public static let empty = PlaceVocabulary()

    private mutating func index() {
        for entry in qualifiers + landskap + areas + lan + kommuner + trailing {
            for word in entry.split(whereSeparator: { $0 == " " || $0 == "-" }) {
                let f = FoldedText.fold(String(word))
                guard !f.isEmpty, byFold[f] == nil else { continue }
                byFold[f] = String(word)
            }
        }
        folded = byFold.keys.sorted()
    }

    /// OCR slips a place word may carry and still be restored: letters read wrong, one in a
    /// short word, two in a long one (`sedra` -> `sodra`). Only substitutions: a letter more or
    /// less is a genitive or another word (`Norrsjös`, `Mora`/`Moras`).
    static let shortWordSlips = 1
    static let longWordSlips = 2
    /// Letters from which a word counts as long for the slips above.
    static let longWordLetters = 9
    /// Shorter words are only restored when read exactly: too many places are near each other.
    static let fuzzyMinimumLetters = 5
    /// A genitive `s` is only taken off a word longer than this: what is left must be long
    /// enough to be a place word of its own.
    static let genitiveMinimumLetters = 3

    /// The place word as it should read (`Sédra` -> `Södra`, `Jamtlands` -> `Jämtlands`), nil when
    /// it is no known place word or when two known words are equally near.
    public func known(_ word: String) -> String? {
        let f = FoldedText.fold(word)
        guard !f.isEmpty else { return nil }
        if let w = nearest(f) { return w }
        // A genitive of a listed stem.
        if f.count > Self.genitiveMinimumLetters, f.hasSuffix("s"), let stem = nearest(String(f.dropLast())) { return stem + "s" }
        return nil
    }

    private func nearest(_ f: String) -> String? {
        if let exact = byFold[f] { return exact }
        guard f.count >= Self.fuzzyMinimumLetters else { return nil }
        let allowed = f.count >= Self.longWordLetters ? Self.longWordSlips : Self.shortWordSlips
        var best: (distance: Int, word: String)?
        var tied = false
        for candidate in folded where candidate.count == f.count {
            let d = zip(candidate, f).filter { $0 != $1 }.count
            guard d <= allowed else { continue }
            if let b = best, d == b.distance { tied = true } else if best == nil || d < best!.distance {
                best = (d, candidate); tied = false
            }
        }
        guard let b = best, !tied else { return nil }
        return byFold[b.word]
    }

    /// A word written in lower case inside a name: `i`, `och` (between places), `län` (after one).
    func isConnector(_ word: String) -> Bool {
        connectors.contains(word) || connectors.contains(FoldedText.fold(word))
    }

    func isTrailing(_ word: String) -> Bool {
        let f = FoldedText.fold(word)
        return trailing.contains { FoldedText.fold($0) == f }
    }
}
