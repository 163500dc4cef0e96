import Foundation
import Testing
@testable import ArsredKit

@Suite struct DatasetCodingTests {
    @Test func valuesAreWrittenSortedAndWholeNumbersStayWhole() throws {
        let row = TableRow(key: "verksamhetens_intakter", label: "Verksamhetens intäkter", note: "2",
                           values: TableValues([("budget:2023", 8036000), ("2023", 8035996), ("2022", 1.5)]))
        let data = try DatasetJSON.encoder().encode(row)
        let s = String(decoding: data, as: UTF8.self).filter { !$0.isWhitespace }
        #expect(s.contains(#""values":{"2022":1.5,"2023":8035996,"budget:2023":8036000}"#))
        let back = try JSONDecoder().decode(TableRow.self, from: data)
        #expect(back.values["2023"] == 8035996)
    }

    @Test func surveyPercentagesWriteEveryCategoryWithNulls() throws {
        let q = SurveyQuestion(number: 1, text: nil, n: 62,
                               percentages: [.inteAlls: 3, .delvis: 16], printed: [3, 16])
        let s = String(decoding: try JSONEncoder().encode(q), as: UTF8.self)
        #expect(s.contains(#""till_liten_del":null"#))
        #expect(s.contains(#""inte_alls":3"#))
    }
}
