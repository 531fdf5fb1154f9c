import ArgumentParser
import RuleEngine

/// `vnx rules check|test [DIR]`.
struct RulesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "rules",
    abstract: "Check and test rule files.",
    discussion: "The rule language is described in rules/README.md.",
    subcommands: [Check.self, Test.self])

  /// Loads the rules in `directory` (or the default folder), printing every diagnostic to
  /// standard error; exits 2 when there are errors.
  static func load(_ directory: String?) throws -> (RuleSet, String) {
    guard let dir = directory ?? RuleSetLocator.defaultDirectory() else {
      printError("error: no rules folder found; give one as DIR")
      throw ExitCode(2)
    }
    let (set, diagnostics) = RuleSet.load(directory: dir)
    for d in diagnostics { printError(d.rendered) }
    guard let set else {
      let errors = diagnostics.filter(\.isError).count
      printError("\(errors) error\(errors == 1 ? "" : "s") in \(dir)")
      throw ExitCode(2)
    }
    return (set, dir)
  }

  struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Load and compile every rule file; print every error as FILE:LINE:COL: error: MESSAGE.",
      discussion: "Exit 0 when the rules compile, 2 when there are errors.")

    @Argument(help: "The rules folder (default: the project's rules/).")
    var directory: String?

    func run() throws {
      let (set, dir) = try RulesCommand.load(directory)
      print("\(dir): \(set.ruleCount) rules OK (\(set.fingerprint))")
    }
  }

  struct Test: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Run every example and counterexample in the rule files.",
      discussion: "Prints the failures with file:line, then 'N passed, N failed'. Exit 0 when all pass, 1 on failures, 2 when the rules have errors.")

    @Argument(help: "The rules folder (default: the project's rules/).")
    var directory: String?

    func run() throws {
      let (set, _) = try RulesCommand.load(directory)
      let report = set.runTests()
      print(report.rendered)
      if !report.succeeded { throw ExitCode(1) }
    }
  }
}
