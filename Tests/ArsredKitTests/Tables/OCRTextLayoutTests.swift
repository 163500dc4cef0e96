import Foundation
import Testing
@testable import ArsredKit

/// Classes of `.txt` OCR text (tesseract's page text, no positions) of session 7, each with a
/// made-up fixture laid out the way the engine prints such pages.
@Suite struct OCRTextLayoutTests {
    init() {
        setenv("ARSRED_PIPELINES", SharedData.checkout.appendingPathComponent("pipelines").path, 1)
    }

    private func recognise(_ text: String) throws -> TableRecognition { try TableStage.recognise(ocrText: text) }

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
        let v = try TableRecognition.values(try recognise(page), "five_year_overview")
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
    /// `poster 412 000`), a block of the rows before printed between: one row with its figure.
    @Test func aWrappedLabelWhoseFiguresStandOnItsSecondLine() throws {
        let page = """
            2. Resultaträkning
            Belopp i kr Not 2024-12-31
            Verksamhetens intäkter 2 5 000 000
            Verksamhetens kostnader 3 (4 600 000)
            Resultat 400 000

            Finansiella intäkter
            Finansiella kostnader
            Resultat efter finansiella

            12 000
            0

            poster 412 000
            Årets resultat 412 000
            """
        let v = try TableRecognition.values(try recognise(page), "income_statement")
        #expect(v["resultat_efter_finansiella_poster"] == ["2024": 412_000])
        #expect(v["finansiella_intakter"] == ["2024": 12_000])
        #expect(v["poster"] == nil)
    }
}
