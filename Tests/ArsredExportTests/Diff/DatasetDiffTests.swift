import Foundation
import Testing
import ArsredKit
@testable import ArsredExport

@Suite struct DatasetDiffTests {
    @Test(.enabled(if: SharedCorpus.available, "needs ../shared")) func corpusTruthAgainstItselfHasNoDifferences() throws {
        let outputs = try Documents.corpusOutputs()
        let report = try DatasetDiff.compare(extractedAt: outputs, handAt: SharedCorpus.corpusDev)
        #expect(report.documents.count == 8)
        #expect(!report.hasDifferences)
        #expect(report.counts.equal == 2443)   // 1475 table figures, 968 survey figures
        let hoglandet = try #require(report.documents.first { $0.extracted == "dev07-hoglandet-2023.json" })
        #expect(hoglandet.hand == "dev07-hoglandet-2023.truth.json")
        #expect(hoglandet.counts.equal == 330)
    }

    /// Hand data edited three ways: a changed figure, a row taken out, a row put in.
    @Test(.enabled(if: SharedCorpus.available, "needs ../shared")) func editedHandDataReportsExactlyTheEdits() throws {
        let extracted = try DatasetFolder.read(SharedCorpus.truth("dev07-hoglandet-2023"))
        var hand = extracted.document
        let income = try #require(hand.tables.firstIndex { $0.id == "income_statement" })
        hand.tables[income].rows[0].values["2023"] = 8_672_430           // printed 8 672 403
        let note4 = try #require(hand.tables.firstIndex { $0.id == "note_4" })
        hand.tables[note4].rows.removeAll { $0.key == "skattekonto" }   // 5 909 and 11 870
        hand.tables[note4].rows.append(TableRow(key: "ovriga_fordringar", label: "Övriga fordringar",
                                                values: TableValues([("2023", 1_000)])))
        let report = DatasetDiff.compare(extracted: [extracted], hand: [HandDocument(Documents.file(hand, "hand.json"))])

        #expect(report.counts.differ == 1)
        #expect(report.counts.onlyExtracted == 2)
        #expect(report.counts.onlyHand == 1)
        #expect(report.counts.equal == 330 - 3)
        let m = report.documents[0].mismatches
        #expect(m.count == 4)
        #expect(m[0] == Mismatch(kind: .differ, table: "income_statement", key: "verksamhetens_intakter",
                                 label: "Verksamhetens intäkter", column: "2023", extracted: 8_672_403, hand: 8_672_430, page: 12))
        #expect(m[1] == Mismatch(kind: .onlyExtracted, table: "note_4", key: "skattekonto", label: "Skattekonto",
                                 column: "2023", extracted: 5909, hand: nil, page: 15))
        #expect(m[2].key == "skattekonto" && m[2].column == "2022" && m[2].extracted == 11870)
        #expect(m[3] == Mismatch(kind: .onlyHand, table: "note_4", key: "ovriga_fordringar", label: "Övriga fordringar",
                                 column: "2023", extracted: nil, hand: 1000, page: 15))
        let text = report.text()
        #expect(text.contains("income_statement  Verksamhetens intäkter  2023      8672403  8672430    12"))
        #expect(text.contains("total: equal 327, differ 1, only extracted 2, only hand 1"))
    }

    @Test func numbersWithinHalfAHundredthAreEqual() {
        let doc = Documents.small()
        var hand = doc
        hand.tables[0].rows[0].values["2023"] = 1_200_500.004
        hand.tables[0].rows[0].values["2022"] = 950_000.006
        let report = DatasetDiff.compare(extracted: [Documents.file(doc, "a.json")], hand: [HandDocument(Documents.file(hand, "b.json"))])
        #expect(report.counts.differ == 1)
        #expect(report.documents[0].mismatches.map(\.column) == ["2022"])
    }

    @Test func documentsMatchByStemThenByOrganisationAndYear() {
        let a = Documents.small(organisation: "Alfa samordningsförbund", year: 2022)
        let b = Documents.small(organisation: "Beta samordningsförbund", year: 2022)
        var unnamed = Documents.small(organisation: "x", year: 2023)
        unnamed.organisation = nil; unnamed.organisationKey = nil; unnamed.fiscalYear = nil
        let extracted = [Documents.file(a, "alfa.json"), Documents.file(b, "beta.json"), Documents.file(unnamed, "gamma.json")]
        var handB = HandDocument(Documents.file(b, "other-name.json"))
        handB.organisationKey = "beta_samordningsforbund"
        let hand = [HandDocument(Documents.file(a, "x.truth.json")), handB,
                    HandDocument(Documents.file(Documents.small(), "gamma.truth.json"))]
        let report = DatasetDiff.compare(extracted: extracted, hand: hand)
        #expect(report.documents.map(\.extracted) == ["alfa.json", "beta.json", "gamma.json"])
        #expect(report.documents.map(\.hand) == ["x.truth.json", "other-name.json", "gamma.truth.json"])
        #expect(!report.hasDifferences)
    }

    @Test func aReportTheFolderLacksCountsAsOnlyHand() throws {
        let folder = try Documents.temporaryFolder()
        let outputs = folder.appendingPathComponent("out")
        let handFolder = folder.appendingPathComponent("hand")
        for url in [outputs, handFolder] { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) }
        let a = Documents.small(organisation: "Alfa samordningsförbund")
        let b = Documents.small(organisation: "Beta samordningsförbund")
        try DatasetJSON.encode(a).write(to: outputs.appendingPathComponent("alfa.json"))
        try DatasetJSON.encode(a).write(to: handFolder.appendingPathComponent("alfa.truth.json"))
        try DatasetJSON.encode(b).write(to: handFolder.appendingPathComponent("beta.truth.json"))

        let dataset = try DatasetDiff.compare(extractedAt: outputs, handAt: handFolder)
        #expect(dataset.counts.onlyHand == 22)
        #expect(dataset.documents[1].extracted == nil)
        #expect(dataset.text().contains("(not extracted) vs beta.truth.json: Beta samordningsförbund 2023\n  no output for this report: 22 figures only in hand data"))

        let single = try DatasetDiff.compare(extractedAt: outputs.appendingPathComponent("alfa.json"), handAt: handFolder)
        #expect(!single.hasDifferences)
        #expect(single.documents.count == 1)

        #expect(throws: InputError("no hand data matches alfa.json (by file stem, or by organisationKey and fiscalYear)")) {
            try DatasetDiff.compare(extractedAt: outputs.appendingPathComponent("alfa.json"),
                                    handAt: handFolder.appendingPathComponent("beta.truth.json"))
        }
    }

    @Test func jsonReportCarriesCountsAndMismatches() throws {
        let doc = Documents.small()
        var hand = doc
        hand.tables[1].rows[1].values["2023"] = 1_200_500
        let report = DatasetDiff.compare(extracted: [Documents.file(doc, "t.json")], hand: [HandDocument(Documents.file(hand, "t.truth.json"))])
        let json = try JSONSerialization.jsonObject(with: try report.json()) as! [String: Any]
        let counts = json["counts"] as! [String: Int]
        #expect(counts == ["equal": 21, "differ": 1, "onlyExtracted": 0, "onlyHand": 0])
        let mismatch = ((json["documents"] as! [[String: Any]])[0]["mismatches"] as! [[String: Any]])[0]
        #expect(mismatch["table"] as? String == "note_2")
        #expect(mismatch["label"] as? String == "Summa")
        #expect(mismatch["extracted"] as? Double == 1_200_000)
        #expect(mismatch["hand"] as? Double == 1_200_500)
        #expect(mismatch["kind"] as? String == "differ")
        #expect(mismatch["page"] as? Int == 2)
    }
}

