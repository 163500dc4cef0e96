import Testing
@testable import ArsredKit

/// Restoring å, ä, ö in labels OCR read without them.
@Suite struct LabelTextTests {
    /// Two lexicon words one letter from the print (`stad`, `stod`): the one with its `ö` where the
    /// print has the `é` OCR made of it, every run alike.
    @Test func tiedRestorationFollowsTheGarbledLetter() {
        let lexicon = ["stad": "stad", "stod": "stöd", "klippa": "klippa", "klappa": "kläppa"]
        for _ in 0..<20 {
            #expect(LabelText.restore("Plogen - Stéd i vardag", lexicon: lexicon) == "Plogen - Stöd i vardag")
        }
        // Nothing garbled: the tie goes the same way each run (the first by its folded form).
        let plain = Set((0..<20).map { _ in LabelText.restore("Stud", lexicon: lexicon) })
        #expect(plain.count == 1)
    }

    @Test func umlautsCountOnlyOverCharactersOCRMakesOfThem() {
        #expect(LabelText.umlautsOverGarbling("stöd", printed: "stéd") == 1)
        #expect(LabelText.umlautsOverGarbling("stöd", printed: "stad") == 0)
        #expect(LabelText.umlautsOverGarbling("Stöd", printed: "St6d") == 1)
    }
}
