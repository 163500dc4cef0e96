import Foundation
@testable import ArsredKit

/// Pages of `.txt` OCR text, one a string, read the way the ingest stage reads a `.txt` input
/// (form feed between pages, words without positions).
func ocrTextPages(_ pages: [String]) throws -> [Page] {
    try TextIngest.pages(Data(pages.joined(separator: "\u{0C}").utf8))
}

extension MetadataStage {
    /// The metadata stage with the checkout's `pipelines/metadata.yaml`.
    static func checkout() throws -> MetadataStage {
        setenv("ARSRED_PIPELINES", SharedData.checkout.appendingPathComponent("pipelines").path, 1)
        return MetadataStage(vocabulary: try MetadataVocabulary.load())
    }

    /// The same stage knowing only made-up places (beside the checkout's qualifiers, connectors
    /// and trailing words), so that fixtures name no real förbund.
    static func madeUpPlaces(landskap: [String] = [], areas: [String] = [], lan: [String] = [],
                             kommuner: [String] = []) throws -> MetadataStage {
        var vocabulary = try checkout().vocabulary
        let real = vocabulary.places
        vocabulary.places = PlaceVocabulary(qualifiers: real.qualifiers, connectors: real.connectors, trailing: real.trailing,
                                            landskap: landskap, areas: areas, lan: lan, kommuner: kommuner)
        return MetadataStage(vocabulary: vocabulary)
    }
}
