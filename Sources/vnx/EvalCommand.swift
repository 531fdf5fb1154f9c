import ArgumentParser
import Evaluation
import Extraction

struct EvalCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "eval",
    abstract: "Score extraction against gold annotations: precision, recall, F1 per type and metric.",
    discussion: """
      PATHs are inputs as for `vnx extract` (files or folders of articles), which are extracted
      with the current rules and scored; a .jsonl file whose lines are already records
      ("schema": "vnx.record/1") is scored as it is. Gold format: annotation-guidelines.md.
      """)

  @Option(help: "The gold annotations (JSON Lines).")
  var gold: String

  @Argument(help: "Articles (files or folders) or record files; '-' for standard input.")
  var paths: [String] = []

  @Flag(help: "Print the report as JSON.")
  var json = false

  @OptionGroup var rules: RulesOption
  @OptionGroup var normalization: NormalizationOptions

  @Option(help: "Worker threads (default: all cores).")
  var jobs: Int?

  func run() throws {
    let goldSet: GoldSet
    do {
      goldSet = try GoldSet.load(path: gold)
    } catch {
      printError("\(error)")  // GoldError renders as "FILE:LINE: error: …"
      throw ExitCode(2)
    }
    var lines: [String] = []
    var articles: [String] = []
    for path in paths {
      if path.hasSuffix(".jsonl"), let recordLines = RecordFile.recordLines(path: path) {
        lines += recordLines
      } else {
        articles.append(path)
      }
    }
    if !articles.isEmpty || paths.isEmpty {
      let ruleSet = try rules.load()
      var options = ExtractionOptions()
      options.normalization = normalization.options
      let extractor = Extractor(ruleSet: ruleSet, options: options)
      let source = InputSource(paths: articles)
      let memory = MemorySink()
      _ = try BatchRunner(jobs: jobs ?? System.coreCount).run(source: source, extractor: extractor, sink: memory)
      lines += memory.lines
    }
    let report = Evaluator(gold: goldSet).evaluate(recordLines: lines)
    var text = json ? report.renderJSON() : report.renderText()
    if !text.hasSuffix("\n") { text += "\n" }
    writeOut(Array(text.utf8))
  }
}
