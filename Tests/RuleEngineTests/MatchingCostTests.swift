import Foundation
import RuleEngine
import Tokenization
import VNText
import XCTest

/// A regression guard for matching cost that does not depend on timing: the project's rule
/// pack (`rules/`) over the corpus articles (`corpus/*.txt`) must not try more rules, nor
/// execute more matcher steps, per token than the bounds below. The bounds are about 1.5× the
/// values measured when they were set; a change to the engine or to the rules that makes
/// matching blow up (a rule tried everywhere, a gap that explores every split) fails here.
///
/// If a deliberate change needs more, look at the rules listed in the failure message first.
final class MatchingCostTests: XCTestCase {
  /// Rule attempts (a rule's program started at a token) per token of the corpus. Measured
  /// 0.224 (79 articles, 25 429 tokens, December 2026); 0.230 before the two person rules with
  /// a title in front became one, 0.346 before gazetteer-first,
  /// capitalized-literal and class-pair rules were indexed by their first two tokens or their
  /// shape, 0.406 before windows ended at line breaks, 0.411 before anchors were deduplicated,
  /// 1.39 before window anchors.
  static let maxAttemptsPerToken = 0.35
  /// Matcher steps (instructions executed; an attempt rejected on its first atoms counts one)
  /// per token of the corpus. Measured 2.28; 2.54 before those two person rules became one
  /// (the pair's rule read the title again at every title), 2.67 before that indexing, 3.31 before windows
  /// ended at line breaks, 4.14 before jumps were threaded and one-token alternatives merged,
  /// 12.4 before window anchors.
  static let maxStepsPerToken = 3.4

  func testRulePackCostPerTokenIsBounded() throws {
    let set = try projectRuleSet()
    let corpus = projectRoot.appendingPathComponent("corpus")
    let files = try FileManager.default.contentsOfDirectory(atPath: corpus.path)
      .filter { $0.hasSuffix(".txt") }.sorted()
    XCTAssertGreaterThan(files.count, 10, "corpus articles not found at \(corpus.path)")
    var counters = MatchCounters(perRule: true)
    for f in files {
      let text = try String(contentsOf: corpus.appendingPathComponent(f), encoding: .utf8)
      let normalized = Normalizer().normalize(text)
      let tokens = Tokenizer().tokenize(normalized)
      _ = set.annotate(normalized, tokens: tokens, counters: &counters)
    }
    let top = counters.byRule.sorted { $0.value.steps > $1.value.steps }.prefix(12).map { id, c in
      "  \(id): \(c.attempts) attempts, \(c.steps) steps, \(c.matches) matches"
    }.joined(separator: "\n")
    let summary = String(
      format: "%d documents, %d tokens: %.3f attempts/token (bound %.2f), %.2f steps/token (bound %.1f)",
      counters.documents, counters.tokens, counters.attemptsPerToken, Self.maxAttemptsPerToken,
      counters.stepsPerToken, Self.maxStepsPerToken)
    print("MatchingCost: " + summary + "\ncostliest rules:\n" + top)
    XCTAssertEqual(counters.documents, files.count)
    XCTAssertGreaterThan(counters.tokens, 10_000)
    XCTAssertGreaterThan(counters.matches, 0)
    XCTAssertLessThanOrEqual(counters.attemptsPerToken, Self.maxAttemptsPerToken, summary + "\n" + top)
    XCTAssertLessThanOrEqual(counters.stepsPerToken, Self.maxStepsPerToken, summary + "\n" + top)
  }

  /// The counters count what `annotate` does and do not change its result.
  func testCountersDoNotChangeAnnotations() throws {
    let set = try XCTUnwrap(makeRuleSet("""
      rules:
        - id: money.violation
          pattern: '"phát hiện" ("sai phạm" | "vi phạm") []{0,6} amount:MONEY'
          emit: {target: amount, metric: violation_amount}
      """))
    let text = "Thanh tra phát hiện sai phạm về kinh tế 46.237 triệu đồng. Phát hiện vi phạm 2 tỷ đồng."
    let normalized = Normalizer().normalize(text)
    let tokens = Tokenizer().tokenize(normalized)
    var counters = MatchCounters()
    let counted = set.annotate(normalized, tokens: tokens, counters: &counters)
    XCTAssertEqual(counted, set.annotate(normalized, tokens: tokens))
    XCTAssertEqual(counted.count, 2)
    XCTAssertEqual(counters.documents, 1)
    XCTAssertEqual(counters.tokens, tokens.count)
    XCTAssertEqual(counters.attempts, 2)  // tried where "phát hiện" starts, nowhere else
    XCTAssertGreaterThan(counters.steps, 2)
  }
}
