/// Page text the OCR-text fixtures share.
enum OCRTextFixture {
    /// A cash-flow analysis's unit line and label column as OCR prints it before the figure
    /// columns: the labels the statement vocabulary knows, one a line.
    static let cashFlowLabelColumn = """
        Belopp i kr
        Årets resultat
        Justering för ej likviditetspåverkande poster
        Ökning(-)/minskning(+) kortfristiga fordringar
        Ökning(+)/minskning(-) kortfristiga skulder
        Kassaflöde från den löpande verksamheten
        Årets kassaflöde
        Likvida medel vid årets början
        Likvida medel vid årets slut
        """
}
