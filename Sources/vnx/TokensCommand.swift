import ArgumentParser
import Tokenization
import VNText

struct TokensCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "tokens",
    abstract: "Print the token stream of a text.",
    discussion: """
      One token per line. With --json, one JSON object per token: kind, text (the original
      text), start and end (Unicode scalar offsets into the original input) and, for typed
      tokens, the parsed value.
      """)

  @Argument(help: "A file, or '-'/nothing for standard input.")
  var file: String?

  @Flag(help: "One JSON object per token.")
  var json = false

  @OptionGroup var normalization: NormalizationOptions

  func run() throws {
    let text = Normalizer(options: normalization.options).normalize(bytes: try readInput(file))
    let tokens = Tokenizer().tokenize(text)
    var out: [UInt8] = []
    for token in tokens {
      out.append(contentsOf: (json ? tokenJSON(token, in: text) : tokenLine(token, in: text)).utf8)
      out.append(0x0A)
    }
    writeOut(out)
  }
}
