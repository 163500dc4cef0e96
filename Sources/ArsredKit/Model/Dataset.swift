// The normalised dataset, version 1: the contract in ../shared/spec/dataset-v1.md.
// Fields may be added; none may be renamed or re-meant.

public struct DatasetDocument: Codable, Sendable, Equatable {
    public var schemaVersion: Int = 1
    public var source: SourceInfo
    public var organisation: String?
    public var organisationKey: String?
    public var fiscalYear: Int?
    public var signature: Signature?
    public var tables: [Table] = []
    public var indicatorSurveys: [IndicatorSurvey] = []
    public var checks: [Check] = []
    /// The warnings as the stages raised them (added to v1: each with its page, table, row and
    /// column where known); `warnings` holds them rendered, as the contract's strings.
    public var diagnostics: [Diagnostic] = []
    /// The contract's warning strings, rendered from `diagnostics`. Set, each becomes a
    /// diagnostic without a place (hand data, tests).
    public var warnings: [String] {
        get { diagnostics.map(\.rendered) }
        set { diagnostics = newValue.map(Diagnostic.init(rendered:)) }
    }
    /// What made this document (added to v1; absent in hand data and older outputs).
    public var producer: Producer?

    public init(source: SourceInfo) { self.source = source }

    enum CodingKeys: String, CodingKey {
        case schemaVersion, source, organisation, organisationKey, fiscalYear, signature,
             tables, indicatorSurveys, checks, warnings, diagnostics, producer
    }

    // Absent optionals are written as null: readers can tell "not found" from "not looked for".
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(schemaVersion, forKey: .schemaVersion)
        try c.encode(source, forKey: .source)
        try c.encode(organisation, forKey: .organisation)
        try c.encode(organisationKey, forKey: .organisationKey)
        try c.encode(fiscalYear, forKey: .fiscalYear)
        try c.encode(signature, forKey: .signature)
        try c.encode(tables, forKey: .tables)
        try c.encode(indicatorSurveys, forKey: .indicatorSurveys)
        try c.encode(checks, forKey: .checks)
        try c.encode(warnings, forKey: .warnings)
        // Only where a diagnostic knows more than its string: hand data stays as it was written.
        if diagnostics.contains(where: { $0 != Diagnostic(rendered: $0.rendered) }) {
            try c.encode(diagnostics, forKey: .diagnostics)
        }
        try c.encodeIfPresent(producer, forKey: .producer)
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        schemaVersion = try c.decodeIfPresent(Int.self, forKey: .schemaVersion) ?? 1
        source = try c.decode(SourceInfo.self, forKey: .source)
        organisation = try c.decodeIfPresent(String.self, forKey: .organisation)
        organisationKey = try c.decodeIfPresent(String.self, forKey: .organisationKey)
        fiscalYear = try c.decodeIfPresent(Int.self, forKey: .fiscalYear)
        signature = try c.decodeIfPresent(Signature.self, forKey: .signature)
        tables = try c.decodeIfPresent([Table].self, forKey: .tables) ?? []
        indicatorSurveys = try c.decodeIfPresent([IndicatorSurvey].self, forKey: .indicatorSurveys) ?? []
        checks = try c.decodeIfPresent([Check].self, forKey: .checks) ?? []
        if let typed = try c.decodeIfPresent([Diagnostic].self, forKey: .diagnostics) {
            diagnostics = typed
        } else {
            warnings = try c.decodeIfPresent([String].self, forKey: .warnings) ?? []
        }
        producer = try c.decodeIfPresent(Producer.self, forKey: .producer)
    }
}

public struct SourceInfo: Codable, Sendable, Equatable {
    public var file: String
    public var sha256: String
    public var pageCount: Int
    public var pages: [SourcePage]
    public init(file: String, sha256: String, pageCount: Int, pages: [SourcePage]) {
        self.file = file; self.sha256 = sha256; self.pageCount = pageCount; self.pages = pages
    }
}

