import ArgumentParser

struct ReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "review", abstract: "(not built yet)")
    func run() throws { throw ExitCode(2) }
}
