import ArgumentParser
import Extraction
import Foundation
import RuleEngine
import VNText

struct BenchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bench",
    abstract: "Measure throughput (MB/s, documents/s) and peak memory on a generated corpus.",
    discussion: """
      Generates a JSON Lines corpus deterministically from the articles in corpus/ (seeded),
      runs the full pipeline in-process with per-stage timing on one core, then end to end on
      one core and on all cores, and prints MB/s, documents/s and peak memory. Measure a
      release build: swift run -c release vnx bench
      """)

  @Option(help: "Size of the generated corpus in MB.")
  var size = 64

  @Option(help: "The folder of articles the corpus is made from (default: the project's corpus/).")
  var corpus: String?

  @Option(help: "Keep the generated corpus at this path (default: a temporary file, removed after).")
  var keep: String?

  @Option(help: "Seed of the corpus generator.")
  var seed: UInt64 = 2024

  @Option(help: "Job counts for the end-to-end runs (default: 1 and all cores).")
  var jobs: [Int] = []

  @Option(name: .customLong("repeat"), help: "Runs of each measurement; the fastest is reported (on a shared machine other work only slows a run down).")
  var repetitions = 3

  @Flag(help: "Also measure rule-matching cost with 50 and 1 000 generated rules.")
  var ruleScaling = false

  @OptionGroup var rules: RulesOption

  func run() throws {
    let ruleSet = try rules.load()
    guard let folder = corpus ?? RuleSetLocator.defaultDirectory().map({ $0.replacingOccurrences(of: "/rules", with: "/corpus", options: .backwards) }) else {
      printError("error: no corpus folder found; give one with --corpus DIR")
      throw ExitCode(2)
    }
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".txt") }.sorted()
    let articles = names.compactMap { try? String(contentsOfFile: folder + "/" + $0, encoding: .utf8) }
    guard !articles.isEmpty else {
      printError("error: no articles (*.txt) in \(folder)")
      throw ExitCode(2)
    }
    let path = keep ?? NSTemporaryDirectory() + "vnx-bench-\(getpid()).jsonl"
    defer { if keep == nil { try? FileManager.default.removeItem(atPath: path) } }
    let cores = System.coreCount
    let jobCounts = jobs.isEmpty ? Array(Set([1, cores])).sorted() : jobs
    let report: Benchmark.Report
    do throws(OutputSink.Failure) {
      _ = try Benchmark.generateCorpus(articles: articles, targetBytes: size * 1_000_000, seed: seed, to: path)
      report = try Benchmark.run(
        corpus: path, extractor: Extractor(ruleSet: ruleSet), jobCounts: jobCounts, repetitions: repetitions)
    } catch {
      printError("error: \(error)")
      throw ExitCode(1)
    }
    print(BenchCommand.render(report, articles: articles.count, rules: ruleSet.ruleCount, cores: cores))
    // Normalization alone, on already-clean text in memory: the articles, normalized once,
    // repeated to 100 MB.
    var clean: [UInt8] = []
    let joined = Array(Normalizer().normalize(articles.joined(separator: "\n")).string.utf8)
    while clean.count < 100_000_000 { clean += joined; clean.append(0x0A) }
    let seconds = Benchmark.normalizeOnly(clean)
    print(String(format: "normalize only: %.1f MB of clean text in memory, %.3f s, %.1f MB/s (1 core)", Double(clean.count) / 1e6, seconds, Double(clean.count) / 1e6 / seconds))
    if ruleScaling { print(RuleSet.benchmarkRuleScaling()) }
  }

  static func render(_ r: Benchmark.Report, articles: Int, rules: Int, cores: Int) -> String {
    let mb = Double(r.corpusBytes) / 1_000_000
    func f(_ v: Double, _ digits: Int = 1) -> String { String(format: "%.\(digits)f", v) }
    var lines = [
      "corpus: \(f(mb)) MB, \(r.corpusDocuments) documents (JSON Lines, from \(articles) articles); \(rules) rules; \(cores) cores",
      "",
      "stage (1 core)           seconds     MB/s",
    ]
    let stages: [(String, Double)] = [
      ("parse+decode+normalize", r.stages.normalize), ("tokenize", r.stages.tokenize),
      ("rules", r.stages.rules), ("mentions + record", r.stages.mentions), ("JSON encoding", r.stages.encode),
    ]
    let total = stages.reduce(0) { $0 + $1.1 }
    for (name, seconds) in stages + [("all stages", total)] {
      lines.append(
        name.padding(toLength: 22, withPad: " ", startingAt: 0) + f(seconds, 3).leftPad(9) + f(mb / max(seconds, 1e-9)).leftPad(9))
    }
    lines += ["", "end to end (read, all stages, ordered output)", "jobs   seconds      MB/s    docs/s"]
    for run in r.runs {
      lines.append("\(run.jobs)".leftPad(4) + f(run.seconds, 3).leftPad(10) + f(run.megabytesPerSecond).leftPad(10) + f(run.documentsPerSecond, 0).leftPad(10))
    }
    if let one = r.runs.first(where: { $0.jobs == 1 }) {
      // The stage timers cover Extractor.process only; the rest of the run is reading the
      // input, batching and writing.
      lines.append("1-job run minus all stages (read, batch, write): \(f(one.seconds - total, 3)) s")
    }
    if let one = r.runs.first(where: { $0.jobs == 1 }), let most = r.runs.last, most.jobs > 1, one.seconds > 0 {
      lines.append("speed-up with \(most.jobs) jobs: \(f(one.seconds / most.seconds, 2))×")
    }
    lines.append("peak memory: \(f(Double(r.peakMemory) / 1_048_576)) MiB")
    return lines.joined(separator: "\n")
  }
}

extension String {
  func leftPad(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
