import Foundation
import Testing
import PropertyBased
@testable import ArsredKit

struct SwedishNumberTests {
    @Test func readsPrintedForms() {
        #expect(SwedishNumber.parse("8 036 000") == 8_036_000)
        #expect(SwedishNumber.parse("8036000") == 8_036_000)
        #expect(SwedishNumber.parse("-8 054 000") == -8_054_000)
        #expect(SwedishNumber.parse("−4") == -4)
        #expect(SwedishNumber.parse("—4") == -4)
        #expect(SwedishNumber.parse("(1 234)") == -1234)
        #expect(SwedishNumber.parse("73 %") == 73)
        #expect(SwedishNumber.parse("73%") == 73)
        #expect(SwedishNumber.parse("1,0") == 1.0)
        #expect(SwedishNumber.parse("8\u{00A0}036\u{00A0}000") == 8_036_000)
        #expect(SwedishNumber.parse("-8 054000") == -8_054_000)
        #expect(SwedishNumber.parse("8.036.000") == 8_036_000)
        #expect(SwedishNumber.token("8.036.000")?.repaired == false)
    }

    @Test func repairsOCRConfusionsInsideNumbers() {
        #expect(SwedishNumber.parse("8 O36 000") == 8_036_000)
        #expect(SwedishNumber.parse("1 2S4") == 1254)
        #expect(SwedishNumber.parse("--1473") == -1473)
        #expect(SwedishNumber.parse("4.805 315") == 4_805_315)
        #expect(SwedishNumber.parse("1|973'291") == 1_973_291)
        #expect(SwedishNumber.parse("B036") == 8036)
        #expect(SwedishNumber.token("8O36")?.repaired == true)
        // Words are not numbers.
        #expect(SwedishNumber.token("Summa") == nil)
        #expect(SwedishNumber.token("kr") == nil)
        #expect(SwedishNumber.token("IS") == nil)
    }

    @Test func readsGarbledSharesLeniently() {
        // `60 %`, `80 %`, `75 %` as OCR printed them under a five-year overview's columns.
        let sixty = SwedishNumber.lenientToken("6OH")
        #expect(sixty?.digits == "60" && sixty?.garbled == true && sixty?.repaired == true)
        #expect(SwedishNumber.lenientToken("BORK")?.digits == "80")
        let dashed = SwedishNumber.lenientToken("—75KH")
        #expect(dashed?.digits == "75" && dashed?.negative == false)
        // A lone confusable letter is a digit, no marks left over.
        let one = SwedishNumber.lenientToken("i")
        #expect(one?.digits == "1" && one?.garbled == false && one?.repaired == true)
        // A well-formed figure is read as `token` reads it; words stay words.
        #expect(SwedishNumber.lenientToken("-94") == SwedishNumber.token("-94"))
        #expect(SwedishNumber.lenientToken("Soliditet") == nil)
        #expect(SwedishNumber.lenientToken("förbundet,") == nil)
    }

    @Test func splitsThreeNumbersByDigitGrouping() {
        let tokens = "11 190 000 11744 081 11 764 068".split(separator: " ").compactMap { SwedishNumber.token(String($0)) }
        let segs = SwedishNumber.segmentations(tokens, count: 3)
        #expect(segs.count == 1)
        #expect(segs.first?.map(\.value) == [11_190_000, 11_744_081, 11_764_068])
    }

    @Test func emptyCellsAreDashes() {
        let tokens = ["2407737", "-"].compactMap { SwedishNumber.token($0) }
        let segs = SwedishNumber.segmentations(tokens, count: 2)
        #expect(segs.first?.map(\.value) == [2_407_737, nil])
    }

    /// Printing a number Swedish-style (groups of three, space or no-break space or none,
    /// a minus or parentheses) and reading it back gives the number.
    @Test func printedNumbersReadBack() async {
        await propertyCheck(input: Gen.int(in: -99_999_999...99_999_999), Gen.int(in: 0...3)) { n, style in
            let digits = String(abs(n))
            var groups: [String] = []
            var rest = Substring(digits)
            while rest.count > 3 { groups.insert(String(rest.suffix(3)), at: 0); rest = rest.dropLast(3) }
            groups.insert(String(rest), at: 0)
            let separator = ["", " ", "\u{00A0}", " "][style]
            var printed = groups.joined(separator: separator)
            if n < 0 { printed = style == 3 ? "(\(printed))" : (style == 2 ? "−" : "-") + printed }
            #expect(SwedishNumber.parse(printed) == Double(n), "\(printed)")
        }
    }

