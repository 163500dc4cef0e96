import Foundation
import Testing
@testable import ArsredExport

/// The acceptance on the checkout's `corpus/`: no differences against its own hand
/// data, exactly three against a copy with three figures edited.
@Suite struct SampleCorpusDiffTests {
    @Test func ownHandDataHasNoDifferences() throws {
        let outputs = try Documents.corpusOutputs(from: Documents.sampleCorpus)
        let report = try DatasetDiff.compare(extractedAt: outputs, handAt: Documents.sampleCorpus)
        #expect(report.documents.map(\.extracted) == ["bjorkviken-2023.json", "ljungasen-2024.json", "malmdalen-2022.json"])
        #expect(!report.hasDifferences)
        #expect(report.counts.equal > 400)
    }

    @Test func threeEditedFiguresAreExactlyTheDifferences() throws {
        let outputs = try Documents.corpusOutputs(from: Documents.sampleCorpus)
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