@Suite struct DatasetFolderTests {
    @Test func otherJSONInAFolderIsSkippedButABrokenDocumentIsAnError() throws {
        let folder = try Documents.temporaryFolder()
        try DatasetJSON.encode(Documents.small()).write(to: folder.appendingPathComponent("a.json"))
        try Data(#"{"reports": []}"#.utf8).write(to: folder.appendingPathComponent("index.json"))
        var skipped: [String] = []
        let files = try DatasetFolder.load(folder) { skipped.append($0) }
        #expect(files.map(\.stem) == ["a"])
        #expect(skipped == ["index.json"])
        // Hand data kept beside the outputs is not an output.
        try DatasetJSON.encode(Documents.small()).write(to: folder.appendingPathComponent("a.truth.json"))
        #expect(try DatasetFolder.load(folder).map(\.fileName) == ["a.json"])
        #expect(try DatasetFolder.load(folder, as: .handData).map(\.fileName) == ["a.truth.json"])
        try Data(#"{"schemaVersion": 1, "tables": []}"#.utf8).write(to: folder.appendingPathComponent("b.json"))
        #expect(throws: InputError("b.json: not a dataset-v1 document (missing .source)")) { try DatasetFolder.load(folder) }
        try Data(#"{"schemaVersion": 1, "#.utf8).write(to: folder.appendingPathComponent("b.json"))
        #expect(throws: InputError("b.json: not a dataset-v1 document (invalid JSON)")) { try DatasetFolder.load(folder) }
    }
}

@Suite struct SurveyDiffTests {
    /// Survey figures are compared too; a programme name read with a slip still pairs.
    @Test func surveyFiguresAreComparedAndPairedByCloseProgrammeNames() {
        let doc = Documents.small()
        var extracted = doc
        extracted.indicatorSurveys[0].programme = "Steqet vidare"
        extracted.indicatorSurveys[0].questions[0].percentages?[.delvis] = 16
        let report = DatasetDiff.compare(extracted: [Documents.file(extracted, "t.json")],
                                         hand: [HandDocument(Documents.file(doc, "t.truth.json"))])
        #expect(report.counts.differ == 1)
        #expect(report.counts.onlyExtracted == 0 && report.counts.onlyHand == 0)
        let m = report.documents[0].mismatches[0]
        #expect(m.table == "survey:steget_vidare:ongoing" && m.key == "q1" && m.column == "delvis")
        #expect(m.label == "Får du stöd på ett sätt som är till stor nytta för dig?")
        #expect(m.extracted == 16 && m.hand == 15 && m.page == 3)

        // Another respondent group is another survey, however alike the name.
        extracted.indicatorSurveys[0].respondents = "completed"
        let other = DatasetDiff.compare(extracted: [Documents.file(extracted, "t.json")],
                                        hand: [HandDocument(Documents.file(doc, "t.truth.json"))])
        #expect(other.counts.onlyExtracted == 11 && other.counts.onlyHand == 11)
    }
}
