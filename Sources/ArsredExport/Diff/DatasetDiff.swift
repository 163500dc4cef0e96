import Foundation
import ArsredKit

/// How two figures at the same place compare.
public enum MismatchKind: String, Codable, Sendable {
    case differ
    case onlyExtracted
    case onlyHand
}

/// One figure that is not the same in the extracted output and the hand data.
public struct Mismatch: Codable, Sendable, Equatable {
    public var kind: MismatchKind
    public var table: String
    public var key: String
    /// The row label as extracted (or as keyed by hand, or the key when neither has one).
    public var label: String
    public var column: String
    public var extracted: Double?
    public var hand: Double?
    public var page: Int?
    public var at: FigureKey { FigureKey(table: table, key: key, column: column) }
}

public struct DiffCounts: Codable, Sendable, Equatable {
    public var equal = 0
    public var differ = 0
    public var onlyExtracted = 0
    public var onlyHand = 0
    public init() {}
    public var differences: Int { differ + onlyExtracted + onlyHand }
    static func + (a: DiffCounts, b: DiffCounts) -> DiffCounts {
        var c = DiffCounts()
        c.equal = a.equal + b.equal; c.differ = a.differ + b.differ
        c.onlyExtracted = a.onlyExtracted + b.onlyExtracted; c.onlyHand = a.onlyHand + b.onlyHand
        return c
    }
}

/// The comparison of one extracted document with its hand data.
public struct DocumentDiff: Codable, Sendable, Equatable {
    /// The output file, nil when the hand data names a report that was not extracted.
    public var extracted: String?
    public var hand: String
    public var organisation: String?
    public var fiscalYear: Int?
    public var counts: DiffCounts
    public var mismatches: [Mismatch]
    /// Extracted tables the hand data (a CSV) does not name: not compared.
    public var tablesNotInHandData: [String]
    /// The figure table each extracted survey was compared under (for marking its cells).
    public var surveyTables: [String] = []

    enum CodingKeys: String, CodingKey {
        case extracted, hand, organisation, fiscalYear, counts, mismatches, tablesNotInHandData
    }
}

public struct DiffReport: Codable, Sendable, Equatable {
    public var documents: [DocumentDiff]
    /// Output files no hand data names: not compared, not counted.
    public var notInHandData: [String]
    public var counts: DiffCounts
    public var hasDifferences: Bool { counts.differences > 0 }
}

/// Compares extracted figures with figures keyed by hand.
public enum DatasetDiff {
    /// Numbers closer than this are equal (they are printed with at most two decimals).
    public static let tolerance = 0.005

    /// What `arsred diff EXTRACTED HAND` reports. A folder of outputs is a dataset: a report
    /// the hand data names but the folder lacks counts as figures only in hand data. A single
    /// output file is compared with its own hand data only. Throws when nothing matches.
    public static func compare(extractedAt extractedURL: URL, handAt handURL: URL,
                               skipped: (String) -> Void = { _ in }) throws -> DiffReport {
        var isFolder: ObjCBool = false
        _ = FileManager.default.fileExists(atPath: extractedURL.path, isDirectory: &isFolder)
        let extracted = try DatasetFolder.load(extractedURL, skipped: skipped)
        let report = compare(extracted: extracted, hand: try HandData.load(handURL, skipped: skipped),
                             countReportsNotExtracted: isFolder.boolValue)
        guard report.documents.contains(where: { $0.extracted != nil }) else {
            throw InputError("no hand data matches \(extractedURL.lastPathComponent) (by file stem, or by organisationKey and fiscalYear)")
        }
        return report
    }

