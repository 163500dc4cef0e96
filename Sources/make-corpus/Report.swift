import ArsredKit
import Bitmap
import Canvas
import Codecs
import Foundation

/// How a report reaches the reader.
enum Variant: String {
    /// Every page has a text layer.
    case text
    /// Every page is a scanned image, no text layer.
    case scanned = "signed-scan"
    /// Text-layer pages with the cover and the signed pages scanned in.
    case mixed
}

struct BoardMember {
    var name: String
    /// As printed on the signature page.
    var role: String
    /// Name as the signing service prints it (some sign in capitals).
    var signingName: String
    /// As printed on the signing page (TITEL).
    var signingRole: String
}

/// Everything that makes one sample report what it is.
struct ReportSpec {
    var stem: String
    var organisation: String
    var seat: String
    var year: Int
    var seed: UInt64
    var variant: Variant
    var page: PageStyle
    var statements: StatementStyle
    var region: String
    var municipalities: [(name: String, weight: Double)]
    var programmes: [(name: String, startedThisYear: Bool)]
    var surveys: [(programme: String, respondents: String)]
    var board: [BoardMember]
    var comfactReference: String?
    var chartPalette: SurveyChart.Palette
    var chartFamily: String
    var chartDpi: Double
    var legendColumns: Int
    var scanner: Scanner?
    var pageNumbers: Bool
    var runningHeader: Bool
    /// Less filler prose keeps a scanned report small.
    var proseScale: Double = 1
}

/// A report's pages (ready to render) and its hand data (without the file hash, known once written).
struct BuiltReport {
    var spec: ReportSpec
    var pages: [PageDraft]
    /// 1-based numbers of pages that are rendered as scans.
    var scannedPages: Set<Int>
    var finances: Finances
    var statements: Statements
    var document: DatasetDocument
}

enum ReportBuilder {
    /// The report of `spec`, page by page in print order, with its truth.
    static func build(_ spec: ReportSpec) -> BuiltReport {
        let draft = ReportDraft(spec)
        draft.cover()
        draft.administrationReport()
        draft.surveyPages()
        draft.statements()
        draft.notes()
        draft.boardSignatures()
        let signature = draft.signingPage()
        let pages = draft.pagesWithFurniture()
        let scanned = draft.scannedPages(pages)
        return BuiltReport(spec: spec, pages: pages, scannedPages: scanned, finances: draft.finances,
                           statements: draft.st, document: draft.truth(pages: pages, scanned: scanned, signature: signature))
    }
}

/// A report being laid out: its composer, its random numbers (drawn in print order, so a seed
/// gives the same report), and the truth of what it has placed so far. One method per part.
final class ReportDraft {
    let spec: ReportSpec
    var rng: SeededRandom
    let finances: Finances
    let st: Statements
    let c: Composer
    var year: Int { spec.year }
    private(set) var tables: [Table] = []
    private(set) var surveys: [IndicatorSurvey] = []

    init(_ spec: ReportSpec) {
        self.spec = spec
        rng = SeededRandom(seed: spec.seed)
        finances = Finances(year: spec.year, region: spec.region, municipalities: spec.municipalities,
                            programmes: spec.programmes, rng: &rng)
        st = Statements(f: finances, style: spec.statements)
        c = Composer(style: spec.page)
    }

    func filler(_ sentences: Int) -> String {
        Filler.paragraph(&rng, sentences: sentences, org: spec.organisation, year: year, region: spec.region)
    }

    func prose(_ sentences: Int) {
        c.paragraph(filler(max(1, Int(Double(sentences) * spec.proseScale))))
    }

    func place(_ t: PrintedTable, _ heading: String, size: Double? = nil) {
        let page = c.table(t, heading: heading, headingSize: size)
        tables.append(t.truth(page: page))
    }

    func cover() {
        let spec = spec, year = year
        c.newPage(.cover)
        c.draw { s in
            let f = Font(spec.page.family, size: 26, bold: true)
            s.text(spec.organisation, x: 68, y: 300, font: f, spec.page.accent)
            s.text("Årsredovisning \(year)", x: 68, y: 345, font: Font(spec.page.family, size: 20))
            s.text("Verksamhetsberättelse och årsbokslut", x: 68, y: 372, font: Font(spec.page.family, size: 13))
            s.fill(Rect(x: 68, y: 395, width: 300, height: 3), spec.page.accent)
            s.text("Fastställd av styrelsen i mars \(year + 1)", x: 68, y: 700, font: Font(spec.page.family, size: 11))
        }
    }

