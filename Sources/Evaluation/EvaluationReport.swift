import Foundation

/// The result of scoring records against gold: totals per type and metric, agreement on
/// matched pairs, and per document what was missed and what was wrongly found.
public struct EvaluationReport: Sendable, Encodable {
  /// The score of one mention type summed over all documents.
  public struct TypeScore: Sendable, Equatable, Encodable {
    /// The mention type.
    public var type: MentionType
    /// Its score.
    public var score: Score
  }

  /// The score of one metric of money or counts, each metric taken as a class.
  public struct MetricScore: Sendable, Equatable, Encodable {
    /// `money` or `count`.
    public var type: MentionType
    /// The metric name (`violation_amount`, `inspections`, …; `(none)` if a record gave none).
    public var metric: String
    /// Its score.
    public var score: Score
  }

  /// Agreement on matched pairs of one type.
  public struct TypeAgreement: Sendable, Equatable, Encodable {
    /// `money` or `count`.
    public var type: MentionType
    /// The counts.
    public var agreement: Agreement
  }

  /// A matched pair that disagrees on metric or qualifier.
  public struct Disagreement: Sendable, Equatable, Encodable {
    /// What differs: `metric` or `qualifier`.
    public var property: String
    /// The gold mention.
    public var gold: ScoredMention
    /// The predicted value of the property (nil when the record gave none).
    public var predicted: String?
  }

  /// One document's diff.
  public struct DocumentReport: Sendable, Equatable, Encodable {
    /// The gold `doc`.
    public var doc: String
    /// The id of the record scored against it, or nil when no record had it.
    public var recordID: String?
    /// The record's error message, when the record was an error record.
    public var error: String?
    /// The document's score over all types.
    public var score: Score
    /// Gold mentions not found.
    public var misses: [ScoredMention]
    /// Predicted mentions not in gold.
    public var falseAlarms: [ScoredMention]
    /// For false alarms that are one of the document's bylines: their index in `falseAlarms`.
    public var bylineFalseAlarms: [Int]
    /// Matched pairs that disagree on metric or qualifier.
    public var disagreements: [Disagreement]
  }

  /// Per type, in `MentionType` order.
  public var types: [TypeScore]
  /// All types pooled.
  public var micro: Score
  /// Mean F1 over the types that have gold or predictions.
  public var macroF1: Double
  /// Per metric of money and counts.
  public var metrics: [MetricScore]
  /// Metric agreement on matched money and count pairs.
  public var metricAccuracy: [TypeAgreement]
  /// Qualifier agreement on matched money and count pairs.
  public var qualifierAccuracy: [TypeAgreement]
  /// Per gold document, in gold order.
  public var documents: [DocumentReport]
  /// Record ids that have no gold document (or whose gold document was already scored).
  public var unscored: [String]
  /// Line numbers of record lines that are not JSON objects.
  public var unreadableLines: [Int]
  /// Record mentions of types gold does not cover (organization, …), by type.
  public var ignoredMentions: [String: Int]

  /// The report as one pretty-printed JSON object with sorted snake_case keys (like the
  /// record contract's field names: `macro_f1`, `false_alarms`, `record_id`).
  public func renderJSON() -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    encoder.keyEncodingStrategy = .convertToSnakeCase
    guard let data = try? encoder.encode(self), let text = String(data: data, encoding: .utf8)
    else { return "{}" }
    return text
  }
}
