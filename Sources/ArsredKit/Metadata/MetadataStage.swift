import Foundation

/// What the metadata stage finds: who the report is by, for which year, and who signed it.
public struct DocumentMetadata: Sendable, Equatable {
    public var organisation: String?
    public var organisationKey: String? { organisation.map(FoldedText.fold) }
    public var fiscalYear: Int?
    public var signature: Signature?
    /// Page numbers of the Comfact signing pages (UNDERSKRIFTSSIDA and its continuations).
    public var signingPages: [Int]
    /// Doubts the stage could not settle (an organisation left empty, and why).
    public var diagnostics: [Diagnostic] = []
    /// The diagnostics as the contract's strings.
    public var warnings: [String] { diagnostics.map(\.rendered) }
}

/// Reads organisation, fiscal year and the Comfact signing metadata from folded page text,
/// robust to OCR garbling. Finds nothing rather than guessing: a document without a signing
/// page has no signature.
public struct MetadataStage: Sendable {
    let vocabulary: MetadataVocabulary

    public init(vocabulary: MetadataVocabulary) { self.vocabulary = vocabulary }

    public func recognise(pages: [Page]) -> DocumentMetadata {
        let signing = SigningPageReader(vocabulary: vocabulary).read(pages: pages)
        let organisation = OrganisationFinder(vocabulary: vocabulary).find(pages: pages, signingPages: Set(signing.pages))
        return DocumentMetadata(
            organisation: organisation.name,
            fiscalYear: FiscalYearFinder(vocabulary: vocabulary).find(pages: pages),
            signature: signing.signature,
            signingPages: signing.pages,
            diagnostics: organisation.warning.map { [Diagnostic(message: $0)] } ?? [])
    }

    /// Cheap test for the ingestion policy: does this page carry metadata read in full?
    public func pageHoldsMetadata(_ page: Page) -> Bool {
        page.number == 1 || SigningPageReader(vocabulary: vocabulary).isSigningPage(page)
    }
}

/// Edits per letter the metadata stage lets a word be off its vocabulary form.
enum MetadataSlips {
    /// A word of the vocabulary (a title, a role): one slip in seven letters.
    static let word = 0.15
    /// A signing page's field names (`Namn`, `Titel`) are short: one slip in four letters.
    static let fieldName = 0.25
    /// `Tid` is three letters: one slip.
    static let timeField = 0.34
}

/// True when the folded word is within OCR reach of one of `targets` (edit distance scaled by length).
func fuzzyIs(_ folded: some StringProtocol, _ targets: [String], tolerance: Double = MetadataSlips.word) -> Bool {
    targets.contains { t in
        let allowed = max(1, Int((Double(t.count) * tolerance).rounded(.down)))
        return abs(folded.count - t.count) <= allowed && Fuzzy.distance(folded, t) <= allowed
    }
}

struct FiscalYearFinder {
    let vocabulary: MetadataVocabulary

    /// Votes for a year: a report title opening a line of the cover (its first `coverPages`),
    /// opening a line elsewhere, mentioned in running text; and a page's latest balance date.
    static let coverTitleVote = 8.0, lineTitleVote = 2.0, mentionVote = 0.5, closingDateVote = 1.0
    static let coverPages = 2
    /// The year follows its title within this many words (`Årsredovisning för 2023`).
    static let wordsToYear = 2
    /// Years a report can be of.
    static let years = 1990...2099

    func find(pages: [Page]) -> Int? {
        var votes: [Int: Double] = [:]
        for page in pages {
            var closingYears: [Int] = []
            for line in page.lines {
                let words = line.folded.split(separator: "_")
                for (i, w) in words.enumerated() where fuzzyIs(w, vocabulary.reportTitles) {
                    // A title ("Årsredovisning 2023" opening a line, most of all on the cover)
                    // counts more than a mention in running text ("i årsredovisning 2022 framgick").
                    let weight = i == 0 ? (page.number <= Self.coverPages ? Self.coverTitleVote : Self.lineTitleVote) : Self.mentionVote
                    if let y = words.dropFirst(i + 1).prefix(Self.wordsToYear).lazy.compactMap(Self.year).first {
                        votes[y, default: 0] += weight
                    }
                }
                // Balance dates "2023-12-31": the latest one on a page is the year reported on.
                for (i, w) in words.enumerated() where i + 2 < words.count && words[i + 1] == "12" && words[i + 2] == "31" {
                    if let y = Self.year(w) { closingYears.append(y) }
                }
            }
            if let latest = closingYears.max() { votes[latest, default: 0] += Self.closingDateVote }
        }
        if let y = votes.max(by: { ($0.value, $1.key) < ($1.value, $0.key) })?.key { return y }
        return pages.lazy.compactMap(Self.firstDateYear).first
    }

    /// A document that is no annual report (minutes, a plan's decision) is of the year of its
    /// date: the first full date it prints, `2023-05-12`.
    static func firstDateYear(_ page: Page) -> Int? {
        for line in page.lines {
            if let m = line.text.firstMatch(of: #/\b((?:19|20)\d\d)-(0[1-9]|1[0-2])-([0-2]\d|3[01])\b/#) {
                return Int(m.1)
            }
        }
        return nil
    }

    static func year(_ s: some StringProtocol) -> Int? {
        guard s.count == 4, let y = Int(s), years.contains(y) else { return nil }
        return y
    }
}

struct SigningPageReader {
    let vocabulary: MetadataVocabulary

    struct Result { var signature: Signature?; var pages: [Int] }