    /// Förvaltningsberättelse with the five-year overview.
    func administrationReport() {
        let fmt = spec.page.numbers
        c.newPage(.prose)
        c.heading("1. Förvaltningsberättelse")
        prose(3)
        c.heading("Organisation", size: spec.page.bodySize + 1.5)
        let members = (["Försäkringskassan", "Arbetsförmedlingen", spec.region] + spec.municipalities.map(\.name))
        c.paragraph("\(spec.organisation) är ett samordningsförbund enligt lagen om finansiell samordning av rehabiliteringsinsatser. "
            + "Medlemmar är \(members.dropLast().joined(separator: ", ")) och \(members.last!). Förbundets säte är \(spec.seat).")
        c.heading("Finansiering", size: spec.page.bodySize + 1.5)
        c.paragraph("Försäkringskassan står för hälften av medlemsbidragen, \(spec.region) för en fjärdedel och kommunerna tillsammans för en fjärdedel. "
            + "Årets medlemsbidrag uppgick till \(fmt.format(finances.budgetIncome)) kr.")
        prose(4)
        place(st.fiveYearOverview, "1.1 Översikt över verksamhetens utveckling", size: spec.page.bodySize + 2.5)
        c.paragraph("Årets resultat uppgår till \(fmt.format(finances.current.result)) kr. " + filler(2))
        c.heading("1.2 Viktiga förhållanden under året", size: spec.page.bodySize + 2.5)
        prose(5)
        prose(4)
    }

    /// One page per survey chart.
    func surveyPages() {
        for (i, s) in spec.surveys.enumerated() {
            c.newPage(.chart)
            if i == 0 {
                c.heading("1.3 Uppföljning av individinriktade insatser", size: spec.page.bodySize + 2.5)
                c.paragraph("Deltagarna besvarar den nationella indikatorenkäten för finansiell samordning. Enkäten är frivillig och anonym.")
            }
            let who = s.respondents == "ongoing" ? "deltagare i pågående insats" : "avslutade deltagare"
            c.heading("Indikatorer för finansiell samordning – \(s.programme), \(who) \(year)", size: spec.page.bodySize + 1)
            let page = c.pageNumber
            let data = SurveyData(programme: s.programme, respondents: s.respondents, labelMinPct: 5, rng: &rng)
            questionList(data)
            c.space(8)
            let chart = SurveyChart(palette: spec.chartPalette, family: spec.chartFamily, dpi: spec.chartDpi,
                                    legendColumns: spec.legendColumns, width: c.contentWidth)
            let (img, h) = chart.render(data)
            c.image(img, height: h)
            c.paragraph("Svaren är till övervägande del positiva. " + filler(2))
            surveys.append(data.truth(page: page))
        }
    }

    /// The survey's questions as the chart's key: `Fråga N` beside each question's lines.
    func questionList(_ data: SurveyData) {
        let f = spec.page.body.sized(spec.page.bodySize - 1)
        for q in data.questions {
            let lines = c.wrap(SurveyData.questionTexts[q.number - 1], font: f, width: c.contentWidth - 52)
            for (j, line) in lines.enumerated() {
                c.space(f.size * 1.3)
                let y = c.cursor, label = j == 0 ? "Fråga \(q.number)" : nil
                c.draw { s in
                    if let label { s.text(label, x: 72, y: y, font: f) }
                    s.text(line, x: 72 + 52, y: y, font: f)
                }
            }
        }
    }

    /// Balance requirement, then the statements each on a page of their own.
    func statements() {
        c.newPage(.table)
        place(st.balanceRequirement, "1.4 Balanskravsresultat", size: spec.page.bodySize + 2.5)
        c.paragraph("Förbundet uppfyller balanskravet när det egna kapitalet används enligt styrelsens plan. " + filler(2))
        c.newPage(.table)
        place(st.incomeStatement, "2. Resultaträkning")
        c.newPage(.table)
        place(st.balanceSheet, "3. Balansräkning")
        c.newPage(.table)
        place(st.cashFlow, "4. Kassaflödesanalys")
        place(st.operatingStatement, "5. Driftredovisning")
    }

    func notes() {
        c.newPage(.table)
        c.heading("6. Noter")
        c.heading("Not 1 Redovisningsprinciper", size: spec.page.bodySize + 1)
        c.paragraph("Årsredovisningen är upprättad enligt lagen om kommunal bokföring och redovisning i de delar som är tillämpliga för samordningsförbund. "
            + "Fordringar tas upp till de belopp som beräknas bli betalda. Övriga tillgångar och skulder tas upp till anskaffningsvärden.")
        for t in [st.note2, st.note3, st.note4, st.note5] { place(t, t.title, size: spec.page.bodySize + 1) }
    }

