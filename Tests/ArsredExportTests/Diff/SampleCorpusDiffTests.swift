import Foundation
import Testing
@testable import ArsredExport

/// The acceptance on the checkout's `corpus/`, extracted by the built `arsred`: no
/// differences against its own hand data, exactly three against a copy with three figures edited.
@Suite struct SampleCorpusDiffTests {
    @Test func ownHandDataHasNoDifferences() throws {
        let outputs = try SampleExtraction.outputs()
        let report = try DatasetDiff.compare(extractedAt: outputs, handAt: Documents.sampleCorpus)
        #expect(report.documents.map(\.extracted) == ["bjorkviken-2023.json", "ljungasen-2024.json", "malmdalen-2022.json"])
        #expect(!report.hasDifferences)
        // Every figure of the hand data, table and survey, found equal.
        let hand = try DatasetFolder.load(Documents.sampleCorpus, as: .handData).map(\.document)
        let handFigures = hand.map { $0.figures.count + $0.surveyFigures().count }.reduce(0, +)
        #expect(handFigures > 400)
        #expect(report.counts.equal == handFigures)
    }

    @Test func threeEditedFiguresAreExactlyTheDifferences() throws {
        let outputs = try SampleExtraction.outputs()
        let files = try DatasetFolder.load(outputs)
        var lines = String(decoding: DatasetExport.csv(files), as: UTF8.self).components(separatedBy: "\n")
        // One figure in each report: the first income-statement line, the last balance-sheet line, a note.
        var edited: [(report: String, table: String, key: String, column: String)] = []
        for (report, table) in [("Björkvikens", "income_statement"), ("Ljungåsen", "balance_sheet"), ("Malmdalen", "note_3")] {
            let i = try #require(lines.lastIndex { $0.contains(report) && $0.contains(",\(table),") })
            var fields = lines[i].components(separatedBy: ",")
            fields[5] = String(Int(fields[5])! + 10)
            lines[i] = fields.joined(separator: ",")
            edited.append((report, table, fields[3], fields[4]))
        }
        let hand = try Documents.temporaryFolder().appendingPathComponent("hand.csv")
        try Data(lines.joined(separator: "\n").utf8).write(to: hand)

        let report = try DatasetDiff.compare(extractedAt: outputs, handAt: hand)
        #expect(report.counts.differ == 3)
        #expect(report.counts.onlyExtracted == 0 && report.counts.onlyHand == 0)
        let mismatches = report.documents.flatMap(\.mismatches)
        #expect(mismatches.map(\.table) == edited.map(\.table))
        #expect(mismatches.map(\.key) == edited.map(\.key))
        #expect(mismatches.allSatisfy { $0.hand! - $0.extracted! == 10 })
    }
}
