import Foundation

/// Comma-separated values as spreadsheets write them: `;` or `,` between fields, fields quoted
/// with `"` when they hold the separator, a quote or a line break.
public enum LongFormCSV {
    /// The columns every long-form CSV has, in the order export writes them.
    public static let figureColumns = ["organisation", "fiscalYear", "table", "key", "column", "value"]

    /// One record and the line it starts on (1-based).
    public struct Record: Equatable, Sendable {
        public var line: Int
        public var fields: [String]
    }

    /// `;` when the header line has one outside quotes, else `,`.
    public static func separator(ofHeader text: Substring) -> Character {
        var quoted = false
        for ch in text {
            if ch == "\"" { quoted.toggle() }
            else if ch == "\n" || ch == "\r\n" { break }
            else if ch == ";" && !quoted { return ";" }
        }
        return ","
    }

    /// Splits `text` into records. Blank lines are dropped; a quoted field may span lines.
    public static func records(_ text: String, separator: Character) -> [Record] {
        var out: [Record] = []
        var fields: [String] = []
        var field = ""
        var quoted = false
        var fieldWasQuoted = false
        var line = 1
        var recordLine = 1
        func endRecord() {
            fields.append(field)
            if !(fields.count == 1 && fields[0].isEmpty && !fieldWasQuoted) {
                out.append(Record(line: recordLine, fields: fields))
            }
            fields = []; field = ""; fieldWasQuoted = false
        }
        var chars = text.makeIterator()
        var pending: Character? = nil
        while let ch = pending ?? chars.next() {
            pending = nil
            if quoted {
                if ch == "\"" {
                    let next = chars.next()
                    if next == "\"" { field.append("\"") } else { quoted = false; pending = next }
                } else {
                    if ch == "\n" || ch == "\r\n" { line += 1 }
                    field.append(ch)
                }
                continue
            }
            switch ch {
            case "\"" where field.isEmpty: quoted = true; fieldWasQuoted = true
            case separator: fields.append(field); field = ""; fieldWasQuoted = false
            case "\n", "\r\n", "\r": endRecord(); line += 1; recordLine = line
            default: field.append(ch)
            }
        }
        if !field.isEmpty || !fields.isEmpty || fieldWasQuoted { endRecord() }
        return out
    }

    /// One field, quoted when it must be.
    public static func quote(_ field: String, separator: Character) -> String {
        guard field.contains(where: { $0 == separator || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
        else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    public static func line(_ fields: [String], separator: Character = ",") -> String {
        fields.map { quote($0, separator: separator) }.joined(separator: String(separator)) + "\n"
    }
}

/// Figures as text: read as people key them into spreadsheets (Swedish style), written plain
/// for files and grouped for people. Strict: no OCR repairs, a typo is an error.
public enum FigureFormat {
    /// `1 234 567`, `-12,5`, `−300`, `(1 200)`, `1.234.567`, `1.234,5`, `42 %` -> Double;
    /// nil when the text is not a number. A single `.` is a decimal point.
    public static func parse(_ text: String) -> Double? {
        var s = text.filter { !$0.isWhitespace && $0 != "\u{00A0}" && $0 != "\u{202F}" && $0 != "\u{2009}" }
        if s.hasSuffix("%") { s.removeLast() }
        var negative = false
        if s.hasPrefix("(") && s.hasSuffix(")") && s.count > 2 {
            negative = true; s = String(s.dropFirst().dropLast())
        }
        if let first = s.first, first == "-" || first == "\u{2212}" || first == "\u{2013}" {
            negative.toggle(); s.removeFirst()
        } else if s.first == "+" {
            s.removeFirst()
        }
        let commas = s.filter { $0 == "," }.count
        let dots = s.filter { $0 == "." }.count
        if commas > 1 { return nil }
        if commas == 1 {
            s = s.replacingOccurrences(of: ".", with: "").replacingOccurrences(of: ",", with: ".")
        } else if dots > 1 {
            s = s.replacingOccurrences(of: ".", with: "")
        }
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), !parts[0].isEmpty,
              parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let v = Double(s) else { return nil }
        return negative ? -v : v
    }

    /// Shortest plain form: `8035996`, `-12.5`; never an exponent, so files diff well.
    public static func plain(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        var s = String(format: "%.6f", value)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s
    }

    /// `8 035 996`, `-12,5`: for people.
    public static func printed(_ value: Double) -> String {
        let plain = plain(abs(value))
        let parts = plain.split(separator: ".", maxSplits: 1)
        var digits = Array(parts[0])
        var grouped = ""
        while digits.count > 3 {
            grouped = "\u{00A0}" + String(digits.suffix(3)) + grouped
            digits.removeLast(3)
        }
        grouped = String(digits) + grouped
        if parts.count > 1 { grouped += "," + parts[1] }
        return (value < 0 ? "−" : "") + grouped
    }
}
