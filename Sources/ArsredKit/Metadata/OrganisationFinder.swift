/// What the document says of whose it is: the name, or nothing with the reason.
struct OrganisationFinding: Sendable, Equatable {
    var name: String?
    var warning: String?
}

/// Finds the förbund a document is by: every name it prints (`Samordningsförbundet X`,
/// `X samordningsförbund`), weighed by where it stands (cover, signing page, a line of its own,
/// running header or footer, prose), cut-off forms counted for the whole name they begin.
/// Where two förbund are named alike, or none, the answer is nil: a wrong organisation
/// mislabels every figure of the report.
struct OrganisationFinder {
    let vocabulary: MetadataVocabulary
    var places: PlaceVocabulary { vocabulary.places }

    /// Weight of a mention where a document states whose it is: the cover and title page, a
    /// signing page (the signatories' förbund), a running header or footer.
    static let statedWeight = 4.0
    /// Weight of a mention in running text, which names partners and other förbund too: it
    /// decides only where nothing is stated.
    static let proseWeight = 1.0
    /// Pages counted as cover and title page.
    static let coverPages = 2
    /// A line that holds nothing but the name (a title, a header) counts this many times more.
    static let ownLineFactor = 2.0
    /// A name in the first or last lines of at least this many pages is the document's running
    /// header or footer.
    static let runningPages = 3
    /// Lines at the top and at the bottom of a page where a running header or footer stands.
    static let edgeLines = 2
    /// Words a running header or footer holds besides the name (`Årsredovisning 2023`, `Sida 4`).
    static let runningExtraWords = 4
    /// Two names whose weights are this close (the second at least this share of the first)
    /// leave the document without an organisation: joint minutes, a compilation.
    static let ambiguousShare = 0.7
    /// A place name in the genitive (`Norrsjös`) has at least this many letters, its `s` included.
    static let genitiveLetters = 4
    /// At most this many words after `Samordningsförbundet` belong to the name.
    static let maxNameWords = 5
    /// How many of the names alike a warning lists.
    static let namesInWarning = 3

    struct Mention { var words: [String]; var page: Int; var ownLine: Bool; var edge: Bool = false }

    func find(pages: [Page], signingPages: Set<Int> = []) -> OrganisationFinding {
        var mentions: [Mention] = []
        for page in pages {
            var found = self.mentions(in: TextColumns.readingOrder(page), page: page.number)
            // A running header or footer: a short line at the top or bottom holding the name.
            let edges = (page.lines.prefix(Self.edgeLines) + page.lines.suffix(Self.edgeLines)).map(\.folded)
            for k in found.indices {
                let key = FoldedText.fold(found[k].words.joined(separator: " "))
                found[k].edge = edges.contains { $0.contains(key) && $0.split(separator: "_").count <= found[k].words.count + Self.runningExtraWords }
            }
            mentions += found
        }
        guard !mentions.isEmpty else { return OrganisationFinding(name: nil, warning: nil) }
        var candidates = score(mentions, signingPages: signingPages)
        mergeCutOffForms(&candidates)
        let ranked = candidates.values.sorted { Candidate.ranksBelow($1, $0) }
        let best = ranked[0]
        if ranked.count > 1, ranked[1].stated >= Self.ambiguousShare * best.stated,
           best.stated > 0 || ranked[1].prose >= Self.ambiguousShare * best.prose {
            let names = ranked.prefix(Self.namesInWarning).map(\.surface).joined(separator: ", ")
            return OrganisationFinding(name: nil, warning: "organisation: the document names several förbund alike (\(names)); left empty")
        }
        return OrganisationFinding(name: best.surface, warning: nil)
    }

    // MARK: Weighing

    struct Candidate {
        var key: String
        var words: [String]
        /// Weight of the mentions where the document states whose it is, and of the others.
        var stated = 0.0, prose = 0.0
        var pages: Set<Int> = []
        var edgePages: Set<Int> = []
        var surfaces: [String: Int] = [:]

        /// Stated evidence first; running text decides only between names stated alike; then
        /// the key, so that the answer never depends on dictionary order.
        static func ranksBelow(_ a: Candidate, _ b: Candidate) -> Bool {
            (a.stated, a.prose, b.key) < (b.stated, b.prose, a.key)
        }

        /// The best-read spelling: most letters with diacritics, then the most frequent.
        var surface: String {
            surfaces.max { a, b in
                let da = a.key.unicodeScalars.filter { $0.value > 127 }.count
                let db = b.key.unicodeScalars.filter { $0.value > 127 }.count
                return (da, a.value, b.key) < (db, b.value, a.key)
            }!.key
        }
    }

