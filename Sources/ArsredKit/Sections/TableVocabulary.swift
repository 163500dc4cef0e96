import Foundation
import Yams

/// The table recognisers' vocabulary (`pipelines/tables.yaml`, `pipelines/lexicon.yaml`):
/// headings, canonical row labels with their OCR variants, column words, units, page furniture.
public struct TableVocabulary: Sendable {
    public struct RowLabel: Sendable {
        public var label: String
        public var key: String
        public var unit: String?
        /// A label printed without figures that opens a group (`Tillgångar`).
        public var isHeading: Bool
        /// Folded forms this label is matched on (the label and its variants).
        public var matchForms: [String]
    }

    public struct TableKind: Sendable {
        public var id: String
        public var title: String
        /// Folded heading forms.
        public var headings: [String]
        public var defaultUnit: String
        public var rows: [RowLabel]
    }

    public var tables: [TableKind]
    public var sectionHeadings: [String]
    public var noteWords: [String]
    public var notesHeading: String
    public var noteRows: [RowLabel]
    /// Words that head a group of note rows and print no figure of their own (`Insatser`), folded.
    public var noteGroupHeadings: [String] = []
    public var columnWords: [String: [String]]
    public var units: [(unit: String, words: [String])]
    public var noise: [String]
    /// folded word -> the word as it should read.
    public var lexicon: [String: String]

    public func kind(_ id: String) -> TableKind? { tables.first { $0.id == id } }

    // MARK: loading

    struct File: Decodable {
        struct Kind: Decodable {
            var title: String
            var headings: [String]
            var defaultUnit: String?
            var rows: [Row]?
        }
        struct Row: Decodable {
            var label: String
            var unit: String?
            var heading: Bool?
            var variants: [String]?
        }
        var tables: [String: Kind]
        var sectionHeadings: [String]
        var noteWord: [String]
        var notesHeading: String
        var noteRows: [String]
        var noteGroupHeadings: [String]?
        var columnWords: [String: [String]]
        var units: [String: [String]]
        var noise: [String]
    }

    struct LexiconFile: Decodable { var words: [String] }

    /// The order tables are looked for in; also the order of `tables` in the output.
    static let tableOrder = ["five_year_overview", "balance_requirement", "income_statement", "balance_sheet",
                             "cash_flow", "operating_statement", "budget"]

    public static func parse(tablesYAML: String, lexiconYAML: String) throws -> TableVocabulary {
        let f = try YAMLDecoder().decode(File.self, from: tablesYAML)
        let lex = try YAMLDecoder().decode(LexiconFile.self, from: lexiconYAML)
        func row(_ r: File.Row) -> RowLabel {
            RowLabel(label: r.label, key: FoldedText.fold(r.label), unit: r.unit, isHeading: r.heading ?? false,
                     matchForms: ([r.label] + (r.variants ?? [])).map(FoldedText.fold))
        }
        var kinds: [TableKind] = []
        for id in tableOrder + f.tables.keys.sorted() where !kinds.contains(where: { $0.id == id }) {
            guard let k = f.tables[id] else { continue }
            kinds.append(TableKind(id: id, title: k.title, headings: k.headings.map(FoldedText.fold),
                                   defaultUnit: k.defaultUnit ?? "kr", rows: (k.rows ?? []).map(row)))
        }
        var lexicon: [String: String] = [:]
        for w in lex.words { lexicon[FoldedText.fold(w)] = w }
        var v = TableVocabulary(
            tables: kinds,
            sectionHeadings: f.sectionHeadings.map(FoldedText.fold),
            noteWords: f.noteWord.map(FoldedText.fold),
            notesHeading: FoldedText.fold(f.notesHeading),
            noteRows: f.noteRows.map { row(File.Row(label: $0)) },
            columnWords: f.columnWords.mapValues { $0.map(FoldedText.fold) },
            units: f.units.sorted { $0.key < $1.key }.map { (unit: $0.key, words: $0.value.map(FoldedText.fold)) },
            noise: f.noise.map(FoldedText.fold),
            lexicon: lexicon)
        v.noteGroupHeadings = (f.noteGroupHeadings ?? []).map(FoldedText.fold)
        return v
    }
}
