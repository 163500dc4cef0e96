import Foundation
import Testing
@testable import ArsredKit

/// The organisation of a document, read from where a report states it, on position-less pages.
/// The förbund and their places are made up; the stage knows them as its place vocabulary.
@Suite struct OrganisationFinderTests {
    let stage: MetadataStage
    init() throws {
        stage = try .madeUpPlaces(landskap: ["Ekmarken"], areas: ["Ljungbygden", "Ljungdalen"], lan: ["Tallmarks", "Bergviks"],
                                  kommuner: ["Tallvik", "Björkängen"])
    }

    private let prose = "Förbundet har under året arbetat med insatser för deltagarna.\nStyrelsen har sammanträtt sex gånger."

    @Test func aNameWrappedOverTwoLinesIsWhole() throws {
        let m = stage.recognise(pages: try ocrTextPages(["Årsredovisning 2023\nSamordningsförbundet Tallmarks\nlän", prose,
                                                         "Samordningsförbundet Tallmarks län, org.nr 222000-0000"]))
        #expect(m.organisation == "Samordningsförbundet Tallmarks län")
    }

    @Test func aLowerCaseConnectorBelongsToTheName() throws {
        let body = "Deltagarna i samordningsförbundet. Grupperna träffas varje vecka.\nI samordningsförbundet. Grupperna är små."
        let m = stage.recognise(pages: try ocrTextPages(["Samordningsförbundet i Bergviks län\nÅrsredovisning 2022", body, body]))
        #expect(m.organisation == "Samordningsförbundet i Bergviks län")
    }

    @Test func cutOffTitlesCountForTheWholeName() throws {
        let signing = """
            UNDERSKRIFTSSIDA
            NAMN: Anna Lind
            TITEL, ORGANISATION: Ordförande, Samordningsförbundet Norra L...
            TID: 2024-03-02 09:15:01 +01:00
            NAMN: Per Ek
            TITEL, ORGANISATION: Ledamot, Samordningsförbundet Norra L...
            TID: 2024-03-04 16:00:59 +01:00
            NAMN: Eva Berg
            TITEL, ORGANISATION: Ledamot, Samordningsförbundet Norra
            TID: 2024-03-04 16:10:59 +01:00
            """
        let m = stage.recognise(pages: try ocrTextPages(["Samordningsförbundet Norra Ljungbygden\nÅrsredovisning 2023", prose, signing]))
        #expect(m.organisation == "Samordningsförbundet Norra Ljungbygden")
        #expect(m.warnings.isEmpty)
    }

    @Test func garbledPlaceNamesAreRestored() throws {
        let m = stage.recognise(pages: try ocrTextPages(["Samordningsforbundet Sédra Bjorkangen\nArsredovisning 2021", prose]))
        #expect(m.organisation == "Samordningsförbundet Södra Björkängen")
        #expect(m.organisationKey == "samordningsforbundet_sodra_bjorkangen")
    }

    @Test func anotherFörbundNamedInProseDoesNotWin() throws {
        let partner = "Tillsammans med Samordningsförbundet Västra Ljungdalen har vi ordnat en konferens."
        let body = Array(repeating: partner, count: 4).joined(separator: "\n")
        let m = stage.recognise(pages: try ocrTextPages(["Samordningsförbundet Östra Tallvik\nÅrsredovisning 2023", body, body, body]))
        #expect(m.organisation == "Samordningsförbundet Östra Tallvik")
    }

    @Test func jointMinutesOfSeveralFörbundHaveNoOrganisation() throws {
        let cover = """
            Protokoll från gemensamt styrelsemöte 2023-05-12
            Samordningsförbundet Norra Ekmarken
            Samordningsförbundet Södra Ekmarken
            Samordningsförbundet Västra Ekmarken
            """
        let m = stage.recognise(pages: try ocrTextPages([cover, prose]))
        #expect(m.organisation == nil)
        #expect(m.warnings == ["organisation: the document names several förbund alike "
            + "(Samordningsförbundet Norra Ekmarken, Samordningsförbundet Södra Ekmarken, Samordningsförbundet Västra Ekmarken); left empty"])
    }

    @Test func aGenitiveNameWithItsQualifier() throws {
        let m = stage.recognise(pages: try ocrTextPages(["Södra Björkängens samordningsförbund\nÅrsredovisning 2020", prose]))
        #expect(m.organisation == "Södra Björkängens samordningsförbund")
    }

    /// The checkout's place vocabulary (public facts: kommuner, län, landskap) restores what OCR loses.
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
