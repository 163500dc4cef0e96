import Foundation
import ArsredKit
import GRDB

/// The dataset as a SQLite database: one table per level of the dataset-v1 document, ids given
/// in file-name order so the file is byte-for-byte the same on every run.
public enum SQLiteExport {
    public static let schema = """
        CREATE TABLE documents (
            id INTEGER PRIMARY KEY,
            file TEXT NOT NULL,
            stem TEXT NOT NULL,
            schema_version INTEGER NOT NULL,
            source_file TEXT NOT NULL,
            source_sha256 TEXT NOT NULL,
            page_count INTEGER NOT NULL,
            organisation TEXT,
            organisation_key TEXT,
            fiscal_year INTEGER,
            signature_provider TEXT,
            signature_reference TEXT
        );
        CREATE TABLE pages (
            document_id INTEGER NOT NULL REFERENCES documents(id),
            number INTEGER NOT NULL,
            method TEXT NOT NULL,
            kind TEXT,
            ocr_confidence REAL,
            PRIMARY KEY (document_id, number)
        );
        CREATE TABLE signatories (
            document_id INTEGER NOT NULL REFERENCES documents(id),
            position INTEGER NOT NULL,
            name TEXT NOT NULL,
            role TEXT,
            signed_at TEXT,
            PRIMARY KEY (document_id, position)
        );
        CREATE TABLE tables (
            id INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES documents(id),
            position INTEGER NOT NULL,
            table_name TEXT NOT NULL,
            title TEXT NOT NULL,
            page INTEGER NOT NULL,
            unit TEXT,
            columns TEXT NOT NULL
        );
        CREATE TABLE rows (
            id INTEGER PRIMARY KEY,
            table_id INTEGER NOT NULL REFERENCES tables(id),
            position INTEGER NOT NULL,
            key TEXT NOT NULL,
            label TEXT NOT NULL,
            note TEXT,
            unit TEXT
        );
        CREATE TABLE "values" (
            row_id INTEGER NOT NULL REFERENCES rows(id),
            position INTEGER NOT NULL,
            column_key TEXT NOT NULL,
            value NUMERIC NOT NULL,
            derived_from TEXT,
            PRIMARY KEY (row_id, column_key)
        );
        CREATE TABLE surveys (
            id INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES documents(id),
            position INTEGER NOT NULL,
            programme TEXT NOT NULL,
            respondents TEXT,
            page INTEGER
        );
        CREATE TABLE survey_questions (
            id INTEGER PRIMARY KEY,
            survey_id INTEGER NOT NULL REFERENCES surveys(id),
            number INTEGER NOT NULL,
            text TEXT,
            n INTEGER,
            printed TEXT NOT NULL
        );
        CREATE TABLE survey_answers (
            question_id INTEGER NOT NULL REFERENCES survey_questions(id),
            position INTEGER NOT NULL,
            category TEXT NOT NULL,
            percentage NUMERIC,
            PRIMARY KEY (question_id, category)
        );
        CREATE TABLE checks (
            document_id INTEGER NOT NULL REFERENCES documents(id),
            position INTEGER NOT NULL,
            table_name TEXT NOT NULL,
            rule TEXT NOT NULL,
            column_key TEXT,
            passed INTEGER NOT NULL,
            detail TEXT NOT NULL,
            PRIMARY KEY (document_id, position)
        );
        CREATE TABLE warnings (
            document_id INTEGER NOT NULL REFERENCES documents(id),
            position INTEGER NOT NULL,
            text TEXT NOT NULL,
            PRIMARY KEY (document_id, position)
        );
        CREATE INDEX documents_by_organisation_year ON documents (organisation_key, fiscal_year);
        CREATE INDEX documents_by_year ON documents (fiscal_year);
        CREATE INDEX tables_by_document ON tables (document_id, table_name);
        CREATE INDEX tables_by_name ON tables (table_name);
        CREATE INDEX rows_by_table ON rows (table_id, key);
        CREATE INDEX rows_by_key ON rows (key);
        CREATE INDEX surveys_by_document ON surveys (document_id);
        CREATE INDEX survey_questions_by_survey ON survey_questions (survey_id, number);
        CREATE INDEX checks_by_table ON checks (table_name, passed);
        CREATE VIEW figures AS
            SELECT d.id AS document_id, d.organisation, d.organisation_key, d.fiscal_year,
                   t.table_name, t.title AS table_title, t.page, r.key, r.label,
                   COALESCE(r.unit, t.unit) AS unit, v.column_key, v.value, d.source_file
            FROM documents d
            JOIN tables t ON t.document_id = d.id
            JOIN rows r ON r.table_id = t.id
            JOIN "values" v ON v.row_id = r.id;
        """

