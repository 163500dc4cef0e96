import ArsredKit
import Foundation
import Testing
@testable import make_corpus

/// The generator's figures obey the relations the pipeline checks, for every sample report.
@Suite struct MakeCorpusTests {
    static let reports = Corpus.reports.map(ReportBuilder.build)

    func value(_ t: Table, _ key: String, _ column: String) -> Double? {
        t.rows.first { $0.key == key }?.values[column]
    }
    func table(_ r: BuiltReport, _ id: String) -> Table { r.document.tables.first { $0.id == id }! }

    @Test(arguments: 0..<Corpus.reports.count)
    func incomeMinusCostsIsTheResult(_ i: Int) throws {
        let r = Self.reports[i], t = table(r, "income_statement")
        for year in [r.spec.year, r.spec.year - 1].map(String.init) {
            let income = try #require(value(t, "verksamhetens_intakter", year))
            let costs = try #require(value(t, "verksamhetens_kostnader", year))
            #expect(costs < 0)
            #expect(income + costs == value(t, "resultat", year))
            let afterFinancial = try #require(value(t, "resultat", year)) + (value(t, "finansiella_intakter", year) ?? 0)
                + (value(t, "finansiella_kostnader", year) ?? 0)
            #expect(afterFinancial == value(t, "resultat_efter_finansiella_poster", year))
            #expect(value(t, "arets_resultat", year) == afterFinancial)
            #expect(value(table(r, "note_2"), "summa", year) == income)
            #expect(value(table(r, "note_3"), "summa", year) == -costs)
        }
    }

    @Test(arguments: 0..<Corpus.reports.count)
    func balanceSheetBalancesAndCashFlowEndsInTheBank(_ i: Int) throws {
        let r = Self.reports[i], bs = table(r, "balance_sheet"), cf = table(r, "cash_flow")
        for year in [r.spec.year, r.spec.year - 1].map(String.init) {
            let assets = try #require(value(bs, "summa_tillgangar", year))
            #expect(assets == value(bs, "summa_eget_kapital_avsattningar_och_skulder", year))
            #expect(try #require(value(bs, "fordringar", year)) + #require(value(bs, "kassa_och_bank", year)) == assets)
            #expect(value(table(r, "note_4"), "summa", year) == value(bs, "fordringar", year))
            #expect(value(table(r, "note_5"), "summa", year) == value(bs, "kortfristiga_skulder", year))
            let start = try #require(value(cf, "likvida_medel_vid_arets_borjan", year))
            let flow = try #require(value(cf, "arets_kassaflode", year))
            #expect(start + flow == value(cf, "likvida_medel_vid_arets_slut", year))
            #expect(value(cf, "likvida_medel_vid_arets_slut", year) == value(bs, "kassa_och_bank", year))
        }
    }

    @Test func surveyPercentagesSumToAHundredAndPrintedAreTheLabelledOnes() throws {
        for r in Self.reports {
            for s in r.document.indicatorSurveys {
                for q in s.questions {
                    let pct = try #require(q.percentages)
                    let labelled = SurveyCategory.allCases.compactMap { pct[$0] ?? nil }
                    #expect(labelled == q.printed.compactMap { $0 })
                    #expect(labelled.allSatisfy { $0 >= 5 })
                    #expect(labelled.reduce(0, +) <= 100)
                }
            }
        }
        // The whole distribution (labelled or not) is whole percentages summing to 100.
        #expect(SurveyData.wholePercentages([1, 1, 1]) == [34, 33, 33])
        #expect(SurveyData.wholePercentages([0, 3, 5, 12, 21, 9]).reduce(0, +) == 100)
    }

    @Test func variantsMarkTheirPagesAndSignedOnesCarryTheReference() {
        let byStem = Dictionary(uniqueKeysWithValues: Self.reports.map { ($0.spec.stem, $0) })
        let text = byStem["ljungasen-2024"]!, scan = byStem["bjorkviken-2023"]!, mixed = byStem["malmdalen-2022"]!
        #expect(text.document.source.pages.allSatisfy { $0.method == .textLayer })
        #expect(scan.document.source.pages.allSatisfy { $0.method == .ocr })
        #expect(Set(mixed.document.source.pages.map(\.method)) == [.ocr, .textLayer])
        #expect(text.document.signature == nil)
        #expect(scan.document.signature?.reference == "482913SE")
        #expect(scan.document.signature?.signatories.count == 5)
        #expect(mixed.document.source.pages.last?.kind == "signing")
        #expect(scan.document.organisationKey == "bjorkvikens_samordningsforbund")
    }

    @Test func numbersPrintWithTheReportsSeparator() {
        #expect(NumberStyle(thousandsSeparator: " ").format(-1234567) == "-1 234 567")
        #expect(NumberStyle(thousandsSeparator: "").format(987) == "987")
        #expect(NumberStyle(thousandsSeparator: " ").format(0) == "0")
    }

    @Test func committedHandDataIsWhatTheGeneratorBuilds() throws {
        // corpus/ is committed; it must not drift from the generator (hash aside, that's the PDF's).
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        for r in Self.reports {
            let url = root.appendingPathComponent("corpus/\(r.spec.stem).truth.json")
            var committed = try DatasetJSON.decode(Data(contentsOf: url))
            #expect(committed.source.sha256.count == 64)
            committed.source.sha256 = ""
            // Compared as written (sorted keys): decoding does not keep a values object's order.
            let same = try DatasetJSON.encode(committed) == DatasetJSON.encode(r.document)
            #expect(same, "\(r.spec.stem): regenerate with swift run make-corpus corpus/")
        }
    }
}

@Suite struct SurveyChartFixtureTests {
    @Test func segmentsAreDrawnInTheirLegendColourAtTheirWidth() {
        let data = SurveyData(programme: "Test", respondents: "ongoing",
                              percentages: [[10, 0, 20, 30, 3, 37]], n: [40])
        let chart = SurveyChart(palette: .excel, family: "DejaVu Sans", dpi: 144, legendColumns: 3, width: 400)
        let (img, height) = chart.render(data)
        #expect(img.width == 800)
        #expect(Double(img.height) == (height * 2).rounded())
        // Bar geometry in points: x from labelWidth + 6 over width - that - 14; first bar at y 10..26.
        let barX = chart.labelWidth + 6, barW = 400 - barX - 14
        func pixel(atPercent p: Double) -> (r: UInt8, g: UInt8, b: UInt8) {
            img.pixel(Int((barX + barW * p / 100) * 2), Int(12 * 2))  // near the bar's top edge, clear of labels
        }
        let colours = SurveyChart.Palette.excel.colours
        #expect(pixel(atPercent: 5) == (colours[0].r, colours[0].g, colours[0].b))
        #expect(pixel(atPercent: 20) == (colours[2].r, colours[2].g, colours[2].b))
        #expect(pixel(atPercent: 45) == (colours[3].r, colours[3].g, colours[3].b))
        #expect(pixel(atPercent: 61.5) == (colours[4].r, colours[4].g, colours[4].b))
        #expect(pixel(atPercent: 90) == (colours[5].r, colours[5].g, colours[5].b))
        let truth = data.truth(page: 1).questions[0]
        #expect(truth.printed == [10, 20, 30, 37])
        #expect(truth.percentages?[.tillMycketStorDel] == .some(nil))
    }
}
