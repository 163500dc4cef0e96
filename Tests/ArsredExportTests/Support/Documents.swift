import Foundation
import ArsredKit
@testable import ArsredExport

/// Small dataset-v1 documents built in the test, and the corpus-dev truth files read as outputs.
enum Documents {
    /// An income statement and a note, one failed check, one warning, one survey.
    static func small(organisation: String = "Testbygdens samordningsförbund", year: Int = 2023,
                      file: String = "testbygden-2023.pdf") -> DatasetDocument {
        var doc = DatasetDocument(source: SourceInfo(file: file, sha256: "00", pageCount: 3, pages: [
            SourcePage(number: 1, method: .textLayer, kind: "prose"),
            SourcePage(number: 2, method: .ocr, kind: "table", ocrConfidence: 81.4),
            SourcePage(number: 3, method: .textLayer, kind: "chart"),
        ]))
        doc.organisation = organisation
        doc.organisationKey = FoldedText.fold(organisation)
        doc.fiscalYear = year
        doc.tables = [
            Table(id: "income_statement", title: "Resultaträkning", page: 2, unit: "kr",
                  columns: ["budget:\(year)", "\(year)", "\(year - 1)"], rows: [
                    TableRow(key: "verksamhetens_intakter", label: "Verksamhetens intäkter", note: "2",
                             values: TableValues([("budget:\(year)", 1_000_000), ("\(year)", 1_200_500), ("\(year - 1)", 950_000)])),
                    TableRow(key: "verksamhetens_kostnader", label: "Verksamhetens kostnader", note: "3",
                             values: TableValues([("\(year)", -1_100_000), ("\(year - 1)", -900_000)])),
                    TableRow(key: "arets_resultat", label: "Årets resultat",
                             values: TableValues([("\(year)", 100_500), ("\(year - 1)", 50_000)]),
                             derivedFrom: ["\(year - 1)": "verksamhetens_intakter - |verksamhetens_kostnader|"]),
                  ]),
            Table(id: "note_2", title: "Not 2 Verksamhetens intäkter", page: 2, unit: "kr",
                  columns: ["\(year)", "\(year - 1)"], rows: [
                    TableRow(key: "driftbidrag", label: "Driftbidrag", values: TableValues([("\(year)", 1_200_000), ("\(year - 1)", 950_000)])),
                    TableRow(key: "summa", label: "Summa", values: TableValues([("\(year)", 1_200_000), ("\(year - 1)", 950_000)])),
                  ]),
        ]
        doc.indicatorSurveys = [IndicatorSurvey(programme: "Steget vidare", respondents: "ongoing", page: 3, questions: [
            SurveyQuestion(number: 1, text: "Får du stöd på ett sätt som är till stor nytta för dig?", n: 40,
                           percentages: [.inteAlls: nil, .tillLitenDel: 5, .delvis: 15, .tillStorDel: 30,
                                         .tillMycketStorDel: 20, .heltOchHallet: 30],
                           printed: [5, 15, 30, 20, 30]),
        ])]
        func cells(_ table: String, _ rows: String...) -> [CheckedCell] { rows.map { CheckedCell(table: table, row: $0, column: "\(year)") } }
        doc.checks = [
            Check(table: "income_statement", rule: "verksamhetens_intakter - |verksamhetens_kostnader| = arets_resultat",
                  column: "\(year)", passed: true,
                  cells: cells("income_statement", "verksamhetens_intakter", "verksamhetens_kostnader", "arets_resultat")),
            Check(table: "note_2", rule: "summa = income_statement.verksamhetens_intakter", column: "\(year)",
                  passed: false, detail: "1200000 != 1200500",
                  cells: cells("note_2", "summa") + cells("income_statement", "verksamhetens_intakter")),
        ]
        doc.diagnostics = [Diagnostic(page: 2, message: "OCR confidence 81, figures checked")]
        return doc
    }

    static func file(_ doc: DatasetDocument, _ name: String) -> DatasetFile { DatasetFile(fileName: name, document: doc) }

    /// A fresh empty folder under the system temporary folder.
    static func temporaryFolder(_ name: String = #function) throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("arsred-export-tests-\(ProcessInfo.processInfo.processIdentifier)")
            .appendingPathComponent(name.filter { $0.isLetter || $0.isNumber })
        try? FileManager.default.removeItem(at: url)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The checkout's own sample reports and their hand data (`corpus/`, always present).
    static let sampleCorpus = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("corpus")

    /// The truth files of `from` (default corpus-dev) copied into a folder as outputs (`<stem>.json`).
    static func corpusOutputs(_ name: String = #function, from corpus: URL = SharedCorpus.corpusDev) throws -> URL {
        let folder = try temporaryFolder(name + "Outputs")
        for url in try DatasetFolder.jsonFiles(at: corpus, as: .handData) {
            let stem = DatasetFolder.stem(of: url.lastPathComponent)
            try Data(contentsOf: url).write(to: folder.appendingPathComponent("\(stem).json"))
        }
        return folder
    }
}