public struct SourcePage: Codable, Sendable, Equatable {
    public var number: Int
    public var method: PageMethod
    /// cover, prose, table, chart, signature, signing (what the page mostly holds), when known.
    public var kind: String?
    /// Mean word confidence 0...100 of an OCR'd page.
    public var ocrConfidence: Double?
    public init(number: Int, method: PageMethod, kind: String? = nil, ocrConfidence: Double? = nil) {
        self.number = number; self.method = method; self.kind = kind; self.ocrConfidence = ocrConfidence
    }
}

/// Where a page's words came from.
public enum PageMethod: String, Codable, Sendable, Equatable {
    case textLayer = "text-layer"
    case ocr = "ocr"
}

public struct Signature: Codable, Sendable, Equatable {
    public var provider: String
    public var reference: String?
    public var signatories: [Signatory]
    public init(provider: String = "Comfact Signature", reference: String?, signatories: [Signatory]) {
        self.provider = provider; self.reference = reference; self.signatories = signatories
    }
}

public struct Signatory: Codable, Sendable, Equatable {
    public var name: String
    public var role: String?
    /// ISO 8601 with offset: 2024-03-22T08:51:01+01:00.
    public var signedAt: String?
    public init(name: String, role: String?, signedAt: String?) {
        self.name = name; self.role = role; self.signedAt = signedAt
    }
}

public struct Table: Codable, Sendable, Equatable {
    /// income_statement, balance_sheet, note_2, ...
    public var id: String
    public var title: String
    public var page: Int
    public var unit: String?
    public var columns: [String]
    public var rows: [TableRow]
    public init(id: String, title: String, page: Int, unit: String?, columns: [String], rows: [TableRow]) {
        self.id = id; self.title = title; self.page = page; self.unit = unit; self.columns = columns; self.rows = rows
    }
}

public struct TableRow: Codable, Sendable, Equatable {
    public var key: String
    public var label: String
    public var note: String?
    public var values: TableValues
    /// A row's own unit (`%`, `antal`) where it differs from the table's.
    public var unit: String?
    /// column -> rule, for a value reconstructed from the document's own arithmetic.
    public var derivedFrom: [String: String]?
    public init(key: String, label: String, note: String? = nil, values: TableValues,
                unit: String? = nil, derivedFrom: [String: String]? = nil) {
        self.key = key; self.label = label; self.note = note; self.values = values
        self.unit = unit; self.derivedFrom = derivedFrom
    }
}

/// Column key -> value, kept in the order of the table's columns so output is stable.
public struct TableValues: Codable, Sendable, Equatable, Sequence {
    public private(set) var entries: [(column: String, value: Double)]

    public init(_ entries: [(String, Double)] = []) { self.entries = entries.map { (column: $0.0, value: $0.1) } }

    public subscript(column: String) -> Double? {
        get { entries.first { $0.column == column }?.value }
        set {
            if let i = entries.firstIndex(where: { $0.column == column }) {
                if let v = newValue { entries[i].value = v } else { entries.remove(at: i) }
            } else if let v = newValue {
                entries.append((column: column, value: v))
            }
        }
    }
    public var count: Int { entries.count }
    public var isEmpty: Bool { entries.isEmpty }
    public func makeIterator() -> IndexingIterator<[(column: String, value: Double)]> { entries.makeIterator() }

    public static func == (a: TableValues, b: TableValues) -> Bool {
        a.entries.count == b.entries.count && zip(a.entries, b.entries).allSatisfy { $0.column == $1.column && $0.value == $1.value }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: DynamicKey.self)
        for (k, v) in entries { try c.encode(v, forKey: DynamicKey(k)) }
    }
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: DynamicKey.self)
        entries = try c.allKeys.map { (column: $0.stringValue, value: try c.decode(Double.self, forKey: $0)) }
    }
}

struct DynamicKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ s: String) { stringValue = s }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { return nil }
}

public struct Check: Codable, Sendable, Equatable {
    public var table: String
    public var rule: String
    public var column: String?
    public var passed: Bool
    public var detail: String
    /// The figures the check read (added to v1; empty in hand data and older outputs).
    public var cells: [CheckedCell]
    public init(table: String, rule: String, column: String?, passed: Bool, detail: String = "", cells: [CheckedCell] = []) {
        self.table = table; self.rule = rule; self.column = column; self.passed = passed; self.detail = detail
        self.cells = cells
    }

