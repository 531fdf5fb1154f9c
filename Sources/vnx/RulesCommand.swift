import ArgumentParser

struct RulesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "rules", abstract: "(not built yet)")

  func run() throws {
    throw ExitCode(2)
  }
}
