import Testing
@testable import ArsredKit

/// The chart-label readers are loaded once per runner and never shared by two documents at once.
@Suite struct LabelReaderPoolTests {
    @Test func aReaderComesBackAndIsLentAgain() throws {
        let pool = LabelReaderPool(tessdata: nil)
        let first = try pool.withReader { ObjectIdentifier($0) }
        let second = try pool.withReader { ObjectIdentifier($0) }
        #expect(first == second)
    }

    @Test func aReaderOutOnLoanIsNotLentTwice() throws {
        let pool = LabelReaderPool(tessdata: nil)
        let (outer, inner) = try pool.withReader { a in (ObjectIdentifier(a), try pool.withReader { ObjectIdentifier($0) }) }
        #expect(outer != inner)
        // Both came back: two more loans at once get those two.
        let again = try pool.withReader { a in Set([ObjectIdentifier(a), try pool.withReader { ObjectIdentifier($0) }]) }
        #expect(again == Set([outer, inner]))
    }

    @Test func aMissingModelFolderIsTheLoansError() {
        let pool = LabelReaderPool(tessdata: "/nonexistent/tessdata")
        #expect(throws: (any Error).self) { try pool.withReader { _ in () } }
    }
}
