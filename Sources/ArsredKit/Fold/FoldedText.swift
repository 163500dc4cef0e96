/// The Swedish ASCII-folded form every match is made on (contract: "Folding and keys").
/// `Försäkringskassan` -> `forsakringskassan`, `Verksamhetens intäkter` -> `verksamhetens_intakter`.
public enum FoldedText {
    /// fold(s): lower-case; å ä à á â ã -> a, ö ò ó ô õ ø -> o, é è ê ë -> e, ü -> u; every other
    /// run of characters outside a-z0-9 becomes one `_`; leading and trailing `_` dropped.
    public static func fold(_ s: String) -> String {
        var out = [UInt8]()
        out.reserveCapacity(s.utf8.count)
        var pendingSeparator = false
        for ch in s.lowercased().unicodeScalars {
            let mapped: UInt8?
            switch ch {
            case "a"..."z", "0"..."9": mapped = UInt8(ch.value)
            case "å", "ä", "à", "á", "â", "ã": mapped = UInt8(ascii: "a")
            case "ö", "ò", "ó", "ô", "õ", "ø": mapped = UInt8(ascii: "o")
            case "é", "è", "ê", "ë": mapped = UInt8(ascii: "e")
            case "ü": mapped = UInt8(ascii: "u")
            default: mapped = nil
            }
            if let m = mapped {
                if pendingSeparator && !out.isEmpty { out.append(UInt8(ascii: "_")) }
                pendingSeparator = false
                out.append(m)
            } else {
                pendingSeparator = true
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