    public static func compare(extracted: [DatasetFile], hand: [HandDocument],
                               countReportsNotExtracted: Bool = true) -> DiffReport {
        var pairedExtracted: [Int: Int] = [:]   // hand index -> extracted index
        var taken = Set<Int>()
        // By stem first (a hand file named after the report), then by organisation and year.
        for (h, doc) in hand.enumerated() {
            if let stem = doc.stem, let e = extracted.indices.first(where: { !taken.contains($0) && extracted[$0].stem == stem }) {
                pairedExtracted[h] = e; taken.insert(e)
            }
        }
        for (h, doc) in hand.enumerated() where pairedExtracted[h] == nil {
            guard let key = doc.organisationKey, let year = doc.fiscalYear else { continue }
            if let e = extracted.indices.first(where: { i in
                guard !taken.contains(i), extracted[i].document.fiscalYear == year else { return false }
                let d = extracted[i].document
                return d.organisationKey == key || d.organisation.map(FoldedText.fold) == key
            }) {
                pairedExtracted[h] = e; taken.insert(e)
            }
        }
        let handFor = Dictionary(uniqueKeysWithValues: pairedExtracted.map { ($0.value, $0.key) })
        var documents: [DocumentDiff] = []
        for (e, file) in extracted.enumerated() {
            guard let h = handFor[e] else { continue }
            documents.append(compare(file, hand[h]))
        }
        for (h, doc) in hand.enumerated() where pairedExtracted[h] == nil && countReportsNotExtracted {
            documents.append(compare(nil, doc))
        }
        let notInHand = extracted.indices.filter { handFor[$0] == nil }.map { extracted[$0].fileName }
        return DiffReport(documents: documents, notInHandData: notInHand,
                          counts: documents.map(\.counts).reduce(DiffCounts(), +))
    }

    /// The document's table and survey figures. A survey whose programme reads a little
    /// differently from the hand data's (an OCR slip) is paired with it when the respondents
    /// agree and the folded names are close.
    public static func extractedFigures(_ document: DatasetDocument, against hand: HandDocument) -> [Figure] {
        document.figures + document.surveyFigures(tables: surveyTables(document, against: hand))
    }

    /// Least similarity (0...1, 1 - edits per letter of the longer name) at which an extracted
    /// survey's programme is the hand data's read with OCR slips: one slip in five letters.
    public static let programmeSimilarity = 0.8

    /// Each extracted survey's figure table, paired with the hand data's where they differ slightly.
    public static func surveyTables(_ document: DatasetDocument, against hand: HandDocument) -> [String] {
        var handSurveys: [String] = []
        for f in hand.figures where f.at.table.hasPrefix("survey:") && !handSurveys.contains(f.at.table) {
            handSurveys.append(f.at.table)
        }
        var renamed: [Int: String] = [:]
        var taken = Set(document.indicatorSurveys.map(\.figureTable)).intersection(handSurveys)
        for (i, survey) in document.indicatorSurveys.enumerated() where !handSurveys.contains(survey.figureTable) {
            let (programme, respondents) = surveyParts(survey.figureTable)
            let best = handSurveys.filter { !taken.contains($0) && surveyParts($0).respondents == respondents }
                .map { ($0, Fuzzy.similarity(surveyParts($0).programme, programme)) }
                .max { $0.1 < $1.1 }
            if let best, best.1 >= programmeSimilarity { renamed[i] = best.0; taken.insert(best.0) }
        }
        return document.surveyTables(renamed: renamed)
    }

    private static func surveyParts(_ table: String) -> (programme: String, respondents: String) {
        let parts = table.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        return (parts.count > 1 ? parts[1] : "", parts.count > 2 ? parts[2] : "")
    }

