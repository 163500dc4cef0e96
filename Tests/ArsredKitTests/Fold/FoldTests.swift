import Testing
@testable import ArsredKit

@Suite struct FoldedTextTests {
    @Test func foldsTheContractExamples() {
        #expect(FoldedText.fold("Verksamhetens intäkter") == "verksamhetens_intakter")
        #expect(FoldedText.fold("Försäkringskassan") == "forsakringskassan")
        #expect(FoldedText.fold("  Samordningsförbundet Älvås & Strand ") == "samordningsforbundet_alvas_strand")
        #expect(FoldedText.fold("THÉRÈSE BERG") == "therese_berg")
        #expect(FoldedText.fold("Soliditet (%)") == "soliditet")
        #expect(FoldedText.fold("—") == "")
    }

    @Test func fuzzyDistance() {
        #expect(Fuzzy.distance("balansrakning", "balansriakning") == 1)
        #expect(Fuzzy.similarity("resultatrakning", "resultatrdakning") > 0.9)
    }

    @Test func aLineFoldsAsItsJoinedText() {
        for words in [["Försäkrings-", "kassan", "§", "2023-12-31"], ["(", "Belopp", "i", "tkr", ")"], ["—", "Över", "&", "Ö"], ["", "ä"]] {
            let line = Line(words: words.map { Word(text: $0) })
            #expect(line.folded == FoldedText.fold(line.text))
        }
    }

    @Test func fuzzySubstringDistance() {
        #expect(Fuzzy.substringDistance("indikatorer", in: "2_indikatorer_for_finsam") == 0)
        #expect(Fuzzy.substringDistance("indikatorer", in: "4_lndikatorer_for_finsam") == 1)
        #expect(Fuzzy.substringDistance("indikatorer", in: "indlkatorcr") == 2)
        #expect(Fuzzy.substringDistance("abc", in: "") == 3)
        #expect(Fuzzy.substringDistance("", in: "abc") == 0)
    }
}
