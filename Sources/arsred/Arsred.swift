import ArgumentParser

@main
struct Arsred: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "arsred",
        abstract: "Turns Swedish samordningsförbund annual reports (PDF or OCR'd text) into the dataset-v1 JSON.",
        subcommands: [ExtractCommand.self, PagesCommand.self, DiffCommand.self, ExportCommand.self, ReviewCommand.self]
    )
}
