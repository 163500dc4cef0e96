import Foundation

/// Text made safe for HTML element content and attribute values.
enum HTML {
    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in s {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(ch)
            }
        }
        return out
    }

    /// An id attribute value from anything: letters, digits, `-` and `_`.
    static func anchor(_ parts: String...) -> String {
        parts.joined(separator: "-").map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") ? String($0) : "-" }.joined()
    }

    static func dataURI(png: [UInt8]) -> String {
        "data:image/png;base64," + Data(png).base64EncodedString()
    }

    static let style = """
        :root { --fail: #c62828; --fail-bg: #fde4e4; --warn: #9a6700; --warn-bg: #fff4cc;
                --diff: #6a1b9a; --diff-bg: #f0e0fa; --derived-bg: #e6f0fb; --line: #d9d9d9; }
        * { box-sizing: border-box; }
        body { font: 14px/1.4 system-ui, "DejaVu Sans", sans-serif; margin: 0; color: #1b1b1b; background: #f6f6f4; }
        header, section, nav { padding: 12px 24px; }
        nav { background: #223; } nav a { color: #fff; text-decoration: none; }
        h1 { margin: 4px 0; font-size: 22px; } h2 { font-size: 17px; margin: 0 0 8px; } h3 { font-size: 15px; margin: 4px 0; }
        .meta { color: #555; margin: 2px 0; }
        .legend span { display: inline-block; padding: 1px 8px; margin-right: 6px; border: 1px solid var(--line); border-radius: 3px; }
        .problems li.fail, .badge.fail { color: var(--fail); }
        .problems li.warn, .badge.warn { color: var(--warn); }
        .problems { background: #fff; border-top: 3px solid var(--fail); }
        .problems.clean { border-top-color: #2e7d32; }
        .page { background: #fff; margin: 16px 24px; padding: 16px; border: 1px solid var(--line); }
        .pair { display: flex; gap: 20px; align-items: flex-start; }
        .page-image { flex: 0 0 46%; margin: 0; position: sticky; top: 8px; }
        .page-image img { width: 100%; border: 1px solid #999; }
        .page-image .missing { padding: 40px 12px; border: 1px dashed #999; color: #666; text-align: center; }
        .extracted { flex: 1 1 auto; min-width: 0; overflow-x: auto; }
        table.survey { font-size: 12px; } table.survey th { white-space: normal; } table.survey td.label:first-child { min-width: 14em; }
        table.figures { border-collapse: collapse; margin: 0 0 18px; width: 100%; background: #fff; }
        table.figures caption { text-align: left; font-weight: 600; padding: 4px 0; }
        table.figures th, table.figures td { border-bottom: 1px solid var(--line); padding: 2px 6px; }
        table.figures th { background: #eee; font-weight: 600; text-align: right; white-space: nowrap; }
        table.figures th.label, table.figures td.label { text-align: left; }
        table.figures td.value { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        td.check-failed { background: var(--fail-bg); color: var(--fail); font-weight: 600; outline: 2px solid var(--fail); outline-offset: -2px; }
        td.differs { background: var(--diff-bg); color: var(--diff); font-weight: 600; }
        td.only-extracted { background: var(--diff-bg); }
        tr.only-hand td { background: var(--diff-bg); color: var(--diff); font-style: italic; }
        td.derived { background: var(--derived-bg); }
        .hand { display: block; font-size: 11px; color: var(--diff); font-weight: normal; }
        .badge { font-size: 12px; font-weight: normal; margin-left: 8px; }
        .warn-box { background: var(--warn-bg); border-left: 4px solid var(--warn); padding: 4px 10px; margin: 0 0 10px; }
        table.index { border-collapse: collapse; background: #fff; }
        table.index th, table.index td { border: 1px solid var(--line); padding: 4px 10px; text-align: left; }
        table.index td.num { text-align: right; }
        table.index td.bad { color: var(--fail); font-weight: 600; }
        """
}
