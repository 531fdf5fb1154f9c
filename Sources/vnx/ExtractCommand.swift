import ArgumentParser

struct ExtractCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "extract", abstract: "(not built yet)")

  func run() throws {
    throw ExitCode(2)
  }
}