    /// The board's signatures: digital-signature marks on a signed report, lines otherwise.
    func boardSignatures() {
        c.newPage(.signature)
        c.heading("7. Styrelsens underskrift")
        c.paragraph("Vi intygar att årsredovisningen ger en rättvisande bild av förbundets resultat, kostnader, intäkter och ekonomiska ställning.")
        c.paragraph("\(spec.seat) i mars \(year + 1)")
        c.space(20)
        let signed = spec.comfactReference != nil
        for (i, m) in spec.board.enumerated() {
            if i % 2 == 0 { c.space(i == 0 ? 0 : 62) }
            let x = 72 + Double(i % 2) * 240, y = c.cursor
            let f = spec.page.body
            c.draw { s in
                if signed { s.text("Digital signatur", x: x, y: y + 14, font: f.sized(f.size - 1), RGB(grey: 80)) }
                else { s.line(from: (x, y + 16), to: (x + 190, y + 16), RGB(grey: 40), lineWidth: 0.6) }
                s.text(m.name, x: x, y: y + 30, font: f)
                s.text(m.role, x: x, y: y + 30 + f.size * 1.3, font: f)
            }
        }
    }

    /// One printed signatory of the signing page: who, when, the service's id.
    typealias PrintedSignatory = (member: BoardMember, time: String, id: String)

    /// The signing service prints at most this many characters of an organisation in its
    /// title field, then `...` (the cut-off names the metadata stage must read whole).
    static let signingTitleCharacters = 24
    /// Signing happens in working hours: from 07:00 to 09:00 a day's first, not after 17:00 (minutes of the day).
    static let firstSigningMinutes = 7 * 60...9 * 60, lastSigningMinute = 17 * 60

    /// The signing service's page (signed reports only); the signature it records.
    func signingPage() -> Signature? {
        guard let ref = spec.comfactReference else { return nil }
        c.newPage(.signing)
        let printed = signingTimes()
        let org = spec.organisation
        drawSigningPage(printed, organisation: org.count > Self.signingTitleCharacters ? String(org.prefix(Self.signingTitleCharacters)) + "..." : org)
        return Signature(reference: ref, signatories: printed.map { p in
            Signatory(name: p.member.signingName, role: p.member.signingRole,
                      signedAt: p.time.replacingOccurrences(of: " ", with: "T") + "+01:00")
        })
    }

    /// When each board member signed (working hours of a day in March after the year) and the
    /// service's id of the signature.
    func signingTimes() -> [PrintedSignatory] {
        var day = rng.int(8...20), minute = rng.int(Self.firstSigningMinutes)
        var printed: [PrintedSignatory] = []
        for m in spec.board {
            minute += rng.int(20...260)
            if minute > Self.lastSigningMinute { day += 1; minute = rng.int(Self.firstSigningMinutes) }
            let time = String(format: "%04d-03-%02d %02d:%02d:%02d", year + 1, day, minute / 60, minute % 60, rng.int(0...59))
            let id = "_" + (0..<33).map { _ in String(rng.int(0...15), radix: 16) }.joined()
            printed.append((m, time, id))
        }
        return printed
    }

    func drawSigningPage(_ printed: [PrintedSignatory], organisation truncatedOrg: String) {
        let family = "Liberation Sans"
        let big = Font(family, size: 15, bold: true), small = Font(family, size: 8.5), smallBold = small.asBold
        let lastTime = printed.last!.time
        c.draw { s in
            s.text("UNDERSKRIFTSSIDA", x: 60, y: 80, font: big)
            s.text("Detta dokument har undertecknats med elektroniska underskrifter:", x: 60, y: 100, font: Font(family, size: 9.5))
            for (i, (m, time, id)) in printed.enumerated() {
                let x = 64 + Double(i % 2) * 235, top = 125 + Double(i / 2) * 104
                if i % 2 == 0 { s.line(from: (60, top - 8), to: (535, top - 8), RGB(grey: 160), lineWidth: 0.5) }
                var y = top + 6
                func field(_ label: String, _ value: String) {
                    s.text(label, x: x, y: y, font: smallBold)
                    s.text(value, x: x + s.textWidth(label + " ", font: smallBold), y: y, font: small)
                    y += 11
                }
                field("NAMN:", m.signingName)
                field("TITEL, ORGANISATION:", m.signingRole + ",")
                s.text(truncatedOrg, x: x, y: y, font: small); y += 11
                field("TID:", "\(time) +01:00")
                field("IDENTIFIKATIONSTYP:", "Svensk e-legitimation")
                field("IDENTIFIKATIONS-ID:", "")
                s.text(id, x: x, y: y, font: small)
            }
            let endY = 125 + Double((printed.count + 1) / 2) * 104 + 30
            s.text("Certifierad av Comfact Signature", x: 60, y: endY, font: Font(family, size: 9.5, bold: true))
            s.text("Accepterad av alla undertecknare \(lastTime) +01:00", x: 60, y: endY + 13, font: Font(family, size: 8.5))
        }
    }