    static func compare(_ file: DatasetFile?, _ hand: HandDocument) -> DocumentDiff {
        var extracted = file.map { extractedFigures($0.document, against: hand) } ?? []
        var tablesNotInHand: [String] = []
        if hand.coversOnlyItsTables {
            let keyed = Set(hand.figures.map(\.at.table))
            for f in extracted where !keyed.contains(f.at.table) && !tablesNotInHand.contains(f.at.table) {
                tablesNotInHand.append(f.at.table)
            }
            extracted.removeAll { !keyed.contains($0.at.table) }
        }
        var handAt: [FigureKey: Figure] = [:]
        for f in hand.figures where handAt[f.at] == nil { handAt[f.at] = f }
        var counts = DiffCounts()
        var mismatches: [Mismatch] = []
        var seen = Set<FigureKey>()
        // Hand pages and labels help where the extracted side has none.
        var handPage: [String: Int] = [:]
        for f in hand.figures { if let p = f.page, handPage[f.at.table] == nil { handPage[f.at.table] = p } }
        var labels: [String: String] = [:]
        for f in extracted + hand.figures { if let l = f.label { labels["\(f.at.table)\u{1F}\(f.at.key)"] = labels["\(f.at.table)\u{1F}\(f.at.key)"] ?? l } }
        var tablePage: [String: Int] = [:]
        for f in extracted { if let p = f.page { tablePage[f.at.table] = tablePage[f.at.table] ?? p } }

        func mismatch(_ kind: MismatchKind, _ at: FigureKey, _ e: Double?, _ h: Double?) -> Mismatch {
            Mismatch(kind: kind, table: at.table, key: at.key,
                     label: labels["\(at.table)\u{1F}\(at.key)"] ?? at.key, column: at.column,
                     extracted: e, hand: h, page: tablePage[at.table] ?? handPage[at.table])
        }
        for f in extracted where seen.insert(f.at).inserted {
            if let h = handAt[f.at] {
                if abs(f.value - h.value) <= tolerance { counts.equal += 1 }
                else { counts.differ += 1; mismatches.append(mismatch(.differ, f.at, f.value, h.value)) }
            } else {
                counts.onlyExtracted += 1; mismatches.append(mismatch(.onlyExtracted, f.at, f.value, nil))
            }
        }
        for f in hand.figures where seen.insert(f.at).inserted {
            counts.onlyHand += 1; mismatches.append(mismatch(.onlyHand, f.at, nil, f.value))
        }
        return DocumentDiff(extracted: file?.fileName, hand: hand.name,
                            organisation: file?.document.organisation ?? hand.organisation,
                            fiscalYear: file?.document.fiscalYear ?? hand.fiscalYear,
                            counts: counts, mismatches: mismatches, tablesNotInHandData: tablesNotInHand,
                            surveyTables: file.map { surveyTables($0.document, against: hand) } ?? [])
    }
}

extension DiffReport {
    /// The report for people: one block per document, a line per mismatch, counts at the end.
    public func text() -> String {
        var out = ""
        for doc in documents {
            let title = [doc.organisation, doc.fiscalYear.map(String.init)].compactMap { $0 }.joined(separator: " ")
            out += "\(doc.extracted ?? "(not extracted)") vs \(doc.hand)" + (title.isEmpty ? "" : ": \(title)") + "\n"
            if doc.extracted == nil {
                out += "  no output for this report: \(doc.counts.onlyHand) figures only in hand data\n"
                continue
            }
            if !doc.mismatches.isEmpty {
                let rows = [["table", "row", "column", "extracted", "hand", "page"]] + doc.mismatches.map { m in
                    [m.table, m.label, m.column, m.extracted.map(FigureFormat.plain) ?? "-",
                     m.hand.map(FigureFormat.plain) ?? "-", m.page.map(String.init) ?? "-"]
                }
                out += TextTable.render(rows, rightAligned: [3, 4, 5], indent: "  ")
            }
            if !doc.tablesNotInHandData.isEmpty {
                out += "  not in hand data, not compared: " + doc.tablesNotInHandData.joined(separator: ", ") + "\n"
            }
            out += "  " + doc.counts.summary + "\n"
            if !doc.mismatches.isEmpty { out += "\n" }
        }
        if !notInHandData.isEmpty {
            out += "\nno hand data for: " + notInHandData.joined(separator: ", ") + "\n"
        }
        if !out.isEmpty && !out.hasSuffix("\n\n") { out += "\n" }
        out += "total: " + counts.summary + "\n"
        return out
    }

    public func json() throws -> Data {
        let e = DatasetJSON.encoder()
        var d = try e.encode(self)
        d.append(0x0A)
        return d
    }
}

extension DiffCounts {
    public var summary: String {
        "equal \(equal), differ \(differ), only extracted \(onlyExtracted), only hand \(onlyHand)"
    }
}

/// Columns padded to their widest cell, for terminal output.
enum TextTable {
    static func render(_ rows: [[String]], rightAligned: Set<Int>, indent: String) -> String {
        guard let width = rows.first?.count else { return "" }
        let widths = (0..<width).map { c in rows.map { $0[c].count }.max() ?? 0 }
        return rows.map { row in
            indent + row.enumerated().map { c, cell in
                let pad = String(repeating: " ", count: widths[c] - cell.count)
                return rightAligned.contains(c) ? pad + cell : (c == width - 1 ? cell : cell + pad)
            }.joined(separator: "  ") + "\n"
        }.joined()
    }
}
