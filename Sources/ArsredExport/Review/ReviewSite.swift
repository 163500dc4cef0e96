import Foundation
import ArsredKit
import Bitmap
import Codecs

/// Where a report's page pictures come from.
public enum PageImages {
    /// With `warning` when the pictures may not be of the pages read (another version of the PDF).
    case available(any PageImageSource, warning: String? = nil)
    /// Why not (no PDF found, text input): the page shows the reason instead of a picture.
    case unavailable(String)
}

/// The review site: one self-contained HTML page per report (each table beside the picture of
/// the page it was read from, failed checks and warnings highlighted, cells that differ from
/// hand data marked) and an index. Pictures are embedded as PNG, so a page opens from anywhere.
public struct ReviewSite {
    public var files: [DatasetFile]
    /// The diff against hand data, when there is hand data.
    public var diff: DiffReport?
    /// Resolution of the page pictures.
    public var dpi: Double
    /// Pixels per inch of a page picture unless told: a table's figures read clearly beside it,
    /// and a report of many pages stays a page one opens in a browser.
    public static let defaultDpi = 90.0

    public init(files: [DatasetFile], diff: DiffReport? = nil, dpi: Double = ReviewSite.defaultDpi) {
        self.files = files; self.diff = diff; self.dpi = dpi
    }

    /// `<stem>.html` of a report.
    public static func pageName(_ file: DatasetFile) -> String { "\(file.stem).html" }

