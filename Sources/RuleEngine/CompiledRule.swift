import RuleLanguage

/// A rule ready to run: its program, captures and emissions. A class, so that the hot loop
/// touches one reference, not a dozen fields.
final class CompiledRule: Sendable {
  let id: String
  /// Position in file order over the whole rule set (sorted files, then order in the file).
  let order: Int
  let priority: Int
  let program: Program
  let captureNames: [String]
  let captureGazetteer: [Int?]
  let emissions: [CompiledEmission]
  let syntax: RuleSyntax
  let file: String
  /// Syllables and classes every match contains (see `PatternCompiler.requirements`).
  let requirements: [Requirement]
  /// Elements every match contains near its start (see `Anchor`).
  let anchors: [Anchor]

  init(
    id: String, order: Int, priority: Int, program: Program, captureNames: [String],
    captureGazetteer: [Int?], emissions: [CompiledEmission], syntax: RuleSyntax, file: String,
    requirements: [Requirement], anchors: [Anchor] = []
  ) {
    self.requirements = requirements
    self.anchors = anchors
    self.id = id
    self.order = order
    self.priority = priority
    self.program = program
    self.captureNames = captureNames
    self.captureGazetteer = captureGazetteer
    self.emissions = emissions
    self.syntax = syntax
    self.file = file
  }
}

/// An emission with captures resolved to slots.
struct CompiledEmission: Sendable {
  enum Kind: Sendable {
    case role(target: Int, metric: String)
    case entity(type: String, span: Int?)
  }

  enum Value: Sendable {
    case literal(String)
    case capture(Int)
  }

  var kind: Kind
  var fields: [(String, Value)]
  /// Whether every field name (a role's `metric` included) is given once; otherwise the fields
  /// are built in order, the later one winning.
  let distinctNames: Bool
  /// The fields when none takes a capture's value and the names are distinct: built once, so
  /// that such an annotation's fields cost no allocation.
  let constant: AnnotationFields?

  /// `kind` as plain values for `RuleSet.emit`, which runs for every match (reading the enum
  /// copies its strings): the role's target slot or -1 for an entity; an entity's span slot or
  /// -1 for the whole match; the entity type ("" for a role).
  let target: Int
  let span: Int
  let entityType: String

  init(kind: Kind, fields: [(String, Value)]) {
    self.kind = kind
    self.fields = fields
    switch kind {
    case .role(let t, _):
      (target, span, entityType) = (t, -1, "")
    case .entity(let type, let s):
      (target, span, entityType) = (-1, s ?? -1, type)
    }
    var names = fields.map(\.0)
    if case .role = kind { names.append("metric") }
    distinctNames = Set(names).count == names.count
    let hasCaptures = fields.contains { if case .capture = $0.1 { return true } else { return false } }
    if distinctNames && !hasCaptures {
      var c = AnnotationFields(minimumCapacity: names.count)
      for case (let name, .literal(let s)) in fields { c.appendNew(name, s) }
      if case .role(_, let metric) = kind { c.appendNew("metric", metric) }
      constant = c
    } else {
      constant = nil
    }
  }

  /// Types produced by role emissions (the token classes a role can target).
  static let roleTypes: Set<String> = [
    "money", "count", "percent", "area", "date", "period", "number", "time",
  ]
}