    /// The pages with the running header, page numbers and the signing service's footer.
    func pagesWithFurniture() -> [PageDraft] {
        let spec = spec, year = year
        var pages = c.pages
        for i in pages.indices {
            let n = i + 1, kind = pages[i].kind
            let f = Font(spec.page.family, size: 8)
            pages[i].ops.append { s in
                if spec.runningHeader, kind != .cover, kind != .signing {
                    s.text("\(spec.organisation) – Årsredovisning \(year)", x: 68, y: 40, font: f, RGB(grey: 110))
                }
                if spec.pageNumbers, kind != .cover, kind != .signing {
                    s.textRight("Sida \(n)", right: PDFDocument.a4.width - 68, y: PDFDocument.a4.height - 48, font: f.sized(9))
                }
                if let ref = spec.comfactReference {
                    s.text("Comfact Signature Referensnummer: \(ref)", x: 40, y: PDFDocument.a4.height - 22,
                           font: Font("Liberation Sans", size: 7), RGB(grey: 90))
                }
            }
        }
        return pages
    }

    /// 1-based numbers of the pages rendered as scans.
    func scannedPages(_ pages: [PageDraft]) -> Set<Int> {
        switch spec.variant {
        case .text: return []
        case .scanned: return Set(1...pages.count)
        case .mixed: return Set(pages.indices.filter { [.cover, .signature, .signing].contains(pages[$0].kind) }.map { $0 + 1 })
        }
    }

    /// The hand data of the report: what it prints, where.
    func truth(pages: [PageDraft], scanned: Set<Int>, signature: Signature?) -> DatasetDocument {
        var doc = DatasetDocument(source: SourceInfo(
            file: spec.stem + ".pdf", sha256: "", pageCount: pages.count,
            pages: pages.enumerated().map { i, p in
                SourcePage(number: i + 1, method: scanned.contains(i + 1) ? .ocr : .textLayer, kind: p.kind.rawValue)
            }))
        doc.organisation = spec.organisation
        doc.organisationKey = FoldedText.fold(spec.organisation)
        doc.fiscalYear = year
        doc.signature = signature
        doc.tables = tables
        doc.indicatorSurveys = surveys
        return doc
    }
}

enum ReportWriter {
    /// Writes `<dir>/<stem>.pdf` and `<dir>/<stem>.truth.json`; returns the PDF's size in bytes.
    @discardableResult
    static func write(_ r: BuiltReport, to dir: URL) throws -> Int {
        let pdfURL = dir.appendingPathComponent(r.spec.stem + ".pdf")
        let pdf = try PDFDocument(path: pdfURL.path, title: "\(r.spec.organisation) – Årsredovisning \(r.spec.year)",
                                  date: "\(r.spec.year + 1)-03-01T12:00:00")
        var rng = SeededRandom(seed: r.spec.seed ^ 0x5CA9)
        let full = Rect(x: 0, y: 0, width: PDFDocument.a4.width, height: PDFDocument.a4.height)
        for (i, page) in r.pages.enumerated() {
            if r.scannedPages.contains(i + 1), let scanner = r.spec.scanner {
                let scan = scanner.scan(page, rng: &rng)
                pdf.page { s in
                    s.draw(scan.page, in: full)
                    for (img, r) in scan.colour { s.draw(img, in: r, smooth: false) }
                }
            } else {
                pdf.page { page.draw(on: $0) }
            }
        }
        try pdf.finish()
        let bytes = try Data(contentsOf: pdfURL)
        var doc = r.document
        doc.source.sha256 = SHA256.hex(bytes)
        try DatasetJSON.encode(doc).write(to: dir.appendingPathComponent(r.spec.stem + ".truth.json"), options: .atomic)
        return bytes.count
    }
}