    enum CodingKeys: String, CodingKey { case table, rule, column, passed, detail, cells }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        table = try c.decode(String.self, forKey: .table)
        rule = try c.decode(String.self, forKey: .rule)
        column = try c.decodeIfPresent(String.self, forKey: .column)
        passed = try c.decode(Bool.self, forKey: .passed)
        detail = try c.decodeIfPresent(String.self, forKey: .detail) ?? ""
        cells = try c.decodeIfPresent([CheckedCell].self, forKey: .cells) ?? []
    }
}

/// One figure a check read: a table's row in one column.
public struct CheckedCell: Codable, Sendable, Hashable {
    public var table: String
    public var row: String
    public var column: String
    public init(table: String, row: String, column: String) { self.table = table; self.row = row; self.column = column }
}

/// The six answer categories of the national indicator survey, in printed order.
public enum SurveyCategory: String, Codable, Sendable, CaseIterable {
    case inteAlls = "inte_alls"
    case tillLitenDel = "till_liten_del"
    case delvis = "delvis"
    case tillStorDel = "till_stor_del"
    case tillMycketStorDel = "till_mycket_stor_del"
    case heltOchHallet = "helt_och_hallet"

    public var printed: String {
        switch self {
        case .inteAlls: "Inte alls"
        case .tillLitenDel: "Till liten del"
        case .delvis: "Delvis"
        case .tillStorDel: "Till stor del"
        case .tillMycketStorDel: "Till mycket stor del"
        case .heltOchHallet: "Helt och hållet"
        }
    }
}

public struct IndicatorSurvey: Codable, Sendable, Equatable {
    public var programme: String
    /// `ongoing` or `completed`.
    public var respondents: String?
    public var page: Int?
    public var questions: [SurveyQuestion]
    public init(programme: String, respondents: String?, page: Int?, questions: [SurveyQuestion]) {
        self.programme = programme; self.respondents = respondents; self.page = page; self.questions = questions
    }
}

public struct SurveyQuestion: Codable, Sendable, Equatable {
    public var number: Int
    public var text: String?
    public var n: Int?
    /// Every category, nil where the chart prints no figure; nil as a whole when only text was read.
    public var percentages: [SurveyCategory: Double?]?
    /// The percentage labels in printed order; nil entries were unreadable.
    public var printed: [Double?]

    public init(number: Int, text: String?, n: Int?, percentages: [SurveyCategory: Double?]?, printed: [Double?]) {
        self.number = number; self.text = text; self.n = n; self.percentages = percentages; self.printed = printed
    }

    enum CodingKeys: String, CodingKey { case number, text, n, percentages, printed }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(number, forKey: .number)
        try c.encodeIfPresent(text, forKey: .text)
        try c.encode(n, forKey: .n)
        if let percentages {
            var p = c.nestedContainer(keyedBy: DynamicKey.self, forKey: .percentages)
            for cat in SurveyCategory.allCases {
                let v: Double? = percentages[cat] ?? nil
                try p.encode(v, forKey: DynamicKey(cat.rawValue))
            }
        }
        try c.encode(printed, forKey: .printed)
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        number = try c.decode(Int.self, forKey: .number)
        text = try c.decodeIfPresent(String.self, forKey: .text)
        n = try c.decodeIfPresent(Int.self, forKey: .n)
        if c.contains(.percentages), try !c.decodeNil(forKey: .percentages) {
            let p = try c.nestedContainer(keyedBy: DynamicKey.self, forKey: .percentages)
            var out: [SurveyCategory: Double?] = [:]
            for cat in SurveyCategory.allCases {
                out[cat] = try p.decodeIfPresent(Double.self, forKey: DynamicKey(cat.rawValue))
            }
            percentages = out
        } else {
            percentages = nil
        }
        printed = try c.decodeIfPresent([Double?].self, forKey: .printed) ?? []
    }
}
