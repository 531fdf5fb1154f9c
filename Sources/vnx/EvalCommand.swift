import ArgumentParser

struct EvalCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "eval", abstract: "(not built yet)")

  func run() throws {
    throw ExitCode(2)
  }
}
