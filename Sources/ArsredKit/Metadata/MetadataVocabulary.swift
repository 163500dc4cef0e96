/// The metadata stage's vocabulary, kept as data in `pipelines/metadata.yaml`.
public struct MetadataVocabulary: Decodable, Sendable {
    public struct Signing: Decodable, Sendable {
        public var page: String
        public var reference: String
        public var name: String
        public var title: String
        public var time: String
        public var identification: String
    }
    public var organisationWords: [String]
    public var reportTitles: [String]
    public var signing: Signing
    public var roles: [String]
    public var words: [String]
    /// Place names (`pipelines/places.yaml`), kept in a file of their own.
    public var places: PlaceVocabulary = .empty

    private enum CodingKeys: String, CodingKey { case organisationWords, reportTitles, signing, roles, words }

    /// The word as it should read, when the vocabulary knows it (`Ordforande` -> `Ordförande`).
    func restored(_ word: String) -> String {
        let f = FoldedText.fold(word)
        guard let known = (roles + words).first(where: { FoldedText.fold($0) == f }) else { return word }
        // Keep the printed capitalisation of the first letter.
        if let first = word.first, first.isUppercase, let k = known.first, !k.isUppercase {
            return known.prefix(1).uppercased() + known.dropFirst()
        }
        if let first = word.first, first.isLowercase, let k = known.first, k.isUppercase {
            return known.prefix(1).lowercased() + known.dropFirst()
        }
        return known
    }
}
