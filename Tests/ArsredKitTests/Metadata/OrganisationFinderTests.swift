import Foundation
import Testing
@testable import ArsredKit

/// The organisation of a document, read from where a report states it, on position-less pages.
@Suite struct OrganisationFinderTests {
    let stage: MetadataStage
    init() throws {
        setenv("ARSRED_PIPELINES", SharedData.checkout.appendingPathComponent("pipelines").path, 1)
        stage = MetadataStage(vocabulary: try MetadataVocabulary.load())
    }

    private func pages(_ texts: [String]) -> [Page] {
        texts.enumerated().map { i, p in
            Page(number: i + 1, method: .ocr,
                 lines: p.split(separator: "\n").map { Line(words: $0.split(separator: " ").map { Word(text: String($0)) }) })
        }
    }

    private let prose = "Förbundet har under året arbetat med insatser för deltagarna.\nStyrelsen har sammanträtt sex gånger."

    @Test func aNameWrappedOverTwoLinesIsWhole() {
        let m = stage.recognise(pages: pages(["Årsredovisning 2023\nSamordningsförbundet Jämtlands\nlän", prose,
                                              "Samordningsförbundet Jämtlands län, org.nr 222000-0000"]))
        #expect(m.organisation == "Samordningsförbundet Jämtlands län")
    }

    @Test func aLowerCaseConnectorBelongsToTheName() {
        let body = "Deltagarna i samordningsförbundet. Grupperna träffas varje vecka.\nI samordningsförbundet. Grupperna är små."
        let m = stage.recognise(pages: pages(["Samordningsförbundet i Kronobergs län\nÅrsredovisning 2022", body, body]))
        #expect(m.organisation == "Samordningsförbundet i Kronobergs län")
    }

    @Test func cutOffTitlesCountForTheWholeName() {
        let signing = """
            UNDERSKRIFTSSIDA
            NAMN: Anna Lind
            TITEL, ORGANISATION: Ordförande, Samordningsförbundet Norra V...
            TID: 2024-03-02 09:15:01 +01:00
            NAMN: Per Ek
            TITEL, ORGANISATION: Ledamot, Samordningsförbundet Norra V...
            TID: 2024-03-04 16:00:59 +01:00
            NAMN: Eva Berg
            TITEL, ORGANISATION: Ledamot, Samordningsförbundet Norra
            TID: 2024-03-04 16:10:59 +01:00
            """
        let m = stage.recognise(pages: pages(["Samordningsförbundet Norra Vätterbygden\nÅrsredovisning 2023", prose, signing]))
        #expect(m.organisation == "Samordningsförbundet Norra Vätterbygden")
        #expect(m.warnings.isEmpty)
    }

    @Test func garbledPlaceNamesAreRestored() {
        let m = stage.recognise(pages: pages(["Samordningsforbundet Sédra Halsingland\nArsredovisning 2021", prose]))
        #expect(m.organisation == "Samordningsförbundet Södra Hälsingland")
        #expect(m.organisationKey == "samordningsforbundet_sodra_halsingland")
    }

    @Test func anotherFörbundNamedInProseDoesNotWin() {
        let partner = "Tillsammans med Samordningsförbundet Västra Mälardalen har vi ordnat en konferens."
        let body = Array(repeating: partner, count: 4).joined(separator: "\n")
        let m = stage.recognise(pages: pages(["Samordningsförbundet Östra Vingåker\nÅrsredovisning 2023", body, body, body]))
        #expect(m.organisation == "Samordningsförbundet Östra Vingåker")
    }

    @Test func jointMinutesOfSeveralFörbundHaveNoOrganisation() {
        let cover = """
            Protokoll från gemensamt styrelsemöte 2023-05-12
            Samordningsförbundet Norra Dalarna
            Samordningsförbundet Södra Dalarna
            Samordningsförbundet Västra Dalarna
            """
        let m = stage.recognise(pages: pages([cover, prose]))
        #expect(m.organisation == nil)
        #expect(m.warnings.count == 1)
        #expect(m.warnings.first?.hasPrefix("organisation:") == true)
    }

    @Test func aGenitiveNameWithItsQualifier() {
        let m = stage.recognise(pages: pages(["Södra Hälsinglands samordningsförbund\nÅrsredovisning 2020", prose]))
        #expect(m.organisation == "Södra Hälsinglands samordningsförbund")
    }

    @Test func placeWordsAreRestoredOnlyWhenUnambiguous() throws {
        let places = try MetadataVocabulary.load().places
        #expect(places.known("Sédra") == "Södra")
        #expect(places.known("Jamtlands") == "Jämtlands")
        #expect(places.known("Hoglandets") == "Höglandets")
        #expect(places.known("Grupperna") == nil)
        #expect(places.known("Ale") == "Ale")
        #expect(places.known("Alx") == nil)
    }
}

/// A signing page's cut-off name garbled by OCR as the whole name is (`Storbé...` beside
/// `Storbéke`, restored to `Storböke`; a made-up place) counts for the whole name, not as a name of its own.
@Suite struct GarbledCutOffNameTests {
    @Test func aGarbledCutWordBeginsTheRestoredWholeWord() {
        #expect(OrganisationFinder.begins(["Samordningsförbundet", "Storbé"], ["Samordningsförbundet", "Storböke"]))
        #expect(OrganisationFinder.cutShort("storbe", of: "storboke"))
        // Short cuts stay exact: one letter off is another name.
        #expect(!OrganisationFinder.cutShort("nor", of: "sor"))
        #expect(!OrganisationFinder.begins(["Samordningsförbundet", "Sodra"], ["Samordningsförbundet", "Norra", "Halsingland"]))
    }
}
