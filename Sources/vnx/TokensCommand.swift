import ArgumentParser

struct TokensCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "tokens", abstract: "(not built yet)")

  func run() throws {
    throw ExitCode(2)
  }
}
