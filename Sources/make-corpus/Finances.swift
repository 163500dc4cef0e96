/// The economy of one fictional förbund over the fiscal year and the one before, drawn from a seed
/// so that every printed relation holds: notes sum to the statement lines, the balance sheet
/// balances, the cash flow ends in the cash at bank.
struct Finances {
    struct Year {
        var incomeRows: [(label: String, amount: Int)] = []
        var costRows: [(group: String, label: String, amount: Int?)] = []
        var receivables: [(label: String, amount: Int)] = []
        var payables: [(label: String, amount: Int)] = []
        var financialIncome = 0
        /// Negative or zero.
        var financialCosts = 0
        var openingEquity = 0

        var income: Int { incomeRows.reduce(0) { $0 + $1.amount } }
        var costs: Int { costRows.reduce(0) { $0 + ($1.amount ?? 0) } }
        var operatingResult: Int { income - costs }
        var result: Int { operatingResult + financialIncome + financialCosts }
        var closingEquity: Int { openingEquity + result }
        var receivablesTotal: Int { receivables.reduce(0) { $0 + $1.amount } }
        var payablesTotal: Int { payables.reduce(0) { $0 + $1.amount } }
        /// Cash is what makes the balance sheet balance.
        var cash: Int { closingEquity + payablesTotal - receivablesTotal }
        var totalAssets: Int { receivablesTotal + cash }
        var soliditetPercent: Int { Int((Double(closingEquity) / Double(totalAssets) * 100).rounded()) }
    }

    let year: Int
    var current: Year
    var previous: Year
    /// Receivables, payables and equity at the end of the year before `previous` (for its cash flow).
    var earlierReceivables: Int
    var earlierPayables: Int
    var budgetIncome: Int
    var budgetCosts: Int
    var budgetFinancialIncome: Int
    /// Key figures of the three years before `previous`, in tkr: income, costs, result, soliditet, staff.
    var olderOverview: [(income: Int, costs: Int, result: Int, soliditet: Int, staff: Int)]
    var staff: (current: Int, previous: Int)

    var budgetResult: Int { budgetIncome + budgetFinancialIncome - budgetCosts }
    var earlierCash: Int { previous.openingEquity + earlierPayables - earlierReceivables }

    init(year: Int, region: String, municipalities: [(name: String, weight: Double)],
         programmes: [(name: String, startedThisYear: Bool)], rng: inout SeededRandom) {
        self.year = year
        let contribution = rng.int(4_000...9_000) * 1_000
        let previousContribution = Int((Double(contribution) * rng.double(0.95...0.995) / 1000).rounded()) * 1000
        let members = Members(region: region, municipalities: municipalities, programmes: programmes)

        var prev = members.year(contribution: previousContribution, previousYear: true, rng: &rng)
        prev.financialIncome = rng.int(500...60_000)
        prev.financialCosts = rng.int(0...1) == 0 ? 0 : -rng.int(100...1_500)
        prev.openingEquity = rng.int(1_800_000...4_200_000)

        var cur = members.year(contribution: contribution, previousYear: false, rng: &rng)
        cur.financialIncome = rng.int(500...90_000)
        cur.financialCosts = -rng.int(0...1_200)
        cur.openingEquity = prev.closingEquity
        current = cur; previous = prev

        earlierReceivables = rng.int(40_000...250_000)
        earlierPayables = rng.int(300_000...1_400_000)
        budgetIncome = contribution
        budgetCosts = contribution + rng.int(2...9) * 50_000
        budgetFinancialIncome = rng.int(1...8) * 10_000
        staff = (rng.int(1...3), rng.int(1...3))
        olderOverview = Self.olderOverview(from: previousContribution, rng: &rng)
    }

    /// The five-year overview: `current`, `previous` and this many years before.
    static let olderYears = 3

    /// Key figures (tkr) of the three years before `previous`, each a little smaller than the next.
    private static func olderOverview(from previousContribution: Int, rng: inout SeededRandom)
        -> [(income: Int, costs: Int, result: Int, soliditet: Int, staff: Int)] {
        var older: [(income: Int, costs: Int, result: Int, soliditet: Int, staff: Int)] = []
        var base = previousContribution / 1000
        for _ in 0..<olderYears {
            base = Int(Double(base) * rng.double(0.95...0.995))
            let inc = base + rng.int(20...250), cost = base + rng.int(-300...400)
            older.append((income: inc, costs: cost, result: inc - cost, soliditet: rng.int(55...85), staff: rng.int(1...3)))
        }
        return older
    }