    func isSigningPage(_ page: Page) -> Bool {
        let v = vocabulary.signing
        var names = 0, times = 0
        for line in page.lines {
            let first = line.folded.split(separator: "_").first ?? ""
            if fuzzyIs(first, [v.page]) { return true }
            if fuzzyIs(first, [v.name], tolerance: MetadataSlips.fieldName) && line.text.contains(":") { names += 1 }
            if fuzzyIs(first, [v.time], tolerance: MetadataSlips.timeField) && Self.timestamp(in: line.text) != nil { times += 1 }
        }
        return names > 0 && times > 0
    }

    func read(pages: [Page]) -> Result {
        let v = vocabulary.signing
        var references: [String: Int] = [:]
        for page in pages {
            for line in page.lines {
                if let r = reference(in: line) { references[r, default: 0] += 1 }
            }
        }
        var signatories: [Signatory] = []
        var signingPages: [Int] = []
        for page in pages where isSigningPage(page) {
            signingPages.append(page.number)
            var current: Signatory?
            func flush() {
                if let c = current, !c.name.isEmpty,
                   !signatories.contains(where: { FoldedText.fold($0.name) == FoldedText.fold(c.name) }) {
                    signatories.append(c)
                }
                current = nil
            }
            for text in TextColumns.readingOrder(page, columnsOpenedBy: v.name) {
                let folded = FoldedText.fold(text)
                let first = folded.split(separator: "_").first ?? ""
                guard let colon = text.firstIndex(of: ":") else { continue }
                let value = text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                if fuzzyIs(first, [v.name], tolerance: MetadataSlips.fieldName) {
                    flush()
                    current = Signatory(name: value, role: nil, signedAt: nil)
                } else if fuzzyIs(first, [v.title], tolerance: MetadataSlips.fieldName), current != nil {
                    let role = value.split(separator: ",", maxSplits: 1).first.map { String($0).trimmingCharacters(in: .whitespaces) }
                    current?.role = role.map(restoredRole)
                } else if fuzzyIs(first, [v.time], tolerance: MetadataSlips.timeField), current != nil {
                    current?.signedAt = Self.timestamp(in: text)
                }
            }
            flush()
        }
        let reference = references.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key
        guard reference != nil || !signatories.isEmpty else { return Result(signature: nil, pages: signingPages) }
        return Result(signature: Signature(reference: reference, signatories: signatories), pages: signingPages)
    }

    /// A signing reference is six digits and a two-letter country code (`747704SE`); OCR may
    /// split it into this many words (`747704 SE`).
    static let referenceDigits = 6, referenceSuffixLetters = 2, referenceWords = 2

    /// "Comfact Signature Referensnummer: 747704SE" -> "747704SE".
    func reference(in line: Line) -> String? {
        let tokens = line.text.split(whereSeparator: { $0 == " " || $0 == ":" }).map(String.init)
        for (i, t) in tokens.enumerated() where fuzzyIs(FoldedText.fold(t), [vocabulary.signing.reference]) {
            // The reference may be split by OCR: "747704 SE".
            let rest = tokens.dropFirst(i + 1).prefix(Self.referenceWords).joined()
            if let r = Self.normalisedReference(rest) { return r }
            if let next = tokens.dropFirst(i + 1).first, let r = Self.normalisedReference(next) { return r }
        }
        return nil
    }

    /// Six digits and SE, with the usual OCR confusions inside digits undone.
    static func normalisedReference(_ s: String) -> String? {
        let chars = Array(s.uppercased().filter { !$0.isWhitespace })
        guard chars.count >= referenceDigits + referenceSuffixLetters else { return nil }
        let digitsPart = chars.prefix(chars.count - referenceSuffixLetters), suffix = String(chars.suffix(referenceSuffixLetters))
        guard digitsPart.count == referenceDigits, suffix == "SE" || suffix == "5E" || suffix == "SF" else { return nil }
        let map: [Character: Character] = ["O": "0", "D": "0", "I": "1", "L": "1", "|": "1", "S": "5", "B": "8", "Z": "2"]
        let digits = digitsPart.map { map[$0] ?? $0 }
        guard digits.allSatisfy(\.isNumber) else { return nil }
        return String(digits) + "SE"
    }

    /// "TID: 2024-03-24 08:43:31 +01:00" -> "2024-03-24T08:43:31+01:00".
    static func timestamp(in text: String) -> String? {
        // Digits with any separators OCR left: date 8 digits, time 6, offset sign and 4.
        let pattern = #/(\d{4})\D{1,2}(\d{2})\D{1,2}(\d{2})\s*[T ]?\s*(\d{2})\D{1,2}(\d{2})\D{1,2}(\d{2})\s*([+\-−–])\s*(\d{2})\D?(\d{2})/#
        guard let m = text.firstMatch(of: pattern) else { return nil }
        let sign = m.7 == "+" ? "+" : "-"
        return "\(m.1)-\(m.2)-\(m.3)T\(m.4):\(m.5):\(m.6)\(sign)\(m.8):\(m.9)"
    }

    private func restoredRole(_ printed: String) -> String {
        let f = FoldedText.fold(printed)
        if let known = vocabulary.roles.min(by: { Fuzzy.distance(FoldedText.fold($0), f) < Fuzzy.distance(FoldedText.fold($1), f) }),
           fuzzyIs(f, [FoldedText.fold(known)]) {
            return known
        }
        return printed
    }
}

extension String {
    func trimmingTrailingPunctuation() -> String {
        var s = Substring(self)
        while let last = s.last, last.isPunctuation || last == "”" || last == "\"" { s = s.dropLast() }
        return String(s)
    }
}
