/// Matching printed (often OCR-garbled) labels and headings against the vocabulary.
enum LabelText {
    /// Edits per letter a label may be off its vocabulary form by default (OCR slips).
    static let labelTolerance = 0.18
    /// Words shorter than this match exactly only (a slip in a short word makes another word).
    static let fuzzyLetters = 4
    /// Lengths may differ by this many letters whatever the tolerance (a letter split or merged).
    static let lengthSlack = 2
    /// A lexicon word restores a printed one this many letters long and up: one slip, two from `longWordLetters`.
    static let restoredLetters = 4, longWordLetters = 7
    /// A three-letter word is restored only by a lexicon word of its length with the same ends (`Lin` -> `Län`).
    static let shortWordLetters = 3

    /// Digits inside a word that also has letters are read as the letters OCR confuses them
    /// with (`6ver` -> `over`, `J6nkopings` -> `jonkopings`, `I'T` -> `it`).
    static func letterised(_ folded: String) -> String {
        folded.split(separator: "_", omittingEmptySubsequences: true).map { w -> String in
            let hasLetter = w.contains { $0.isLetter }
            let hasDigit = w.contains { $0.isNumber }
            guard hasLetter && hasDigit else { return String(w) }
            return String(w.map { c -> Character in
                switch c {
                case "0", "6": "o"
                case "1": "l"
                case "5": "s"
                case "8": "b"
                case "4": "a"
                case "3": "e"
                default: c
                }
            })
        }.joined(separator: "_")
    }

    /// True when `candidate` reads as `target` within OCR tolerance (both folded).
    static func matches(_ candidate: String, _ target: String, tolerance: Double = labelTolerance) -> Bool {
        if candidate == target { return true }
        let n = max(candidate.count, target.count)
        guard n >= fuzzyLetters, abs(candidate.count - target.count) <= max(lengthSlack, Int(Double(n) * tolerance)) else { return false }
        let limit = max(1, Int(Double(n) * tolerance))
        return Fuzzy.distance(candidate, target) <= limit
    }


    /// Matching form of a printed label: folded, letterised, without the signs and bullets that
    /// are not part of a label, and without a stray `(%)`.
    static func matchForm(_ printed: String) -> String {
        var f = letterised(FoldedText.fold(printed))
        // OCR often reads `ä`/`å` as `a`+noise letters; nothing to do beyond edit distance.
        if f.hasPrefix("_") { f.removeFirst() }
        return f
    }

    /// The printed label cleaned: leading `-`, `+`, `-/+`, `=`, bullets and stray marks dropped,
    /// apostrophes inside words removed, spaces collapsed.
    static func cleaned(_ printed: String) -> String {
        var words = printed.split(separator: " ").map(String.init)
        while let f = words.first, f.allSatisfy({ "-+/=•·*|–—>»_~".contains($0) }) { words.removeFirst() }
        while let l = words.last, l.allSatisfy({ "-+/=•·*|–—_~:".contains($0) }) { words.removeLast() }
        words = words.map { w in
            var w = w
            while let f = w.first, "=•·*|»>".contains(f), w.count > 1 { w.removeFirst() }
            return w.replacingOccurrences(of: "'", with: "").replacingOccurrences(of: "’", with: "")
        }
        return words.joined(separator: " ")
    }

    /// Restores å, ä, ö in a label's words from the lexicon (exact folded match, or a near
    /// OCR misreading of a lexicon word).
    static func restore(_ printed: String, lexicon: [String: String]) -> String {
        var out: [String] = []
        for word in printed.split(separator: " ") {
            // Keep hyphen-joined parts apart (`IT-Spiret`).
            let parts = word.split(separator: "-", omittingEmptySubsequences: false).map { part -> String in
                restoreWord(String(part), lexicon: lexicon)
            }
            out.append(parts.joined(separator: "-"))
        }
        return out.joined(separator: " ")
    }

    /// Of two lexicon words as near a printed word, the likelier restoration: the one whose å, ä,
    /// ö stand where the print has a character OCR makes of them (`é`, `6`: `Stéd` is `Stöd`, not
    /// `Stad`), then the first by its folded form (the lexicon is a dictionary: without an order
    /// of its own a tie would be settled differently run to run).
    static func likelier(_ a: (key: String, value: String), than b: (key: String, value: String), printed: Substring) -> Bool {
        let ua = umlautsOverGarbling(a.value, printed: printed), ub = umlautsOverGarbling(b.value, printed: printed)
        return ua != ub ? ua > ub : a.key < b.key
    }

    /// Positions where `word` has å, ä or ö and the printed word (as long) a character that is
    /// no ASCII letter.
    static func umlautsOverGarbling(_ word: String, printed: Substring) -> Int {
        guard word.count == printed.count else { return 0 }
        return zip(word.lowercased(), printed).filter { w, p in "åäö".contains(w) && !(p.isASCII && p.isLetter) }.count
    }

    static func restoreWord(_ word: String, lexicon: [String: String]) -> String {
        let lead = word.prefix { !$0.isLetter && !$0.isNumber }
        let trail = String(word.reversed().prefix { !$0.isLetter && !$0.isNumber }.reversed())
        let core = word.dropFirst(lead.count).dropLast(trail.count)
        guard core.count >= 2 else { return word }
        let f = letterised(FoldedText.fold(String(core)))
        guard !f.isEmpty, !f.contains("_"), f.contains(where: { $0.isLetter }) else { return word }
        var found = lexicon[f]
        if found == nil, f.count == shortWordLetters {
            // Short words: one letter off, only where the lexicon word had an å, ä or ö there (`Lin` -> `Län`).
            let near = lexicon.filter { k, v in
                k.count == shortWordLetters && k.first == f.first && k.last == f.last && v.lowercased() != k
            }
            found = near.min { likelier($0, than: $1, printed: core) }?.value
        }
        if found == nil, f.count >= restoredLetters {
            let limit = f.count >= longWordLetters ? 2 : 1
            var best: (entry: (key: String, value: String), distance: Int)? = nil
            for (k, v) in lexicon where abs(k.count - f.count) <= limit && k.first == f.first {
                let d = Fuzzy.distance(k, f)
                guard d <= limit else { continue }
                if best == nil || d < best!.distance || d == best!.distance && likelier((k, v), than: best!.entry, printed: core) {
                    best = ((k, v), d)
                }
            }
            found = best?.entry.value
        }
        guard var w = found else { return word }
        // Keep the printed case of the first letter.
        if let c = core.first, let wf = w.first, c.isLowercase != wf.isLowercase {
            w = (c.isLowercase ? w.prefix(1).lowercased() : w.prefix(1).uppercased()) + w.dropFirst()
        }
        return lead + w + trail
    }
}
