import RuleLanguage
import Tokenization
import VNText

/// The outcome of running every example and counterexample of a rule set.
public struct RuleTestReport: Sendable {
  /// One failed example or counterexample.
  public struct Failure: Sendable, Equatable {
    public var rule: String
    public var file: String
    public var line: Int
    public var column: Int
    /// What went wrong, for people (several lines at most).
    public var message: String

    /// `FILE:LINE:COL: rule ID: message`.
    public var rendered: String { "\(file):\(line):\(column): rule \(rule): \(message)" }
  }

  public var passed: Int
  public var failed: Int
  public var failures: [Failure]

  /// True when nothing failed.
  public var succeeded: Bool { failed == 0 }

  /// The failures, one per line (or block), then `N passed, N failed`.
  public var rendered: String {
    var lines = failures.map(\.rendered)
    lines.append("\(passed) passed, \(failed) failed")
    return lines.joined(separator: "\n")
  }
}

extension RuleSet {
  /// Runs every example and counterexample in the rule files against the whole rule set
  /// (so an example fails when its annotation loses a conflict).
  public func runTests() -> RuleTestReport {
    var report = RuleTestReport(passed: 0, failed: 0, failures: [])
    let normalizer = Normalizer()
    let tokenizer = Tokenizer()
    for (r, rule) in rules.enumerated() {
      let cases = rule.syntax.examples.map { ($0, false) } + rule.syntax.counterexamples.map { ($0, true) }
      for (example, counter) in cases {
        let text = normalizer.normalize(example.text)
        let tokens = tokenizer.tokenize(text)
        let run = self.run(text, tokens: tokens, allFields: true)
        let problem = check(example, counter: counter, ruleIndex: r, run: run)
        if let problem {
          report.failed += 1
          report.failures.append(
            RuleTestReport.Failure(
              rule: rule.id, file: example.location.file, line: example.location.line,
              column: example.location.column, message: problem))
        } else {
          report.passed += 1
        }
      }
    }
    return report
  }

  /// Nil when the example passes, else why it failed.
  private func check(_ example: ExampleSyntax, counter: Bool, ruleIndex: Int, run: AnnotationRun) -> String? {
    let rule = rules[ruleIndex]
    let text = run.doc.text
    let mine = run.winners.filter { run.candidates[$0].ruleIndex == ruleIndex }.map { run.annotations[$0] }
    let spans = example.spans.map { normalizedRange(text, raw: $0) }
    func show(_ a: Annotation) -> String {
      let fields = a.fields.keys.sorted().map { "\($0): \(a.fields[$0]!)" }.joined(separator: ", ")
      return "\(a.type) [\(text.string(a.start..<a.end))] {\(fields)}"
    }
    let emitted = mine.isEmpty ? "it emitted nothing" : "it emitted " + mine.map { show($0) }.joined(separator: "; ")
    if counter {
      if spans.isEmpty {
        return mine.isEmpty ? nil : "counterexample \"\(example.text)\": the rule must not match, but \(emitted)"
      }
      for s in spans where mine.contains(where: { $0.start == s.lowerBound && $0.end == s.upperBound }) {
        return "counterexample \"\(example.text)\": the rule must not emit [\(text.string(s))], but it did"
      }
      return nil
    }
    if spans.isEmpty {
      if !mine.isEmpty { return nil }
      return "example \"\(example.text)\": expected a match; " + whyNot(ruleIndex, run: run)
    }
    for s in spans {
      guard let hit = mine.first(where: { $0.start == s.lowerBound && $0.end == s.upperBound }) else {
        // Lost a conflict?
        if let i = run.candidates.indices.first(where: {
          run.candidates[$0].ruleIndex == ruleIndex && run.annotations[$0].start == s.lowerBound
            && run.annotations[$0].end == s.upperBound
        }), let w = run.lostTo(i) {
          let winner = run.candidates[w]
          return "example \"\(example.text)\": [\(text.string(s))] lost a conflict to rule \(rules[winner.ruleIndex].id) (\(show(run.annotations[w])))"
        }
        var message = "example \"\(example.text)\": expected an annotation on [\(text.string(s))]; \(emitted)"
        if mine.isEmpty { message += "; " + whyNot(ruleIndex, run: run) }
        return message
      }
      for (k, v) in example.fields.sorted(by: { $0.key < $1.key }) where hit.fields[k] != v {
        let got = hit.fields[k].map { "\"\($0)\"" } ?? "nothing"
        return "example \"\(example.text)\": field \(k) should be \"\(v)\", got \(got)"
      }
    }
    _ = rule
    return nil
  }

  /// A one-line reason why a rule did not match a document (the farthest it got).
  func whyNot(_ ruleIndex: Int, run: AnnotationRun) -> String {
    let attempts = trace(ruleIndex, doc: run.doc)
    guard let best = attempts.max(by: { ($0.trace.farthest - $0.start) < ($1.trace.farthest - $1.start) }) else {
      return "the rule was never tried: no token can start it"
    }
    return describeFailure(ruleIndex, best, doc: run.doc)
  }

  /// Maps a span of raw scalars of the example text to normalized offsets.
  private func normalizedRange(_ text: NormalizedText, raw: Range<Int>) -> Range<Int> {
    var lo = text.scalars.count, hi = text.scalars.count
    for i in 0...text.scalars.count where Int(text.rawOffsets[i]) >= raw.lowerBound {
      lo = i
      break
    }
    for i in 0...text.scalars.count where Int(text.rawOffsets[i]) >= raw.upperBound {
      hi = i
      break
    }
    // Marks at a space's edge: `[ 46 ]` — trim spaces.
    while lo < hi, text.scalars[lo] == 0x20 { lo += 1 }
    while hi > lo, text.scalars[hi - 1] == 0x20 { hi -= 1 }
    return lo..<max(lo, hi)
  }
}
