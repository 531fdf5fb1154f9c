import Tokenization
import VNText

/// How much work matching did: a timing-independent measure of the engine's cost, for
/// regression tests and for finding the rules that cost the most.
///
/// An attempt is one rule's program started at one token; a step is one instruction the matcher
/// executed (each (instruction, token) state is executed at most once per attempt).
public struct MatchCounters: Sendable, Equatable {
  /// Work attributed to one rule.
  public struct PerRule: Sendable, Equatable {
    public var attempts = 0
    public var steps = 0
    public var matches = 0
  }

  public var documents = 0
  public var tokens = 0
  public var attempts = 0
  public var steps = 0
  public var matches = 0
  /// Per rule id; filled only when `perRule` was asked for (see `RuleSet.annotate(_:tokens:counters:)`).
  public var byRule: [String: PerRule] = [:]
  /// Whether to fill `byRule` (slower).
  public var perRule: Bool

  public init(perRule: Bool = false) {
    self.perRule = perRule
  }

  public var attemptsPerToken: Double { tokens == 0 ? 0 : Double(attempts) / Double(tokens) }
  public var stepsPerToken: Double { tokens == 0 ? 0 : Double(steps) / Double(tokens) }
}

extension RuleSet {
  /// `annotate`, adding the work done to `counters`.
  public func annotate(_ text: NormalizedText, tokens: [Token], counters: inout MatchCounters) -> [Annotation] {
    winnerAnnotations(withUnsafeMutablePointer(to: &counters) { self.run(text, tokens: tokens, counters: $0) })
  }
}
