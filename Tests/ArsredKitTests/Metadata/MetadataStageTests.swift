import Foundation
import Testing
@testable import ArsredKit

@Suite struct MetadataStageTests {
    let stage: MetadataStage
    init() throws { stage = try .checkout() }

    @Test func readsACoverAndAComfactSigningPage() throws {
        let cover = "Samordningsförbundet Norrsjö Dal\n\nÅrsredovisning 2024\nVerksamhetsberättelse\n\nComfact Signature Referensnummer: 123456SE"
        let body = "Samordningsförbundet Norrsjö Dal bedriver finansiell samordning.\nSamordningsförbundet Södra Centrum har tagit fram en modell."
        let signing = """
            UNDERSKRIFTSSIDA
            NAMN: ANNA ÖBERG
            TITEL, ORGANISATION: Vice ordfdrande, Samordningsförbundet Norrsjö ...
            TID: 2025-03-02 09:15:01 +01:00
            NAMN: Per Lind
            TITEL, ORGANISATION: Styrelseledamot, Samordningsförbundet Norrsjö ...
            TID: 2025-03-04 16:00:59 +01:00
            Comfact Signature Referensnummer: 123456SE
            """
        let m = stage.recognise(pages: try ocrTextPages([cover, body, signing]))
        #expect(m.organisation == "Samordningsförbundet Norrsjö Dal")
        #expect(m.organisationKey == "samordningsforbundet_norrsjo_dal")
        #expect(m.fiscalYear == 2024)
        #expect(m.signingPages == [3])
        #expect(m.signature?.reference == "123456SE")
        #expect(m.signature?.signatories == [
            Signatory(name: "ANNA ÖBERG", role: "Vice ordförande", signedAt: "2025-03-02T09:15:01+01:00"),
            Signatory(name: "Per Lind", role: "Styrelseledamot", signedAt: "2025-03-04T16:00:59+01:00"),
        ])
    }

    @Test func aMinutesDocumentHasNoSignature() throws {
        let m = stage.recognise(pages: try ocrTextPages(["Protokoll styrelsemöte\nNärvarande: Anna Lind\nSamordningsförbundet Norrsjö Dal"]))
        #expect(m.signature == nil)
        #expect(m.fiscalYear == nil)
    }

    @Test func timestampsSurviveOCRSeparators() {
        #expect(SigningPageReader.timestamp(in: "TID: 2024-03-22 08:51:01 +01:00") == "2024-03-22T08:51:01+01:00")
        #expect(SigningPageReader.timestamp(in: "TID: 2024-03-22 08.51:01 +0100") == "2024-03-22T08:51:01+01:00")
        #expect(SigningPageReader.normalisedReference("12O7O2SE") == "120702SE")
        #expect(SigningPageReader.normalisedReference("1207025E") == "120702SE")
    }

    @Test(.enabled(if: SharedData.available, "needs ../shared")) func realOCRTextSample() throws {
        let text = try String(contentsOf: SharedData.sample("hoglandet-2023.txt"), encoding: .utf8)
        let m = stage.recognise(pages: try TextIngest.pages(Data(text.utf8)))
        #expect(m.organisationKey == "hoglandets_samordningsforbund")
        #expect(m.fiscalYear == 2023)
        #expect(m.signature?.reference == "120702SE")
        #expect(m.signature?.signatories.count == 9)
        #expect(m.signature?.signatories.first == Signatory(name: "Nils Andreas Appelberg", role: "Styrelseledamot",
                                                             signedAt: "2024-03-22T08:51:01+01:00"))
    }
}
