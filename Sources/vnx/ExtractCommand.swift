import ArgumentParser
import Extraction
import Tokenization

#if canImport(Glibc)
  import Glibc
#endif

struct ExtractCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "extract",
    abstract: "Extract records (JSON Lines) from articles.",
    discussion: """
      PATHs are files or folders (searched recursively for *.txt and *.jsonl); none or '-' reads
      standard input. One record per document, in input order; a document that cannot be read
      yields an error record. Exit 0 when all went well, 1 when some documents had errors,
      2 for bad usage or bad rules.
      """)

  @Argument(help: "Files or folders; '-' or nothing for standard input.")
  var paths: [String] = []

  @Option(name: [.short, .customLong("output")], help: "Write to FILE (whole or not at all) instead of standard output.")
  var output: String?

  @OptionGroup var rules: RulesOption
  @OptionGroup var normalization: NormalizationOptions

  @Option(help: "Worker threads (default: all cores).")
  var jobs: Int?

  @Option(help: "auto (by extension; standard input is sniffed), text or jsonl.")
  var inputFormat: InputFormat = .auto

  @Option(help: "JSON Lines field holding the text.")
  var textField = "text"

  @Option(help: "JSON Lines field holding the id.")
  var idField = "id"

  @Option(help: "YYYY-MM-DD: the year for dates without one when the document gives none.")
  var referenceDate: String?

  @Flag(inversion: .prefixedNo, help: "Show progress on standard error (default: when it is a terminal).")
  var progress: Bool?

  func validate() throws {
    if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    if let referenceDate, ExtractCommand.parseDate(referenceDate) == nil {
      throw ValidationError("--reference-date must be a valid date YYYY-MM-DD, not '\(referenceDate)'")
    }
  }

  static func parseDate(_ s: String) -> SimpleDate? {
    let parts = s.split(separator: "-").map { Int($0) }
    guard parts.count == 3, let y = parts[0], let m = parts[1], let d = parts[2], s.count == 10,
      SimpleDate.isValid(year: y, month: m, day: d)
    else { return nil }
    return SimpleDate(year: y, month: m, day: d)
  }

  func run() throws {
    let ruleSet = try rules.load()
    var options = ExtractionOptions()
    options.normalization = normalization.options
    options.referenceDate = referenceDate.flatMap(ExtractCommand.parseDate)
    options.textField = textField
    options.idField = idField
    let extractor = Extractor(ruleSet: ruleSet, options: options)

    Interruption.install()
    let sink: OutputSink
    do throws(OutputSink.Failure) {
      sink = try output.map { path throws(OutputSink.Failure) in try OutputSink(path: path) } ?? OutputSink()
    } catch {
      printError("error: \(error)")
      throw ExitCode(2)
    }
    let source = InputSource(paths: paths, format: inputFormat)
    let showProgress = progress ?? (isatty(2) != 0)
    let runner = BatchRunner(jobs: jobs ?? System.coreCount)
    var lastDraw = 0.0
    let summary: BatchRunner.Summary
    do throws(OutputSink.Failure) {
      summary = try runner.run(source: source, extractor: extractor, sink: sink) { s in
        guard showProgress, s.seconds - lastDraw >= 0.2 else { return }
        lastDraw = s.seconds
        writeError("\r\u{1B}[K" + ProgressLine.render(s, totalBytes: source.totalBytes))
      }
    } catch {
      sink.abort()
      printError("error: \(error)")
      throw ExitCode(1)
    }
    if showProgress { writeError("\r\u{1B}[K" + ProgressLine.render(summary, totalBytes: source.totalBytes) + "\n") }
    if summary.interrupted {
      sink.abort()
      printError("interrupted: \(summary.documents) documents processed, no output file written")
      throw ExitCode(130)
    }
    if summary.outputClosed {
      sink.abort()
      return
    }
    do throws(OutputSink.Failure) {
      try sink.finish()
    } catch {
      printError("error: \(error)")
      throw ExitCode(1)
    }
    if summary.errors > 0 {
      printError("\(summary.errors) of \(summary.documents) documents had errors (see their error records)")
      throw ExitCode(1)
    }
  }
}

enum System {
  /// The number of cores this process may use.
  static var coreCount: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }
}
