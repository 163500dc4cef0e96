/// How a report prints its statements (the knobs that vary across the family).
struct StatementStyle {
    var unitLine = "Belopp i kr"
    /// Year columns headed `2024-12-31` rather than `2024`.
    var dateHeaders = true
    /// Balance sheet equity as Ingående/Årets resultat/Utgående (B) or Årets resultat/Övrigt/Summa (A).
    var balanceSheetStyleB = true
    var soliditetWithPercentSign = false
    var balanceRequirementBothYears = true
}

/// The statements of a report, built from its `Finances`.
struct Statements {
    let f: Finances
    let style: StatementStyle
    var y: String { String(f.year) }
    var py: String { String(f.year - 1) }

    private func yearColumn(_ year: Int) -> PrintedTable.Column {
        .init(key: String(year), header: [style.dateHeaders ? "\(year)-12-31" : String(year)])
    }
    private var twoYears: [PrintedTable.Column] { [yearColumn(f.year), yearColumn(f.year - 1)] }

    var fiveYearOverview: PrintedTable {
        let years = (0..<(2 + Finances.olderYears)).map { f.year - $0 }
        func tkr(_ v: Int) -> Int { Int((Double(v) / 1000).rounded()) }
        // Income and costs include financial items; costs are printed so the three lines agree in tkr.
        func recent(_ y: Finances.Year) -> (Int, Int, Int) {
            let inc = tkr(y.income + y.financialIncome), res = tkr(y.result)
            return (inc, inc - res, res)
        }
        let c = recent(f.current), p = recent(f.previous)
        let o = f.olderOverview
        let soliditetLabel = style.soliditetWithPercentSign ? "Soliditet" : "Soliditet (%)"
        return PrintedTable(
            id: "five_year_overview", title: "Översikt över verksamhetens utveckling", unit: "tkr",
            unitLine: "Belopp i tkr", columns: years.map { .init(key: String($0), header: [String($0)]) },
            rows: [
                .init(label: "Verksamhetens intäkter", values: [c.0, p.0] + o.map { $0.income }),
                .init(label: "Verksamhetens kostnader", values: [c.1, p.1] + o.map { $0.costs }),
                .init(label: "Årets resultat", values: [c.2, p.2] + o.map { $0.result }),
                .init(label: soliditetLabel, values: [f.current.soliditetPercent, f.previous.soliditetPercent] + o.map { $0.soliditet },
                      unit: "%", suffix: style.soliditetWithPercentSign ? " %" : ""),
                .init(label: "Antal anställda", values: [f.staff.current, f.staff.previous] + o.map { $0.staff }, unit: "antal"),
            ])
    }

    var incomeStatement: PrintedTable {
        let c = f.current, p = f.previous
        return PrintedTable(
            id: "income_statement", title: "Resultaträkning", unit: "kr", unitLine: style.unitLine,
            columns: [.init(key: "budget:\(y)", header: ["Budget", y])] + twoYears,
            rows: [
                .init(label: "Verksamhetens intäkter", note: "2", values: [f.budgetIncome, c.income, p.income]),
                .init(label: "Verksamhetens kostnader", note: "3", values: [-f.budgetCosts, -c.costs, -p.costs]),
                .init(label: "Resultat", values: [nil, c.operatingResult, p.operatingResult], bold: true),
                .init(label: "Finansiella intäkter", values: [f.budgetFinancialIncome, c.financialIncome, p.financialIncome]),
                .init(label: "Finansiella kostnader", values: [nil, c.financialCosts, p.financialCosts]),
                .init(label: "Resultat efter finansiella poster", values: [nil, c.result, p.result], bold: true),
                .init(label: "Årets resultat", values: [nil, c.result, p.result], bold: true),
            ])
    }

