import Foundation
/// One word read as (part of) a printed Swedish number: `8`, `036`, `-8`, `(1`, `234)`, `73%`, `1,0`.
public struct NumericToken: Sendable, Equatable {
    /// The digits as read, OCR confusions repaired.
    public var digits: String
    /// Digits after a decimal comma, if any.
    public var decimals: String?
    public var negative: Bool
    public var opensParen: Bool
    public var closesParen: Bool
    public var percent: Bool
    /// True when a letter had to be read as a digit (`O` -> 0) or stray marks removed.
    public var repaired: Bool
    /// True for a cell printed as a dash (empty).
    public var isDash: Bool
    /// Index of the word in its line.
    public var wordIndex: Int = 0
    /// Read by `lenientToken` with marks left over (`6OH`, `BORK` for `60 %`, `80 %`): only a
    /// share's two digits survive that.
    public var garbled: Bool = false

    /// Printed with points between its digit groups (`153.577`). In a row printed that way it
    /// opens its number, for a number keeps one separator throughout (`4 153.577` is a note
    /// `4` and `153.577`); among space-grouped figures it is a space OCR read as a point.
    public var pointGrouped: Bool = false

    /// Can follow another token inside one number (`8 036 000`): three digits or a multiple.
    var isContinuation: Bool {
        !negative && !opensParen && !isDash && !digits.isEmpty && digits.count % 3 == 0
    }
    /// Can start a number: no leading zero unless it is just `0`.
    var canLead: Bool {
        !isDash && !digits.isEmpty && (digits == "0" || digits.first != "0" || decimals != nil)
    }
    /// Ends a number: nothing may follow it inside the same number.
    var terminates: Bool { decimals != nil || percent || closesParen || digits == "0" }
}

/// A number put together from one or more tokens.
public struct ParsedNumber: Sendable, Equatable {
    public var value: Double?
    public var tokens: [NumericToken]
    public var percent: Bool { tokens.contains { $0.percent } }
    public var repaired: Bool { tokens.contains { $0.repaired } }
}

/// Reads numbers as Swedish reports print them: `8 036 000`, `8036000`, `-8 054 000`, `−4`,
/// `(1 234)`, `73 %`, `1,0`, no-break spaces, and OCR confusions inside numeric tokens.
public enum SwedishNumber {
    static let minusSigns: Set<Character> = ["-", "−", "–", "—", "‒"]
    static let confusions: [Character: Character] = [
        "O": "0", "o": "0", "D": "0", "Q": "0", "l": "1", "I": "1", "i": "1", "!": "1", "]": "1",
        "S": "5", "s": "5", "§": "5", "B": "8", "Z": "2", "z": "2", "g": "9",
    ]
    static let strays: Set<Character> = ["|", "'", "’", "‘", "`", "\"", "”", "“", ".", ":", "_"]
    static let leadingJunk: Set<Character> = ["<", ">", "«", "»", "=", ":", ";", "$", "*", "~", "^", "`", "'", "\"", "„", "”", "“", "_", "|"]
    static let footnoteMarks: Set<Character> = ["*", "†", "‡", "¹", "²", "³", "°"]
    /// A zero in parentheses OCR read as a round letter (`(e)`, `(o)`, `(c)`).
    static let roundLetters: Set<Character> = ["e", "o", "O", "c", "D", "Q", "@", "©", "¢"]
    static let spaces: Set<Character> = [" ", "\u{00A0}", "\u{202F}", "\u{2009}", "\u{2007}"]

    /// Parses a whole printed number. nil when `text` is not one number.
    public static func parse(_ text: String) -> Double? {
        let words = text.split(whereSeparator: { spaces.contains($0) }).map(String.init)
        var tokens: [NumericToken] = []
        for w in words {
            if w == "%" {
                guard !tokens.isEmpty else { return nil }
                tokens[tokens.count - 1].percent = true
                continue
            }
            guard let t = token(w), !t.isDash else { return nil }
            tokens.append(t)
        }
        guard !tokens.isEmpty else { return nil }
        let segs = segmentations(tokens, count: 1)
        return segs.first?.first?.value ?? nil
    }