    /// Writes a new database at `url` (which must not exist).
    public static func write(_ files: [DatasetFile], to url: URL) throws {
        var configuration = Configuration()
        configuration.journalMode = .default
        configuration.label = "arsred-export"
        let queue = try DatabaseQueue(path: url.path, configuration: configuration)
        try queue.writeWithoutTransaction { db in
            // Before anything is written: fixed page size, no vacuum bookkeeping, no WAL.
            try db.execute(sql: "PRAGMA page_size = 4096; PRAGMA auto_vacuum = NONE; PRAGMA journal_mode = DELETE")
            try db.inTransaction {
                try db.execute(sql: schema)
                try insert(files, into: db)
                return .commit
            }
        }
        try queue.close()
    }

    private static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// The running ids of the tables, rows, surveys and questions inserted so far (1-based).
    private struct RowIDs { var table = 0, row = 0, survey = 0, question = 0 }

    private static func insert(_ files: [DatasetFile], into db: Database) throws {
        var ids = RowIDs()
        for (d, file) in files.enumerated() {
            let documentID = d + 1
            try insertDocument(file, id: documentID, into: db)
            try insertTables(file.document.tables, of: documentID, ids: &ids, into: db)
            try insertSurveys(file.document.indicatorSurveys, of: documentID, ids: &ids, into: db)
            try insertChecksAndWarnings(file.document, of: documentID, into: db)
        }
    }

    /// The document's row, its pages and its signatories.
    private static func insertDocument(_ file: DatasetFile, id documentID: Int, into db: Database) throws {
        let doc = file.document
        try db.execute(sql: """
            INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [documentID, file.fileName, file.stem, doc.schemaVersion, doc.source.file,
                             doc.source.sha256, doc.source.pageCount, doc.organisation, doc.organisationKey,
                             doc.fiscalYear, doc.signature?.provider, doc.signature?.reference])
        var pageNumbers = Set<Int>()
        for page in doc.source.pages where pageNumbers.insert(page.number).inserted {
            try db.execute(sql: "INSERT INTO pages VALUES (?, ?, ?, ?, ?)",
                           arguments: [documentID, page.number, page.method.rawValue, page.kind, page.ocrConfidence])
        }
        for (i, s) in (doc.signature?.signatories ?? []).enumerated() {
            try db.execute(sql: "INSERT INTO signatories VALUES (?, ?, ?, ?, ?)",
                           arguments: [documentID, i + 1, s.name, s.role, s.signedAt])
        }
    }

    private static func insertTables(_ tables: [ArsredKit.Table], of documentID: Int, ids: inout RowIDs, into db: Database) throws {
        for (t, table) in tables.enumerated() {
            ids.table += 1
            try db.execute(sql: "INSERT INTO tables VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                           arguments: [ids.table, documentID, t + 1, table.id, table.title, table.page,
                                       table.unit, try json(table.columns)])
            for (r, row) in table.rows.enumerated() {
                ids.row += 1
                try db.execute(sql: "INSERT INTO rows VALUES (?, ?, ?, ?, ?, ?, ?)",
                               arguments: [ids.row, ids.table, r + 1, row.key, row.label, row.note, row.unit])
                for (v, entry) in row.orderedValues(columns: table.columns).enumerated() {
                    try db.execute(sql: #"INSERT INTO "values" VALUES (?, ?, ?, ?, ?)"#,
                                   arguments: [ids.row, v + 1, entry.column, entry.value, row.derivedFrom?[entry.column]])
                }
            }
        }
    }

    private static func insertSurveys(_ surveys: [IndicatorSurvey], of documentID: Int, ids: inout RowIDs, into db: Database) throws {
        for (s, survey) in surveys.enumerated() {
            ids.survey += 1
            try db.execute(sql: "INSERT INTO surveys VALUES (?, ?, ?, ?, ?, ?)",
                           arguments: [ids.survey, documentID, s + 1, survey.programme, survey.respondents, survey.page])
            for question in survey.questions {
                ids.question += 1
                try db.execute(sql: "INSERT INTO survey_questions VALUES (?, ?, ?, ?, ?, ?)",
                               arguments: [ids.question, ids.survey, question.number, question.text, question.n,
                                           try json(question.printed)])
                guard let percentages = question.percentages else { continue }
                for (c, category) in SurveyCategory.allCases.enumerated() {
                    let value: Double? = percentages[category] ?? nil
                    try db.execute(sql: "INSERT INTO survey_answers VALUES (?, ?, ?, ?)",
                                   arguments: [ids.question, c + 1, category.rawValue, value])
                }
            }
        }
    }

    private static func insertChecksAndWarnings(_ doc: DatasetDocument, of documentID: Int, into db: Database) throws {
        for (c, check) in doc.checks.enumerated() {
            try db.execute(sql: "INSERT INTO checks VALUES (?, ?, ?, ?, ?, ?, ?)",
                           arguments: [documentID, c + 1, check.table, check.rule, check.column,
                                       check.passed, check.detail])
        }
        for (w, warning) in doc.warnings.enumerated() {
            try db.execute(sql: "INSERT INTO warnings VALUES (?, ?, ?)", arguments: [documentID, w + 1, warning])
        }
    }
}
