import Testing
@testable import ArsredKit

@Suite struct ColumnHeaderTests {
    @Test func headerYearsThroughOCRSpecks() {
        #expect(ColumnHeader.year("2023") == 2023)
        #expect(ColumnHeader.year("‘2023") == 2023)     // a typographic quote read before the year
        #expect(ColumnHeader.year("2023’") == 2023)
        #expect(ColumnHeader.year("|2022.") == 2022)
        #expect(ColumnHeader.year("2023-12-31") == 2023)
        #expect(ColumnHeader.year("2O23") == 2023)
        #expect(ColumnHeader.year("‘23") == nil)
        #expect(ColumnHeader.year("1234567") == nil)
    }
}
