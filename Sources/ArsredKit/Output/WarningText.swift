extension Diagnostic {
    /// The contract's warning string: `page 41: <message>` when the diagnostic names a page (a
    /// survey's names its check key too, and opens with its page), `income_statement: <message>`
    /// when it names a table, the message alone otherwise.
    public var rendered: String {
        if let page { return "page \(page): \(message)" }
        if let table { return "\(table): \(message)" }
        return message
    }
}
