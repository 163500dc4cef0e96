import Bitmap
import Tesseract

/// The running-text lines of a scanned page, told from its layout before anything is read.
///
/// Tesseract's cost is per text line (each line is scaled to a fixed height before its network
/// runs), so a page of paragraphs is the dearest page to read and the one that holds nothing the
/// recognisers extract. A page is therefore read first without its running text (headings,
/// running header and footer, table rows, short lines are kept), which is enough to tell whether
/// it holds a table, a chart or a signature; only if it does is it read again, whole.
enum ProseLines {
    /// A running-text line spans at least this share of the page's text width: a paragraph fills
    /// its column; headings, labels and captions are shorter.
    static let minimumWidthShare = 0.6
    /// A running-text line has at least this many words (a short line of a few long words is
    /// more often a heading or a table row).
    static let minimumWords = 5
    /// Between two words of running text, at most this many line heights: text is set about a
    /// third of a line height apart; a table row's label stands far from its figures, and its
    /// figures far from each other.
    static let maximumGapInLineHeights = 2.0
    /// Read a page first without its running text only when at least this share of its lines is
    /// running text: below it the first read spares little and costs a read (a table page).
    static let worthSplittingShare = 0.3
    /// White margin put around a running-text line, in line heights, so that no stroke of it
    /// (accents, descenders) is left for the first read; lines are about 1.2 heights apart.
    static let marginInLineHeights = 0.1

    /// Indices of the running-text lines among `lines`; empty when the page is not worth
    /// reading in two parts.
    static func indices(of lines: [LayoutLine]) -> [Int] {
        guard let left = lines.map(\.box.x).min(), let right = lines.map(\.box.maxX).max(), right > left else { return [] }
        let textWidth = Double(right - left)
        let prose = lines.indices.filter { isRunningText(lines[$0], textWidth: textWidth) }
        return Double(prose.count) >= worthSplittingShare * Double(lines.count) ? prose : []
    }

    static func isRunningText(_ line: LayoutLine, textWidth: Double) -> Bool {
        guard line.words.count >= minimumWords,
              Double(line.box.width) >= minimumWidthShare * textWidth else { return false }
        let words = line.words.sorted { $0.x < $1.x }
        let height = Double(max(line.box.height, 1))
        return zip(words, words.dropFirst()).allSatisfy { a, b in
            Double(b.x - a.maxX) <= maximumGapInLineHeights * height
        }
    }

    /// The boxes to whiten for `lines`, each widened by its margin.
    static func areas(_ lines: [LayoutLine]) -> [PixelRect] {
        lines.map { l in
            let m = Int((Double(l.box.height) * marginInLineHeights).rounded(.up))
            return PixelRect(x: l.box.x - m, y: l.box.y - m, width: l.box.width + 2 * m, height: l.box.height + 2 * m)
        }
    }

    /// `image` with every level lighter than the page's ink split (`GreyThreshold.otsu`) made
    /// paper white. Tesseract splits each image it is given into ink and paper by its own
    /// histogram; a page without its running text has lost most of its ink, so its split moves
    /// toward the paper and grey shading (a table's header row) turns to ink. Paper made white
    /// by the whole page's split first, the first read is split as the whole page would be.
    static func inkOnWhite(_ image: GreyImage) -> GreyImage {
        guard let split = GreyThreshold.otsu(image) else { return image }
        var out = image
        out.pixels.withUnsafeMutableBufferPointer { p in
            for i in p.indices where Int(p[i]) > split { p[i] = 255 }
        }
        return out
    }

    /// `image` with `areas` painted white: what the first read sees.
    static func without(_ areas: [PixelRect], in image: GreyImage) -> GreyImage {
        var out = image
        for a in areas { fill(&out, a) }
        return out
    }

    /// Paints `area` of `image` white.
    private static func fill(_ image: inout GreyImage, _ area: PixelRect) {
        let x0 = max(0, area.x), x1 = min(image.width, area.maxX)
        let y0 = max(0, area.y), y1 = min(image.height, area.maxY)
        guard x0 < x1, y0 < y1 else { return }
        let width = image.width
        image.pixels.withUnsafeMutableBufferPointer { p in
            for y in y0..<y1 {
                let row = y * width
                for x in x0..<x1 { p[row + x] = 255 }
            }
        }
    }
}
