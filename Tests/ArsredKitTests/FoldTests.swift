import Testing
@testable import ArsredKit

@Suite struct FoldedTextTests {
    @Test func foldsTheContractExamples() {
        #expect(FoldedText.fold("Verksamhetens intäkter") == "verksamhetens_intakter")
        #expect(FoldedText.fold("Försäkringskassan") == "forsakringskassan")
        #expect(FoldedText.fold("  Samordningsförbundet Älv & Kust ") == "samordningsforbundet_alv_kust")
        #expect(FoldedText.fold("THÉRÈSE BERG") == "therese_berg")
        #expect(FoldedText.fold("Soliditet (%)") == "soliditet")
        #expect(FoldedText.fold("—") == "")
    }

    @Test func fuzzyDistance() {
        #expect(Fuzzy.distance("balansrakning", "balansriakning") == 1)
        #expect(Fuzzy.similarity("resultatrakning", "resultatrdakning") > 0.9)
    }
}
