import Foundation
import Testing
import ArsredKit
@testable import ArsredExport

@Suite struct HandDataTests {
    static let csv = """
        organisation;fiscalYear;table;key;column;value
        Testbygdens samordningsförbund;2023;income_statement;verksamhetens_intakter;2023;1 200 500
        Testbygdens samordningsförbund;2023;income_statement;verksamhetens_intakter;2022;950000,00
        testbygdens_samordningsforbund;2023;income_statement;verksamhetens_kostnader;2023;−1 100 000

        "Testbygdens samordningsförbund";2023;note_2;summa;2023;"1.200.000"
        Testbygdens samordningsförbund;2023;note_2;summa;2022;
        Andra förbundet;2022;income_statement;arets_resultat;2022;(12,5)
        """

    @Test func readsSemicolonCSVWithFigureFormats() throws {
        let docs = try HandData.csv(Self.csv, name: "hand.csv")
        #expect(docs.count == 2)
        #expect(docs[0].organisationKey == "testbygdens_samordningsforbund")
        #expect(docs[0].fiscalYear == 2023)
        #expect(docs[0].figures.map(\.value) == [1_200_500, 950_000, -1_100_000, 1_200_000])
        #expect(docs[0].figures[3].at == FigureKey(table: "note_2", key: "summa", column: "2023"))
        #expect(docs[1].figures.map(\.value) == [-12.5])
        #expect(docs[1].coversOnlyItsTables)
    }

    @Test func readsCommaCSVWithQuotedDecimalCommaAndExtraColumns() throws {
        let text = "\u{FEFF}organisation,fiscalYear,table,key,column,value,page,sourceFile\r\n"
            + "\"Älv, Kust\",2023,note_3,revision,2023,\"52 236,50\",15,x.pdf\r\n"
        let docs = try HandData.csv(text, name: "hand.csv")
        #expect(docs[0].organisation == "Älv, Kust")
        #expect(docs[0].figures == [Figure(at: FigureKey(table: "note_3", key: "revision", column: "2023"), value: 52_236.5, page: 15)])
    }

    @Test func malformedLinesAreNamedByLineNumber() {
        let short = Self.csv.replacingOccurrences(of: "note_2;summa;2023;\"1.200.000\"", with: "note_2;summa")
        #expect(throws: InputError("hand.csv:6: expected 6 fields, got 4")) { try HandData.csv(short, name: "hand.csv") }
        let word = Self.csv.replacingOccurrences(of: "(12,5)", with: "tolv")
        #expect(throws: InputError("hand.csv:8: value \"tolv\" is not a number")) { try HandData.csv(word, name: "hand.csv") }
        let year = Self.csv.replacingOccurrences(of: "Andra förbundet;2022", with: "Andra förbundet;år 2022")
        #expect(throws: InputError("hand.csv:8: fiscalYear \"år 2022\" is not a year")) { try HandData.csv(year, name: "hand.csv") }
        let twice = Self.csv + "\nTestbygdens samordningsförbund;2023;note_2;summa;2023;5"
        #expect(throws: InputError("hand.csv:9: note_2 summa 2023 is already given on line 6")) { try HandData.csv(twice, name: "hand.csv") }
        #expect(throws: InputError("hand.csv:1: header must name the columns organisation,fiscalYear,table,key,column,value; key is missing")) {
            try HandData.csv("organisation,fiscalYear,table,row,column,value\n", name: "hand.csv")
        }
    }

    @Test func swedishNumbers() {
        #expect(FigureFormat.parse("1 234 567") == 1_234_567)
        #expect(FigureFormat.parse("1\u{00A0}234") == 1234)
        #expect(FigureFormat.parse("-12,5") == -12.5)
        #expect(FigureFormat.parse("–300") == -300)
        #expect(FigureFormat.parse("(1 200)") == -1200)
        #expect(FigureFormat.parse("1.234.567") == 1_234_567)
        #expect(FigureFormat.parse("1.234,5") == 1234.5)
        #expect(FigureFormat.parse("12.75") == 12.75)
        #expect(FigureFormat.parse("42 %") == 42)
        #expect(FigureFormat.parse("1e5") == nil)
        #expect(FigureFormat.parse("1,2,3") == nil)
        #expect(FigureFormat.parse("") == nil)
        #expect(FigureFormat.plain(8_035_996) == "8035996")
        #expect(FigureFormat.plain(-12.5) == "-12.5")
        #expect(FigureFormat.printed(-1_234_567.5) == "−1\u{00A0}234\u{00A0}567,5")
    }

    /// The CSV diff path end to end, on a report's own figures with one edit.
    @Test(.enabled(if: SharedCorpus.available, "needs ../shared")) func csvHandDataAgainstCorpusOutput() throws {
        let extracted = try DatasetFolder.read(SharedCorpus.truth("dev07-hoglandet-2023"))
        let text = String(decoding: DatasetExport.csv([extracted]), as: UTF8.self)
            .replacingOccurrences(of: "income_statement,verksamhetens_intakter,2023,8672403,", with: "income_statement,verksamhetens_intakter,2023,8672404,")
        let report = DatasetDiff.compare(extracted: [extracted], hand: try HandData.csv(text, name: "hand.csv"))
        #expect(report.counts.differ == 1)
        #expect(report.counts.equal == 329)
        #expect(report.documents[0].mismatches[0].hand == 8_672_404)
    }

    @Test func csvNamingSomeTablesComparesOnlyThose() throws {
        let doc = Documents.small()
        let hand = try HandData.csv(Self.csv, name: "hand.csv")
        let report = DatasetDiff.compare(extracted: [Documents.file(doc, "testbygden-2023.json")], hand: hand,
                                         countReportsNotExtracted: false)
        let d = report.documents[0]
        #expect(d.tablesNotInHandData == ["survey:steget_vidare:ongoing"])
        #expect(d.counts.equal == 4)
        // budget:2023, kostnader 2022, both arets_resultat, note_2 driftbidrag x2, summa 2022 (left empty by hand)
        #expect(d.counts.onlyExtracted == 7)
        var onlyIncome = hand
        onlyIncome[0].figures.removeAll { $0.at.table == "note_2" }
        let partial = DatasetDiff.compare(extracted: [Documents.file(doc, "t.json")], hand: onlyIncome, countReportsNotExtracted: false)
        #expect(partial.documents[0].tablesNotInHandData == ["note_2", "survey:steget_vidare:ongoing"])
        #expect(partial.documents[0].counts.onlyExtracted == 4)
    }
}