    /// Who pays in and what the money goes to: the rows of one year's statements.
    private struct Members {
        var region: String
        var municipalities: [(name: String, weight: Double)]
        var programmes: [(name: String, startedThisYear: Bool)]

        /// The rows of one year, drawn in the same order for both years (the figures depend on it).
        func year(contribution: Int, previousYear: Bool, rng: inout SeededRandom) -> Year {
            var y = Year()
            y.incomeRows = income(contribution)
            Self.addOtherIncome(&y.incomeRows, rng: &rng)
            y.costRows = costs(contribution, previousYear: previousYear, rng: &rng)
            y.receivables = Self.receivables(rng: &rng)
            y.payables = Self.payables(rng: &rng)
            return y
        }

        /// Half from Försäkringskassan, a quarter from the region, the rest split by the municipalities' weights.
        func income(_ total: Int) -> [(label: String, amount: Int)] {
            var rows: [(label: String, amount: Int)] = [("Driftbidrag från Försäkringskassan", total / 2),
                                                        ("Driftbidrag från \(region)", total / 4)]
            let municipal = total - total / 2 - total / 4
            let weightSum = municipalities.reduce(0) { $0 + $1.weight }
            var left = municipal
            for (i, m) in municipalities.enumerated() {
                let share = i == municipalities.count - 1 ? left : Int(Double(municipal) * m.weight / weightSum)
                rows.append(("Driftbidrag från \(m.name)", share)); left -= share
            }
            return rows
        }

        static func addOtherIncome(_ rows: inout [(label: String, amount: Int)], rng: inout SeededRandom) {
            rows.append(("Försäljning av tjänster", rng.int(20_000...320_000)))
            rows.append(("Övriga ersättningar och intäkter", rng.int(0...3) == 0 ? 0 : rng.int(1_000...90_000)))
            rows.append(("Öres- och kronutjämning", rng.int(-6...6)))
        }

        func costs(_ budget: Int, previousYear: Bool, rng: inout SeededRandom) -> [(group: String, label: String, amount: Int?)] {
            var rows: [(group: String, label: String, amount: Int?)] = []
            let programmeShare = Double(budget) * rng.double(0.62...0.72)
            // A programme that started this year had no costs the year before; the others had its share.
            let weights = programmes.map { p in p.startedThisYear && previousYear ? 0 : rng.double(0.6...1.4) }
            for (p, w) in zip(programmes, weights) {
                let amount = w == 0 ? nil : Int(programmeShare * w / weights.reduce(0, +)) + rng.int(-40_000...40_000)
                rows.append(("Individinriktade insatser", p.name, amount))
            }
            rows.append(("Strukturövergripande insatser", "Samverkansteam", rng.int(60_000...180_000)))
            rows.append(("Strukturövergripande insatser", "Kompetensutveckling", rng.int(30_000...120_000)))
            rows.append(("Administration", "Styrelse", rng.int(50_000...110_000)))
            rows.append(("Administration", "Personalkostnader kansli", Int(Double(budget) * rng.double(0.14...0.2))))
            rows.append(("Administration", "Övrig administration", rng.int(90_000...220_000)))
            rows.append(("Administration", "Revision", rng.int(50_000...95_000)))
            rows.append(("Administration", "Ekonomihantering", rng.int(70_000...150_000)))
            return rows
        }

        static func receivables(rng: inout SeededRandom) -> [(label: String, amount: Int)] {
            [("Kundfordringar", rng.int(0...2) == 0 ? 0 : rng.int(5_000...60_000)),
             ("Skattekonto", rng.int(1_000...20_000)),
             ("Fordran moms", rng.int(20_000...110_000)),
             ("Förutbetalda kostnader", rng.int(2_000...30_000)),
             ("Övriga interimsfordringar", rng.int(5_000...80_000))]
        }

        static func payables(rng: inout SeededRandom) -> [(label: String, amount: Int)] {
            [("Leverantörsskulder", rng.int(150_000...700_000)),
             ("Personalens källskatt", rng.int(10_000...70_000)),
             ("Avräkning lagstadgade sociala avgifter", rng.int(8_000...55_000)),
             ("Upplupna semesterlöner", rng.int(8_000...70_000)),
             ("Beräknade upplupna lagstadgade sociala avgifter", rng.int(4_000...32_000)),
             ("Övriga interimsskulder", rng.int(100_000...600_000))]
        }
    }
}
