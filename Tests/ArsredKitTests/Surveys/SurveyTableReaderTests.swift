import Foundation
import Testing
@testable import ArsredKit

@Suite struct SurveyTableReaderTests {
    let vocabulary = try! SurveyVocabulary.load()

    /// A line of words at the given x ranges (points), `height` high, its top at `y`.
    func line(_ words: [(String, Double, Double)], y: Double, height: Double = 11) -> Line {
        Line(words: words.map { Word(text: $0.0, box: Box(x0: $0.1, y0: y, x1: $0.2, y1: y + height)) })
    }

    /// A scanned header as OCR gives it: names run together (`Tilllitendel`), a speck read as a
    /// letter between the header and the first row, a `%` read as `Yo`.
    @Test func aHeaderWithFusedNamesAndASpeckStillGivesSixColumns() throws {
        let page = Page(number: 1, method: .ocr, width: 595, height: 842, lines: [
            line([("Till", 425, 439), ("mycket", 442, 479), ("Helt", 493, 510), ("och", 512, 526)], y: 197),
            line([("Itealls", 188, 220), ("Tilllitendel", 241, 289), ("Delvis", 314, 338), ("Tillstor", 364, 396), ("det", 398, 410)], y: 199),
            line([("stor", 433, 449), ("del", 451, 463), ("hållet", 498, 520)], y: 209, height: 8),
            line([("t", 234, 235)], y: 216, height: 3),
            line([("Fråga", 76, 98), ("1", 102, 105), ("(n=40)", 109, 135), ("5%", 196, 211), ("10%", 257, 272), ("15%", 318, 333),
                  ("20%", 377, 397), ("25", 440, 450), ("Yo", 451, 455), ("25%", 499, 519)], y: 223),
        ])
        let rows = SurveyTableReader.read(page, vocabulary: vocabulary)
        let row = try #require(rows.first)
        #expect(row.number == 1 && row.n == 40 && row.placed)
        #expect(SurveyCategory.allCases.map { row.percentages[$0].flatMap { $0 } } == [5, 10, 15, 20, 25, 25])
    }

    /// A grey two-line header OCR'd badly (`Wil stökdel,` for `Till stor del`, `1 ete` / `stor del`
    /// for `Till mycket` / `stor del`, rules read as `—` and `©`): six figure columns under a
    /// header naming most categories in their places are the six categories in order, not
    /// `Till stor del` given to the fifth column and the fourth left out.
    @Test func sixFigureColumnsUnderABadlyReadHeaderAreTheCategoriesInOrder() throws {
        let page = Page(number: 1, method: .ocr, width: 595, height: 842, lines: [
            line([("Inte", 183, 199), ("alls", 201, 214), ("—", 222, 227), ("Tilllitendel", 237, 283), ("—", 292, 296), ("Delvis", 310, 334),
                  ("Wil", 362, 375), ("stökdel,", 378, 406), ("1", 424, 437), ("ete", 452, 468), ("©", 482, 487), ("Meltoch", 491, 524)], y: 615, height: 7),
            line([(":", 291, 292), ("stor", 432, 446), ("del", 449, 460), ("hallet", 497, 518)], y: 626, height: 7),
            line([("Fraga", 69, 90), ("1", 94, 97), ("(n=23)", 100, 126), ("4%", 192, 204), ("9%", 252, 269), ("13%", 316, 328),
                  ("52%", 375, 392), ("13%", 438, 454), ("9%", 501, 513)], y: 642, height: 8),
            line([("Fraga", 69, 90), ("2", 93, 97), ("(n=22)", 100, 126), ("0%", 192, 204), ("5%", 254, 266), ("18%", 314, 330),
                  ("9%", 378, 390), ("32%", 437, 454), ("36%", 499, 516)], y: 660, height: 8),
        ])
        let rows = SurveyTableReader.read(page, vocabulary: vocabulary)
        #expect(rows.map(\.number) == [1, 2])
        #expect(rows.first.map { r in SurveyCategory.allCases.map { r.percentages[$0].flatMap { $0 } } } == [4, 9, 13, 52, 13, 9])
        #expect(rows.last.map { r in SurveyCategory.allCases.map { r.percentages[$0].flatMap { $0 } } } == [0, 5, 18, 9, 32, 36])
    }

    /// In text without positions a row with a figure short gives no category its figure.
    @Test func aTextRowShortOfAFigureIsNotPlaced() throws {
        let words = ["Inte alls", "Till liten del", "Delvis", "Till stor del", "Till mycket stor del", "Helt och hållet"]
        let lines = [Line(words: words.joined(separator: " ").split(separator: " ").map { Word(text: String($0)) }),
                     Line(words: "Fråga 1 (n=40) 5% 10% 15% 20% 25% 25%".split(separator: " ").map { Word(text: String($0)) }),
                     Line(words: "Fråga 2 (n=41) 5% 10% 20% 25% 40%".split(separator: " ").map { Word(text: String($0)) })]
        let rows = SurveyTableReader.read(Page(number: 1, method: .ocr, lines: lines), vocabulary: vocabulary)
        #expect(rows.map(\.placed) == [true, false])
        #expect(rows.last.map { r in SurveyCategory.allCases.allSatisfy { r.percentages[$0] == .some(nil) } } == true)
        #expect(rows.last?.printed == [5, 10, 20, 25, 40])
    }
}
