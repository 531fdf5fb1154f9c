import ArgumentParser

struct NormalizeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "normalize", abstract: "(not built yet)")

  func run() throws {
    throw ExitCode(2)
  }
}
