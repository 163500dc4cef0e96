import Foundation

/// Decides whether a page's text layer is real text worth reading instead of OCR.
enum TextLayerQuality {
    /// True when `texts` (the layer's words) read as text: enough letters, few characters
    /// outside ordinary print, words that look like words. `scanCoverage` is the share of the
    /// page covered by one image: a page-sized scan whose text layer holds only a stamp or
    /// a footer is read by OCR.
    static func isRealText(_ texts: [String], scanCoverage: Double) -> Bool {
        var letters = 0, plainLetters = 0, printable = 0, total = 0
        var tokens = 0, wordLike = 0
        for t in texts {
            var tokenLetters = 0, vowels = 0
            for ch in t {
                total += 1
                if ch.isLetter {
                    letters += 1; tokenLetters += 1
                    if plainLetter(ch) { plainLetters += 1 }
                    if "aeiouyåäöéüAEIOUYÅÄÖÉÜ".contains(ch) { vowels += 1 }
                }
                if ch.isLetter || ch.isNumber || ch.isPunctuation || "%+-–−=/&§€$*<>".contains(ch) { printable += 1 }
            }
            if tokenLetters >= 2 {
                tokens += 1
                if vowels > 0 && Double(tokenLetters) >= 0.5 * Double(t.count) { wordLike += 1 }
            }
        }
        guard letters >= 3, total > 0 else { return false }
        if Double(printable) < 0.9 * Double(total) { return false }
        if Double(plainLetters) < 0.85 * Double(letters) { return false }
        if tokens > 0 && Double(wordLike) < 0.6 * Double(tokens) { return false }
        if scanCoverage >= 0.8 && letters < 200 { return false }
        return true
    }

    /// Letters of the Latin alphabets Swedish print uses.
    private static func plainLetter(_ ch: Character) -> Bool {
        guard let s = ch.unicodeScalars.first, ch.unicodeScalars.count == 1 else { return false }
        let v = s.value
        return (0x41...0x5A).contains(v) || (0x61...0x7A).contains(v) || (0xC0...0x17F).contains(v)
    }
}