    /// Reads one word as a numeric token, or nil when it is not one.
    public static func token(_ word: String) -> NumericToken? {
        var s = Substring(word)
        while let f = s.first, spaces.contains(f) { s = s.dropFirst() }
        if s.isEmpty { return nil }
        if s.allSatisfy({ minusSigns.contains($0) }) && s.count <= 2 {
            return NumericToken(digits: "", decimals: nil, negative: false, opensParen: false, closesParen: false,
                                percent: false, repaired: false, isDash: true)
        }
        var negative = false, open = false, close = false, percent = false, repaired = false
        // Specks before a figure (`<:-25`, `=-26`, `«:-1473`, `$9`), and doubled signs (`--1473`).
        var signs = 0, junk = 0
        while let f = s.first, leadingJunk.contains(f) || f == "+" || minusSigns.contains(f) {
            if minusSigns.contains(f) { negative = true; signs += 1 } else { junk += 1 }
            s = s.dropFirst()
        }
        if signs > 1 || junk > 0 && !(junk == 1 && word.first == "+") { repaired = true }
        if s.isEmpty { return nil }
        if s.first == "(" { open = true; negative = true; s = s.dropFirst() }
        if let f = s.first, minusSigns.contains(f), !negative || open { negative = true; s = s.dropFirst() }
        // A footnote mark printed on the figure (`0*`, `1 250¹`): print, not part of the number.
        while let l = s.last, footnoteMarks.contains(l), s.count > 1 { s = s.dropLast() }
        if s.last == "%" { percent = true; s = s.dropLast() }
        if s.last == ")" { close = true; s = s.dropLast() }
        if s.last == "%" { percent = true; s = s.dropLast() }
        // `¢)`, `¢`: a zero in parentheses read as a cent sign.
        // `()`, `(e)`, `e)`, `(@)`: the zero itself lost or read as a round mark.
        if (open || close) && s.count == 1 && roundLetters.contains(s.first!) || open && close && s.isEmpty || s == "¢" {
            return NumericToken(digits: "0", decimals: nil, negative: true, opensParen: true, closesParen: true,
                                percent: false, repaired: true, isDash: false)
        }
        // Trailing stray marks (`123.`, `456,`, `7|`).
        while let l = s.last, strays.contains(l) || l == "," { s = s.dropLast(); repaired = true }
        while let f = s.first, strays.contains(f) { s = s.dropFirst(); repaired = true }
        if s.isEmpty { return nil }
        var digits = "", decimals: String? = nil
        var realDigits = 0, letters = 0
        for ch in s {
            if ch.isASCII, ch.isNumber {
                if decimals != nil { decimals!.append(ch) } else { digits.append(ch) }
                realDigits += 1
            } else if ch == "," {
                if decimals != nil || digits.isEmpty { return nil }
                decimals = ""
            } else if strays.contains(ch) || spaces.contains(ch) {
                repaired = true // `8.036`, `8'036`: a stray mark between digit groups
            } else if let d = confusions[ch] {
                if decimals != nil { decimals!.append(d) } else { digits.append(d) }
                letters += 1; repaired = true
            } else {
                return nil
            }
        }
        // A word that is mostly letters is a word, not a misread number.
        guard realDigits > 0, letters * 2 < realDigits + letters, letters <= 1 || realDigits >= 3 else { return nil }
        if let d = decimals, d.isEmpty { return nil }
        // `8.036.000`: a point as thousands separator is print, not a repair.
        let groups = s.split(separator: ".", omittingEmptySubsequences: false)
        var pointGrouped = false
        if groups.count >= 2, letters == 0, groups.first!.count <= 3, groups.allSatisfy({ $0.allSatisfy(\.isNumber) }),
           groups.dropFirst().allSatisfy({ $0.count == 3 }), !groups.first!.isEmpty {
            repaired = signs > 1 || junk > 0 && !(junk == 1 && word.first == "+")
            pointGrouped = true
        }
        return NumericToken(digits: digits, decimals: decimals, negative: negative, opensParen: open,
                            closesParen: close, percent: percent, repaired: repaired, isDash: false,
                            pointGrouped: pointGrouped)
    }

    /// A figure OCR garbled beyond `token` (`i` for `1`, `6OH` and `BORK` for `60 %` and `80 %`):
    /// the leading run of digits and letters confused with digits, followed by at most as many
    /// leftover marks (three at most). Always repaired; `garbled` when marks were left over.
    public static func lenientToken(_ word: String) -> NumericToken? {
        if let t = token(word) { return t }
        var s = Substring(word)
        var negative = false
        while let f = s.first, leadingJunk.contains(f) || minusSigns.contains(f) {
            if minusSigns.contains(f) { negative = true }
            s = s.dropFirst()
        }
        var digits = ""
        while let c = s.first, let d: Character = (c.isASCII && c.isNumber) ? c : confusions[c] {
            digits.append(d); s = s.dropFirst()
        }
        guard !digits.isEmpty, s.count <= 3, digits.count >= s.count else { return nil }
        var t = NumericToken(digits: digits, decimals: nil, negative: negative, opensParen: false, closesParen: false,
                             percent: false, repaired: true, isDash: false)
        t.garbled = !s.isEmpty
        // Only a share survives garbling, and a dash before one is a speck.
        if t.garbled { t.negative = false }
        return t
    }

