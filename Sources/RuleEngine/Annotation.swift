/// What a rule says about a span of the text: a metric for a typed token (role rules) or a new
/// mention (entity rules). Offsets are normalized scalars, end exclusive.
public struct Annotation: Sendable, Equatable, Hashable {
  /// The id of the rule that emitted it.
  public var rule: String
  /// `money`, `count`, … for role rules (the token's class); the mention type for entity rules.
  public var type: String
  /// Start in normalized scalars.
  public var start: Int
  /// End in normalized scalars (exclusive).
  public var end: Int
  /// `metric` for role rules; the emitted fields for entity rules.
  public var fields: AnnotationFields
  /// The rule's priority.
  public var priority: Int

  public init(rule: String, type: String, start: Int, end: Int, fields: AnnotationFields, priority: Int) {
    self.rule = rule
    self.type = type
    self.start = start
    self.end = end
    self.fields = fields
    self.priority = priority
  }

}
