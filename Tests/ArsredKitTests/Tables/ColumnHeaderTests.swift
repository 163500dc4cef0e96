import Testing
@testable import ArsredKit

@Suite struct ColumnHeaderTests {
    @Test func headerYearsThroughOCRSpecks() {
        #expect(ColumnHeader.year("2023") == 2023)
        #expect(ColumnHeader.year("‘2023") == 2023)     // a typographic quote read before the year
        #expect(ColumnHeader.year("2023’") == 2023)
        #expect(ColumnHeader.year("|2022.") == 2022)
        #expect(ColumnHeader.year("2023-12-31") == 2023)
        #expect(ColumnHeader.year("2O23") == 2023)
        #expect(ColumnHeader.year("‘23") == nil)
        #expect(ColumnHeader.year("1234567") == nil)
    }

    /// Words at x ranges (points) on one header line.
    func line(_ words: [(String, Double, Double)], y: Double) -> Line {
        Line(words: words.map { Word(text: $0.0, box: Box(x0: $0.1, y0: y, x1: $0.2, y1: y + 9)) })
    }

    @Test func aColumnWordReadTogetherWithItsYearIsTwoWords() throws {
        let v = try TableVocabulary.load()
        let glued = ColumnHeader.unglued(line([("Budget2024", 400, 460)], y: 0), vocabulary: v)
        #expect(glued.words.map(\.text) == ["Budget", "2024"])
        #expect(glued.words.map { $0.box!.x1 } == [436, 460])
        // Words that are no column word, and figures, stay whole.
        #expect(ColumnHeader.unglued(line([("Konto2024", 0, 40), ("12024", 50, 80)], y: 0), vocabulary: v).words.count == 2)
        // A shaded header's two lines, the first garbled, the second with `Budget2024` in one word.
        let header = [line([("ae", 250, 262), ("Utfall", 300, 330), ("helår", 333, 360), ("Avvikelse", 520, 570), ("Bokslut", 600, 640), ("helår", 643, 670)], y: 0),
                      line([("one", 250, 265), ("2024", 335, 360), ("Budget2024", 400, 460), ("utfallbudget", 505, 570), ("2023,", 645, 670)], y: 12)]
        #expect(header.allSatisfy { ColumnHeader.isHeaderLine($0, vocabulary: v) })
        let parsed = ColumnHeader.parse(header, vocabulary: v)
        #expect(parsed.columns.map(\.key) == ["2024", "budget:2024", "deviation:2024", "2023"])
    }
}
