import Foundation
import Testing
@testable import ArsredKit

/// Classes of `.txt` OCR text (tesseract's page text, no positions) of session 7, each with a
/// made-up fixture laid out the way the engine prints such pages.
extension OCRTextClassesTests {
    /// A five-year header whose last year has specks glued to it, a lone mark between
    /// (`2021 + #«42020`): still the fifth year, and each row's five figures under their years.
    @Test func aGluedLastYearPastAMarkStillHeadsItsColumn() throws {
        let page = """
            1.1 Översikt över verksamhetens utveckling
            Belopp i tkr 2024 2023 2022 2021 + #«42020
            Verksamhetens intäkter 5100 4900 4800 4700 4600
            Verksamhetens kostnader 5000 4950 4700 4750 4500
            Årets resultat 100 (50) 100 (50) 100
            Antal anställda 2 2 2 2 2
            """
        let v = try TableRecognition.values(try TableStage.recognise(ocrText: page), "five_year_overview")
        #expect(v["verksamhetens_intakter"] == ["2024": 5100, "2023": 4900, "2022": 4800, "2021": 4700, "2020": 4600])
        #expect(v["arets_resultat"]?["2020"] == 100)
    }

    /// Header years with ruling read as a mark after them (`2024/`, `2023!`, `2022|`).
    @Test func headerYearsWithATrailingMark() {
        #expect(ColumnHeader.year("2024/") == 2024)
        #expect(ColumnHeader.year("2023!") == 2023)
        // Within four characters `!` is a `1`.
        #expect(ColumnHeader.year("202!") == 2021)
    }

    /// A label wrapped onto the line that holds its figure (`Resultat efter finansiella` over
    /// `poster 412 000`) in a table whose other column is printed as a block: one row, with its
    /// figure and its line of the block.
    @Test func aWrappedLabelWhoseFiguresStandOnItsSecondLine() throws {
        let page = """
            2. Resultaträkning
            Belopp i kr 2024-12-31
            Verksamhetens intäkter 5 000 000
            Verksamhetens kostnader (4 600 000)
            Resultat 400 000
            Finansiella intäkter 12 000
            Finansiella kostnader 0
            Resultat efter finansiella
            poster 412 000
            Årets resultat 412 000
            2023-12-31
            4 800 000
            (4 500 000)
            300 000
            10 000
            0
            310 000
            310 000
            """
        let v = try TableRecognition.values(try TableStage.recognise(ocrText: page), "income_statement")
        #expect(v["resultat_efter_finansiella_poster"] == ["2024": 412_000, "2023": 310_000])
        #expect(v["finansiella_intakter"] == ["2024": 12_000, "2023": 10_000])
        #expect(v["poster"] == nil)
    }

    /// Two headings one right under the other, the first table's labels and figures printed
    /// after the second heading, then the second table's own: each table gets its own.
    @Test func stackedHeadingsEachKeepTheirTable() throws {
        let page = """
            4. Kassaflödesanalys

            5. Driftredovisning

            \(OCRTextFixture.cashFlowLabelColumn)

            2024-12-31 2023-12-31
            120 000 80 000
            -30 000 10 000
            15 000 -5 000
            105 000 85 000
            105 000 85 000
            900 000 815 000
            1 005 000 900 000

            Belopp i kr
            Verksamhetens kostnader
            Verksamhetens intäkter
            Resultat

            Utfall helår
            2024 2023
            3 880 000 3 700 000
            4 000 000 3 780 000
            120 000 80 000
            """
        let r = try TableStage.recognise(ocrText: page)
        let cf = try TableRecognition.values(r, "cash_flow")
        #expect(cf["arets_resultat"] == ["2024": 120_000, "2023": 80_000])
        #expect(cf["likvida_medel_vid_arets_slut"] == ["2024": 1_005_000, "2023": 900_000])
        let op = try TableRecognition.values(r, "operating_statement")
        #expect(op["verksamhetens_intakter"] == ["2024": 4_000_000, "2023": 3_780_000])
        #expect(op["arets_resultat"] == nil)
    }

    /// A block line of two figures whose digit groups allow several cuts (`-418 273 395 160`):
    /// the cut whose figures are of a size, and in doubt where another cut is nearly as alike.
    @Test func aBlockLineIsCutWhereItsFiguresAreOfASize() throws {
        let tokens = "-418 273 395 160".split(separator: " ").compactMap { SwedishNumber.token(String($0)) }
        let line = try #require(ColumnBlocks.figures(tokens, count: 2, noteColumn: false))
        #expect(line.numbers.map(\.value) == [-418_273, 395_160])
        #expect(!line.partial)
        let close = "1 234 567 890".split(separator: " ").compactMap { SwedishNumber.token(String($0)) }
        let tied = try #require(ColumnBlocks.figures(close, count: 2, noteColumn: false))
        #expect(tied.partial)
    }

    /// A block under `Budget` on a line of its own over `2024-12-31 2023-12-31 2024`: which of
    /// the two 2024 columns is the budget the heading does not settle; the balance sheet's result
    /// does (the outcome is the year's result there).
    @Test func aBlocksLooseBudgetIsSettledByTheDocument() throws {
        let page = """
            2. Resultaträkning
            Belopp i kr
            Verksamhetens intäkter
            Verksamhetens kostnader
            Resultat
            Årets resultat
            Budget
            2024-12-31 2023-12-31 2024
            5 120 400 4 980 000 5 000 000
            -4 870 100 -4 900 000 -5 200 000
            250 300 80 000 -200 000
            250 300 80 000 -200 000
            3. Balansräkning
            Belopp i kr 2024-12-31 2023-12-31
            Kassa och bank 1 250 300 1 000 000
            Summa tillgångar 1 250 300 1 000 000
            Eget kapital
            Ingående eget kapital 920 000 840 000
            Årets resultat 250 300 80 000
            Summa eget kapital 1 170 300 920 000
            Kortfristiga skulder 80 000 80 000
            Summa eget kapital, avsättningar och skulder 1 250 300 1 000 000
            """
        let v = try TableRecognition.values(try TableStage.recognise(ocrText: page), "income_statement")
        #expect(v["arets_resultat"] == ["2024": 250_300, "2023": 80_000, "budget:2024": -200_000])
        #expect(v["verksamhetens_intakter"] == ["2024": 5_120_400, "2023": 4_980_000, "budget:2024": 5_000_000])
    }

    /// A note's block line of two figures OCR ran together past any figure's length
    /// (`318204296117`): cut where the two are of a size, so the lines after it keep their rows
    /// and the sum holds.
    @Test func anOverlongRunTogetherBlockLineIsTwoFigures() throws {
        let page = """
            Not 3. Verksamhetens kostnader
            Insatser
            Arbetsträning i Testby
            Stöd i Plogen
            Ungdomsspåret
            Summa
            2024-12-31 2023-12-31
            1 200 000 1 100 000
            318204296117
            250 000 240 000
            1 768 204 1 636 117
            """
        let v = try TableRecognition.values(try TableStage.recognise(ocrText: page), "note_3")
        #expect(v["stod_i_plogen"] == ["2024": 318_204, "2023": 296_117])
        #expect(v["summa"] == ["2024": 1_768_204, "2023": 1_636_117])
    }

    @Test func overlongCutsOnlyPastAFiguresLength() {
        let long = SwedishNumber.token("318204296117")!, plain = SwedishNumber.token("10307659")!
        // Eleven places to cut, less the one that leaves `04296117` (a figure opens with no zero).
        #expect(TableReader.overlongCuts([long]).count == 10)
        #expect(TableReader.overlongCuts([plain]).isEmpty)
    }
}