    var balanceSheet: PrintedTable {
        let c = f.current, p = f.previous
        var rows: [PrintedTable.Row] = [
            .init(label: "Tillgångar", values: [nil, nil], bold: true),
            .init(label: "Omsättningstillgångar", values: [nil, nil], bold: true),
            .init(label: "Fordringar", note: "4", values: [c.receivablesTotal, p.receivablesTotal]),
            .init(label: "Kassa och bank", values: [c.cash, p.cash]),
            .init(label: "Summa omsättningstillgångar", values: [c.totalAssets, p.totalAssets], bold: true),
            .init(label: "Summa tillgångar", values: [c.totalAssets, p.totalAssets], bold: true),
            .init(label: "Eget kapital, avsättningar och skulder", values: [nil, nil], bold: true),
        ]
        if style.balanceSheetStyleB {
            rows += [
                .init(label: "Ingående eget kapital", values: [c.openingEquity, p.openingEquity]),
                .init(label: "Årets resultat", values: [c.result, p.result]),
                .init(label: "Utgående eget kapital", values: [c.closingEquity, p.closingEquity], bold: true),
            ]
        } else {
            rows += [
                .init(label: "Eget kapital", values: [nil, nil], bold: true),
                .init(label: "Årets resultat", values: [c.result, p.result]),
                .init(label: "Övrigt eget kapital", values: [c.openingEquity, p.openingEquity]),
                .init(label: "Summa eget kapital", values: [c.closingEquity, p.closingEquity], bold: true),
            ]
        }
        rows += [
            .init(label: "Skulder", values: [nil, nil], bold: true),
            .init(label: "Kortfristiga skulder", note: "5", values: [c.payablesTotal, p.payablesTotal]),
            .init(label: "Summa eget kapital, avsättningar och skulder",
                  values: [c.closingEquity + c.payablesTotal, p.closingEquity + p.payablesTotal], bold: true),
        ]
        return PrintedTable(id: "balance_sheet", title: "Balansräkning", unit: "kr", unitLine: style.unitLine,
                            columns: twoYears, rows: rows)
    }

    var cashFlow: PrintedTable {
        let c = f.current, p = f.previous
        let dRecC = -(c.receivablesTotal - p.receivablesTotal), dRecP = -(p.receivablesTotal - f.earlierReceivables)
        let dPayC = c.payablesTotal - p.payablesTotal, dPayP = p.payablesTotal - f.earlierPayables
        let opC = c.result + dRecC + dPayC, opP = p.result + dRecP + dPayP
        return PrintedTable(
            id: "cash_flow", title: "Kassaflödesanalys", unit: "kr", unitLine: style.unitLine, columns: twoYears,
            rows: [
                .init(label: "Årets resultat", values: [c.result, p.result]),
                .init(label: "Justering för ej likviditetspåverkande poster", values: [0, 0]),
                .init(label: "Medel från verksamheten före förändring av rörelsekapital", values: [c.result, p.result], bold: true),
                .init(label: "Ökning(-)/minskning(+) kortfristiga fordringar", values: [dRecC, dRecP]),
                .init(label: "Ökning(+)/minskning(-) kortfristiga skulder", values: [dPayC, dPayP]),
                .init(label: "Kassaflöde från den löpande verksamheten", values: [opC, opP], bold: true),
                .init(label: "Kassaflöde från investeringsverksamheten", values: [0, 0]),
                .init(label: "Kassaflöde från finansieringsverksamheten", values: [0, 0]),
                .init(label: "Årets kassaflöde", values: [opC, opP], bold: true),
                .init(label: "Likvida medel vid årets början", values: [p.cash, f.earlierCash]),
                .init(label: "Likvida medel vid årets slut", values: [c.cash, p.cash], bold: true),
            ])
    }

    var operatingStatement: PrintedTable {
        let c = f.current, p = f.previous
        func costs(_ y: Finances.Year) -> Int { y.costs - y.financialCosts }
        func income(_ y: Finances.Year) -> Int { y.income + y.financialIncome }
        let budgetIncome = f.budgetIncome + f.budgetFinancialIncome
        return PrintedTable(
            id: "operating_statement", title: "Driftredovisning", unit: "kr", unitLine: style.unitLine,
            columns: [.init(key: y, header: ["Utfall helår", y]), .init(key: "budget:\(y)", header: ["Budget \(y)"]),
                      .init(key: "deviation:\(y)", header: ["Avvikelse", "utfall-budget"]),
                      .init(key: py, header: ["Bokslut helår", py])],
            rows: [
                .init(label: "Verksamhetens kostnader", values: [costs(c), f.budgetCosts, f.budgetCosts - costs(c), costs(p)]),
                .init(label: "Verksamhetens intäkter", values: [income(c), budgetIncome, income(c) - budgetIncome, income(p)]),
                .init(label: "Resultat", values: [c.result, f.budgetResult, c.result - f.budgetResult, p.result], bold: true),
                .init(label: "Utgående eget kapital", values: [c.closingEquity, nil, nil, p.closingEquity]),
                .init(label: "Likvida medel", values: [c.cash, nil, nil, p.cash]),
            ])
    }

