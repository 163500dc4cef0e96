import Testing
@testable import ArsredKit

/// Small page fixtures, read without and with word positions.
struct TableReaderTests {
    static func line(_ s: String) -> Line { Line(words: s.split(separator: " ").map { Word(text: String($0)) }) }
    static func page(_ n: Int, _ lines: [String]) -> Page { Page(number: n, method: .ocr, lines: lines.map(line)) }

    /// Words placed at x positions (points), one line per row.
    static func placed(_ y: Double, _ words: [(String, Double)]) -> Line {
        Line(words: words.map { t, x in
            Word(text: t, box: Box(x0: x, y0: y, x1: x + Double(t.count) * 5.5, y1: y + 9))
        })
    }

    func recognise(_ pages: [Page]) throws -> TableRecognition { try TableStage.recognise(pages: pages) }

    @Test func aSpeckLineBeforeTheHeaderOpensNoTable() throws {
        let r = try recognise([Self.page(3, [
            "3. Resultaträkning",
            "Belopp i kr ETRN RAO",
            "a",
            "Not 2024-12-31 2023-12-31",
            "Verksamhetens intäkter 2 710 400 655 100",
            "Verksamhetens kostnader 3 -690 300 -670 200",
            "Resultat 20 100 -15 100",
        ])])
        let t = try #require(r.tables.first { $0.id == "income_statement" })
        #expect(t.columns == ["2024", "2023"])
        #expect(t.rows.map(\.key) == ["verksamhetens_intakter", "verksamhetens_kostnader", "resultat"])
        #expect(t.rows[0].values["2024"] == 710_400 && t.rows[2].values["2023"] == -15_100)
    }

    @Test func incomeStatementFromGarbledText() throws {
        let r = try recognise([Self.page(14, [
            "2. Resultatriakning",
            "Belopp i k. Not Budget 2023 2023-12-31 2022-12-31",
            "Vetksamhetens intakter 2 8036000 8035996 8070552",
            "Verksamhetens kostnader 3 -8 054000 -7745914 -8 363 466",
            "Resultat 290 082 -292 914",
            "Finansiella intakter 133 807 27 888",
            "Finansiella kostnader 0 0",
            "Resultat efter finansiella poster 423 889  -265 027",
            "Arets resultat 423 889 -265 027",
        ])])
        let t = try #require(r.tables.first { $0.id == "income_statement" })
        #expect(t.columns == ["budget:2023", "2023", "2022"])
        #expect(t.unit == "kr")
        let income = try #require(t.rows.first)
        #expect(income.key == "verksamhetens_intakter")
        #expect(income.label == "Verksamhetens intäkter")
        #expect(income.note == "2")
        #expect(income.values["budget:2023"] == 8_036_000)
        #expect(t.rows[1].values["budget:2023"] == -8_054_000)
        let fin = try #require(t.rows.first { $0.key == "finansiella_intakter" })
        #expect(fin.values["2023"] == 133_807 && fin.values["2022"] == 27_888 && fin.values["budget:2023"] == nil)
        #expect(r.checks.contains { $0.table == "income_statement" && $0.rule.hasPrefix("arets_resultat") && $0.passed })
        // The 2022 column is 1 kr off in the document itself: a failed check, not silence.
        #expect(r.checks.contains { $0.table == "income_statement" && $0.column == "2022" && !$0.passed })
    }

    @Test func knownGroupHeadingDoesNotAbsorbALowercaseRow() throws {
        let r = try recognise([Self.page(8, [
            "Not 3. Verksamhetens kostnader",
            "2023-12-31 2022-12-31",
            "Individinriktade insatser",
            "projekt lyftet 1126031 2885470",
            "Samtidigt stöd 200000 100000",
            "Summa 1326031 2985470",
        ])])
        let t = try #require(r.tables.first { $0.id == "note_3" })
        #expect(t.rows.map(\.label) == ["Individinriktade insatser", "Projekt lyftet", "Samtidigt stöd", "Summa"])
        #expect(t.rows[1].values["2023"] == 1_126_031 && t.rows[1].values["2022"] == 2_885_470)
        #expect(t.rows[0].values["2023"] == nil && t.rows[0].values["2022"] == nil)
    }

