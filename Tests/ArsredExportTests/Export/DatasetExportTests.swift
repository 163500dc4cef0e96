import Foundation
import Testing
import GRDB
import ArsredKit
@testable import ArsredExport

@Suite struct DatasetExportTests {
    /// The query the README gives for "Verksamhetens intäkter per organisation and year".
    static let incomeQuery = """
        SELECT d.organisation, d.fiscal_year, t.unit, v.value
        FROM documents d
        JOIN tables t ON t.document_id = d.id AND t.table_name = 'income_statement'
        JOIN rows r ON r.table_id = t.id AND r.key = 'verksamhetens_intakter'
        JOIN "values" v ON v.row_id = r.id AND v.column_key = CAST(d.fiscal_year AS TEXT)
        ORDER BY d.organisation, d.fiscal_year
        """

    /// The same through the figures view: the one query the docs give.
    static let incomeQueryOnView = """
        SELECT organisation, fiscal_year, unit, value
        FROM figures
        WHERE table_name = 'income_statement' AND key = 'verksamhetens_intakter'
          AND column_key = CAST(fiscal_year AS TEXT)
        ORDER BY organisation, fiscal_year
        """

    @Test(.enabled(if: SharedCorpus.available, "needs ../shared")) func sqliteHoldsWhatTheJSONHolds() throws {
        let files = try DatasetFolder.load(try Documents.corpusOutputs())
        let folder = try Documents.temporaryFolder()
        let db = folder.appendingPathComponent("dataset.sqlite")
        try DatasetExport.write(files, as: .sqlite, to: db)

        let docs = files.map(\.document)
        let figures = docs.flatMap(\.figures)
        let questions = docs.flatMap(\.indicatorSurveys).flatMap(\.questions)
        let queue = try DatabaseQueue(path: db.path)
        try queue.read { db in
            func int(_ sql: String) throws -> Int { try Int.fetchOne(db, sql: sql)! }
            #expect(try int("SELECT count(*) FROM documents") == 8)
            #expect(try int("SELECT count(*) FROM tables") == docs.map(\.tables.count).reduce(0, +))
            #expect(try int("SELECT count(*) FROM rows") == docs.flatMap(\.tables).map(\.rows.count).reduce(0, +))
            #expect(try int(#"SELECT count(*) FROM "values""#) == figures.count)
            #expect(try int("SELECT count(*) FROM figures") == 1475)
            #expect(try Double.fetchOne(db, sql: #"SELECT sum(value) FROM "values""#) == figures.map(\.value).reduce(0, +))
            #expect(try int("SELECT count(*) FROM checks") == docs.map(\.checks.count).reduce(0, +))
            #expect(try int("SELECT count(*) FROM checks WHERE passed = 0") == docs.flatMap(\.checks).filter { !$0.passed }.count)
            #expect(try int("SELECT count(*) FROM surveys") == docs.map(\.indicatorSurveys.count).reduce(0, +))
            #expect(try int("SELECT count(*) FROM survey_questions") == questions.count)
            #expect(try int("SELECT count(*) FROM survey_answers WHERE percentage IS NOT NULL")
                    == questions.compactMap(\.percentages).flatMap(\.values).compactMap { $0 }.count)
            #expect(try int("SELECT count(*) FROM pages") == docs.map(\.source.pages.count).reduce(0, +))
            // Per table, the sums agree too.
            for table in ["income_statement", "balance_sheet", "note_3"] {
                let json = figures.filter { $0.at.table == table }.map(\.value).reduce(0, +)
                #expect(try Double.fetchOne(db, sql: "SELECT sum(value) FROM figures WHERE table_name = ?", arguments: [table]) == json)
            }
            let income = try Row.fetchAll(db, sql: Self.incomeQuery)
            #expect(income.count == 8)
            let hoglandet = try #require(income.first { $0["organisation"] == "Höglandets samordningsförbund" })
            #expect(hoglandet["fiscal_year"] == 2023)
            #expect(hoglandet["value"] == 8_672_403)
            #expect(hoglandet["unit"] == "kr")
            let onView = try Row.fetchAll(db, sql: Self.incomeQueryOnView)
            #expect(onView == income)
            // Whole kronor stay integers.
            #expect(try String.fetchOne(db, sql: #"SELECT typeof(value) FROM "values" LIMIT 1"#) == "integer")
            #expect(try String.fetchOne(db, sql: "PRAGMA journal_mode") == "delete")
            #expect(try Int.fetchOne(db, sql: "PRAGMA page_size") == 4096)
        }
    }

    @Test func reRunningGivesIdenticalBytes() throws {
        let folder = try Documents.temporaryFolder()
        let files = [Documents.file(Documents.small(), "a.json"),
                     Documents.file(Documents.small(organisation: "Beta samordningsförbund", year: 2022), "b.json")]
        for format in DatasetExport.Format.allCases {
            let first = folder.appendingPathComponent("first.\(format.rawValue)")
            let second = folder.appendingPathComponent("second.\(format.rawValue)")
            try DatasetExport.write(files, as: format, to: first)
            try DatasetExport.write(files, as: format, to: second)
            try DatasetExport.write(files, as: format, to: second)   // over an existing file
            #expect(try Data(contentsOf: first) == Data(contentsOf: second), "\(format)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
                == ["first.csv", "first.jsonl", "first.sqlite", "first.xlsx", "second.csv", "second.jsonl", "second.sqlite", "second.xlsx"])
    }

    @Test func aMissingFolderIsOneLineNamingTheFile() throws {
        let files = [Documents.file(Documents.small(), "a.json")]
        let folder = try Documents.temporaryFolder()
        for format in DatasetExport.Format.allCases {
            let target = folder.appendingPathComponent("missing/dataset.\(format.rawValue)")
            #expect(throws: InputError("\(target.path): cannot write (\(folder.path)/missing is not a writable folder)")) {
                try DatasetExport.write(files, as: format, to: target)
            }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    @Test(.enabled(if: SharedCorpus.available, "needs ../shared")) func corpusExportsAreByteIdenticalAcrossRuns() throws {
        let outputs = try Documents.corpusOutputs()
        let folder = try Documents.temporaryFolder()
        for format in DatasetExport.Format.allCases {
            var bytes: [Data] = []
            for run in 0..<2 {
                // Read afresh each time: decoding does not keep the JSON's key order.
                let url = folder.appendingPathComponent("\(run).\(format.rawValue)")
                try DatasetExport.write(try DatasetFolder.load(outputs), as: format, to: url)
                bytes.append(try Data(contentsOf: url))
                #expect(bytes[run].count > 100_000, "\(format)")
            }
            #expect(bytes[0] == bytes[1], "\(format)")
        }
    }

    @Test(.enabled(if: SharedCorpus.available, "needs ../shared")) func jsonLinesHoldOneDocumentALineInFileNameOrder() throws {
        let files = try DatasetFolder.load(try Documents.corpusOutputs())
        let lines = try DatasetExport.jsonLines(files).split(separator: 0x0A)
        #expect(lines.count == 8)
        for (line, file) in zip(lines, files) {
            let doc = try DatasetJSON.decode(Data(line))
            #expect(try DatasetJSON.encode(doc) == DatasetJSON.encode(file.document))
        }
        #expect(try DatasetJSON.decode(Data(lines[6])).organisation == "Höglandets samordningsförbund")
    }

    @Test(.enabled(if: SharedCorpus.available, "needs ../shared")) func csvHasOneFigureARowAndReadsBackAsHandData() throws {
        let files = try DatasetFolder.load(try Documents.corpusOutputs())
        let text = String(decoding: DatasetExport.csv(files), as: UTF8.self)
        let lines = text.split(separator: "\n")
        #expect(lines.count == 1 + 1475 + 968)
        #expect(lines[0] == "organisation,fiscalYear,table,key,column,value,page,sourceFile")
        #expect(lines.contains("Höglandets samordningsförbund,2023,income_statement,verksamhetens_intakter,2023,8672403,12,dev07-hoglandet-2023.pdf"))
        // A name with `&` but no comma or quote is written bare, not quoted.
        #expect(lines.contains { $0.hasPrefix("Samordningsförbundet Älv & Kust,2023,") })
        #expect(!lines.contains { $0.hasPrefix("\"Samordningsförbundet Älv & Kust\"") })
        let report = DatasetDiff.compare(extracted: files, hand: try HandData.csv(text, name: "dataset.csv"))
        #expect(!report.hasDifferences)
        #expect(report.counts.equal == 2443)
    }
}