    var balanceRequirement: PrintedTable {
        let both = style.balanceRequirementBothYears
        let cols = both ? [PrintedTable.Column(key: y, header: [y]), .init(key: py, header: [py])] : [.init(key: y, header: [y])]
        func v(_ c: Int, _ p: Int) -> [Int?] { both ? [c, p] : [c] }
        let rc = f.current.result, rp = f.previous.result
        return PrintedTable(
            id: "balance_requirement", title: "Balanskravsresultat", unit: "kr", unitLine: style.unitLine, columns: cols,
            rows: [
                .init(label: "Årets resultat enligt resultaträkningen", values: v(rc, rp)),
                .init(label: "Samtliga realisationsvinster", prefix: "-", values: v(0, 0)),
                .init(label: "Realisationsvinster enligt undantagsmöjlighet", prefix: "+", values: v(0, 0)),
                .init(label: "Realisationsförluster enligt undantagsmöjlighet", prefix: "+", values: v(0, 0)),
                .init(label: "Orealiserade vinster och förluster i värdepapper", prefix: "-/+", values: v(0, 0)),
                .init(label: "Återföring av orealiserade vinster och förluster i värdepapper", prefix: "-/+", values: v(0, 0)),
                .init(label: "Årets resultat efter balanskravsjusteringar", values: v(rc, rp), bold: true),
                .init(label: "Reservering av medel till resultatutjämningsreserv", prefix: "-", values: v(0, 0)),
                .init(label: "Användning av medel från resultatutjämningsreserv", prefix: "+", values: v(0, 0)),
                .init(label: "Årets balanskravsresultat", values: v(rc, rp), bold: true),
            ])
    }

    var note2: PrintedTable {
        let c = f.current, p = f.previous
        var rows: [PrintedTable.Row] = zip(c.incomeRows, p.incomeRows).map { .init(label: $0.label, values: [$0.amount, $1.amount]) }
        rows.append(.init(label: "Summa", values: [c.income, p.income], bold: true))
        return PrintedTable(id: "note_2", title: "Not 2 Verksamhetens intäkter", unit: "kr", unitLine: nil,
                            columns: twoYears, rows: rows)
    }

    var note3: PrintedTable {
        let c = f.current, p = f.previous
        var rows: [PrintedTable.Row] = []
        var group = ""
        for (a, b) in zip(c.costRows, p.costRows) {
            if a.group != group { rows.append(.init(label: a.group, values: [nil, nil], bold: true)); group = a.group }
            rows.append(.init(label: a.label, values: [a.amount, b.amount], dashForMissing: true))
        }
        rows.append(.init(label: "Summa", values: [c.costs, p.costs], bold: true))
        return PrintedTable(id: "note_3", title: "Not 3 Verksamhetens kostnader", unit: "kr", unitLine: nil,
                            columns: twoYears, rows: rows)
    }

    var note4: PrintedTable {
        let c = f.current, p = f.previous
        var rows: [PrintedTable.Row] = zip(c.receivables, p.receivables).map { .init(label: $0.label, values: [$0.amount, $1.amount]) }
        rows.append(.init(label: "Summa", values: [c.receivablesTotal, p.receivablesTotal], bold: true))
        return PrintedTable(id: "note_4", title: "Not 4 Fordringar", unit: "kr", unitLine: nil, columns: twoYears, rows: rows)
    }

    var note5: PrintedTable {
        let c = f.current, p = f.previous
        var rows: [PrintedTable.Row] = zip(c.payables, p.payables).map { .init(label: $0.label, values: [$0.amount, $1.amount]) }
        rows.append(.init(label: "Summa", values: [c.payablesTotal, p.payablesTotal], bold: true))
        return PrintedTable(id: "note_5", title: "Not 5 Kortfristiga skulder", unit: "kr", unitLine: nil, columns: twoYears, rows: rows)
    }
}
