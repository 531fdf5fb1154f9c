import ArgumentParser

/// The `vnx` command: Vietnamese news in, structured JSON Lines records out.
@main
struct VNX: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "vnx",
    abstract: "Turn Vietnamese news articles into structured records (JSON Lines).",
    discussion: """
      Exit codes: 0 success; 1 some documents had errors (each still produced its record);
      2 bad usage, unreadable rules or rules with errors (nothing processed).
      """,
    version: "0.1.0",
    subcommands: [
      ExtractCommand.self, NormalizeCommand.self, TokensCommand.self, RulesCommand.self,
      ExplainCommand.self, EvalCommand.self, BenchCommand.self,
    ]
  )
}
