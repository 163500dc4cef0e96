import Yams

/// The arithmetic relations the statements state (`pipelines/checks.yaml`): per table, rules
/// like `a + b - |c| = d || e + f`, parsed once and evaluated by `TableChecks`.
public struct CheckRelations: Sendable {
    /// One figure of a relation: a row (the first of `key` the table has) of `table` (nil: the
    /// relation's own), added with `sign`, by its magnitude when `absolute`; `optional` may be missing.
    struct Term: Sendable, Equatable {
        var table: String?
        var key: [String]
        var sign: Double
        var absolute: Bool
        var optional = false
    }

    struct Relation: Sendable {
        var table: String
        var rule: String
        var lhs: [Term]
        /// Alternatives for the right-hand side; the relation holds when one does.
        var rhs: [[Term]]
    }

    /// In the order of the file: checks are reported in it.
    var relations: [Relation]

    /// A rule that does not parse, with the reason.
    struct RuleError: Error, CustomStringConvertible, Equatable {
        var description: String
    }

    /// Parses `a + b - |c| = d || e + f`; a term may name another table (`income_statement.x`)
    /// and list alternative row keys (`summa_eget_kapital/utgaende_eget_kapital`).
    static func relation(_ table: String, _ rule: String) throws -> Relation {
        let sides = rule.components(separatedBy: " = ")
        guard sides.count == 2 else { throw RuleError(description: "a rule has one ` = `, this has \(sides.count - 1)") }
        let lhs = try terms(sides[0])
        let rhs = try sides[1].components(separatedBy: " || ").map(terms)
        return Relation(table: table, rule: rule, lhs: lhs, rhs: rhs)
    }

    private static func terms(_ side: String) throws -> [Term] {
        var out: [Term] = []
        var sign = 1.0
        var expectTerm = true
        for token in side.split(separator: " ") {
            if token == "+" || token == "-" {
                guard !expectTerm else { throw RuleError(description: "`\(token)` where a row key belongs in `\(side)`") }
                sign = token == "+" ? 1 : -1
                expectTerm = true
                continue
            }
            guard expectTerm else { throw RuleError(description: "two row keys without `+` or `-` between them in `\(side)`") }
            out.append(try term(String(token), sign: sign))
            sign = 1
            expectTerm = false
        }
        guard !out.isEmpty, !expectTerm else { throw RuleError(description: "a side ends without a row key: `\(side)`") }
        return out
    }

    private static func term(_ token: String, sign: Double) throws -> Term {
        var t = token
        let optional = t.hasSuffix("?")
        if optional { t.removeLast() }
        let absolute = t.count > 2 && t.hasPrefix("|") && t.hasSuffix("|")
        if absolute { t = String(t.dropFirst().dropLast()) }
        var table: String? = nil
        if let dot = t.firstIndex(of: ".") { table = String(t[..<dot]); t = String(t[t.index(after: dot)...]) }
        let keys = t.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let valid = { (s: String) in !s.isEmpty && s.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "_" } }
        guard keys.allSatisfy(valid), table.map(valid) ?? true else {
            throw RuleError(description: "`\(token)` is no row key (lower-case letters, digits and `_`, alternatives split by `/`)")
        }
        return Term(table: table, key: keys, sign: sign, absolute: absolute, optional: optional)
    }

    /// `relations:` maps a table id to its rules, in the order they are checked. An error names
    /// the line of the rule.
    static func parse(_ yaml: String) throws -> CheckRelations {
        func fail(_ node: Node?, _ why: String) -> RuleError {
            RuleError(description: (node?.mark.map { "line \($0.line): " } ?? "") + why)
        }
        let root = try Yams.compose(yaml: yaml)
        guard let tables = root?.mapping?["relations"]?.mapping else { throw fail(root, "missing `relations:` (a table id -> its rules)") }
        var relations: [Relation] = []
        for (tableNode, rulesNode) in tables {
            guard let table = tableNode.string else { throw fail(tableNode, "a table id is a plain word") }
            guard let rules = rulesNode.sequence else { throw fail(rulesNode, "\(table): a list of rules") }
            for ruleNode in rules {
                guard let rule = ruleNode.string else { throw fail(ruleNode, "\(table): a rule is one line of text") }
                do { relations.append(try relation(table, rule)) } catch let e as RuleError {
                    throw fail(ruleNode, "\(table): \(e.description)")
                }
            }
        }
        return CheckRelations(relations: relations)
    }
}
