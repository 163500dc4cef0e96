import Foundation
import Testing
@testable import ArsredKit

/// Diagnostics in the document: the contract's `warnings` rendered from them, `diagnostics`
/// beside them where they know more, and hand data without them read and written as it was.
@Suite struct DiagnosticTests {
    @Test func theWarningStringOpensWithItsPageElseItsTable() {
        #expect(Diagnostic(page: 41, table: "survey:x:ongoing", column: "fraga_2", message: "survey X question 2: segments sum to 90.0%").rendered
                == "page 41: survey X question 2: segments sum to 90.0%")
        #expect(Diagnostic(table: "note_4", row: "summa", column: "2023", message: "summa 2023 read as 1 (in doubt), set to 7 from r").rendered
                == "note_4: summa 2023 read as 1 (in doubt), set to 7 from r")
        #expect(Diagnostic(message: "organisation: left empty").rendered == "organisation: left empty")
    }

    func document() -> DatasetDocument {
        DatasetDocument(source: SourceInfo(file: "a.pdf", sha256: "00", pageCount: 1, pages: [SourcePage(number: 1, method: .ocr)]))
    }

    @Test func aPlacedDiagnosticIsWrittenBesideItsString() throws {
        var doc = document()
        doc.diagnostics = [Diagnostic(page: 1, message: "OCR confidence 38"), Diagnostic(message: "organisation: left empty")]
        let json = try JSONSerialization.jsonObject(with: DatasetJSON.encode(doc)) as! [String: Any]
        #expect(json["warnings"] as? [String] == ["page 1: OCR confidence 38", "organisation: left empty"])
        #expect((json["diagnostics"] as? [[String: Any]])?.first?["page"] as? Int == 1)
        #expect(try DatasetJSON.decode(DatasetJSON.encode(doc)) == doc)
    }

    @Test func handDataWithStringsOnlyStaysStringsOnly() throws {
        var doc = document()
        doc.warnings = ["page 1: OCR confidence 38"]
        doc.checks = [Check(table: "note_2", rule: "sum(rows) = summa", column: "2023", passed: true)]
        let data = try DatasetJSON.encode(doc)
        let text = String(decoding: data, as: UTF8.self)
        #expect(!text.contains("\"diagnostics\""))
        let back = try DatasetJSON.decode(data)
        #expect(back.warnings == ["page 1: OCR confidence 38"])
        #expect(back.diagnostics.first?.page == nil)
        // A check written before `cells` existed reads with none.
        let old = Data(#"{"table":"note_2","rule":"sum(rows) = summa","column":"2023","passed":false,"detail":"1 != 2"}"#.utf8)
        #expect(try JSONDecoder().decode(Check.self, from: old).cells == [])
    }
}
