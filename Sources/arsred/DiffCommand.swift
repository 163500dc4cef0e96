import ArgumentParser

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "diff", abstract: "(not built yet)")
    func run() throws { throw ExitCode(2) }
}
