import Foundation
import Testing
import ArsredKit
@testable import ArsredExport

/// The review site of a small document the test builds, byte for byte: written twice it is the
/// same, and it is the committed golden copy in `Golden/`. After a deliberate change to the
/// review, rewrite the golden copies with `ARSRED_UPDATE_GOLDEN=1 swift test --filter ReviewGoldenTests`
/// and read their diff before committing them.
@Suite struct ReviewGoldenTests {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    /// The site of `Documents.small()` with its hand data differing in one figure, pictures from `FakePages`.
    static func site(in folder: URL) throws -> [String: Data] {
        let doc = Documents.small()
        var hand = doc
        hand.tables[0].rows[1].values["2023"] = -1_100_100
        let file = Documents.file(doc, "testbygden-2023.json")
        let diff = DatasetDiff.compare(extracted: [file], hand: [HandDocument(Documents.file(hand, "testbygden-2023.truth.json"))])
        try ReviewSite(files: [file], diff: diff, dpi: 30).write(to: folder) { _ in .available(FakePages()) }
        var out: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            out[name] = try Data(contentsOf: folder.appendingPathComponent(name))
        }
        return out
    }

    @Test func writtenTwiceTheSiteIsTheSameBytes() throws {
        let first = try Self.site(in: Documents.temporaryFolder("first"))
        let second = try Self.site(in: Documents.temporaryFolder("second"))
        #expect(first.keys.sorted() == ["index.html", "testbygden-2023.html"])
        #expect(first == second)
    }

    @Test func theSiteIsTheGoldenCopy() throws {
        let site = try Self.site(in: Documents.temporaryFolder())
        if ProcessInfo.processInfo.environment["ARSRED_UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: Self.golden, withIntermediateDirectories: true)
            for (name, data) in site { try data.write(to: Self.golden.appendingPathComponent(name)) }
        }
        // Every golden page is written, and nothing else: an empty site must not pass.
        let goldenNames = try FileManager.default.contentsOfDirectory(atPath: Self.golden.path).filter { $0.hasSuffix(".html") }
        #expect(site.keys.sorted() == goldenNames.sorted())
        #expect(site.keys.sorted() == ["index.html", "testbygden-2023.html"])
        for (name, data) in site.sorted(by: { $0.key < $1.key }) {
            let url = Self.golden.appendingPathComponent(name)
            let golden = try #require(FileManager.default.contents(atPath: url.path), "\(url.path) missing: run with ARSRED_UPDATE_GOLDEN=1")
            #expect(data == golden, "\(name) differs from \(url.path)")
            // The page picture is in it: a PNG of the fake page's band, not a placeholder.
            if name != "index.html" { #expect(String(decoding: data, as: UTF8.self).contains("src=\"data:image/png;base64,iVBORw0KGgo")) }
        }
    }
}
