import ArgumentParser

#if canImport(Glibc)
  import Glibc
#endif

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

  /// Like ArgumentParser's `main`, but bad usage exits with 2, as the contract says (not 64).
  static func main() {
    do {
      var command = try parseAsRoot()
      try command.run()
    } catch {
      let code = exitCode(for: error)
      if code == .validationFailure {
        printError(fullMessage(for: error))
        Glibc.exit(2)
      }
      exit(withError: error)
    }
  }
}

/// Writes a line to standard error.
func printError(_ message: String) {
  var text = message
  if !text.hasSuffix("\n") { text += "\n" }
  writeError(text)
}

/// Writes text to standard error as it is.
func writeError(_ text: String) {
  let bytes = Array(text.utf8)
  var offset = 0
  while offset < bytes.count {
    let n = bytes.withUnsafeBytes { write(2, $0.baseAddress! + offset, bytes.count - offset) }
    if n <= 0 { return }
    offset += n
  }
}
