import Foundation
import Testing
import ArsredKit
@testable import ArsredExport

/// The xlsx export read back by another program (python3 + openpyxl, from scripts/install-deps):
/// every figure of the JSON is on the sheets, as a number, where the layout says.
@Suite struct WorkbookExportTests {
    /// Each sheet's cells (numbers as numbers, booleans as booleans), number formats, frozen
    /// pane and autofilter, as openpyxl reads them.
    struct Sheet: Decodable {
        var rows: [[Cell]]
        var formats: [[String]]
        var freeze: String?
        var filter: String?
    }
    enum Cell: Decodable, Equatable {
        case text(String), number(Double), boolean(Bool), empty
        init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if c.decodeNil() { self = .empty }
            else if let b = try? c.decode(Bool.self) { self = .boolean(b) }
            else if let d = try? c.decode(Double.self) { self = .number(d) }
            else { self = .text(try c.decode(String.self)) }
        }
    }

    static let reader = """
        import json, sys, openpyxl
        wb = openpyxl.load_workbook(sys.argv[1])
        out = {"_order": wb.sheetnames}
        for ws in wb.worksheets:
            rows = [[c.value for c in row] for row in ws.iter_rows()]
            formats = [[c.number_format for c in row] for row in ws.iter_rows()]
            out[ws.title] = {"rows": rows, "formats": formats, "freeze": ws.freeze_panes, "filter": ws.auto_filter.ref}
        json.dump(out, sys.stdout)
        """

    /// Sheet names in order, and the sheets.
    static func read(_ xlsx: URL) throws -> (order: [String], sheets: [String: Sheet]) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", reader, xlsx.path]
        let out = Pipe(), err = Pipe()
        p.standardOutput = out; p.standardError = err
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        try #require(p.terminationStatus == 0, "python3 + openpyxl could not read \(xlsx.path): \(message)")
        let json = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        let order = json["_order"] as! [String]
        var sheets: [String: Sheet] = [:]
        for name in order {
            sheets[name] = try JSONDecoder().decode(Sheet.self, from: JSONSerialization.data(withJSONObject: json[name]!))
        }
        return (order, sheets)
    }

    /// The checkout's sample corpus as outputs, and the small document with a failed check,
    /// a warning, a survey and a key ratio with decimals.
    static func files() throws -> [DatasetFile] { try loaded.get() }
    /// Made once per test process: the tests run in parallel, and each making the folder anew
    /// would remove it under another's feet.
    private static let loaded = Swift.Result { try makeFiles() }
    private static func makeFiles() throws -> [DatasetFile] {
        let folder = try Documents.corpusOutputs("workbook", from: Documents.sampleCorpus)
        var small = Documents.small()
        small.tables.append(Table(id: "five_year_overview", title: "Översikt", page: 1, unit: "tkr", columns: ["2023"], rows: [
            TableRow(key: "soliditet", label: "Soliditet", values: TableValues([("2023", 52.75)]), unit: "%")]))
        try DatasetJSON.encode(small).write(to: folder.appendingPathComponent("testbygden-2023.json"))
        return try DatasetFolder.load(folder)
    }

    @Test func everyFigureIsOnTheSheetsAsANumber() throws {
        let files = try Self.files()
        let url = try Documents.temporaryFolder().appendingPathComponent("dataset.xlsx")
        try DatasetExport.write(files, as: .xlsx, to: url)
        let (order, sheets) = try Self.read(url)
        // The table kinds in the contract's order, every note on one sheet.
        #expect(order == ["figures", "five_year_overview", "income_statement", "balance_sheet", "cash_flow",
                          "operating_statement", "balance_requirement", "notes", "surveys", "checks", "warnings"])
        for name in order {
            #expect(sheets[name]?.freeze == "A2", "\(name)")
            let width = sheets[name]!.rows[0].count, height = sheets[name]!.rows.count
            #expect(sheets[name]?.filter == "A1:\(Self.columnLetters(width))\(height)", "\(name)")
        }

        // figures: the CSV's columns, a figure a row, in the CSV's order.
        let figures = try #require(sheets["figures"])
        #expect(figures.rows[0] == DatasetExport.csvColumns.map(Cell.text))
        var expected: [[Cell]] = []
        for file in files {
            let doc = file.document
            for f in doc.figures + doc.surveyFigures() {
                expected.append([.text(file.organisationName), doc.fiscalYear.map { .number(Double($0)) } ?? .empty,
                                 .text(f.at.table), .text(f.at.key), .text(f.at.column), .number(f.value),
                                 f.page.map { .number(Double($0)) } ?? .empty, .text(doc.source.file)])
            }
        }
        #expect(expected.count > 500)
        #expect(Array(figures.rows.dropFirst()) == expected)
        // Whole figures show thousands separated, decimals up to three places.
        #expect(figures.rows.contains { $0[3] == .text("soliditet") && $0[5] == .number(52.75) })
        for (row, formats) in zip(figures.rows.dropFirst(), figures.formats.dropFirst()) {
            guard case .number(let v) = row[5] else { Issue.record("value not a number: \(row)"); continue }
            #expect(formats[5] == (v == v.rounded() ? "[$-41D]#,##0" : "[$-41D]#,##0.###"))
            #expect(formats[1] == "General")
        }

        // The table-kind sheets: each table figure at (report, "key · column").
        var placed = 0
        for file in files {
            for table in file.document.tables {
                let kind = table.id.hasPrefix("note_") ? "notes" : table.id
                let sheet = try #require(sheets[kind], "\(kind)")
                let header = sheet.rows[0]
                let row = try #require(sheet.rows.first { $0[2] == .text(file.document.source.file) }, "\(file.fileName) on \(kind)")
                for figure in table.rows.flatMap({ r in r.orderedValues(columns: table.columns).map { (r.key, $0.column, $0.value) } }) {
                    let heading = (kind == "notes" ? "\(table.id) · " : "") + "\(figure.0) · \(figure.1)"
                    let column = try #require(header.firstIndex(of: .text(heading)), "\(kind): \(heading)")
                    #expect(row[column] == .number(figure.2), "\(file.fileName) \(kind) \(heading)")
                    placed += 1
                }
            }
        }
        #expect(placed == files.flatMap { $0.document.figures }.count)

        // surveys, checks, warnings: one row per question, check, warning.
        let questions = files.flatMap { $0.document.indicatorSurveys.flatMap(\.questions) }
        #expect(sheets["surveys"]!.rows.count == 1 + questions.count)
        let small = try #require(sheets["surveys"]!.rows.first { $0[2] == .text("testbygden-2023.pdf") })
        #expect(Array(small[3...9]) == [.text("Steget vidare"), .text("ongoing"), .number(3), .number(1),
                                        .text("Får du stöd på ett sätt som är till stor nytta för dig?"), .number(40), .empty])
        #expect(Array(small[10...14]) == [5, 15, 30, 20, 30].map { Cell.number($0) })
        let checks = files.flatMap { $0.document.checks }
        #expect(sheets["checks"]!.rows.count == 1 + checks.count)
        #expect(sheets["checks"]!.rows.contains([.text("Testbygdens samordningsförbund"), .number(2023), .text("testbygden-2023.pdf"),
                                                 .text("note_2"), .text("summa = income_statement.verksamhetens_intakter"),
                                                 .text("2023"), .boolean(false), .text("1200000 != 1200500")]))
        #expect(sheets["warnings"]!.rows.count == 1 + files.flatMap { $0.document.warnings }.count)
        #expect(sheets["warnings"]!.rows.contains([.text("Testbygdens samordningsförbund"), .number(2023), .text("testbygden-2023.pdf"),
                                                   .text("page 2: OCR confidence 81, figures checked")]))
    }

    @Test func exportedTwiceTheWorkbookIsTheSameBytes() throws {
        let folder = try Documents.temporaryFolder()
        var bytes: [Data] = []
        for run in 0..<2 {
            let url = folder.appendingPathComponent("\(run).xlsx")
            try DatasetExport.write(try Self.files(), as: .xlsx, to: url)
            bytes.append(try Data(contentsOf: url))
            if run == 0 { Thread.sleep(forTimeInterval: 1.1) }   // a second later: no clock in the file
        }
        #expect(bytes[0].count > 10_000)
        #expect(bytes[0] == bytes[1])
    }

    static let soffice = ["/usr/bin/soffice", "/usr/local/bin/soffice"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// LibreOffice's CSV of the workbook's first sheet, raw values or as shown.
    static func libreOfficeCSV(_ xlsx: URL, asShown: Bool, in folder: URL) throws -> String {
        let out = folder.appendingPathComponent(asShown ? "shown" : "raw")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: soffice!)
        p.arguments = ["-env:UserInstallation=file://\(folder.path)/profile", "--headless", "--convert-to",
                       "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,\(asShown),false",
                       "--outdir", out.path, xlsx.path]
        p.standardOutput = FileHandle.nullDevice; p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        try #require(p.terminationStatus == 0, "soffice exited \(p.terminationStatus)")
        return try String(contentsOf: out.appendingPathComponent(xlsx.deletingPathExtension().lastPathComponent + ".csv"), encoding: .utf8)
    }

    /// LibreOffice (not in install-deps: large) opens the workbook, and its CSV of the figures
    /// sheet, raw or as shown (Swedish: `4 435 413`, `52,75`), read as hand data, has every
    /// figure of the JSON and nothing else; raw, it is the CSV export's lines.
    @Test(.enabled(if: soffice != nil, "needs LibreOffice (apt-get install libreoffice-calc-nogui)"))
    func libreOfficeShowsTheFiguresTheJSONHas() throws {
        let files = try Self.files()
        let folder = try Documents.temporaryFolder()
        let xlsx = folder.appendingPathComponent("dataset.xlsx")
        try DatasetExport.write(files, as: .xlsx, to: xlsx)
        let figures = files.map { $0.document.figures.count + $0.document.surveyFigures().count }.reduce(0, +)
        for asShown in [false, true] {
            let csv = try Self.libreOfficeCSV(xlsx, asShown: asShown, in: folder)
            let report = DatasetDiff.compare(extracted: files, hand: try HandData.csv(csv, name: "libreoffice.csv"))
            #expect(!report.hasDifferences, "as shown: \(asShown)")
            #expect(report.counts.equal == figures, "as shown: \(asShown)")
            if !asShown {
                // Raw, the figures sheet is the CSV export line for line, but for the one decimal
                // figure, which LibreOffice writes with the locale's comma ("52,75").
                let exported = String(decoding: DatasetExport.csv(files), as: UTF8.self).split(separator: "\n").map(String.init)
                let written = csv.split(separator: "\n").map(String.init)
                #expect(written.count == exported.count)
                let differing = zip(written, exported).filter { $0 != $1 }
                #expect(differing.count == 1)
                #expect(differing.map { $0.0.replacingOccurrences(of: ",\"52,75\",", with: ",52.75,") } == differing.map(\.1))
            }
            if asShown { #expect(csv.contains(",52,75,") || csv.contains(",\"52,75\",")) }
            if asShown { #expect(csv.contains("\u{00A0}")) }   // thousands separated
        }
    }

    /// Excel's column name of the `n`th column (1 = A, 27 = AA).
    static func columnLetters(_ n: Int) -> String {
        var n = n, out = ""
        while n > 0 { let r = (n - 1) % 26; out = String(UnicodeScalar(UInt8(65 + r))) + out; n = (n - 1) / 26 }
        return out
    }
}