    func score(_ mentions: [Mention], signingPages: Set<Int>) -> [String: Candidate] {
        var candidates: [String: Candidate] = [:]
        for m in mentions {
            let name = m.words.joined(separator: " ")
            let key = FoldedText.fold(name)
            // The cover states it; the title page after it only in a line of its own (page 2 is
            // as often an introduction naming partners).
            let stated = m.page == 1 || (m.page <= Self.coverPages && m.ownLine) || signingPages.contains(m.page)
            let factor = m.ownLine ? Self.ownLineFactor : 1
            var c = candidates[key] ?? Candidate(key: key, words: m.words)
            if stated { c.stated += Self.statedWeight * factor } else { c.prose += Self.proseWeight * factor }
            c.pages.insert(m.page)
            if m.edge { c.edgePages.insert(m.page) }
            c.surfaces[name, default: 0] += 1
            candidates[key] = c
        }
        for (k, c) in candidates where c.edgePages.count >= Self.runningPages {
            candidates[k]!.stated += Self.statedWeight * Double(c.edgePages.count)
        }
        return candidates
    }

    /// A name cut off at the page edge or in a title field (`Samordningsförbundet Norra L...`,
    /// `Samordningsförbundet Norra` before a line break) counts for the one longer name it begins.
    func mergeCutOffForms(_ candidates: inout [String: Candidate]) {
        let byLength = candidates.values.sorted { $0.words.count < $1.words.count }
        for short in byLength {
            let longer = candidates.values.filter { $0.words.count >= short.words.count && $0.key != short.key && Self.begins(short.words, $0.words) }
            guard let target = longer.max(by: Candidate.ranksBelow) else { continue }
            candidates[target.key]!.stated += short.stated
            candidates[target.key]!.prose += short.prose
            candidates[target.key]!.pages.formUnion(short.pages)
            candidates[short.key] = nil
        }
    }

    /// True when `prefix` begins `name`: every word equal, the last one possibly cut short.
    static func begins(_ prefix: [String], _ name: [String]) -> Bool {
        guard prefix.count <= name.count, let last = prefix.last else { return false }
        let p = prefix.map(FoldedText.fold), n = name.map(FoldedText.fold)
        guard p.dropLast() == n.prefix(p.count - 1) else { return false }
        let cut = FoldedText.fold(last), whole = n[p.count - 1]
        return prefix.count < name.count ? cut == whole || (cutShort(cut, of: whole) && !cut.isEmpty)
                                         : cutShort(cut, of: whole) && cut != whole
    }

    /// A cut word this long may differ from the whole word's start by one letter: OCR garbles
    /// the cut form and the whole one alike (`Storbé...` beside `Storbéke`), but only the whole
    /// word is restored by the place vocabulary (`Storböke`), so their folded forms differ in that letter.
    static let garbledCutLetters = 4

    /// True when `cut` is the start of `whole`, or, from `garbledCutLetters` on, within one letter of it.
    static func cutShort(_ cut: String, of whole: String) -> Bool {
        if whole.hasPrefix(cut) { return true }
        guard cut.count >= garbledCutLetters, cut.count <= whole.count else { return false }
        return Fuzzy.distance(cut, whole.prefix(cut.count)) <= 1
    }

    // MARK: Reading names

