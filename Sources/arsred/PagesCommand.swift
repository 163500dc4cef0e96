import ArgumentParser

/// Debug view of ingestion: the page model of one input as JSON.
struct PagesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "pages", abstract: "(not built yet)")
    func run() throws { throw ExitCode(2) }
}
