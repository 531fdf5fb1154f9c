import ArgumentParser
import RuleEngine
import Tokenization
import VNText

/// `vnx explain [TEXT | --file F] [--rule ID] [--rules DIR]`.
struct ExplainCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "explain",
    abstract: "Show each stage for a text: normalized text, tokens, matches, conflicts.",
    discussion: """
      Prints the normalized text, the tokens, every rule that matched with its captures and
      emissions, the candidates that lost a conflict and to which rule, and the final
      annotations. With --rule ID, also how far that rule got at every place it was tried
      and which pattern element failed.
      """)

  @Argument(help: "The text to explain (or use --file; nothing reads standard input).")
  var text: String?

  @Option(name: .long, help: "Read the text from FILE ('-' for standard input).")
  var file: String?

  @Option(name: .long, help: "Trace this rule: where it was tried and what failed.")
  var rule: String?

  @OptionGroup var rules: RulesOption
  @OptionGroup var normalization: NormalizationOptions

  func validate() throws {
    if text != nil && file != nil { throw ValidationError("give either TEXT or --file, not both") }
  }

  func run() throws {
    let set = try rules.load()
    let normalizer = Normalizer(options: normalization.options)
    let normalized: NormalizedText
    if let text {
      normalized = normalizer.normalize(text)
    } else {
      normalized = normalizer.normalize(bytes: try readInput(file))
    }
    let tokens = Tokenizer().tokenize(normalized)
    if let id = rule, !set.ruleIDs.contains(id) {
      printError("error: no rule with id '\(id)'")
      throw ExitCode(2)
    }
    print(set.explain(normalized, tokens: tokens, rule: rule))
  }
}