    @Test func noteNumberAndAmbiguousGroupingWithoutPositions() throws {
        let r = try recognise([Self.page(18, [
            "Not 5. Kortfristiga skulder",
            "2023-12-31 2022-12-31",
            "Leverantorsskulder 361 463 169 865",
            "Ovriga Interimsskulder 1 006 472 250",
            "Summa 362 469 642 115",
        ])])
        let t = try #require(r.tables.first { $0.id == "note_5" })
        #expect(t.rows.map(\.key) == ["leverantorsskulder", "ovriga_interimsskulder", "summa"])
        #expect(t.rows[0].label == "Leverantörsskulder")
        #expect(t.rows[1].values["2023"] == 1006 && t.rows[1].values["2022"] == 472_250)
        #expect(r.checks.contains { $0.table == "note_5" && $0.rule == "sum(rows) = summa" && $0.passed })
    }

    @Test func figuresGoUnderTheirHeadingsByPosition() throws {
        let heading = Line(words: [Word(text: "Not", box: Box(x0: 63, y0: 90, x1: 80, y1: 99)),
                                   Word(text: "2.", box: Box(x0: 94, y0: 90, x1: 104, y1: 99)),
                                   Word(text: "Verksamhetens", box: Box(x0: 111, y0: 90, x1: 200, y1: 99)),
                                   Word(text: "intäkter", box: Box(x0: 231, y0: 90, x1: 280, y1: 99))])
        let page = Page(number: 19, method: .ocr, lines: [
            heading,
            Self.placed(110, [("2023-12-31", 358), ("2022-12-31", 456)]),
            Self.placed(130, [("Driftbidrag", 69), ("från", 134), ("Försäkringskassan", 162), ("12512000", 380), ("12", 463), ("154", 485), ("000", 511)]),
            Self.placed(150, [("Övriga", 69), ("intäkter", 111), ("231390", 396), ("231", 485), ("664", 510)]),
            Self.placed(170, [("Ränta", 69), ("-", 420), ("1", 500)]),
            Self.placed(190, [("Summa", 69), ("12", 371), ("743", 391), ("390", 419), ("12", 455), ("385", 481), ("665", 508)]),
        ])
        let r = try recognise([page])
        let t = try #require(r.tables.first { $0.id == "note_2" })
        #expect(t.columns == ["2023", "2022"])
        #expect(t.rows[0].values["2023"] == 12_512_000 && t.rows[0].values["2022"] == 12_154_000)
        #expect(t.rows[1].values["2023"] == 231_390 && t.rows[1].values["2022"] == 231_664)
        #expect(t.rows[2].values["2023"] == nil && t.rows[2].values["2022"] == 1)
        #expect(r.checks.contains { $0.table == "note_2" && $0.column == "2022" && $0.passed })
    }

    /// A scan's `Not` heading OCR cut over two lines (`No` alone above `Belopp i kr t 2021 2020`):
    /// the note references under it stay notes, not a figure's millions group.
    @Test func aNoteHeadingCutOverTwoLinesKeepsTheNotesApart() throws {
        let page = Page(number: 12, method: .ocr, lines: [
            Self.placed(60, [("3.", 70), ("Balansräkning", 86)]),
            Self.placed(80, [("No", 338)]),
            Self.placed(92, [("Belopp", 74), ("i", 106), ("kr", 112), ("t", 338), ("2021-12-31", 397), ("2020-12-31", 486)]),
            Self.placed(110, [("Fordringar", 74), ("4", 337), ("61", 414), ("208", 427), ("152", 501), ("417", 517)]),
            Self.placed(125, [("Kassa", 74), ("och", 100), ("bank", 116), ("2", 403), ("118", 410), ("774", 428), ("1", 492), ("905", 500), ("331", 517)]),
            Self.placed(140, [("Summa", 74), ("omsättningstillgångar", 108), ("2", 402), ("179", 410), ("982", 427), ("2", 492), ("057", 499), ("748", 517)]),
        ])
        let r = try recognise([page])
        let t = try #require(r.tables.first { $0.id == "balance_sheet" })
        let fordringar = try #require(t.rows.first { $0.key == "fordringar" })
        #expect(fordringar.note == "4")
        #expect(fordringar.values["2021"] == 61_208 && fordringar.values["2020"] == 152_417)
        #expect(r.checks.contains { $0.table == "balance_sheet" && $0.rule.hasPrefix("fordringar + kassa_och_bank") && $0.column == "2021" && $0.passed })
    }

