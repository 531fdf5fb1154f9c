import RuleLanguage

/// A rule ready to run: its program, captures and emissions.
struct CompiledRule: Sendable {
  var id: String
  /// Position in file order over the whole rule set (sorted files, then order in the file).
  var order: Int
  var priority: Int
  var program: Program
  var captureNames: [String]
  var captureGazetteer: [Int?]
  var emissions: [CompiledEmission]
  var syntax: RuleSyntax
  var file: String
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

  /// Types produced by role emissions (the token classes a role can target).
  static let roleTypes: Set<String> = [
    "money", "count", "percent", "area", "date", "period", "number", "time",
  ]
}
