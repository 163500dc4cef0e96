import Foundation

// make-corpus DIR: writes the sample reports and their hand data into DIR (default corpus/).
let args = CommandLine.arguments.dropFirst()
if args.contains("-h") || args.contains("--help") {
    print("usage: make-corpus [DIR]   writes the sample reports (PDF + .truth.json) into DIR (default corpus/)")
    exit(0)
}
let dir = URL(fileURLWithPath: args.first ?? "corpus")
do {
    _ = try SurveyData.loadQuestionTexts()
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    for spec in Corpus.reports {
        let report = ReportBuilder.build(spec)
        let bytes = try ReportWriter.write(report, to: dir)
        print("\(spec.stem).pdf: \(report.pages.count) pages, \(spec.variant.rawValue), \(bytes) bytes")
    }
} catch {
    FileHandle.standardError.write(Data("make-corpus: \(error)\n".utf8))
    exit(1)
}