    /// Positions and OCR confidences as the 200-dpi read of a scanned overview gave them.
    @Test func garbledSharesUnderTheColumnsAreRecoveredInDoubt() throws {
        func line(_ y: Double, _ words: [(String, Double, Double)]) -> Line {
            Line(words: words.map { Word(text: $0.0, box: Box(x0: $0.1, y0: y, x1: $0.2, y1: y + 9), confidence: 90) })
        }
        let page = Page(number: 4, method: .ocr, lines: [
            line(60, [("1.1", 67, 85), ("Översikt", 89, 144), ("över", 149, 177), ("verksamhetens", 181, 281), ("utveckling", 286, 353)]),
            line(80, [("Belopp", 66, 93), ("i", 96, 97), ("tkr", 100, 110), ("2023", 346, 367), ("2022", 388, 408),
                      ("2021", 429, 450), ("2020", 471, 492), ("2019", 512, 534)]),
            line(100, [("Årets", 71, 94), ("resultat", 98, 129), ("-94", 353, 366), ("514", 393, 408), ("-305", 431, 450),
                       ("554", 476, 492), ("252", 518, 533)]),
            line(120, [("Soliditet", 72, 106), ("7990", 345, 366), ("87", 386, 408), ("6OH", 428, 450), ("BORK", 470, 492),
                       ("7894", 512, 533)]),
            line(140, [("Antal", 71, 93), ("anställda", 96, 135), ("1", 362, 366), ("1", 403, 408), ("i", 430, 434),
                       ("1", 487, 491), ("1", 529, 533)]),
        ])
        let r = try recognise([page])
        let t = try #require(r.tables.first { $0.id == "five_year_overview" })
        let share = try #require(t.rows.first { $0.key == "soliditet" })
        #expect(share.label == "Soliditet" && share.unit == "%")
        #expect(share.values == TableValues([("2023", 79), ("2022", 87), ("2021", 60), ("2020", 80), ("2019", 78)]))
        #expect(t.rows.first { $0.key == "antal_anstallda" }?.values["2021"] == 1)
        // Nothing confirms them: the table says so.
        #expect(r.warnings.contains { $0.hasPrefix("five_year_overview:") && $0.contains("soliditet 2021") })
    }

    @Test func aGarbledWordInAKronorRowIsLeftOutWithAWarning() throws {
        let r = try recognise([Page(number: 5, method: .ocr, lines: [
            Self.placed(60, [("Not", 63), ("3", 84), ("Verksamhetens", 93), ("kostnader", 176)]),
            Self.placed(80, [("2023-12-31", 380), ("2022-12-31", 460)]),
            Self.placed(100, [("Styrelse", 69), ("B4RK", 402), ("105634", 482)]),
            Self.placed(120, [("Revision", 69), ("94717", 407), ("137394", 482)]),
            Self.placed(140, [("Summa", 69), ("174000", 402), ("243028", 482)]),
        ])])
        let t = try #require(r.tables.first { $0.id == "note_3" })
        #expect(t.rows[0].values == TableValues([("2022", 105_634)]))
        #expect(r.warnings.contains { $0 == "note_3: row styrelse: an unreadable figure left out" })
    }

    @Test func aFlatDigitIsADashReadAsAFigure() throws {
        var dashed = Self.placed(100, [("Enter", 79), ("1395405", 399), ("4", 519)])
        dashed.words[2].box = Box(x0: 519, y0: 106.8, x1: 521.6, y1: 107.5) // a dash 0.7 pt high
        let page = Page(number: 15, method: .ocr, lines: [
            Self.placed(60, [("Not", 63), ("3", 84), ("Verksamhetens", 93), ("kostnader", 176)]),
            Self.placed(80, [("2023-12-31", 389), ("2022-12-31", 471)]),
            Self.placed(90, [("Revision", 79), ("94717", 412), ("137394", 488)]),
            Line(words: dashed.words),
            Self.placed(120, [("Totalt", 77), ("1490122", 399), ("137394", 488)]),
        ])
        let r = try recognise([page])
        let t = try #require(r.tables.first { $0.id == "note_3" })
        #expect(t.rows.first { $0.key == "enter" }?.values == TableValues([("2023", 1_395_405)]))
        #expect(r.checks.contains { $0.table == "note_3" && $0.column == "2022" && $0.passed })
    }

