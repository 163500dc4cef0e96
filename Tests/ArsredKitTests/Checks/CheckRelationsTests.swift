import Foundation
import Testing
@testable import ArsredKit

/// `pipelines/checks.yaml` as `TableChecks` reads it, and the one-line errors of a rule that
/// does not parse.
@Suite struct CheckRelationsTests {
    @Test func aRuleParsesIntoSignedTermsAndAlternatives() throws {
        let r = try CheckRelations.relation("five_year_overview",
            "verksamhetens_kostnader - |x/y| + income_statement.z? = a || b + other.c")
        #expect(r.lhs == [
            CheckRelations.Term(table: nil, key: ["verksamhetens_kostnader"], sign: 1, absolute: false),
            CheckRelations.Term(table: nil, key: ["x", "y"], sign: -1, absolute: true),
            CheckRelations.Term(table: "income_statement", key: ["z"], sign: 1, absolute: false, optional: true),
        ])
        #expect(r.rhs.count == 2)
        #expect(r.rhs[1].map(\.table) == [nil, "other"])
    }

    @Test func theCheckoutsRelationsLoadInTheirFileOrder() throws {
        let checks = try PipelineConfiguration.load().checks
        let tables = checks.relations.map(\.table)
        // Grouped by table, in the order of the file's keys.
        var order: [String] = []
        for t in tables where order.last != t { order.append(t) }
        #expect(order == ["income_statement", "balance_sheet", "cash_flow", "operating_statement", "balance_requirement", "five_year_overview"])
        #expect(checks.relations.first?.rule == "verksamhetens_intakter - |verksamhetens_kostnader| = resultat")
    }

    @Test func aBadRuleNamesItsLineAndWhy() {
        let yaml = "relations:\n  income_statement:\n    - a + b = c\n    - a = b = c\n"
        #expect(throws: CheckRelations.RuleError(description: "line 4: income_statement: a rule has one ` = `, this has 2")) {
            try CheckRelations.parse(yaml)
        }
        let twoKeys = "relations:\n  cash_flow:\n    - a b = c\n"
        #expect(throws: CheckRelations.RuleError(description: "line 3: cash_flow: two row keys without `+` or `-` between them in `a b`")) {
            try CheckRelations.parse(twoKeys)
        }
        let badKey = "relations:\n  cash_flow:\n    - a + B = c\n"
        #expect(throws: CheckRelations.RuleError.self) { try CheckRelations.parse(badKey) }
        #expect(throws: CheckRelations.RuleError(description: "line 1: missing `relations:` (a table id -> its rules)")) {
            try CheckRelations.parse("rules: []\n")
        }
    }

    /// The run stops before any document with the file's path, the rule's line and the cause.
    @Test func aBrokenRuleStopsTheRunInOneLine() throws {
        let dir = try BrokenFiles.folder(), pipelines = dir.appendingPathComponent("pipelines")
        try FileManager.default.copyItem(at: try PipelineResources.directory(), to: pipelines)
        let checks = pipelines.appendingPathComponent("checks.yaml")
        var text = try String(contentsOf: checks, encoding: .utf8)
        text = text.replacingOccurrences(of: "    - arets_resultat = resultat_efter_finansiella_poster\n",
                                         with: "    - arets_resultat + = resultat_efter_finansiella_poster\n")
        try text.write(to: checks, atomically: true, encoding: .utf8)
        let line = text.components(separatedBy: "\n").firstIndex { $0.contains("arets_resultat + =") }! + 1
        let input = dir.appendingPathComponent("report.txt")
        try Data("Resultaträkning\nVerksamhetens intäkter 100\n".utf8).write(to: input)
        let r = try BatchRun.arsred(["extract", "--out", dir.appendingPathComponent("out").path, input.path],
                                    environment: ["ARSRED_PIPELINES": pipelines.path])
        #expect(r.status == 2)
        #expect(r.stderr == "arsred: \(checks.path): line \(line): income_statement: a side ends without a row key: `arets_resultat +`\n")
    }
}