    /// Every name in a page's lines (reading order); a name may run on to the next line
    /// (`Samordningsförbundet Tallmarks` / `län`; made-up names).
    func mentions(in lines: [String], page: Int) -> [Mention] {
        let tokenised = lines.map { $0.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init) }
        var out: [Mention] = []
        for (li, tokens) in tokenised.enumerated() {
            for (i, token) in tokens.enumerated() {
                let f = FoldedText.fold(token)
                guard fuzzyIs(f, vocabulary.organisationWords) else { continue }
                if let m = definiteName(tokens, at: i, next: tokenised.indices.contains(li + 1) ? tokenised[li + 1] : []) {
                    out.append(Mention(words: m.words, page: page, ownLine: m.ownLine))
                } else if let m = genitiveName(tokens, at: i) {
                    out.append(Mention(words: m.words, page: page, ownLine: m.ownLine))
                }
            }
        }
        return out
    }

    private var definiteWord: String { vocabulary.organisationWords.max { $0.count < $1.count } ?? "samordningsforbundet" }
    private var indefiniteWord: String { vocabulary.organisationWords.min { $0.count < $1.count } ?? "samordningsforbund" }

    /// "Samordningsförbundet" and the name words after it.
    func definiteName(_ tokens: [String], at i: Int, next: [String]) -> (words: [String], ownLine: Bool)? {
        let token = tokens[i]
        let f = FoldedText.fold(token)
        guard Fuzzy.distance(f, definiteWord) < Fuzzy.distance(f, indefiniteWord) else { return nil }
        // "… i samordningsförbundet. Grupperna …": punctuation ends the name before it starts.
        guard token.trimmingTrailingPunctuation() == token else { return nil }
        var read = nameWords(tokens[(i + 1)...], continuing: false)
        var ownLine = i == 0 && read.used == tokens.count - 1
        if read.used == tokens.count - i - 1, read.open, read.words.count < Self.maxNameWords {
            // The line ended inside the name: a place word or `län` opening the next line goes on.
            let more = nameWords(next[...], continuing: true)
            if !more.words.isEmpty, read.words.count + more.words.count <= Self.maxNameWords {
                read.words += more.words
                ownLine = ownLine && more.used == next.count
            }
        }
        guard !read.words.isEmpty else { return nil }
        return ([vocabulary.restored(canonical(token, definiteWord))] + read.words, ownLine)
    }

    /// "Norrsjös samordningsförbund", "Södra Norrsjös samordningsförbund".
    func genitiveName(_ tokens: [String], at i: Int) -> (words: [String], ownLine: Bool)? {
        guard i > 0 else { return nil }
        let prev = tokens[i - 1]
        guard let c = prev.first, c.isUppercase, prev.count >= Self.genitiveLetters, prev.hasSuffix("s"),
              prev.allSatisfy({ $0.isLetter || $0 == "-" }) else { return nil }
        var words = [restoredName(prev)]
        if i > 1, let q = places.known(tokens[i - 2]), places.qualifiers.contains(q) { words.insert(q, at: 0) }
        let start = i - words.count
        let ownLine = start == 0 && i == tokens.count - 1
        return (words + [vocabulary.restored(canonical(tokens[i], indefiniteWord))], ownLine)
    }

    /// The name words at the start of `tokens`: capitalised words (restored from the place
    /// vocabulary), `&`, a lower-case `i` or `och` between them, `län` closing them. `continuing`:
    /// on the line after the organisation word, where only known place words and `län` go on.
    /// `used`: tokens taken; `open`: the name could go on past them.
    func nameWords(_ tokens: ArraySlice<String>, continuing: Bool) -> (words: [String], used: Int, open: Bool) {
        var words: [String] = []
        var used = 0, open = true
        let list = Array(tokens)
        var k = 0
        while k < list.count, words.count < Self.maxNameWords {
            let t = list[k]
            let trimmed = t.trimmingTrailingPunctuation()
            let closes = trimmed != t
            if t == "&" {
                words.append(t); k += 1; continue
            }
            if let c = trimmed.first, c.isLowercase {
                if !words.isEmpty || continuing, places.isTrailing(trimmed) {
                    words.append(places.known(trimmed)?.lowercased() ?? trimmed)
                    k += 1; open = false
                    break
                }
                // `i` / `och` only between name words: a capitalised word must follow.
                if places.isConnector(trimmed), !closes, k + 1 < list.count, list[k + 1].first?.isUppercase == true,
                   !(continuing && words.isEmpty) {
                    words.append(trimmed); k += 1; continue
                }
                break
            }
            guard let c = trimmed.first, c.isUppercase, trimmed.allSatisfy({ $0.isLetter || $0 == "-" }),
                  !fuzzyIs(FoldedText.fold(trimmed), vocabulary.reportTitles),
                  !fuzzyIs(FoldedText.fold(trimmed), vocabulary.organisationWords) else { break }
            if continuing && places.known(trimmed) == nil { break }
            words.append(restoredName(trimmed))
            k += 1
            if closes { open = false; break }
        }
        while let last = words.last, last == "&" || places.isConnector(last) { words.removeLast() }
        used = k
        if k == list.count && words.count >= Self.maxNameWords { open = false }
        return (words, used, open && k == list.count)
    }

    /// A name word as it should read: a known place (`Sédra` -> `Södra`), else a word the
    /// vocabulary restores, in title case when printed in capitals.
    func restoredName(_ word: String) -> String {
        if let place = places.known(word) { return place }
        if word.count > 1, word.allSatisfy({ !$0.isLetter || $0.isUppercase }) {
            let lower = word.lowercased()
            return vocabulary.restored(lower.prefix(1).uppercased() + lower.dropFirst())
        }
        return vocabulary.restored(word)
    }

    /// The organisation word as it should read, keeping the printed case of its first letter.
    private func canonical(_ token: String, _ folded: String) -> String {
        let word = vocabulary.words.first { FoldedText.fold($0) == folded } ?? folded
        let upper = token.first?.isUppercase ?? false
        return (upper ? word.prefix(1).uppercased() : word.prefix(1).lowercased()) + word.dropFirst()
    }
}