    @Test func labelsAndFiguresPrintedApartArePaired() throws {
        let r = try recognise([Self.page(15, [
            "Not 4 Fordringar",
            "2023-12-31 2022-12-31",
            "Skattekonto",
            "Fordran moms",
            "Summa",
            "2755 5948",
            "28 628 47 823",
            "31 383 53 771",
        ])])
        let t = try #require(r.tables.first { $0.id == "note_4" })
        #expect(t.rows.map(\.key) == ["skattekonto", "fordran_moms", "summa"])
        #expect(t.rows[1].values["2022"] == 47_823)
        #expect(r.warnings.contains { $0.contains("note_4") })
    }

    @Test func wrappedLabelsAndTableRunningOntoNextPage() throws {
        let r = try recognise([
            Self.page(12, [
                "4. Kassaflödesanalys",
                "Belopp i kr 2021-12-31 2020-12-31",
                "Årets resultat -587 447 -74 303",
                "Medel från verksamheten före förändring av",
                "rörelsekapital -587 447 -74 303",
            ]),
            Self.page(13, [
                "Likvida medel vid årets början 1 958 711 2 346 373",
                "Sida 13",
            ]),
        ])
        let t = try #require(r.tables.first { $0.id == "cash_flow" })
        #expect(t.rows.map(\.key) == ["arets_resultat", "medel_fran_verksamheten_fore_forandring_av_rorelsekapital",
                                      "likvida_medel_vid_arets_borjan"])
        #expect(t.rows[2].values["2020"] == 2_346_373)
    }

    @Test func fiveYearOverviewRowUnits() throws {
        let r = try recognise([Self.page(4, [
            "1.1 Översikt över verksamhetens utveckling",
            "Belopp i tkr 2025 2024 2023 2022 2021",
            "Verksamhetens intäkter 7040 7213 7271 7012 6948",
            "Soliditet 69 % 69 % 68 % 81 % 68 %",
            "Antal anställda 2 2 2 2 2",
        ])])
        let t = try #require(r.tables.first { $0.id == "five_year_overview" })
        #expect(t.unit == "tkr")
        #expect(t.columns == ["2025", "2024", "2023", "2022", "2021"])
        #expect(t.rows[1].unit == "%" && t.rows[1].values["2022"] == 81)
        #expect(t.rows[2].unit == "antal" && t.rows[2].values["2021"] == 2)
    }

    @Test func budgetTableOfAPlan() throws {
        let r = try recognise([Self.page(6, [
            "4. Förslag budget 2024",
            "Belopp i tkr Budget 2024 Prognos 2023 Utfall 2022",
            "Medlemsbidrag 8 036 7 992 7 800",
            "Insatser -6 500 -6 100 -5 900",
            "Administration -1 600 -1 550 -1 500",
            "Resultat -64 342 400",
        ])])
        let t = try #require(r.tables.first { $0.id == "budget" })
        #expect(t.columns == ["budget:2024", "forecast:2023", "2022"])
        #expect(t.unit == "tkr")
        #expect(t.rows.map(\.key) == ["medlemsbidrag", "insatser", "administration", "resultat"])
        #expect(t.rows[1].values["forecast:2023"] == -6100)
    }

    @Test func aLostBudgetWordStillGivesTheBudgetColumn() {
        let v = try! TableVocabulary.load()
        let h = ColumnHeader.parse([Self.line("Belopp i kr Not 2023 2023-12-31 2022-12-31")], vocabulary: v)
        #expect(h.keys == ["budget:2023", "2023", "2022"])
        #expect(h.hasNoteColumn)
        let drift = ColumnHeader.parse([Self.line("Utfall helår Avvikelse Bokslut helår"),
                                        Self.line("Belopp i kr. 2025 Budget 2025 utfall-budget 2024")], vocabulary: v)
        #expect(drift.keys == ["2025", "budget:2025", "deviation:2025", "2024"])
    }
}