    /// Writes every report page (rendering pictures with `images`) and `index.html` into `folder`.
    public func write(to folder: URL, images: (DatasetFile) -> PageImages) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for file in files {
            try Data(reportPage(file, images: images(file)).utf8)
                .write(to: folder.appendingPathComponent(Self.pageName(file)), options: .atomic)
        }
        try Data(index().utf8).write(to: folder.appendingPathComponent("index.html"), options: .atomic)
    }

    func documentDiff(_ file: DatasetFile) -> DocumentDiff? {
        diff?.documents.first { $0.extracted == file.fileName }
    }

    // MARK: index

    public func index() -> String {
        var rows = ""
        for file in files {
            let doc = file.document
            let failed = doc.checks.filter { !$0.passed }.count
            let figures = doc.figures.count
            let d = documentDiff(file)
            let differences = d.map { "\($0.counts.differences)" } ?? (diff == nil ? "" : "no hand data")
            rows += """
                <tr><td><a href="\(HTML.escape(Self.pageName(file)))">\(HTML.escape(doc.organisation ?? file.stem))</a></td>\
                <td>\(doc.fiscalYear.map(String.init) ?? "?")</td><td>\(HTML.escape(doc.source.file))</td>\
                <td class="num">\(doc.tables.count)</td><td class="num">\(figures)</td>\
                <td class="num\(failed > 0 ? " bad" : "")">\(failed)</td>\
                <td class="num\(doc.warnings.isEmpty ? "" : " bad")">\(doc.warnings.count)</td>
                """ + (diff == nil ? "" : "<td class=\"num\((d?.counts.differences ?? 0) > 0 ? " bad" : "")\">\(differences)</td>") + "</tr>\n"
        }
        let handColumn = diff == nil ? "" : "<th>differences from hand data</th>"
        return page(title: "arsred review", body: """
            <header><h1>arsred review</h1><p class="meta">\(files.count) reports</p></header>
            <section><table class="index"><thead><tr><th>organisation</th><th>year</th><th>source</th>\
            <th>tables</th><th>figures</th><th>failed checks</th><th>warnings</th>\(handColumn)</tr></thead>
            <tbody>
            \(rows)</tbody></table></section>
            """)
    }

    // MARK: one report

    public func reportPage(_ file: DatasetFile, images: PageImages) -> String {
        let doc = file.document
        let context = PageContext(checked: CheckedCells(doc), diff: documentDiff(file))
        var body = "<nav><a href=\"index.html\">← all reports</a></nav>\n"
        body += header(file, diff: context.diff)
        if case .available(_, let warning?) = images {
            body += "<section class=\"problems\"><p class=\"warn-box\">⚠ \(HTML.escape(warning))</p></section>\n"
        }
        body += problems(doc)
        // Pages in order; each with its tables and surveys.
        var pageNumbers = Set(doc.tables.map(\.page))
        for s in doc.indicatorSurveys { if let p = s.page { pageNumbers.insert(p) } }
        let pageWarnings = Self.warningsByPage(doc.diagnostics)
        for number in pageNumbers.sorted() {
            body += pageSection(number, of: doc, warnings: pageWarnings[number] ?? [], images: images, context)
        }
        body += onlyHandSection(doc, diff: context.diff)
        let title = [doc.organisation ?? file.stem, doc.fiscalYear.map(String.init)].compactMap { $0 }.joined(separator: " ")
        return page(title: "\(title) · arsred review", body: body)
    }

    /// What every table of one report page is drawn against: the cells checks touch, the diff.
    struct PageContext {
        var checked: CheckedCells
        var diff: DocumentDiff?
        var mismatchAt: [FigureKey: Mismatch] = [:]

        init(checked: CheckedCells, diff: DocumentDiff?) {
            self.checked = checked; self.diff = diff
            for m in diff?.mismatches ?? [] { mismatchAt[m.at] = m }
        }
    }

    /// One page of the report: its title (how it was read), its warnings, its picture beside
    /// the tables and surveys read from it.
    func pageSection(_ number: Int, of doc: DatasetDocument, warnings: [String], images: PageImages, _ context: PageContext) -> String {
        let info = doc.source.pages.first { $0.number == number }
        var title = "Page \(number)"
        if let info {
            title += info.method == .ocr ? " · OCR" : " · text layer"
            if let c = info.ocrConfidence { title += " (confidence \(Int(c.rounded())))" }
            if let k = info.kind { title += " · \(k)" }
        }
        var out = "<section class=\"page\" id=\"page-\(number)\"><h2>\(HTML.escape(title))</h2>\n"
        for w in warnings { out += "<p class=\"warn-box\">⚠ \(HTML.escape(w))</p>\n" }
        out += "<div class=\"pair\">\n" + pictureOfPage(number, images) + "<div class=\"extracted\">\n"
        for table in doc.tables where table.page == number {
            out += tableHTML(table, checked: context.checked, mismatchAt: context.mismatchAt, diff: context.diff)
        }
        let surveyTables = context.diff?.surveyTables ?? []
        for (i, survey) in doc.indicatorSurveys.enumerated() where survey.page == number {
            let table = surveyTables.indices.contains(i) ? surveyTables[i] : survey.figureTable
            out += surveyHTML(survey, table: table, mismatchAt: context.mismatchAt)
        }
        return out + "</div></div></section>\n"
    }

    /// Hand-keyed tables the extraction did not find at all ("" when there are none).
    func onlyHandSection(_ doc: DatasetDocument, diff: DocumentDiff?) -> String {
        let extractedTables = Set(doc.tables.map(\.id))
        let missingTables = (diff?.mismatches ?? []).filter { $0.kind == .onlyHand && !extractedTables.contains($0.table) }
        guard !missingTables.isEmpty else { return "" }
        var out = "<section class=\"page\" id=\"only-hand\"><h2>Tables only in the hand data</h2><div class=\"extracted\">\n"
        var order: [String] = []
        for m in missingTables where !order.contains(m.table) { order.append(m.table) }
        for table in order {
            out += onlyHandTable(table, missingTables.filter { $0.table == table })
        }
        return out + "</div></section>\n"
    }

    func header(_ file: DatasetFile, diff: DocumentDiff?) -> String {
        let doc = file.document
        let ocrPages = doc.source.pages.filter { $0.method == .ocr }.count
        var meta = "\(doc.source.file) · \(doc.source.pageCount) pages"
        if ocrPages > 0 { meta += " (\(ocrPages) read by OCR)" }
        meta += " · output \(file.fileName)"
        var signed = "not signed electronically"
        if let s = doc.signature {
            signed = "signed by \(s.signatories.count) via \(s.provider)" + (s.reference.map { " (\($0))" } ?? "")
        }
        let failed = doc.checks.filter { !$0.passed }.count
        var summary = "\(doc.tables.count) tables, \(doc.figures.count) figures, \(doc.indicatorSurveys.count) surveys · "
            + "\(doc.checks.count) checks, \(failed) failed · \(doc.warnings.count) warnings"
        if let diff {
            summary += " · hand data \(diff.hand): \(diff.counts.summary)"
        }
        var legend = "<span class=\"check-failed\" style=\"background:var(--fail-bg)\">touched by a failed check</span>"
            + "<span style=\"background:var(--derived-bg)\">derived from the document's arithmetic</span>"
        if diff != nil {
            legend += "<span style=\"background:var(--diff-bg)\">differs from hand data / only on one side</span>"
        }
        return """
            <header><h1>\(HTML.escape(doc.organisation ?? "(organisation not found)")) \
            \(doc.fiscalYear.map(String.init) ?? "(year not found)")</h1>
            <p class="meta">\(HTML.escape(meta))</p><p class="meta">\(HTML.escape(signed))</p>
            <p class="meta summary">\(HTML.escape(summary))</p><p class="legend">\(legend)</p></header>

            """
    }

    func problems(_ doc: DatasetDocument) -> String {
        let failed = doc.checks.filter { !$0.passed }
        guard !failed.isEmpty || !doc.warnings.isEmpty else {
            let checks = doc.checks.isEmpty ? "No checks recorded" : "All \(doc.checks.count) checks passed"
            return "<section class=\"problems clean\"><p>\(checks), no warnings.</p></section>\n"
        }
        var out = "<section class=\"problems\"><h2>Failed checks and warnings</h2><ul>\n"
        for c in failed {
            let page = doc.tables.first { $0.id == c.table }?.page
            let link = page.map { "<a href=\"#\(HTML.anchor("table", c.table))\">\(HTML.escape(c.table))</a> (page \($0))" }
                ?? HTML.escape(c.table)
            out += "<li class=\"fail\">✗ \(link)\(c.column.map { " · " + HTML.escape($0) } ?? ""): "
                + "<code>\(HTML.escape(c.rule))</code>\(c.detail.isEmpty ? "" : " — " + HTML.escape(c.detail))</li>\n"
        }
        for w in doc.warnings { out += "<li class=\"warn\">⚠ \(HTML.escape(w))</li>\n" }
        return out + "</ul></section>\n"
    }

    func pictureOfPage(_ number: Int, _ images: PageImages) -> String {
        switch images {
        case .unavailable(let reason):
            return "<figure class=\"page-image\"><div class=\"missing\">No picture of page \(number): \(HTML.escape(reason))</div></figure>\n"
        case .available(let source, _):
            do {
                let image = PageMargins.trimmed(try source.image(page: number, region: nil, dpi: dpi))
                return "<figure class=\"page-image\"><img alt=\"page \(number)\" width=\"\(image.width)\" height=\"\(image.height)\" "
                    + "src=\"\(HTML.dataURI(png: try PNG.encode(image)))\"></figure>\n"
            } catch {
                return "<figure class=\"page-image\"><div class=\"missing\">Page \(number) could not be rendered: \(HTML.escape("\(error)"))</div></figure>\n"
            }
        }
    }

    func tableHTML(_ table: Table, checked: CheckedCells, mismatchAt: [FigureKey: Mismatch], diff: DocumentDiff?) -> String {
        // Columns: the table's, then any a row or the hand data adds.
        var columns = table.columns
        for row in table.rows { for e in row.values where !columns.contains(e.column) { columns.append(e.column) } }
        let handOnly = (diff?.mismatches ?? []).filter { $0.kind == .onlyHand && $0.table == table.id }
        for m in handOnly where !columns.contains(m.column) { columns.append(m.column) }
        let hasNotes = table.rows.contains { $0.note != nil }

        var out = "<table class=\"figures\" id=\"\(HTML.anchor("table", table.id))\"><caption>\(caption(table, columns: columns, checked: checked, diff: diff))</caption>\n<thead><tr><th class=\"label\">row</th>"
        if hasNotes { out += "<th>not</th>" }
        for c in columns { out += "<th>\(HTML.escape(c))</th>" }
        out += "</tr></thead>\n<tbody>\n"
        for row in table.rows {
            out += "<tr><td class=\"label\" title=\"\(HTML.escape(row.key))\">\(HTML.escape(row.label))\(row.unit.flatMap { row.label.contains($0) ? nil : " <small>(\(HTML.escape($0)))</small>" } ?? "")</td>"
            if hasNotes { out += "<td class=\"label\">\(HTML.escape(row.note ?? ""))</td>" }
            for c in columns { out += cellHTML(row, column: c, table: table.id, checked: checked, mismatch: mismatchAt[FigureKey(table: table.id, key: row.key, column: c)]) }
            out += "</tr>\n"
        }
        return out + handOnlyRows(handOnly, of: table, columns: columns, hasNotes: hasNotes) + "</tbody></table>\n"
    }

    /// A table's title, id and unit, with badges for its failed checks and its differences from the hand data.
    private func caption(_ table: Table, columns: [String], checked: CheckedCells, diff: DocumentDiff?) -> String {
        let failedHere = Set(table.rows.flatMap { row in columns.flatMap { checked.failures(table: table.id, key: row.key, column: $0) }.map(\.rule) })
        let differHere = (diff?.mismatches ?? []).filter { $0.table == table.id }.count
        var caption = "\(HTML.escape(table.title)) <small>(\(HTML.escape(table.id))\(table.unit.map { ", " + HTML.escape($0) } ?? ""))</small>"
        if !failedHere.isEmpty { caption += "<span class=\"badge fail\">✗ \(failedHere.count) failed check\(failedHere.count == 1 ? "" : "s")</span>" }
        if differHere > 0 { caption += "<span class=\"badge\" style=\"color:var(--diff)\">≠ \(differHere) from hand data</span>" }
        return caption
    }

    /// One figure's cell: classes for a failed check, a derived value and a difference from the
    /// hand data, each explained in its title.
    private func cellHTML(_ row: TableRow, column c: String, table: String, checked: CheckedCells, mismatch: Mismatch?) -> String {
        var classes = ["value"]
        var notes: [String] = []
        var extra = ""
        let failures = checked.failures(table: table, key: row.key, column: c)
        if !failures.isEmpty {
            classes.append("check-failed")
            notes += failures.map { "failed: \($0.rule)" + ($0.detail.isEmpty ? "" : " (\($0.detail))") }
        }
        if let rule = row.derivedFrom?[c] { classes.append("derived"); notes.append("derived: \(rule)") }
        if let m = mismatch {
            switch m.kind {
            case .differ:
                classes.append("differs")
                extra = "<span class=\"hand\">hand \(HTML.escape(m.hand.map(FigureFormat.printed) ?? ""))</span>"
                notes.append("hand data: \(m.hand.map(FigureFormat.plain) ?? "")")
            case .onlyExtracted:
                classes.append("only-extracted"); notes.append("not in hand data")
            case .onlyHand:
                classes.append("differs")
                extra = "<span class=\"hand\">hand \(HTML.escape(m.hand.map(FigureFormat.printed) ?? ""))</span>"
                notes.append("only in hand data")
            }
        }
        let value = row.values[c].map(FigureFormat.printed) ?? ""
        let title = notes.isEmpty ? "" : " title=\"\(HTML.escape(notes.joined(separator: "\n")))\""
        return "<td class=\"\(classes.joined(separator: " "))\"\(title)>\(HTML.escape(value))\(extra)</td>"
    }

    /// Rows the hand data has and the extraction lacks.
    private func handOnlyRows(_ handOnly: [Mismatch], of table: Table, columns: [String], hasNotes: Bool) -> String {
        var handRows: [String] = []
        for m in handOnly where !table.rows.contains(where: { $0.key == m.key }) && !handRows.contains(m.key) { handRows.append(m.key) }
        return handRows.map { handOnlyRow($0, handOnly, columns: columns, attributes: " title=\"only in hand data\"", noteCell: hasNotes) }
            .joined()
    }

    /// A row only the hand data has: its label, an empty note cell when the table has notes, the hand figures.
    private func handOnlyRow(_ key: String, _ mismatches: [Mismatch], columns: [String], attributes: String = "", noteCell: Bool = false) -> String {
        var out = "<tr class=\"only-hand\"\(attributes)><td class=\"label\">\(HTML.escape(mismatches.first { $0.key == key }!.label))</td>"
        if noteCell { out += "<td></td>" }
        for c in columns {
            let v = mismatches.first { $0.key == key && $0.column == c }?.hand
            out += "<td class=\"value\">\(HTML.escape(v.map(FigureFormat.printed) ?? ""))</td>"
        }
        return out + "</tr>\n"
    }

    func onlyHandTable(_ table: String, _ mismatches: [Mismatch]) -> String {
        var columns: [String] = [], keys: [String] = []
        for m in mismatches {
            if !columns.contains(m.column) { columns.append(m.column) }
            if !keys.contains(m.key) { keys.append(m.key) }
        }
        var out = "<table class=\"figures\" id=\"\(HTML.anchor("hand", table))\"><caption>\(HTML.escape(table)) <small>(page \(mismatches.first?.page.map(String.init) ?? "?") in the hand data)</small></caption>\n<thead><tr><th class=\"label\">row</th>"
        for c in columns { out += "<th>\(HTML.escape(c))</th>" }
        out += "</tr></thead><tbody>\n"
        for key in keys { out += handOnlyRow(key, mismatches, columns: columns) }
        return out + "</tbody></table>\n"
    }

    func surveyHTML(_ survey: IndicatorSurvey, table: String, mismatchAt: [FigureKey: Mismatch]) -> String {
        let respondents = survey.respondents.map { $0 == "ongoing" ? "participants in ongoing programme" : $0 == "completed" ? "completed participants" : $0 }
        var out = "<table class=\"figures survey\" id=\"\(HTML.anchor("survey", survey.programme, survey.respondents ?? ""))\"><caption>Indikatorer: \(HTML.escape(survey.programme))"
            + (respondents.map { " <small>(\(HTML.escape($0)))</small>" } ?? "") + "</caption>\n<thead><tr><th class=\"label\">question</th><th>n</th>"
        for c in SurveyCategory.allCases { out += "<th>\(HTML.escape(c.printed))</th>" }
        out += "<th>printed</th><th>sum</th></tr></thead>\n<tbody>\n"
        for q in survey.questions {
            func cell(_ column: String, _ text: String) -> String {
                guard let m = mismatchAt[FigureKey(table: table, key: "q\(q.number)", column: column)] else {
                    return "<td class=\"value\">\(text)</td>"
                }
                let hand = m.hand.map { "<span class=\"hand\">hand \(FigureFormat.printed($0))</span>" } ?? ""
                let note = m.kind == .onlyExtracted ? "not in hand data" : "hand data: \(m.hand.map(FigureFormat.plain) ?? "")"
                return "<td class=\"value \(m.kind == .onlyExtracted ? "only-extracted" : "differs")\" title=\"\(note)\">\(text)\(hand)</td>"
            }
            out += "<tr><td class=\"label\">\(q.number). \(HTML.escape(q.text ?? ""))</td>" + cell("n", q.n.map(String.init) ?? "")
            for c in SurveyCategory.allCases {
                let v: Double? = q.percentages?[c] ?? nil
                out += cell(c.rawValue, v.map { FigureFormat.printed($0) + " %" } ?? "")
            }
            let printed = q.printed.map { $0.map(FigureFormat.printed) ?? "?" }.joined(separator: " · ")
            let known = q.percentages.map { p in SurveyCategory.allCases.compactMap { p[$0] ?? nil } } ?? q.printed.compactMap { $0 }
            // Shown, not judged: a chart leaves small segments unlabelled, so a sum under 100 is normal.
            out += "<td class=\"label\">\(HTML.escape(printed))</td><td class=\"value\">\(FigureFormat.printed(known.reduce(0, +)))</td></tr>\n"
        }
        return out + "</tbody></table>\n"
    }

    /// The warnings of diagnostics that name a page, by page.
    static func warningsByPage(_ diagnostics: [Diagnostic]) -> [Int: [String]] {
        var out: [Int: [String]] = [:]
        for d in diagnostics { if let page = d.page { out[page, default: []].append(d.rendered) } }
        return out
    }

    func page(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="sv"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
        <title>\(HTML.escape(title))</title><style>
        \(HTML.style)
        </style></head><body>
        \(body)</body></html>

        """
    }
}
