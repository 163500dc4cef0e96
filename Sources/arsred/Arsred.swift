import ArgumentParser
import Foundation

@main
struct Arsred: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "arsred",
        abstract: "Turns Swedish samordningsförbund annual reports (PDF or OCR'd text) into the dataset-v1 JSON.",
        subcommands: [ExtractCommand.self, PagesCommand.self, DiffCommand.self, ExportCommand.self, ReviewCommand.self]
    )

    /// Exit status 2 for every usage error (ArgumentParser's own is 64).
    static func main() {
        if let problem = OptionLikeFiles.problem(in: Array(CommandLine.arguments.dropFirst())) {
            FileHandle.standardError.write(Data((problem + "\n").utf8))
            Foundation.exit(2)
        }
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                FileHandle.standardError.write((fullMessage(for: error) + "\n").data(using: .utf8)!)
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
