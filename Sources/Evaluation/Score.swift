/// True positives, false positives and false negatives, with the rates derived from them.
public struct Score: Sendable, Equatable, Encodable {
  /// Predicted and in gold.
  public var tp: Int
  /// Predicted, not in gold.
  public var fp: Int
  /// In gold, not predicted.
  public var fn: Int

  /// A score from its three counts.
  public init(tp: Int = 0, fp: Int = 0, fn: Int = 0) {
    self.tp = tp
    self.fp = fp
    self.fn = fn
  }

  /// Nothing in gold and nothing predicted: the rates are not defined.
  public var isEmpty: Bool { tp + fp + fn == 0 }
  /// Gold items.
  public var gold: Int { tp + fn }
  /// Predicted items.
  public var predicted: Int { tp + fp }
  /// TP / (TP + FP); 0 when nothing was predicted.
  public var precision: Double { predicted == 0 ? 0 : Double(tp) / Double(predicted) }
  /// TP / (TP + FN); 0 when gold is empty.
  public var recall: Double { gold == 0 ? 0 : Double(tp) / Double(gold) }
  /// Harmonic mean of precision and recall; 0 when both are 0.
  public var f1: Double {
    let sum = precision + recall
    return sum == 0 ? 0 : 2 * precision * recall / sum
  }

  /// Adds another score's counts.
  public static func + (lhs: Score, rhs: Score) -> Score {
    Score(tp: lhs.tp + rhs.tp, fp: lhs.fp + rhs.fp, fn: lhs.fn + rhs.fn)
  }

  private enum CodingKeys: String, CodingKey {
    case tp, fp, fn, precision, recall, f1
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(tp, forKey: .tp)
    try container.encode(fp, forKey: .fp)
    try container.encode(fn, forKey: .fn)
    try container.encode(Score.rounded(precision), forKey: .precision)
    try container.encode(Score.rounded(recall), forKey: .recall)
    try container.encode(Score.rounded(f1), forKey: .f1)
  }

  /// Four decimals are plenty for a report and keep JSON output stable.
  static func rounded(_ value: Double) -> Double {
    (value * 10_000).rounded() / 10_000
  }
}

/// How many matched pairs agree on a property (metric or qualifier).
public struct Agreement: Sendable, Equatable, Encodable {
  /// Pairs that agree.
  public var correct: Int
  /// Pairs compared.
  public var total: Int

  /// An agreement count.
  public init(correct: Int = 0, total: Int = 0) {
    self.correct = correct
    self.total = total
  }

  /// correct / total; 0 when nothing was compared.
  public var accuracy: Double { total == 0 ? 0 : Double(correct) / Double(total) }

  private enum CodingKeys: String, CodingKey { case correct, total, accuracy }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(correct, forKey: .correct)
    try container.encode(total, forKey: .total)
    try container.encode(Score.rounded(accuracy), forKey: .accuracy)
  }
}