    /// The value of tokens taken as one number.
    static func value(of tokens: [NumericToken]) -> Double? {
        guard let first = tokens.first else { return nil }
        var digits = "", decimals: String? = nil
        for t in tokens { digits += t.digits; if let d = t.decimals { decimals = d } }
        guard var v = Double(digits) else { return nil }
        if let d = decimals, let f = Double("0." + d) { v += f }
        return first.negative ? -v : v
    }

    /// Readings of one row's tokens kept at most: past this the row is too ambiguous for the
    /// arithmetic to choose among its readings in time, and the first ones found stand.
    static let maximumSegmentations = 64

    /// Every way of reading `tokens` as exactly `count` numbers by Swedish digit grouping
    /// (a lead group, then groups of three). Dashes stand for one empty cell each.
    public static func segmentations(_ tokens: [NumericToken], count: Int) -> [[ParsedNumber]] {
        // Points between digit groups and no group of three standing apart: the row's figures
        // are point-grouped, and a point-grouped token continues no number.
        let pointStyled = tokens.contains(where: \.pointGrouped)
            && !tokens.indices.dropFirst().contains { tokens[$0].digits.count == 3 && !tokens[$0].pointGrouped && tokens[$0].decimals == nil }
        var out: [[ParsedNumber]] = []
        var current: [ParsedNumber] = []
        func walk(_ i: Int) {
            if out.count > maximumSegmentations { return }
            if i == tokens.count {
                if current.count == count { out.append(current) }
                return
            }
            if current.count >= count { return }
            let t = tokens[i]
            if t.isDash {
                current.append(ParsedNumber(value: nil, tokens: [t])); walk(i + 1); current.removeLast(); return
            }
            guard t.canLead else { return }
            var j = i
            var group = [t]
            while true {
                let closed = group.last!.terminates || (group.first!.opensParen && group.last!.closesParen)
                current.append(ParsedNumber(value: value(of: group), tokens: group))
                walk(j + 1)
                current.removeLast()
                if closed { break }
                j += 1
                guard j < tokens.count, tokens[j].isContinuation, !(pointStyled && tokens[j].pointGrouped) else { break }
                group.append(tokens[j])
            }
        }
        walk(0)
        return out
    }

    /// Decades of spread by which a reading of a line's figures must be more alike in size than
    /// every other for the size alone to choose it (a row's figures of one year and the next are
    /// mostly of a size; within a tenfold either reading is as likely).
    static let sizeTieDecades = 1.0

    /// How far apart in size the figures of a reading are: the decades between the largest and
    /// the smallest (zeros and empty cells have no size).
    static func sizeSpread(_ numbers: [ParsedNumber]) -> Double {
        let logs = numbers.compactMap(\.value).filter { $0 != 0 }.map { log10(abs($0)) }
        guard let hi = logs.max(), let lo = logs.min() else { return 0 }
        return hi - lo
    }

    /// Of the readings of one line's tokens as so many figures (`-418 273 395 160`: `-418` and
    /// `273 395 160`, or `-418 273` and `395 160`, ...), the one whose figures are most alike in
    /// size, and whether it stands alone (no other within `sizeTieDecades`).
    static func likeliest(_ readings: [[ParsedNumber]]) -> (numbers: [ParsedNumber], alone: Bool)? {
        let spreads = readings.map(sizeSpread)
        guard let best = spreads.indices.min(by: { spreads[$0] < spreads[$1] }) else { return nil }
        let alone = !spreads.indices.contains { $0 != best && spreads[$0] - spreads[best] < sizeTieDecades
                                                && readings[$0].map(\.value) != readings[best].map(\.value) }
        return (readings[best], alone)
    }

    /// All counts the tokens can be read as, fewest numbers first.
    public static func possibleCounts(_ tokens: [NumericToken]) -> [Int] {
        (1...max(1, tokens.count)).filter { !segmentations(tokens, count: $0).isEmpty }
    }
}