    /// Any row of grouped numbers printed with spaces can be read back as exactly those numbers.
    @Test func rowsOfGroupedNumbersHaveTheirReading() async {
        await propertyCheck(input: Gen.int(in: 0...9_999_999).array(of: 1...4)) { numbers in
            let printed = numbers.map { n -> String in
                let d = String(n)
                var groups: [String] = []
                var rest = Substring(d)
                while rest.count > 3 { groups.insert(String(rest.suffix(3)), at: 0); rest = rest.dropLast(3) }
                groups.insert(String(rest), at: 0)
                return groups.joined(separator: " ")
            }.joined(separator: " ")
            let tokens = printed.split(separator: " ").compactMap { SwedishNumber.token(String($0)) }
            let readings = SwedishNumber.segmentations(tokens, count: numbers.count).map { $0.map(\.value) }
            #expect(readings.contains(numbers.map { Double($0) }), "\(printed)")
        }
    }

    @Test func aFootnoteMarkIsNoPartOfTheFigure() {
        #expect(SwedishNumber.parse("0*") == 0)
        #expect(SwedishNumber.parse("1 250¹") == 1250)
        #expect(SwedishNumber.parse("-3 400*") == -3400)
        #expect(SwedishNumber.token("*") == nil)
        #expect(SwedishNumber.token("12*")?.repaired == false)
    }
}

/// Two figures OCR ran together: read apart, in doubt.
@Suite struct RunTogetherFiguresTests {
    @Test func aRunOfDigitsBeforeAGroupIsReadAsTwoFigures() throws {
        setenv("ARSRED_PIPELINES", SharedData.checkout.appendingPathComponent("pipelines").path, 1)
        let v = try TableVocabulary.load()
        let reader = TableReader(vocabulary: v, fiscalYear: 2023, relations: try PipelineConfiguration.load().checks)
        let header = ColumnHeader(columns: [ColumnHeader.Column(key: "2023", x: nil), ColumnHeader.Column(key: "2022", x: nil)],
                                  hasNoteColumn: false, noteX: nil, unit: nil)
        let tokens = ["562500562", "500"].compactMap(SwedishNumber.token)
        let a = reader.assignBySequence(tokens, header: header)
        #expect(a.cells.map(\.0) == ["2023", "2022"])
        #expect(a.cells.map(\.1.value) == [562500, 562500])
        #expect(Set(a.ambiguous) == ["2023", "2022"])
        // A lone long figure is no run-together: nothing after it to join.
        let lone = reader.assignBySequence(["133807"].compactMap(SwedishNumber.token), header: header)
        #expect(lone.cells.map(\.1.value) == [133807])
        #expect(lone.ambiguous.isEmpty)
    }
}

@Suite struct PointGroupedFiguresTests {
    @Test func aPointGroupedFigureOpensItsNumber() {
        let tokens = ["4", "153.577"].compactMap(SwedishNumber.token)
        #expect(tokens[1].pointGrouped)
        // One reading only: two numbers; `4 153.577` is never 4153577.
        #expect(SwedishNumber.segmentations(tokens, count: 1).isEmpty)
        #expect(SwedishNumber.segmentations(tokens, count: 2).map { $0.map(\.value) } == [[4, 153577]])
        #expect(SwedishNumber.segmentations(["4", "153.577", "494.442"].compactMap(SwedishNumber.token), count: 2).isEmpty)
        // Among space-grouped figures a point is a space OCR misread (`10 084.000` for `10 084 000`).
        let spaced = ["10", "084.000", "269", "10", "049", "990"].compactMap(SwedishNumber.token)
        #expect(SwedishNumber.segmentations(spaced, count: 3).map { $0.map(\.value) }.contains([10084000, 269, 10049990]))
    }
}
